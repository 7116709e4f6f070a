/** The instant every test starts at unless it says otherwise: Monday 2026-11-16, 09:00 UTC. */
export const DEFAULT_NOW = '2026-11-16T09:00:00Z';

/**
 * The clock of a test file's sandboxes, passed to them as `now`, so a test written today reads the same
 * in 2030. It stands still until a test moves it.
 */
export class TestClock {
  private base: number;
  private current: number;

  constructor(start: string | Date = DEFAULT_NOW) {
    this.base = instant(start);
    this.current = this.base;
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Set the clock, and the moment `reset()` returns it to. */
  start(at: string | Date): void {
    this.base = instant(at);
    this.current = this.base;
  }

  set(at: string | Date): void {
    this.current = instant(at);
  }

  /** Back to the file's start moment (before each test). */
  reset(): void {
    this.current = this.base;
  }
}

function instant(at: string | Date): number {
  const ms = at instanceof Date ? at.getTime() : Date.parse(at);
  if (!Number.isFinite(ms)) throw new Error(`not an instant: ${String(at)}`);
  return ms;
}

/** This test file's clock (vitest runs each file in its own module graph). */
export const testClock = new TestClock();

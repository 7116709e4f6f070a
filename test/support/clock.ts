import type { Clock } from '../../src/clock.js';

/** The instant every test starts at unless it says otherwise: Monday 2026-11-16, 09:00 UTC. */
export const DEFAULT_NOW = '2026-11-16T09:00:00Z';

/**
 * The one clock of a test file: teamops (runCli, and TEAMOPS_NOW for spawned processes) and the
 * sandbox both read it, so a test written today reads the same in 2030. It stands still until a
 * test moves it; `sleep` moves it instead of waiting, so retries and rate-limit waits cost no time.
 */
export class TestClock implements Clock {
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

  advance(ms: number): void {
    this.current += ms;
  }

  /** Back to the file's start moment (before each test). */
  reset(): void {
    this.current = this.base;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const until = this.current + Math.max(0, ms);
    // Let other requests in flight run first, as they would while this one waits.
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
    this.current = Math.max(this.current, until);
  }
}

function instant(at: string | Date): number {
  const ms = at instanceof Date ? at.getTime() : Date.parse(at);
  if (!Number.isFinite(ms)) throw new Error(`not an instant: ${String(at)}`);
  return ms;
}

/** This test file's clock (vitest runs each file in its own module graph). */
export const testClock = new TestClock();

import { SettableClock } from '@teamops/gitlab-sandbox/testing';
import type { Clock } from '../../src/clock.js';

/** The instant every test starts at unless it says otherwise: Monday 2026-11-16, 09:00 UTC. */
export const DEFAULT_NOW = '2026-11-16T09:00:00Z';

/**
 * The one clock of a test file: teamops (runCli, and TEAMOPS_NOW for spawned processes) and the
 * sandbox both read it, so a test written today reads the same in 2030. It stands still until a
 * test moves it; `sleep` moves it instead of waiting, so retries and rate-limit waits cost no time.
 */
export class TestClock extends SettableClock implements Clock {
  constructor(start: string | Date = DEFAULT_NOW) {
    super(start);
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const until = this.current + Math.max(0, ms);
    // Let other requests in flight run first, as they would while this one waits.
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
    this.current = Math.max(this.current, until);
  }
}

/** This test file's clock (vitest runs each file in its own module graph). */
export const testClock = new TestClock();

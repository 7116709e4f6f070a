import { describe, expect, it } from 'vitest';
import { RatePacer, type PacerClock } from '../../src/gitlab/pacer.js';

/** A clock whose sleeps advance time instantly, so pacing decisions can be read off exactly. */
function virtualClock(start = 1_000_000_000_000): PacerClock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

const headers = (remaining: number, resetEpochSeconds: number, observed = 0) =>
  new Headers({ 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(resetEpochSeconds), 'ratelimit-observed': String(observed) });

describe('RatePacer', () => {
  it('does not wait while GitLab reports plenty of quota', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const reset = Math.ceil(clock.now() / 1000) + 60;
    for (let i = 0; i < 50; i += 1) {
      await pacer.acquire();
      pacer.release(headers(1000 - i, reset, i));
    }
    expect(clock.slept).toEqual([]);
  });

  it('waits for the window to reset once the quota is spent', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const resetSeconds = Math.ceil(clock.now() / 1000) + 10;
    await pacer.acquire();
    pacer.release(headers(0, resetSeconds, 100));
    await pacer.acquire();
    expect(clock.now()).toBeGreaterThanOrEqual(resetSeconds * 1000);
    expect(clock.slept).toHaveLength(1);
  });

  it('counts requests still in flight against what is left', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const resetSeconds = Math.ceil(clock.now() / 1000) + 30;
    // Four requests go out at once; the first answer says three are left, but three are still in flight.
    for (let i = 0; i < 4; i += 1) await pacer.acquire();
    pacer.release(headers(3, resetSeconds, 97));
    await pacer.acquire();
    expect(clock.now()).toBeGreaterThanOrEqual(resetSeconds * 1000);
  });

  it('spreads the last part of the budget over the time to the reset', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const resetSeconds = Math.ceil(clock.now() / 1000) + 20;
    await pacer.acquire();
    pacer.release(headers(5, resetSeconds, 95));
    const start = clock.now();
    for (let i = 0; i < 4; i += 1) {
      await pacer.acquire();
      pacer.release();
    }
    // Spread, not burst: the four requests take a good part of the 20 s, and none waits past the reset.
    expect(clock.slept.length).toBeGreaterThanOrEqual(3);
    expect(clock.now() - start).toBeGreaterThan(5_000);
    expect(clock.now()).toBeLessThanOrEqual(resetSeconds * 1000 + 100);
  });

  it('holds every request back after a 429 for as long as GitLab asked', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    pacer.blockFor(3_000);
    const start = clock.now();
    await pacer.acquire();
    expect(clock.now() - start).toBe(3_000);
    expect(pacer.waitedMs).toBe(3_000);
  });

  it('ignores responses without rate-limit headers', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    for (let i = 0; i < 5; i += 1) {
      await pacer.acquire();
      pacer.release(new Headers());
    }
    expect(clock.slept).toEqual([]);
  });
});

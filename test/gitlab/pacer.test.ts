import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.js';
import { RatePacer } from '../../src/gitlab/pacer.js';

/** A clock whose sleeps advance time instantly, so pacing decisions can be read off exactly. */
function virtualClock(start = 1_000_000_000_000): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(now),
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
  };
}

const headers = (remaining: number, resetEpochSeconds: number, observed = 0) =>
  new Headers({
    'ratelimit-remaining': String(remaining),
    'ratelimit-reset': String(resetEpochSeconds),
    'ratelimit-observed': String(observed),
  });

describe('RatePacer', () => {
  it('does not wait while GitLab reports plenty of quota', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const reset = Math.ceil(clock.now().getTime() / 1000) + 60;
    for (let i = 0; i < 50; i += 1) {
      await pacer.acquire();
      pacer.release(headers(1000 - i, reset, i));
    }
    expect(clock.slept).toEqual([]);
  });

  it('waits for the window to reset once the quota is spent', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const resetSeconds = Math.ceil(clock.now().getTime() / 1000) + 10;
    await pacer.acquire();
    pacer.release(headers(0, resetSeconds, 100));
    await pacer.acquire();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(resetSeconds * 1000);
    expect(clock.slept).toHaveLength(1);
  });

  it('counts requests still in flight against what is left', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const resetSeconds = Math.ceil(clock.now().getTime() / 1000) + 30;
    // Four requests go out at once; the first answer says three are left, but three are still in flight.
    for (let i = 0; i < 4; i += 1) await pacer.acquire();
    pacer.release(headers(3, resetSeconds, 97));
    await pacer.acquire();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(resetSeconds * 1000);
  });

  it('spreads the last part of the budget over the time to the reset', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const resetSeconds = Math.ceil(clock.now().getTime() / 1000) + 20;
    await pacer.acquire();
    pacer.release(headers(5, resetSeconds, 95));
    const start = clock.now().getTime();
    for (let i = 0; i < 4; i += 1) {
      await pacer.acquire();
      pacer.release();
    }
    // Spread, not burst: the four requests take a good part of the 20 s, and none waits past the reset.
    expect(clock.slept.length).toBeGreaterThanOrEqual(3);
    expect(clock.now().getTime() - start).toBeGreaterThan(5_000);
    expect(clock.now().getTime()).toBeLessThanOrEqual(resetSeconds * 1000 + 100);
  });

  it('holds every request back after a 429 for as long as GitLab asked', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    pacer.blockFor(3_000);
    const start = clock.now().getTime();
    await pacer.acquire();
    expect(clock.now().getTime() - start).toBe(3_000);
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

  it("reads RateLimit-Reset on the server's clock, taken from its Date header", async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    // A server a year ahead (a rehearsal sandbox, or a client clock that is far off): its window
    // resets 10 s from *its* now, which the pacer must not read as a year from ours.
    const serverNow = clock.now().getTime() + 365 * 86_400_000;
    const resetSeconds = Math.ceil(serverNow / 1000) + 10;
    await pacer.acquire();
    pacer.release(
      new Headers({
        date: new Date(serverNow).toUTCString(),
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(resetSeconds),
        'ratelimit-observed': '100',
      }),
    );
    const start = clock.now().getTime();
    await pacer.acquire();
    expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(9_000);
    expect(clock.now().getTime() - start).toBeLessThanOrEqual(11_600);
  });

  it('takes clocks a second or two apart as agreeing, since Date has whole seconds', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const resetSeconds = Math.ceil(clock.now().getTime() / 1000) + 5;
    await pacer.acquire();
    pacer.release(
      new Headers({
        date: new Date(clock.now().getTime() - 1_500).toUTCString(),
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(resetSeconds),
      }),
    );
    await pacer.acquire();
    expect(clock.now().getTime()).toBe(resetSeconds * 1000 + 50);
  });
});

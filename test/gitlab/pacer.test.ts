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
      const ticket = await pacer.acquire();
      pacer.release(ticket, headers(1000 - i, reset, i));
    }
    expect(clock.slept).toEqual([]);
  });

  it('waits for the window to reset once the quota is spent', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const resetSeconds = Math.ceil(clock.now().getTime() / 1000) + 10;
    pacer.release(await pacer.acquire(), headers(0, resetSeconds, 100));
    await pacer.acquire();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(resetSeconds * 1000);
    expect(clock.slept).toHaveLength(1);
  });

  it('counts the requests sent after the one answered against what is left', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const resetSeconds = Math.ceil(clock.now().getTime() / 1000) + 30;
    // Four requests go out at once; the first one's answer says three were left when GitLab counted it,
    // and the other three were sent after it: nothing is left for a fifth before the reset.
    const tickets = [];
    for (let i = 0; i < 4; i += 1) tickets.push(await pacer.acquire());
    pacer.release(tickets[0]!, headers(3, resetSeconds, 97));
    await pacer.acquire();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(resetSeconds * 1000);
  });

  it('does not count the requests sent before the one answered twice: GitLab has counted them', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const resetSeconds = Math.ceil(clock.now().getTime() / 1000) + 30;
    // Four go out; the answer to the last says four were left when GitLab counted it (the three before
    // it included). Less the margin for reordering, three more may go before the reset (spread over
    // the time to it, as the window runs low), and no more.
    const tickets = [];
    for (let i = 0; i < 4; i += 1) tickets.push(await pacer.acquire());
    pacer.release(tickets[3]!, headers(4, resetSeconds, 96));
    // The earlier requests' answers are older word on the same window and change nothing.
    pacer.release(tickets[0]!, headers(7, resetSeconds, 93));
    for (let i = 0; i < 3; i += 1) await pacer.acquire();
    expect(clock.now().getTime()).toBeLessThan(resetSeconds * 1000);
    await pacer.acquire();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(resetSeconds * 1000);
  });

  it('takes the first answer from the next window as its budget, and ignores late answers from the last', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const firstReset = Math.ceil(clock.now().getTime() / 1000) + 2;
    const first = await pacer.acquire();
    const late = await pacer.acquire();
    pacer.release(first, headers(0, firstReset, 120));
    // Waits for the reset; the new window's first answer says 119 are left.
    const next = await pacer.acquire();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(firstReset * 1000);
    pacer.release(next, headers(119, firstReset + 2, 1));
    // A request of the old window answers late: its window is over, it says nothing about this one.
    pacer.release(late, headers(0, firstReset, 121));
    for (let i = 0; i < 100; i += 1) await pacer.acquire();
    expect(clock.now().getTime()).toBeLessThan((firstReset + 1) * 1000);
  });

  it('spreads the last part of the budget over the time to the reset', async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    const resetSeconds = Math.ceil(clock.now().getTime() / 1000) + 20;
    pacer.release(await pacer.acquire(), headers(5, resetSeconds, 95));
    const start = clock.now().getTime();
    for (let i = 0; i < 4; i += 1) pacer.release(await pacer.acquire());
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
    for (let i = 0; i < 5; i += 1) pacer.release(await pacer.acquire(), new Headers());
    expect(clock.slept).toEqual([]);
  });

  it("reads RateLimit-Reset on the server's clock, taken from its Date header", async () => {
    const clock = virtualClock();
    const pacer = new RatePacer(clock);
    // A server a year ahead (a rehearsal sandbox, or a client clock that is far off): its window
    // resets 10 s from *its* now, which the pacer must not read as a year from ours.
    const serverNow = clock.now().getTime() + 365 * 86_400_000;
    const resetSeconds = Math.ceil(serverNow / 1000) + 10;
    pacer.release(
      await pacer.acquire(),
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
    pacer.release(
      await pacer.acquire(),
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

import { describe, expect, it } from 'vitest';
import { ConcurrencyController, sampleOf, type RequestSample } from '../../src/gitlab/concurrency.js';

const ok = (latencyMs: number, extra: Partial<RequestSample> = {}): RequestSample => ({ latencyMs, status: 200, ...extra });

function feed(controller: ConcurrencyController, samples: RequestSample[]): string[] {
  return samples.map((sample) => controller.observe(sample));
}

describe('the adaptive concurrency controller', () => {
  it('starts moderate and grows by one per fast response up to the ceiling', () => {
    const controller = new ConcurrencyController({ ceiling: 32 });
    expect(controller.limit).toBe(8);
    const decisions = feed(
      controller,
      Array.from({ length: 30 }, () => ok(25)),
    );
    expect(controller.limit).toBe(32);
    expect(decisions.slice(0, 24)).toEqual(Array.from({ length: 24 }, () => 'grow'));
    expect(decisions.slice(24)).toEqual(Array.from({ length: 6 }, () => 'hold'));
  });

  it('never starts above the ceiling, and a ceiling of 1 means one at a time', () => {
    expect(new ConcurrencyController({ ceiling: 4 }).limit).toBe(4);
    const single = new ConcurrencyController({ ceiling: 1 });
    feed(
      single,
      Array.from({ length: 10 }, () => ok(1)),
    );
    expect(single.limit).toBe(1);
  });

  it('shrinks on a 5xx, a dropped connection or a 429, once per round trip', () => {
    const controller = new ConcurrencyController({ ceiling: 64, initial: 20 });
    expect(controller.observe({ latencyMs: 30, status: 503 })).toBe('shrink');
    expect(controller.limit).toBe(14);
    // The other responses of that round were sent under the old limit: no second cut for them.
    expect(
      feed(
        controller,
        Array.from({ length: 19 }, () => ({ latencyMs: 30, status: 502 })),
      ),
    ).toEqual(Array.from({ length: 19 }, () => 'hold'));
    expect(controller.limit).toBe(14);
    expect(controller.observe({ latencyMs: 30, status: undefined })).toBe('shrink');
    expect(controller.limit).toBe(9);
    feed(
      controller,
      Array.from({ length: 13 }, () => ok(30)),
    );
    expect(controller.observe({ latencyMs: 5, status: 429 })).toBe('shrink');
    expect(controller.limit).toBeLessThan(9);
  });

  it('after backing off grows by one per round trip, not per response', () => {
    const controller = new ConcurrencyController({ ceiling: 64, initial: 10 });
    controller.observe({ latencyMs: 20, status: 500 });
    expect(controller.limit).toBe(7);
    feed(
      controller,
      Array.from({ length: 10 }, () => ok(20)),
    );
    // holding off for the old round (10 responses) still grows additively: 10 responses at 7 → +1
    expect(controller.limit).toBe(8);
    feed(
      controller,
      Array.from({ length: 8 }, () => ok(20)),
    );
    expect(controller.limit).toBe(9);
  });

  it('shrinks when latency rises well above its long-term average, and grows again once it falls', () => {
    const controller = new ConcurrencyController({ ceiling: 64, initial: 16 });
    feed(
      controller,
      Array.from({ length: 5 }, () => ok(20)),
    );
    const limitBefore = controller.limit;
    const decisions = feed(
      controller,
      Array.from({ length: 12 }, () => ok(120)),
    );
    expect(decisions).toContain('shrink');
    expect(controller.limit).toBeLessThan(limitBefore);
    const shrunk = controller.limit;
    feed(
      controller,
      Array.from({ length: 60 }, () => ok(21)),
    );
    expect(controller.limit).toBeGreaterThan(shrunk);
  });

  it('takes steady noise on a busy machine for noise, not for queueing', () => {
    const controller = new ConcurrencyController({ ceiling: 32 });
    // 25 to 100 ms at random-looking, but steady: the average does not move, so neither does the verdict.
    const decisions = feed(
      controller,
      Array.from({ length: 200 }, (_, i) => ok(25 + ((i * 37) % 76))),
    );
    expect(decisions.filter((d) => d === 'shrink').length).toBeLessThanOrEqual(2);
    expect(controller.limit).toBe(32);
  });

  it('ignores small jitter on a fast local server', () => {
    const controller = new ConcurrencyController({ ceiling: 16 });
    const decisions = feed(
      controller,
      Array.from({ length: 40 }, (_, i) => ok(i % 2 === 0 ? 0.4 : 3)),
    );
    expect(decisions).not.toContain('shrink');
    expect(controller.limit).toBe(16);
  });

  it('never allows more in flight than the window has left before its reset', () => {
    const controller = new ConcurrencyController({ ceiling: 64, initial: 30 });
    expect(controller.observe(ok(20, { remaining: 1500, windowBudget: 2000, resetInMs: 30_000 }))).toBe('grow');
    expect(controller.observe(ok(20, { remaining: 12, windowBudget: 2000, resetInMs: 4_000 }))).toBe('cap');
    expect(controller.limit).toBe(12);
    expect(controller.observe(ok(20, { remaining: 3, windowBudget: 2000, resetInMs: 1_000 }))).toBe('cap');
    expect(controller.limit).toBe(3);
    expect(controller.observe(ok(20, { remaining: 0, windowBudget: 2000, resetInMs: 500 }))).toBe('cap');
    expect(controller.limit).toBe(1);
  });

  it('stops growing when the window runs low, shrinks to what is left, and grows again in the next window', () => {
    const controller = new ConcurrencyController({ ceiling: 64, initial: 20 });
    // 150 of 2,000 left: below a tenth, but more than the limit: it holds.
    expect(controller.observe(ok(20, { remaining: 150, windowBudget: 2000, resetInMs: 10_000 }))).toBe('hold');
    expect(controller.limit).toBe(20);
    const decisions = feed(
      controller,
      Array.from({ length: 14 }, (_, i) => ok(20, { remaining: 140 - 10 * i, windowBudget: 2000, resetInMs: 9_000 })),
    );
    expect(decisions).not.toContain('grow');
    expect(decisions).toContain('cap');
    expect(controller.limit).toBe(10);
    // A new window with its whole budget: growth resumes at once (slow start), the cap was no congestion.
    const next = feed(
      controller,
      Array.from({ length: 10 }, () => ok(20, { remaining: 1990, windowBudget: 2000, resetInMs: 59_000 })),
    );
    expect(next).toEqual(Array.from({ length: 10 }, () => 'grow'));
    expect(controller.limit).toBe(20);
  });

  it('without rate-limit headers (a self-managed GitLab with throttles off) only latency and errors steer it', () => {
    const controller = new ConcurrencyController({ ceiling: 48 });
    feed(
      controller,
      Array.from({ length: 100 }, () => ok(25)),
    );
    expect(controller.limit).toBe(48);
  });

  it("reads a window's budget from RateLimit-Observed + Remaining, not the per-minute RateLimit-Limit", () => {
    const now = Date.parse('2026-11-16T09:00:00Z');
    // A throttle of 120 requests per 2 s window, 100 of them left: GitLab says 3600 a minute.
    const headers = {
      'ratelimit-limit': '3600',
      'ratelimit-observed': '20',
      'ratelimit-remaining': '100',
      'ratelimit-reset': String(now / 1000 + 1),
    };
    const sample = sampleOf(25, 200, headers, now);
    expect(sample).toEqual({ latencyMs: 25, status: 200, remaining: 100, windowBudget: 120, resetInMs: 1_000 });
    // With most of the window left it keeps growing (read as 100 of 3600 it would hold for good).
    const controller = new ConcurrencyController({ ceiling: 32, initial: 4 });
    expect(feed(controller, [sample, sample, sample])).toEqual(['grow', 'grow', 'grow']);
  });
});

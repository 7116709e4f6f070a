/**
 * How many requests a run keeps in flight, adapted to what GitLab shows it: an AIMD controller,
 * the shape TCP uses for its congestion window.
 *
 * - It starts moderate and, while responses are fast and RateLimit-Remaining shows headroom, grows:
 *   by one per response at first (doubling each round trip, TCP's slow start), by one per round trip
 *   once it has had to back off (congestion avoidance).
 * - It shrinks by a factor on a 5xx, a dropped connection or a 429, and when the recent latency rises
 *   well above the run's long-term average (the server, or the network, is queueing our requests).
 *   When the window's budget runs low (less than a tenth left) it stops growing, and it shrinks to
 *   what is left when that is less than the limit. Comparing with a slow average rather than the fastest response seen
 *   keeps noise (a busy machine, one quick 404) from passing for queueing. It shrinks at most once per round trip: the responses already on their way were sent
 *   under the old limit and say nothing new.
 * - It never allows more requests in flight than the window has left (RateLimit-Remaining) before
 *   RateLimit-Reset, and never more than the ceiling (`--concurrency`).
 *
 * Pure: it sees only what it is told (latency, status, the rate-limit headers as numbers), so its
 * decisions can be tested with scripted responses. The transport feeds it; applyPlan asks `limit`.
 */
import { resetAtLocalMs } from './pacer.js';

export interface ConcurrencySettings {
  /** The most requests in flight ever (`--concurrency`). */
  ceiling: number;
  /** Where it starts (capped by the ceiling). */
  initial?: number;
}

/** One finished request, as the transport saw it. */
export interface RequestSample {
  /** From sending to the response's headers, without time spent waiting for the pacer. */
  latencyMs: number;
  /** The HTTP status, or undefined when the connection failed. */
  status: number | undefined;
  /** RateLimit-Remaining, when GitLab sent it. */
  remaining?: number;
  /** RateLimit-Limit (or Remaining + Observed): the window's whole budget. */
  windowBudget?: number;
  /** Milliseconds until RateLimit-Reset, when GitLab sent it. */
  resetInMs?: number;
}

export type ConcurrencyDecision = 'grow' | 'hold' | 'shrink' | 'cap';

export const DEFAULT_INITIAL_CONCURRENCY = 8;
/** Without a ceiling from the caller: the largest --concurrency accepts. */
export const MAX_CONCURRENCY = 64;
/** Recent latency this many times the long-term average (plus a little slack) counts as queueing. */
const LATENCY_RISE_FACTOR = 2;
/** Sub-millisecond jitter on a local server is not queueing. */
const LATENCY_SLACK_MS = 5;
/** The share of the window's budget below which growth stops and the limit shrinks. */
const LOW_HEADROOM_FRACTION = 0.1;
const DECREASE_FACTOR = 0.7;
/** Smoothing of the recent latency: about the last ten responses. */
const RECENT_WEIGHT = 0.2;
/** Smoothing of the long-term latency: about the last hundred responses. */
const BASELINE_WEIGHT = 0.02;

export class ConcurrencyController {
  private current: number;
  private readonly ceiling: number;
  /** Below this it grows by one per response (slow start), above by one per round trip. */
  private threshold = Number.POSITIVE_INFINITY;
  private baselineMs: number | undefined;
  private recentMs: number | undefined;
  /** Growth in congestion avoidance: a fraction of a request per response. */
  private credit = 0;
  /** Responses still to come before another shrink may happen. */
  private holdOff = 0;

  constructor(settings: ConcurrencySettings) {
    this.ceiling = Math.max(1, Math.floor(settings.ceiling));
    this.current = Math.min(this.ceiling, Math.max(1, settings.initial ?? DEFAULT_INITIAL_CONCURRENCY));
  }

  /** How many requests may be in flight now. */
  get limit(): number {
    return Math.floor(this.current);
  }

  observe(sample: RequestSample): ConcurrencyDecision {
    if (this.holdOff > 0) this.holdOff -= 1;
    const failed = sample.status === undefined || sample.status === 429 || sample.status >= 500;
    if (!failed) this.trackLatency(sample.latencyMs);

    const budgetCap = this.budgetCap(sample);
    if (budgetCap !== undefined && budgetCap < this.current) {
      // Not congestion: the next window brings its whole budget, and slow start regains the level.
      this.current = budgetCap;
      return 'cap';
    }
    if (failed || this.latencyRising()) return this.shrink();
    // The pacer spreads the window's last tenth over the time to its reset; more in flight would only wait.
    if (this.lowHeadroom(sample)) return 'hold';
    return this.grow();
  }

  private trackLatency(latencyMs: number): void {
    this.baselineMs = this.baselineMs === undefined ? latencyMs : this.baselineMs + BASELINE_WEIGHT * (latencyMs - this.baselineMs);
    this.recentMs = this.recentMs === undefined ? latencyMs : this.recentMs + RECENT_WEIGHT * (latencyMs - this.recentMs);
  }

  private latencyRising(): boolean {
    if (this.recentMs === undefined || this.baselineMs === undefined) return false;
    return this.recentMs > this.baselineMs * LATENCY_RISE_FACTOR + LATENCY_SLACK_MS;
  }

  private lowHeadroom(sample: RequestSample): boolean {
    if (sample.remaining === undefined || sample.windowBudget === undefined || sample.windowBudget <= 0) return false;
    return sample.remaining < sample.windowBudget * LOW_HEADROOM_FRACTION;
  }

  /** What is left of the window before its reset: no more than that may be in flight at once. */
  private budgetCap(sample: RequestSample): number | undefined {
    if (sample.remaining === undefined || sample.resetInMs === undefined || sample.resetInMs <= 0) return undefined;
    return Math.max(1, Math.floor(sample.remaining));
  }

  private shrink(): ConcurrencyDecision {
    if (this.holdOff > 0) return 'hold';
    const next = Math.max(1, Math.floor(this.current * DECREASE_FACTOR));
    this.threshold = next;
    this.credit = 0;
    // The responses to requests sent under the old limit are already on their way.
    this.holdOff = Math.ceil(this.current);
    if (next === this.current) return 'hold';
    this.current = next;
    // Latency measured under the old limit would shrink it again at once.
    this.recentMs = undefined;
    return 'shrink';
  }

  private grow(): ConcurrencyDecision {
    if (this.current >= this.ceiling) return 'hold';
    if (this.current < this.threshold) {
      this.current = Math.min(this.ceiling, this.current + 1);
      return 'grow';
    }
    this.credit += 1 / this.current;
    if (this.credit < 1) return 'hold';
    this.credit -= 1;
    this.current = Math.min(this.ceiling, this.current + 1);
    return 'grow';
  }
}

/**
 * A response as the controller sees it. The window's budget is RateLimit-Observed + Remaining:
 * GitLab's RateLimit-Limit is normalised to requests per minute whatever the period
 * (GitLab's doc/administration/settings/user_and_ip_rate_limits.md, "Response headers"), so for
 * a throttle of 120 per 2 s it says 3600, and read as the window's budget it would make every
 * window look nearly spent.
 */
export function sampleOf(
  latencyMs: number,
  status: number | undefined,
  headers: Record<string, string> | undefined,
  nowMs: number,
): RequestSample {
  const number = (name: string): number | undefined => {
    const value = headers?.[name];
    if (value === undefined || value.trim() === '') return undefined;
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  };
  const remaining = number('ratelimit-remaining');
  if (remaining === undefined || !headers) return { latencyMs, status };
  const observed = number('ratelimit-observed');
  const windowBudget = observed === undefined ? number('ratelimit-limit') : remaining + observed;
  const resetAt = resetAtLocalMs(headers, nowMs);
  return { latencyMs, status, remaining, windowBudget, resetInMs: resetAt === undefined ? undefined : resetAt - nowMs };
}

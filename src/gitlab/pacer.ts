/**
 * Keeps a whole run under GitLab's rate limit. GitLab (Rack::Attack) counts requests in fixed
 * windows and reports RateLimit-Remaining and RateLimit-Reset (Unix seconds) on responses.
 * One pacer is shared by every request of a connection (gitbeaker's own limiters are per
 * resource instance, so they cannot see the whole run).
 *
 * The estimate of what is left subtracts requests still in flight, because GitLab counted the
 * response we are reading before it saw them. When the estimate runs low the pacer spreads what
 * is left over the time to the reset; when it is spent it waits for the reset.
 */
import { systemClock, type Clock } from '../clock.js';
import { claimWait, type WaitBudget } from './wait-budget.js';

export type HeaderBag = Headers | Record<string, string>;

function header(headers: HeaderBag, name: string): string | null {
  return headers instanceof Headers ? headers.get(name) : (headers[name] ?? headers[name.toLowerCase()] ?? null);
}

/** Clocks within this of each other are taken to agree (NTP keeps real servers far closer). */
const SKEW_TOLERANCE_MS = 2_000;

/**
 * How far the server's clock is ahead of ours, read from the response's `Date` header, or 0 when
 * the two agree. RateLimit-Reset is an absolute time on the server's clock: a client whose clock
 * is off by minutes (or a rehearsal sandbox set to next Monday) would otherwise wait far too long.
 */
export function serverSkewMs(headers: HeaderBag, localNowMs: number): number {
  const date = Date.parse(header(headers, 'date') ?? '');
  if (!Number.isFinite(date)) return 0;
  // `Date` has whole seconds: the server's clock read somewhere in the half-open second after it.
  const skew = date + 500 - localNowMs;
  return Math.abs(skew) > SKEW_TOLERANCE_MS ? skew : 0;
}

/** RateLimit-Reset (Unix seconds on the server's clock) as a time on ours, or undefined. */
export function resetAtLocalMs(headers: HeaderBag, localNowMs: number): number | undefined {
  const reset = Number(header(headers, 'ratelimit-reset'));
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  return reset * 1000 - serverSkewMs(headers, localNowMs);
}

/** Spread the last part of a window's budget rather than bursting into the limit. */
const LOW_WATER_FRACTION = 0.1;
/** The server's window ends on a whole second; leave a little room for clock granularity. */
const RESET_MARGIN_MS = 50;

export class RatePacer {
  private estimatedRemaining = Number.POSITIVE_INFINITY;
  private windowBudget = Number.POSITIVE_INFINITY;
  private resetAtMs = 0;
  private blockedUntilMs = 0;
  private nextSendAtMs = 0;
  private inFlight = 0;
  private observedWaitMs = 0;

  constructor(
    private readonly clock: Clock = systemClock,
    /** The run's allowance for waiting; a wait that does not fit fails at once (WaitTooLongError). */
    private readonly budget?: WaitBudget,
  ) {}

  /** Total time requests spent waiting for the pacer (for --debug and the bench). */
  get waitedMs(): number {
    return this.observedWaitMs;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      if (now >= this.resetAtMs && this.resetAtMs > 0) {
        // A new window: we do not know its budget until a response tells us.
        this.estimatedRemaining = Number.POSITIVE_INFINITY;
        this.resetAtMs = 0;
      }
      const wait = this.delayFor(now);
      if (wait <= 0) break;
      if (this.budget) claimWait(this.budget, this.clock, wait, this.waitReason(now));
      this.observedWaitMs += wait;
      await this.clock.sleep(wait, signal);
    }
    const now = this.clock.now().getTime();
    if (Number.isFinite(this.estimatedRemaining)) {
      this.estimatedRemaining -= 1;
      if (this.isLow()) {
        const left = Math.max(1, this.estimatedRemaining);
        this.nextSendAtMs = now + Math.max(0, this.resetAtMs - now) / left;
      }
    }
    this.inFlight += 1;
  }

  /** Call once per response (or failure) of an acquired request. */
  release(headers?: HeaderBag): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (headers) this.observe(headers);
  }

  /** A 429 told us to stop: everyone waits. */
  blockFor(ms: number): void {
    this.blockedUntilMs = Math.max(this.blockedUntilMs, this.clock.now().getTime() + ms);
    this.estimatedRemaining = 0;
  }

  private observe(headers: HeaderBag): void {
    const get = (name: string) => header(headers, name);
    const remaining = Number(get('ratelimit-remaining'));
    if (!Number.isFinite(remaining) || get('ratelimit-remaining') === null) return;
    const now = this.clock.now().getTime();
    const reset = resetAtLocalMs(headers, now);
    const resetAtMs = reset === undefined ? now + 60_000 : reset + RESET_MARGIN_MS;
    const estimate = remaining - this.inFlight;
    if (resetAtMs > this.resetAtMs) {
      this.resetAtMs = resetAtMs;
      this.estimatedRemaining = estimate;
      const observed = Number(get('ratelimit-observed'));
      this.windowBudget = Number.isFinite(observed) ? remaining + observed : remaining;
    } else {
      this.estimatedRemaining = Math.min(this.estimatedRemaining, estimate);
    }
  }

  private isLow(): boolean {
    return Number.isFinite(this.windowBudget) && this.estimatedRemaining < this.windowBudget * LOW_WATER_FRACTION;
  }

  private waitReason(now: number): string {
    if (this.blockedUntilMs > now) return 'GitLab (429 Too Many Requests)';
    if (this.estimatedRemaining <= 0) return "GitLab's rate limit (RateLimit-Remaining 0 until RateLimit-Reset)";
    return "GitLab's rate limit (spreading the window's last requests until RateLimit-Reset)";
  }

  private delayFor(now: number): number {
    if (this.blockedUntilMs > now) return this.blockedUntilMs - now;
    if (Number.isFinite(this.estimatedRemaining) && this.estimatedRemaining <= 0 && this.resetAtMs > now) {
      return this.resetAtMs - now;
    }
    if (this.nextSendAtMs > now && this.isLow()) return this.nextSendAtMs - now;
    return 0;
  }
}

/**
 * Keeps a whole run under GitLab's rate limit. GitLab (Rack::Attack) counts requests in fixed
 * windows and reports RateLimit-Remaining and RateLimit-Reset (Unix seconds) on responses.
 * One pacer is shared by every request of a connection (gitbeaker's own limiters are per
 * resource instance, so they cannot see the whole run).
 *
 * When the estimate of what is left runs low the pacer spreads it over the time to the reset;
 * when it is spent it waits for the reset.
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
/**
 * Requests kept back from every window: two requests sent at once may reach GitLab in either order,
 * so one counted after the response we read may have been sent before it.
 */
const REORDER_MARGIN = 1;

/**
 * Every request holds a ticket from `acquire`: its place in the order of sending. A response says
 * what the window had left when GitLab counted that request, which is after every request sent
 * before it arrived and before those sent after it; so what is left now is the newest response's
 * RateLimit-Remaining less the requests sent since its own. (Subtracting everything still in flight
 * would count the earlier ones twice and leave part of each window unspent.)
 */
export class RatePacer {
  /** Requests sent so far; a request's ticket is its number. */
  private sent = 0;
  /** The newest word on the current window: RateLimit-Remaining, and the ticket of the request it answered. */
  private basis: { remaining: number; ticket: number } | undefined;
  private windowBudget = Number.POSITIVE_INFINITY;
  private resetAtMs = 0;
  private blockedUntilMs = 0;
  private nextSendAtMs = 0;
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

  /** Waits until a request may go out; returns its ticket, for `release`. */
  async acquire(signal?: AbortSignal): Promise<number> {
    for (;;) {
      const now = this.clock.now().getTime();
      if (now >= this.resetAtMs && this.resetAtMs > 0) {
        // A new window: we do not know its budget until a response tells us. Until then the
        // connection's in-flight limit (capped to what the last window had left) bounds the burst.
        this.basis = undefined;
        this.resetAtMs = 0;
      }
      const wait = this.delayFor(now);
      if (wait <= 0) break;
      if (this.budget) claimWait(this.budget, this.clock, wait, this.waitReason(now));
      this.observedWaitMs += wait;
      await this.clock.sleep(wait, signal);
    }
    const now = this.clock.now().getTime();
    this.sent += 1;
    if (this.isLow()) {
      // The `left` requests still allowed, evenly over the time to the reset, the last one before it.
      const left = Math.max(0, this.estimatedRemaining());
      this.nextSendAtMs = now + Math.max(0, this.resetAtMs - now) / (left + 1);
    }
    return this.sent;
  }

  /** Call once per response (or failure) of an acquired request, with the ticket `acquire` gave it. */
  release(ticket: number, headers?: HeaderBag): void {
    if (headers) this.observe(ticket, headers);
  }

  /** A 429 told us to stop: everyone waits. */
  blockFor(ms: number): void {
    this.blockedUntilMs = Math.max(this.blockedUntilMs, this.clock.now().getTime() + ms);
    this.basis = { remaining: REORDER_MARGIN, ticket: this.sent };
  }

  /** What the current window has left for requests not yet sent (infinite while unknown). */
  private estimatedRemaining(): number {
    if (!this.basis) return Number.POSITIVE_INFINITY;
    return this.basis.remaining - REORDER_MARGIN - (this.sent - this.basis.ticket);
  }

  private observe(ticket: number, headers: HeaderBag): void {
    const get = (name: string) => header(headers, name);
    const remaining = Number(get('ratelimit-remaining'));
    if (!Number.isFinite(remaining) || get('ratelimit-remaining') === null) return;
    const now = this.clock.now().getTime();
    const reset = resetAtLocalMs(headers, now);
    const resetAtMs = reset === undefined ? now + 60_000 : reset + RESET_MARGIN_MS;
    if (resetAtMs > this.resetAtMs) {
      // The first word on a new window.
      this.resetAtMs = resetAtMs;
      this.basis = { remaining, ticket };
      const observed = Number(get('ratelimit-observed'));
      this.windowBudget = Number.isFinite(observed) ? remaining + observed : remaining;
    } else if (resetAtMs === this.resetAtMs && (!this.basis || ticket > this.basis.ticket)) {
      // Newer word on the same window; an answer to an earlier request says less (and one from a
      // window already over says nothing).
      this.basis = { remaining, ticket };
    }
  }

  private isLow(): boolean {
    return Number.isFinite(this.windowBudget) && this.estimatedRemaining() < this.windowBudget * LOW_WATER_FRACTION;
  }

  private waitReason(now: number): string {
    if (this.blockedUntilMs > now) return 'GitLab (429 Too Many Requests)';
    if (this.estimatedRemaining() <= 0) return "GitLab's rate limit (RateLimit-Remaining 0 until RateLimit-Reset)";
    return "GitLab's rate limit (spreading the window's last requests until RateLimit-Reset)";
  }

  private delayFor(now: number): number {
    if (this.blockedUntilMs > now) return this.blockedUntilMs - now;
    if (this.estimatedRemaining() <= 0 && this.resetAtMs > now) return this.resetAtMs - now;
    if (this.nextSendAtMs > now && this.isLow()) return this.nextSendAtMs - now;
    return 0;
  }
}

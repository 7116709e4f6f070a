/**
 * One run's allowance for waiting: rate-limit pacing, Retry-After, backoff between retries, and
 * waiting for another run's lock all draw on it (`--max-wait`, `gitlab.max_wait`). Waits that
 * overlap (eight requests sitting out the same 429) are counted once: the budget is wall time
 * spent waiting, not the sum of every request's waits.
 */
import type { Clock } from '../clock.js';

/** A wait this long or longer is shown to people, with its reason. */
export const NOTICEABLE_WAIT_MS = 3_000;

export const DEFAULT_MAX_WAIT_SECONDS = 180;

export interface WaitNotice {
  ms: number;
  reason: string;
  until: Date;
}

export class WaitBudget {
  private spentMs = 0;
  private coveredUntilMs = 0;
  private shownUntilMs = 0;

  constructor(
    readonly totalMs: number,
    private readonly clock: Clock,
    private readonly onNoticeableWait?: (notice: WaitNotice) => void,
  ) {}

  remainingMs(): number {
    return Math.max(0, this.totalMs - this.spentMs);
  }

  /** What waiting `ms` from now would add to the time already spent waiting. */
  private addedBy(ms: number, now: number): number {
    return Math.max(0, now + ms - Math.max(now, this.coveredUntilMs));
  }

  /** Whether a wait of `ms` from now fits in what is left. */
  fits(ms: number): boolean {
    return this.addedBy(ms, this.clock.now().getTime()) <= this.remainingMs();
  }

  /**
   * Records a wait of `ms` starting now, for `reason` ("GitLab's rate limit", …), and tells people
   * about it when it is long. Call `fits` first: this does not refuse.
   */
  spend(ms: number, reason: string, options: { shown?: boolean } = {}): void {
    const now = this.clock.now().getTime();
    this.spentMs += this.addedBy(ms, now);
    this.coveredUntilMs = Math.max(this.coveredUntilMs, now + ms);
    if (!options.shown && ms >= NOTICEABLE_WAIT_MS && now + ms > this.shownUntilMs) {
      this.shownUntilMs = now + ms;
      this.onNoticeableWait?.({ ms, reason, until: new Date(now + ms) });
    }
  }
}

/** "3 s", "4 min", "2 h 5 min": how long a wait is, for people. */
export function describeDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

/** GitLab asked for a wait longer than what is left of the run's budget: fail now, not after it. */
export class WaitTooLongError extends Error {
  constructor(
    readonly waitMs: number,
    readonly reason: string,
    readonly until: Date,
    readonly budgetMs: number,
  ) {
    super(
      `${reason} asks to wait ${describeDuration(waitMs)} (until ${until.toISOString()}), longer than this run may wait (--max-wait ${Math.round(budgetMs / 1000)} s)`,
    );
    this.name = 'WaitTooLongError';
  }
}

/** Spends a wait of `ms` for `reason`, or throws WaitTooLongError when it does not fit. */
export function claimWait(budget: WaitBudget, clock: Clock, ms: number, reason: string): void {
  if (!budget.fits(ms)) throw new WaitTooLongError(ms, reason, new Date(clock.now().getTime() + ms), budget.totalMs);
  budget.spend(ms, reason);
}

// Error budget arithmetic, after the SRE workbook. Over the SLO's window W with objective o:
// - the SLI is good / total events; attainment is the SLI as a percentage;
// - the budget is the share (1 - o) of the window's events, and the same share of its time;
// - spent is the bad events (total - good), and as time, the share of bad events times W
//   (the time a full outage would take to spend as much);
// - the burn rate over a shorter window w is that window's error ratio over (1 - o): at 1 the
//   budget lasts exactly the window, at 14.4 a 30-day budget is gone in about two days.
import { rounded } from './measures.js';
import type { SloService } from './settings.js';

/** What Prometheus said for one window: good and total events, or only their ratio. */
export type WindowReading = { window: string; good: number; total: number } | { window: string; ratio: number };

export interface BurnRate {
  window: string;
  /** null when the window saw no events. */
  rate: number | null;
  errorRatio: number | null;
}

export interface BudgetStatus {
  service: string;
  objective: number;
  window: string;
  windowSeconds: number;
  /** good / total over the window; null without events. */
  sli: number | null;
  events: { good: number; total: number; bad: number } | null;
  budget: {
    /** Share of the budget left: 1 untouched, 0 spent, below 0 overspent; null without events. */
    remainingRatio: number | null;
    /** Null when the SLI is a single ratio query: Prometheus gave no counts. */
    events: { total: number; spent: number; remaining: number } | null;
    seconds: { total: number; spent: number; remaining: number };
  };
  burnRates: BurnRate[];
}

function errorRatioOf(reading: WindowReading): number | null {
  if ('ratio' in reading) return Number.isFinite(reading.ratio) ? 1 - reading.ratio : null;
  return reading.total > 0 ? (reading.total - reading.good) / reading.total : null;
}

export function budgetStatus(service: SloService, window: WindowReading, burnWindows: WindowReading[]): BudgetStatus {
  const allowed = 1 - service.objective;
  const errorRatio = errorRatioOf(window);
  const seconds = {
    total: rounded(allowed * service.windowSeconds, 3),
    spent: rounded((errorRatio ?? 0) * service.windowSeconds, 3),
    remaining: rounded((allowed - (errorRatio ?? 0)) * service.windowSeconds, 3),
  };
  const events =
    'good' in window
      ? { good: rounded(window.good, 3), total: rounded(window.total, 3), bad: rounded(window.total - window.good, 3) }
      : null;
  return {
    service: service.name,
    objective: service.objective,
    window: service.window,
    windowSeconds: service.windowSeconds,
    sli: errorRatio === null ? null : rounded(1 - errorRatio, 10),
    events,
    budget: {
      remainingRatio: errorRatio === null ? null : rounded(1 - errorRatio / allowed, 10),
      events: events && {
        total: rounded(allowed * events.total, 3),
        spent: events.bad,
        remaining: rounded(allowed * events.total - events.bad, 3),
      },
      seconds,
    },
    burnRates: burnWindows.map((reading) => {
      const ratio = errorRatioOf(reading);
      return {
        window: reading.window,
        errorRatio: ratio === null ? null : rounded(ratio, 10),
        rate: ratio === null ? null : rounded(ratio / allowed, 6),
      };
    }),
  };
}

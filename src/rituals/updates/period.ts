// An update covers whole days in the team's time zone, both ends included: by default the 7 days
// ending today, or the month ending today for monthly templates; --since and --until set either end.
import { addDays, addMonths, daysBetween, formatDate, isoWeekLabel, toTeamDate, weekStart, type IsoDate } from '../shared/calendar.js';

export type PeriodKind = 'week' | 'month';

export interface UpdatePeriod {
  kind: PeriodKind;
  /** First day, inclusive (team time zone). */
  since: IsoDate;
  /** Last day, inclusive. */
  until: IsoDate;
}

/** What is wrong with the request as given, with what to do about it. */
export interface UsageProblem {
  problem: string;
  hint?: string;
}

/**
 * The period an update covers: the last 7 days ending `until` (default today), or the last month
 * for monthly templates. Either end can be given; a lone --since runs to today.
 */
export function updatePeriod(request: { kind: PeriodKind; since?: IsoDate; until?: IsoDate }, today: IsoDate): UpdatePeriod {
  const until = request.until ?? today;
  const since = request.since ?? (request.kind === 'month' ? addDays(addMonths(until, -1), 1) : addDays(until, -6));
  return { kind: request.kind, since, until };
}

/** The period, or why there is none: a lone --since after today (or --until) leaves no day. */
export function checkedPeriod(
  request: { kind: PeriodKind; since?: IsoDate; until?: IsoDate },
  today: IsoDate,
): UpdatePeriod | UsageProblem {
  const period = updatePeriod(request, today);
  if (period.since <= period.until) return period;
  return {
    problem: `the period is empty: --since ${period.since} is after ${period.until}`,
    hint: 'pass an earlier --since, or a later --until',
  };
}

/** Monthly templates are named so (`sem-monthly`); everything else is weekly unless configured. */
export function periodKindOf(templateName: string, configured: Record<string, PeriodKind>): PeriodKind {
  return configured[templateName] ?? (/monthly/i.test(templateName) ? 'month' : 'week');
}

/** The day in the middle of the period: its week and month are the ones the period mostly covers. */
function midpoint(period: UpdatePeriod): IsoDate {
  return addDays(period.since, Math.floor(daysBetween(period.since, period.until) / 2));
}

export interface PeriodValues {
  kind: PeriodKind;
  since: IsoDate;
  until: IsoDate;
  days: number;
  /** Monday of the ISO week the period mostly covers: a Monday-to-Sunday week, or Tuesday to Monday. */
  week_start: IsoDate;
  week: string;
  /** `November 2026` */
  month: string;
  /** `2026-11-10 to 2026-11-16` */
  label: string;
}

export function periodValues(period: UpdatePeriod): PeriodValues {
  const middle = midpoint(period);
  return {
    kind: period.kind,
    since: period.since,
    until: period.until,
    days: daysBetween(period.since, period.until) + 1,
    week_start: weekStart(middle),
    week: isoWeekLabel(middle),
    month: formatDate(middle, 'MMMM yyyy'),
    label: `${period.since} to ${period.until}`,
  };
}

/** Whether an instant falls on one of the period's days in the team's zone. */
export function inPeriod(instant: string | null, period: UpdatePeriod, timeZone: string): boolean {
  if (!instant) return false;
  const day = toTeamDate(new Date(instant), timeZone);
  return day >= period.since && day <= period.until;
}

// An update covers whole days in the team's time zone, both ends included: by default the team's
// week (`updates.week_starts_on`) or the calendar month holding today, or the one before with
// `--period last`; --since and --until set a custom range instead. The key, the title and the
// lists all derive from that one period, so every day of a week finds the same update.
import {
  addDays,
  addMonths,
  daysBetween,
  formatDate,
  isoWeekLabel,
  monthEnd,
  monthStart,
  toTeamDate,
  weekStart,
  type IsoDate,
  type Weekday,
} from '../common/calendar.js';

export type PeriodKind = 'week' | 'month';

/** `current`: the week or month holding today; `last`: the one before. */
export type PeriodChoice = 'current' | 'last';

export interface UpdatePeriod {
  kind: PeriodKind;
  /** First day, inclusive (team time zone). */
  since: IsoDate;
  /** Last day, inclusive. */
  until: IsoDate;
  /** A whole team week or calendar month; absent for a custom --since/--until range. */
  calendar?: true;
}

export interface PeriodRequest {
  kind: PeriodKind;
  since?: IsoDate;
  until?: IsoDate;
  /** Without --since and --until: this week (month) or the last one. */
  period?: PeriodChoice;
  /** The day the team's week starts (default Monday, as ISO weeks do). */
  weekStartsOn?: Weekday;
}

/** What is wrong with the request as given, with what to do about it. */
export interface UsageProblem {
  problem: string;
  hint?: string;
}

/**
 * The period an update covers. Without --since and --until, the team's week (or the calendar
 * month) holding `today`, or the one before. With either, a custom range: the 7 days (or the month)
 * ending --until (default today), or from --since to --until.
 */
export function updatePeriod(request: PeriodRequest, today: IsoDate): UpdatePeriod {
  if (request.since === undefined && request.until === undefined) return calendarPeriod(request, today);
  const until = request.until ?? today;
  const since = request.since ?? (request.kind === 'month' ? addDays(addMonths(until, -1), 1) : addDays(until, -6));
  return { kind: request.kind, since, until };
}

function calendarPeriod(request: PeriodRequest, today: IsoDate): UpdatePeriod {
  const back = request.period === 'last' ? 1 : 0;
  if (request.kind === 'month') {
    const since = monthStart(today, -back);
    return { kind: 'month', since, until: monthEnd(since), calendar: true };
  }
  const since = addDays(weekStart(today, request.weekStartsOn ?? 'monday'), -7 * back);
  return { kind: 'week', since, until: addDays(since, 6), calendar: true };
}

/** The period, or why there is none: a lone --since after today (or --until) leaves no day. */
export function checkedPeriod(request: PeriodRequest, today: IsoDate): UpdatePeriod | UsageProblem {
  const period = updatePeriod(request, today);
  if (period.since <= period.until) return period;
  return {
    problem: `the period is empty: --since ${period.since} is after ${period.until}`,
    hint: 'pass an earlier --since, or a later --until',
  };
}

/**
 * How the period is named in keys: `week/2026-11-30`, `month/2026-11`, or `2026-11-25/2026-12-01`
 * for a custom range (the form every period had before periods were calendar periods).
 */
export function periodKeyPart(period: UpdatePeriod): string {
  if (!period.calendar) return `${period.since}/${period.until}`;
  return period.kind === 'month' ? `month/${period.since.slice(0, 7)}` : `week/${period.since}`;
}

const RANGE_KEY = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/;

/**
 * Whether a key's period part names this period. Issues keyed by a rolling range (teamops before
 * calendar periods: the 7 days, or the month, ending the day it ran) count for the calendar period
 * holding the range's middle day, the week their title named, so no week gets a second update.
 */
export function keyPartMatches(part: string, period: UpdatePeriod): boolean {
  if (part === periodKeyPart(period)) return true;
  const range = period.calendar ? RANGE_KEY.exec(part) : null;
  if (!range) return false;
  const middle = midpoint({ since: range[1]!, until: range[2]! });
  return middle >= period.since && middle <= period.until;
}

/** Monthly templates are named so (`sem-monthly`); everything else is weekly unless configured. */
export function periodKindOf(templateName: string, configured: Record<string, PeriodKind>): PeriodKind {
  return configured[templateName] ?? (/monthly/i.test(templateName) ? 'month' : 'week');
}

/** The day in the middle of the period: its week and month are the ones the period mostly covers. */
function midpoint(period: Pick<UpdatePeriod, 'since' | 'until'>): IsoDate {
  return addDays(period.since, Math.floor(daysBetween(period.since, period.until) / 2));
}

export interface PeriodValues {
  kind: PeriodKind;
  since: IsoDate;
  until: IsoDate;
  days: number;
  /** The team week's first day; for a month or a custom range, Monday of the ISO week it mostly covers. */
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
    week_start: period.calendar && period.kind === 'week' ? period.since : weekStart(middle),
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

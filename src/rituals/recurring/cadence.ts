// When a recurring ritual issue is due. A ritual recurs weekly on a weekday, every N weeks from an
// anchor date, or monthly on a day (clamped to short months) or on the Nth (or last) weekday.
// Each occurrence is a date; its issue opens on that day, or a lead time before it ("at least 48
// hours in advance of the meeting", Key Project reviews), and stays due until the next one opens
// (or, with a lead time, until the meeting has passed), so a pipeline that missed a day catches up.
import { addDays, daysBetween, monthEnd, teamDateBefore, weekdayOf, type IsoDate, type Weekday } from '../common/calendar.js';

export type Cadence =
  | { kind: 'weekly'; weekday: Weekday; interval: number; anchor: IsoDate | null }
  | { kind: 'monthly-day'; day: number }
  | { kind: 'monthly-weekday'; nth: number; weekday: Weekday };

export interface Schedule {
  cadence: Cadence;
  /** Hours before the occurrence that its issue opens; null: on the day. */
  leadHours: number | null;
  /** The meeting's time (HH:MM, team zone), for a lead time in hours. */
  at: string | null;
  timeZone: string;
}

export interface Occurrence {
  /** The meeting, or the day the ritual is for. */
  date: IsoDate;
  /** The day its issue opens. */
  opensOn: IsoDate;
  /** The last day its issue is due (after that, it is no longer opened). */
  dueUntil: IsoDate;
  /** Which occurrence this is since the cadence's anchor, for rotations: 0, 1, 2, … */
  index: number;
}

/** A week long enough to start counting weeks from, for rotations without an anchor: Monday 2000-01-03. */
const EPOCH = '2000-01-03';
/** No cadence is sparser than monthly: a year back always holds an occurrence. */
const SEARCH_DAYS = 400;

export function occursOn(cadence: Cadence, date: IsoDate): boolean {
  switch (cadence.kind) {
    case 'weekly': {
      if (weekdayOf(date) !== cadence.weekday) return false;
      if (cadence.anchor === null) return cadence.interval === 1 || Math.floor(daysBetween(EPOCH, date) / 7) % cadence.interval === 0;
      const days = daysBetween(cadence.anchor, date);
      return days >= 0 && (days / 7) % cadence.interval === 0;
    }
    case 'monthly-day':
      return Number(date.slice(8)) === Math.min(cadence.day, Number(monthEnd(date).slice(8)));
    case 'monthly-weekday': {
      if (weekdayOf(date) !== cadence.weekday) return false;
      const day = Number(date.slice(8));
      return cadence.nth === -1 ? day + 7 > Number(monthEnd(date).slice(8)) : Math.ceil(day / 7) === cadence.nth;
    }
  }
}

function indexOf(cadence: Cadence, date: IsoDate): number {
  if (cadence.kind !== 'weekly') return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  return Math.floor(daysBetween(cadence.anchor ?? EPOCH, date) / 7 / cadence.interval);
}

export function opensOn(schedule: Schedule, date: IsoDate): IsoDate {
  if (schedule.leadHours === null) return date;
  if (schedule.at) return teamDateBefore(date, schedule.at, schedule.leadHours, schedule.timeZone);
  return addDays(date, -Math.ceil(schedule.leadHours / 24));
}

function leadDays(schedule: Schedule): number {
  return schedule.leadHours === null ? 0 : Math.ceil(schedule.leadHours / 24) + 1;
}

/** The occurrences whose dates fall from `from` to `to`, in order. */
export function occurrencesBetween(schedule: Schedule, from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) if (occursOn(schedule.cadence, day)) dates.push(day);
  return dates;
}

/**
 * The occurrence whose issue is due on `today`: the latest one already open, while it is due.
 * Null between a meeting and the next issue's lead time, or before the anchor.
 */
export function dueOccurrence(schedule: Schedule, today: IsoDate): Occurrence | null {
  const horizon = addDays(today, leadDays(schedule));
  const candidates = occurrencesBetween(schedule, addDays(today, -SEARCH_DAYS), horizon);
  const opened = candidates.filter((date) => opensOn(schedule, date) <= today);
  const date = opened.at(-1);
  if (date === undefined) return null;
  const next = occurrencesBetween(schedule, addDays(date, 1), addDays(date, SEARCH_DAYS)).find(() => true);
  const nextOpens = next === undefined ? null : opensOn(schedule, next);
  const lastBeforeNext = nextOpens === null ? addDays(date, SEARCH_DAYS) : addDays(nextOpens, -1);
  const dueUntil = schedule.leadHours === null ? lastBeforeNext : date < lastBeforeNext ? date : lastBeforeNext;
  if (today > dueUntil) return null;
  return { date, opensOn: opensOn(schedule, date), dueUntil, index: indexOf(schedule.cadence, date) };
}

/** The next occurrence whose issue opens after `today`. */
export function nextOccurrence(schedule: Schedule, today: IsoDate): { date: IsoDate; opensOn: IsoDate } | null {
  const date = occurrencesBetween(schedule, today, addDays(today, SEARCH_DAYS)).find((d) => opensOn(schedule, d) > today);
  return date === undefined ? null : { date, opensOn: opensOn(schedule, date) };
}

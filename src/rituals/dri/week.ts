// A rotation starts on the team's week-start day (in the team's time zone) and lasts a week, two
// weeks, or until the first such day of the next month.
import { addDays, addMonths, formatDate, weekStart, type IsoDate, type Weekday } from '../common/calendar.js';
import { isIsoDate } from '../common/iso-date.js';
import type { Cadence, DateRange, DriSettings } from './model.js';

/** `--week`: a date (any day of the week it names), `next`, or nothing for the week containing today. */
export function resolveWeek(spec: string | undefined, today: IsoDate, weekday: Weekday): IsoDate {
  const thisWeek = weekStart(today, weekday);
  if (spec === undefined) return thisWeek;
  if (spec === 'next') return addDays(thisWeek, 7);
  if (!isIsoDate(spec)) throw new Error(`not a week: ${spec}`);
  return weekStart(spec, weekday);
}

/** Where the rotation starting on `start` hands over: a week or two later, or on the first week of the next month. */
export function nextRotationStart(start: IsoDate, cadence: Cadence, weekday: Weekday): IsoDate {
  if (cadence === 'weekly') return addDays(start, 7);
  if (cadence === 'biweekly') return addDays(start, 14);
  const firstOfNextMonth = formatDate(addMonths(start, 1), 'yyyy-MM-01');
  return weekStart(addDays(firstOfNextMonth, 6), weekday);
}

/** The days of the rotation starting on `start`, first to last. */
export function rotationDays(start: IsoDate, settings: Pick<DriSettings, 'cadence' | 'weekStartsOn'>): DateRange {
  return { from: start, to: addDays(nextRotationStart(start, settings.cadence, settings.weekStartsOn), -1) };
}

/** Rotations that started after `previous` and before `week` without an issue. */
export function missedBetween(previous: IsoDate, week: IsoDate, settings: Pick<DriSettings, 'cadence' | 'weekStartsOn'>): IsoDate[] {
  const missed: IsoDate[] = [];
  const next = (start: IsoDate) => nextRotationStart(start, settings.cadence, settings.weekStartsOn);
  for (let start = next(previous); start < week; start = next(start)) missed.push(start);
  return missed;
}

/** The seven days from `start`, as titles and templates name them. */
export function calendarWeek(start: IsoDate): { start: IsoDate; end: IsoDate } {
  return { start, end: addDays(start, 6) };
}

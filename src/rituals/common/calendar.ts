/**
 * Calendar dates in the team's time zone. A "date" here is a plain `YYYY-MM-DD` string: which day
 * it is depends on the team's zone, never on the machine running teamops (a CI runner in UTC
 * still plans Monday's rotation on the team's Monday).
 */
import { TZDate } from '@date-fns/tz';
// One module per function: the package's main entry loads all of date-fns (about 300 files) at start-up.
import { addDays as addDaysFns } from 'date-fns/addDays';
import { addMonths as addMonthsFns } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { startOfWeek } from 'date-fns/startOfWeek';
import type { Day } from 'date-fns';
import { WEEKDAYS } from './iso-date.js';

export type IsoDate = string;

/** The calendar date of an instant in a time zone. */
export function toTeamDate(instant: Date, timeZone: string): IsoDate {
  return format(new TZDate(instant, timeZone), 'yyyy-MM-dd');
}

/** Local-midnight Date for date arithmetic only; never compared with instants. */
function asDay(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
}

const fromDay = (day: Date): IsoDate => format(day, 'yyyy-MM-dd');

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDay(addDaysFns(asDay(date), days));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(asDay(to), asDay(from));
}

/** The same day `months` later (or earlier), clamped to the month's end: 03-31 minus one month is 02-28. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return fromDay(addMonthsFns(asDay(date), months));
}

export type Weekday = (typeof WEEKDAYS)[number];

const DAY_NUMBER: Record<Weekday, Day> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

/** The first day of the week containing `date`, for weeks that start on `weekday` (ISO weeks: Monday). */
export function weekStart(date: IsoDate, weekday: Weekday = 'monday'): IsoDate {
  return fromDay(startOfWeek(asDay(date), { weekStartsOn: DAY_NUMBER[weekday] }));
}

/** The weekday of a date. */
export function weekdayOf(date: IsoDate): Weekday {
  return WEEKDAYS[(asDay(date).getDay() + 6) % 7]!;
}

/** The first day of the month containing `date`, or of the month `months` later (or earlier). */
export function monthStart(date: IsoDate, months = 0): IsoDate {
  return addMonths(`${date.slice(0, 7)}-01`, months);
}

/** The last day of the month containing `date`. */
export function monthEnd(date: IsoDate): IsoDate {
  return addDays(monthStart(date, 1), -1);
}

/** `2026-W47` */
export function isoWeekLabel(date: IsoDate): string {
  const day = asDay(date);
  return `${getISOWeekYear(day)}-W${String(getISOWeek(day)).padStart(2, '0')}`;
}

export function formatDate(date: IsoDate, pattern: string): string {
  return format(asDay(date), pattern);
}

/** The first instant of a team-zone date, as an ISO timestamp (for GitLab's created_after and friends). */
export function startOfTeamDay(date: IsoDate, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 0, 0, 0, 0, timeZone).toISOString();
}
/** Hours from one instant to another that fall on Monday to Friday in the team's time zone. */
export function workingHoursBetween(from: string, to: string, timeZone: string): number {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(end > start)) return 0;
  let hours = 0;
  for (let day = toTeamDate(new Date(start), timeZone); ; day = addDays(day, 1)) {
    const dayStart = Date.parse(startOfTeamDay(day, timeZone));
    if (dayStart >= end) break;
    const weekday = Number(formatDate(day, 'i'));
    if (weekday <= 5) {
      const dayEnd = Date.parse(startOfTeamDay(addDays(day, 1), timeZone));
      hours += (Math.min(end, dayEnd) - Math.max(start, dayStart)) / 3_600_000;
    }
  }
  return hours;
}

/** The team-zone date `hours` before `time` (HH:MM) on `date` in `timeZone`: 48 hours before Tuesday 15:00 is Sunday. */
export function teamDateBefore(date: IsoDate, time: string, hours: number, timeZone: string): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const meeting = new TZDate(y, m - 1, d, hh, mm, 0, 0, timeZone);
  return toTeamDate(new Date(meeting.getTime() - hours * 3_600_000), timeZone);
}

/** The instant of `time` (HH:MM) on `date` in `timeZone`, as an ISO timestamp. */
export function instantAt(date: IsoDate, time: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, 0, timeZone).getTime()).toISOString();
}

/**
 * Checks on `YYYY-MM-DD` dates that need no date library, kept apart from calendar.ts so flag
 * parsing (`--date`, `--week`) can use them without loading date-fns at start-up.
 */
import { compareText } from './text.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A real calendar day written as YYYY-MM-DD (2026-02-30 is not one), from 1970 to 9999: GitLab
 * stores no dates before the Unix epoch (notes' "too far in the past") and none after 9999, and
 * JavaScript reads a year below 100 as 19xx.
 */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1970 || year > 9999) return false;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** An IANA time zone name this Node.js knows (`Europe/Amsterdam`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why a YYYY-MM-DD string names no day (`February 2026 has 28 days`), or undefined when it does or
 * is not shaped like a date at all (that is a different mistake, worded by the caller).
 */
export function impossibleDateReason(text: string): string | undefined {
  const match = ISO_DATE.exec(text);
  if (!match || isIsoDate(text)) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return 'a year has 12 months';
  if (day < 1) return 'days of the month start at 1';
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
  return `${MONTHS[month - 1]} ${year} has ${daysInMonth} days`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** YYYY-MM-DD strings sort as the days they name. */
export function compareDates(a: string, b: string): number {
  return compareText(a, b);
}

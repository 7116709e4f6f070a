/**
 * Checks on `YYYY-MM-DD` dates that need no date library, kept apart from calendar.ts so flag
 * parsing (`--date`, `--week`) can use them without loading date-fns at start-up.
 */
import { compareText } from './text.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written as YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
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

/** YYYY-MM-DD strings sort as the days they name. */
export function compareDates(a: string, b: string): number {
  return compareText(a, b);
}

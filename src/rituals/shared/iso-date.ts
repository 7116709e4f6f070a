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

/** YYYY-MM-DD strings sort as the days they name. */
export function compareDates(a: string, b: string): number {
  return compareText(a, b);
}

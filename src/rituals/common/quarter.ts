/**
 * Quarters, calendar or fiscal. A calendar quarter `2027-Q1` is January–March 2027. A fiscal
 * quarter `FY27-Q1` counts from the fiscal year's start month, and a fiscal year is named after the
 * calendar year it ends in, as GitLab does: with February as the start month, FY27 runs from
 * February 2026 to January 2027, so FY27-Q1 is February–April 2026 and FY27-Q4 ends in January 2027.
 */
import type { IsoDate } from './calendar.js';
import { fillPattern } from './pattern.js';
import { escapeRegExp } from './text.js';

export type QuarterKind = 'calendar' | 'fiscal';

export interface Quarter {
  kind: QuarterKind;
  /** The calendar year, or the fiscal year (the calendar year it ends in). */
  year: number;
  number: 1 | 2 | 3 | 4;
  /** `2027-Q1` or `FY27-Q1`: what users type and what idempotency keys use. */
  name: string;
  /** First and last day, inclusive. */
  start: IsoDate;
  end: IsoDate;
}

const CALENDAR = /^(\d{4})[-\s]?Q([1-4])$/i;
const FISCAL = /^FY(\d{2}|\d{4})[-\s]?Q([1-4])$/i;

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of the month before the month `offset` months after `month` (1-based) of `year`. */
function lastOfMonthBefore(year: number, month: number, offset: number): IsoDate {
  // Day 0 of a month is the last day of the one before: month lengths and leap years need no table
  // (and no date library, so parsing --quarter loads none at start-up).
  const day = new Date(0);
  day.setUTCFullYear(year, month - 1 + offset, 0);
  return `${String(day.getUTCFullYear()).padStart(4, '0')}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
}

/** The first day of the month `offset` months after `month` (1-based) of `year`. */
function firstOfMonth(year: number, month: number, offset: number): IsoDate {
  const index = year * 12 + (month - 1) + offset;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
}

function build(kind: QuarterKind, year: number, number: 1 | 2 | 3 | 4, fiscalStartMonth: number): Quarter {
  // Fiscal year N starts in fiscalStartMonth of N-1, unless the fiscal year is the calendar year.
  const firstMonth = kind === 'calendar' || fiscalStartMonth === 1 ? { year, month: 1 } : { year: year - 1, month: fiscalStartMonth };
  return {
    kind,
    year,
    number,
    name: kind === 'calendar' ? `${year}-Q${number}` : `FY${pad(year % 100)}-Q${number}`,
    start: firstOfMonth(firstMonth.year, firstMonth.month, (number - 1) * 3),
    end: lastOfMonthBefore(firstMonth.year, firstMonth.month, number * 3),
  };
}

/** `2027-Q1`, `2027q1`, `FY27-Q1`, `FY2027-Q1`; undefined when the text is none of these. */
export function parseQuarter(text: string, fiscalStartMonth: number): Quarter | undefined {
  const trimmed = text.trim();
  const calendar = CALENDAR.exec(trimmed);
  if (calendar) return build('calendar', Number(calendar[1]), Number(calendar[2]) as Quarter['number'], fiscalStartMonth);
  const fiscal = FISCAL.exec(trimmed);
  if (fiscal) {
    const digits = fiscal[1]!;
    const year = digits.length === 2 ? 2000 + Number(digits) : Number(digits);
    return build('fiscal', year, Number(fiscal[2]) as Quarter['number'], fiscalStartMonth);
  }
  return undefined;
}

export function quarterContaining(date: IsoDate, kind: QuarterKind, fiscalStartMonth: number): Quarter {
  const [year, month] = date.split('-').map(Number) as [number, number];
  if (kind === 'calendar') return build('calendar', year, (Math.floor((month - 1) / 3) + 1) as Quarter['number'], fiscalStartMonth);
  const fiscalYear = fiscalStartMonth === 1 || month < fiscalStartMonth ? year : year + 1;
  const monthsIn = (month - fiscalStartMonth + 12) % 12;
  return build('fiscal', fiscalYear, (Math.floor(monthsIn / 3) + 1) as Quarter['number'], fiscalStartMonth);
}

export const QUARTER_EXAMPLES = '2027-Q1 (a calendar quarter) or FY27-Q1 (a fiscal quarter)';

/**
 * The quarter's label from the `labels.quarter` pattern. `{yyyy}` is the year the quarter is named
 * after: the calendar year of `2027-Q1`, the fiscal year of `FY27-Q1`. GitLab's handbook labels are
 * fiscal, so FY27-Q1 (February–April 2026) is `2027-q1`, not `2026-q1`. `{yy}` and `{fy}` are the same
 * year's last two digits, `{q}` the quarter's number. The default `{yyyy}-q{q}` gives `2027-q1`;
 * `FY{fy}::Q{q}` gives a scoped `FY27::Q1`. Calendar 2027-Q1 and fiscal FY27-Q1 share the label
 * `2027-q1`, so a team should stick to one kind (okr.quarters).
 */
export function quarterLabel(quarter: Quarter, pattern: string): string {
  const yy = pad(quarter.year % 100);
  return fillPattern(pattern, { yyyy: quarter.year, yy, fy: yy, q: quarter.number }, 'labels.quarter');
}

const QUARTER_PLACEHOLDERS: Record<string, string> = { yyyy: '\\d{4}', yy: '\\d{2}', fy: '\\d{2}', q: '[1-4]' };

/**
 * What is wrong with a quarter label pattern that labels are read back with, or null: it names the
 * quarter ({q}) and its year ({yyyy}, {yy} or {fy}), uses no other placeholder and no comma.
 */
export function quarterPatternProblem(pattern: string): string | null {
  const names = [...pattern.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const unknown = names.filter((name) => !(name in QUARTER_PLACEHOLDERS));
  if (unknown.length > 0) return `may use only {yyyy}, {yy}, {fy} and {q}, not ${unknown.map((n) => `{${n}}`).join(', ')}`;
  if (!names.includes('q') || !names.some((name) => name !== 'q'))
    return 'must contain {q} and a year ({yyyy}, {yy} or {fy}), e.g. "FY{fy}::Q{q}"';
  if (pattern.includes(',')) return 'must not contain a comma (GitLab separates labels with commas)';
  return null;
}

/** Whether a label is one `quarterLabel` makes from the pattern, for any quarter: `FY26::Q3` for `FY{fy}::Q{q}`. */
export function isQuarterLabel(label: string, pattern: string): boolean {
  const source = pattern
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name && QUARTER_PLACEHOLDERS[name] ? QUARTER_PLACEHOLDERS[name] : escapeRegExp(part);
    })
    .join('');
  return new RegExp(`^${source}$`).test(label);
}

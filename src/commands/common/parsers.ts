import { parseInstant } from '../../clock.js';
import { impossibleDateReason, isIsoDate } from '../../rituals/common/iso-date.js';
import { UsageError } from '../../errors.js';
import type { IsoDate } from '../../rituals/common/calendar.js';
import { parseQuarter, QUARTER_EXAMPLES } from '../../rituals/common/quarter.js';

// Flag values are checked where commander reads them (`.argParser(...)`), so every command words
// the same mistake the same way and a bad value is a usage error (exit 3) before anything runs.

/** A repeatable flag's values, in order (`--label a --label b`). */
export const collectRepeated = (value: string, previous: string[] = []) => [...previous, value];

/** One of a few words, e.g. `--api rest|graphql|auto`. */
export function oneOf<T extends string>(flag: string, choices: readonly T[]): (value: string) => T {
  return (value) => {
    const choice = choices.find((candidate) => candidate === value);
    if (choice === undefined) throw new UsageError(`${flag} must be ${choices.join(', ').replace(/, ([^,]*)$/, ' or $1')}, got "${value}"`);
    return choice;
  };
}

/** A whole number from `min` to `max`, e.g. `--weeks`, `--port`, `--concurrency`. */
export function wholeNumber(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max) {
      throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
    }
    return number;
  };
}

/** A number from `min` to `max`, e.g. `--fault-rate`. */
export function numberBetween(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === '' || !(number >= min && number <= max))
      throw new UsageError(`${flag} must be a number from ${min} to ${max}, got "${value}"`);
    return number;
  };
}

/** A calendar day as YYYY-MM-DD, e.g. `--date`, `--since`. */
export function isoDate(flag: string): (value: string) => IsoDate {
  return (value) => {
    if (!isIsoDate(value)) throw new UsageError(notADate(flag, value, 'a date as YYYY-MM-DD'));
    return value;
  };
}

/** `--week: 2026-02-30 is not a date: February 2026 has 28 days`, or `--date must be …, got "monday"`. */
export function notADate(flag: string, value: string, expected: string): string {
  const reason = impossibleDateReason(value);
  return reason ? `${flag}: ${value} is not a date: ${reason}` : `${flag} must be ${expected}, got "${value}"`;
}

/** A quarter's name, `2027-Q1` or `FY27-Q1`, as given: the fiscal start month in config changes its dates, not whether it names a quarter. */
export function quarterName(flag: string): (value: string) => string {
  return (value) => {
    if (!parseQuarter(value, 1)) throw new UsageError(`${flag} must be ${QUARTER_EXAMPLES}, got "${value}"`);
    return value;
  };
}

/** An ISO 8601 instant with its zone, e.g. `--now 2027-03-29T08:00:00Z`. */
export function instant(what: string): (value: string) => Date {
  return (value) => {
    const parsed = parseInstant(value);
    if (!parsed) throw new UsageError(`${what} must be an ISO 8601 date-time such as 2027-03-29T08:00:00Z, got "${value}"`);
    return parsed;
  };
}

/**
 * An issue reference, `group/project#12`, or the issue's URL (`https://gitlab.example.com/group/project/-/issues/12`),
 * as `group/project#12`.
 */
export function issueReference(flag: string): (value: string) => string {
  return (value) => {
    const trimmed = value.trim();
    const url = /^https?:\/\/[^/]+\/(.+?)\/-\/(?:issues|work_items)\/(\d+)\/?(?:[?#].*)?$/.exec(trimmed);
    if (url) return `${url[1]}#${url[2]}`;
    if (/^[\w.-]+(?:\/[\w.-]+)+#\d+$/.test(trimmed)) return trimmed;
    throw new UsageError(`${flag} must be an issue reference such as distribution/omnibus#12, or the issue's URL; got "${value}"`);
  };
}

// One update per author, template and period, and one summary per period: each carries a key made
// of those, so a rerun finds it, and a summary is never taken for an update whatever its labels.
// Titles are teamops.yml patterns filled with the period's values.
import { fillPattern } from '../shared/pattern.js';
import type { UpdateIssue } from './model.js';
import { inPeriod, periodValues, type UpdatePeriod } from './period.js';

const SUMMARY_KEY = 'async-update-summary/';

/** Keys hold no spaces; project template names may. */
const keyPart = (text: string) => text.trim().replace(/[^\w.@-]+/g, '-');

export function asyncUpdateKey(author: string, templateName: string, period: UpdatePeriod): string {
  return `async-update/${keyPart(author)}/${keyPart(templateName)}/${period.since}/${period.until}`;
}

export function summaryKey(period: UpdatePeriod): string {
  return `${SUMMARY_KEY}${period.since}/${period.until}`;
}

/** Updates created on one of the period's days (team zone), summaries left out. */
export function updatesInPeriod<T extends Pick<UpdateIssue, 'createdAt' | 'key'>>(
  issues: T[],
  period: UpdatePeriod,
  timeZone: string,
): T[] {
  return issues.filter((issue) => inPeriod(issue.createdAt, period, timeZone) && !issue.key?.startsWith(SUMMARY_KEY));
}

function titleValues(period: UpdatePeriod): Record<string, string> {
  const { week_start, since, until, week, month } = periodValues(period);
  return { week_start, since, until, week, month };
}

/** `updates.title`, e.g. `{author}: weekly update, week of {week_start}`. */
export function updateTitle(pattern: string, author: string, templateName: string, period: UpdatePeriod): string {
  return fillPattern(pattern, { ...titleValues(period), author, template: templateName }, 'updates.title');
}

/** `updates.summary_title`, e.g. `Async updates: week of {week_start}`. */
export function summaryTitle(pattern: string, period: UpdatePeriod): string {
  return fillPattern(pattern, titleValues(period), 'updates.summary_title');
}

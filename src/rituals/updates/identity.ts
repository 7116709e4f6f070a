// One update per author, template and period, and one summary per period: each carries a key made
// of those, so a rerun finds it, and a summary is never taken for an update whatever its labels.
// Titles are teamops.yml patterns filled with the period's values.
import { fillPattern } from '../common/pattern.js';
import type { UpdateIssue } from './model.js';
import { inPeriod, keyPartMatches, periodKeyPart, periodValues, type UpdatePeriod } from './period.js';

const SUMMARY_KEY = 'async-update-summary/';

/** Keys hold no spaces; project template names may. */
const keyPart = (text: string) => text.trim().replace(/[^\w.@-]+/g, '-');

/** What every key of one author's updates from one template starts with. */
export function asyncUpdateKeyPrefix(author: string, templateName: string): string {
  return `async-update/${keyPart(author)}/${keyPart(templateName)}/`;
}

/** `async-update/grace/em-weekly/week/2026-11-30` */
export function asyncUpdateKey(author: string, templateName: string, period: UpdatePeriod): string {
  return `${asyncUpdateKeyPrefix(author, templateName)}${periodKeyPart(period)}`;
}

export function summaryKeyPrefix(): string {
  return SUMMARY_KEY;
}

/** `async-update-summary/week/2026-11-30` */
export function summaryKey(period: UpdatePeriod): string {
  return `${SUMMARY_KEY}${periodKeyPart(period)}`;
}

/**
 * The issue that already holds this period's update (or summary): the one with its key, else one
 * an older teamops keyed by the rolling range whose middle lies in the period. Oldest first wins.
 */
export function issueForPeriod<T extends { key: string | null }>(issues: readonly T[], keyPrefix: string, period: UpdatePeriod): T | null {
  const exact = `${keyPrefix}${periodKeyPart(period)}`;
  const part = (issue: T) => (issue.key?.startsWith(keyPrefix) ? issue.key.slice(keyPrefix.length) : null);
  return (
    issues.find((issue) => issue.key === exact) ??
    issues.find((issue) => {
      const rest = part(issue);
      return rest !== null && keyPartMatches(rest, period);
    }) ??
    null
  );
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

// A rotation issue's title is dri.title with {week_start} (and {week_end}) filled in; an issue made
// by hand with a title of that pattern counts as the rotation's issue too.
import type { IsoDate } from '../common/calendar.js';
import { isIsoDate } from '../common/iso-date.js';
import { fillPattern } from '../common/pattern.js';
import { escapeRegExp } from '../common/text.js';

/** The placeholders a DRI title pattern may use; `{week_start}` is required, so each week's title is unique. */
export const DRI_TITLE_PLACEHOLDERS = ['week_start', 'week_end'] as const;

export function driTitle(pattern: string, week: { start: IsoDate; end: IsoDate }): string {
  const values: Record<(typeof DRI_TITLE_PLACEHOLDERS)[number], IsoDate> = { week_start: week.start, week_end: week.end };
  return fillPattern(pattern, values, 'dri.title');
}

/** Matches titles made from the pattern, capturing `{week_start}`. */
export function titleMatcher(pattern: string): (title: string) => IsoDate | null {
  const parts = pattern.split(/(\{week_start\}|\{week_end\})/);
  const source = parts
    .map((part) =>
      part === '{week_start}'
        ? '(\\d{4}-\\d{2}-\\d{2})'
        : part === '{week_end}'
          ? '\\d{4}-\\d{2}-\\d{2}'
          : escapeRegExp(part).replace(/\s+/g, '\\s+'),
    )
    .join('');
  const regex = new RegExp(`^\\s*${source}\\s*$`, 'i');
  return (title) => {
    const date = regex.exec(title)?.[1];
    return date && isIsoDate(date) ? date : null;
  };
}

/** The longest fixed text of a title pattern, to narrow GitLab's title search. */
export function titleSearchTerm(pattern: string): string {
  return pattern
    .split(/\{\w+\}/)
    .map((part) => part.trim())
    .reduce((longest, part) => (part.length > longest.length ? part : longest), '');
}

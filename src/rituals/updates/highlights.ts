// Every paragraph of an update (or list item) that begins with `HIGHLIGHT:` is copied into the
// director's Highlights & Accomplishments, with its author and a link, grouped by team label.
// Code, quotes, headings and HTML comments hold no highlights; nor does the middle of a paragraph.
import type { Scope } from '../../gitlab/port.js';
import type { IsoDate } from '../common/calendar.js';
import { readPatternAll } from '../common/pattern.js';
import { updatesInPeriod } from './identity.js';
import { proseOf } from './markdown.js';
import { byReference, type UpdateIssue } from './model.js';
import { checkedPeriod, type PeriodChoice, type UpdatePeriod, type UsageProblem } from './period.js';

// The handbook's marker, optionally bold (`**HIGHLIGHT:**`); upper case, so prose like "Highlight: …" stays prose.
const HIGHLIGHT = /^(?:\*\*|__)?HIGHLIGHT(?:\*\*|__)?:(?:\*\*|__)?[ \t]*/;

export interface Highlight {
  /** From the update's team label, or null. */
  team: string | null;
  author: string;
  text: string;
  source: 'description' | 'comment';
  /** The update issue. */
  reference: string;
  title: string;
  /** The issue, or the comment's anchor in it. */
  url: string;
  createdAt: string;
}

/** The text of every paragraph that begins with `HIGHLIGHT:`, its lines joined; an empty one is dropped. */
export function extractHighlights(markdown: string): string[] {
  return proseOf(markdown).flatMap(({ lines: [first = '', ...rest], quoted }) => {
    if (quoted || !HIGHLIGHT.test(first)) return [];
    const text = [first.replace(HIGHLIGHT, ''), ...rest].filter(Boolean).join(' ');
    return text ? [text] : [];
  });
}

/** Every highlight of the period's updates, grouped by team (teams A–Z, then updates without a team), oldest first. */
export function collectHighlights(
  issues: UpdateIssue[],
  request: { period: UpdatePeriod; timeZone: string; teamLabel: string },
): Highlight[] {
  const highlights: Highlight[] = [];
  for (const issue of updatesInPeriod(issues, request.period, request.timeZone)) {
    const base = {
      team: readPatternAll(request.teamLabel, 'team', issue.labels)[0] ?? null,
      reference: issue.reference,
      title: issue.title,
    };
    for (const text of extractHighlights(issue.description)) {
      highlights.push({ ...base, author: issue.author, text, source: 'description', url: issue.webUrl, createdAt: issue.createdAt });
    }
    for (const note of (issue.notes ?? []).filter((n) => !n.system)) {
      for (const text of extractHighlights(note.body)) {
        highlights.push({
          ...base,
          author: note.author,
          text,
          source: 'comment',
          url: `${issue.webUrl}#note_${note.id}`,
          createdAt: note.createdAt,
        });
      }
    }
  }
  const teamOrder = (h: Highlight) => (h.team === null ? '\uffff' : h.team.toLowerCase());
  return highlights.sort(
    (a, b) =>
      teamOrder(a).localeCompare(teamOrder(b)) || a.createdAt.localeCompare(b.createdAt) || byReference(a, b) || a.url.localeCompare(b.url),
  );
}

/** The director's Highlights & Accomplishments section: one bullet per highlight, with author and link. */
export function renderHighlights(highlights: Highlight[], period: UpdatePeriod): string {
  const lines = ['## Highlights & Accomplishments', ''];
  if (highlights.length === 0) {
    lines.push(`_No highlights in the async updates from ${period.since} to ${period.until}._`);
    return `${lines.join('\n')}\n`;
  }
  const bullet = (h: Highlight) => `- ${h.text} (@${h.author}, [${h.reference}](${h.url}))`;
  if (!highlights.some((h) => h.team !== null)) {
    lines.push(...highlights.map(bullet));
    return `${lines.join('\n')}\n`;
  }
  for (const team of new Set(highlights.map((h) => h.team))) {
    lines.push(`### ${team ?? 'Other'}`, '', ...highlights.filter((h) => h.team === team).map(bullet), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export interface HighlightsRequest {
  scope: Scope;
  since?: IsoDate;
  until?: IsoDate;
  /** --period: this month or the last one. */
  period?: PeriodChoice;
  /** The update labels, current and legacy: an update carries any of them. */
  labels: string[];
  /** Whether comments on the updates were read too. */
  comments: boolean;
  timeZone: string;
  /** `team:{team}` */
  teamLabel: string;
}

export interface HighlightsState {
  period: UpdatePeriod;
  updates: UpdateIssue[];
}

/** What `update highlights` prints: the section, or under --json this whole document. */
export interface HighlightsDocument {
  schemaVersion: 1;
  command: 'update highlights';
  scope: HighlightsRequest['scope'];
  period: { since: string; until: string };
  labels: string[];
  comments: boolean;
  updates: number;
  highlights: Highlight[];
  markdown: string;
}

/** The director's update is monthly: highlights come from the calendar month holding today (or the last), unless --since or --until say otherwise. */
export function highlightsPeriod(request: HighlightsRequest, today: IsoDate): UpdatePeriod | UsageProblem {
  return checkedPeriod({ kind: 'month', since: request.since, until: request.until, period: request.period }, today);
}

/** The period's highlights as the director's section. It writes nothing, so the section is the whole plan. */
export function planUpdateHighlights(state: HighlightsState, request: HighlightsRequest): HighlightsDocument {
  const { period } = state;
  const highlights = collectHighlights(state.updates, { period, timeZone: request.timeZone, teamLabel: request.teamLabel });
  return {
    schemaVersion: 1,
    command: 'update highlights',
    scope: request.scope,
    period: { since: period.since, until: period.until },
    labels: request.labels,
    comments: request.comments,
    updates: state.updates.length,
    highlights,
    markdown: renderHighlights(highlights, period),
  };
}

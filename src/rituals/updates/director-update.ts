// The director's monthly update: HIGHLIGHT paragraphs "will automatically be copied into the
// Highlights & Accomplishments section of the monthly Director's update" (Ops handbook). One issue
// per month, from the `director-monthly` template; a rerun rewrites that one section and nothing
// else, so what the director wrote in the rest of the description stays.
import type { Heading } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { createPlan, type Plan } from '../../plan/plan.js';
import type { IsoDate } from '../common/calendar.js';
import { renderIssueBody, templateProblemOf, templateProblems } from '../common/issue-body.js';
import { fillPattern } from '../common/pattern.js';
import { counted } from '../common/text.js';
import type { HighlightsDocument } from './highlights.js';
import type { Checked } from './model.js';
import { periodKeyPart, periodValues, type PeriodValues, type UpdatePeriod } from './period.js';

const SECTION = /^highlights\s*(?:&|and)\s*accomplishments$/i;

export const DIRECTOR_UPDATE_KEY = 'director-update/';

export function directorUpdateKey(period: UpdatePeriod): string {
  return `${DIRECTOR_UPDATE_KEY}${periodKeyPart(period)}`;
}

const headingText = (heading: Heading): string =>
  heading.children
    .map((child) => ('value' in child ? child.value : ''))
    .join('')
    .trim();

/**
 * The description with its Highlights & Accomplishments section (the heading up to the next
 * heading of the same or a higher level) replaced by `section`; appended when it has none.
 * CommonMark finds the headings, so a `#` line inside a code block is not one.
 */
export function replaceHighlightsSection(description: string, section: string): string {
  const headings = fromMarkdown(description).children.filter((node): node is Heading => node.type === 'heading');
  const start = headings.findIndex((heading) => SECTION.test(headingText(heading)));
  if (start === -1) return `${description.replace(/\s+$/, '')}${description.trim() ? '\n\n' : ''}${section}`;
  const heading = headings[start]!;
  const next = headings.slice(start + 1).find((h) => h.depth <= heading.depth);
  const from = heading.position?.start.offset ?? 0;
  const to = next?.position?.start.offset ?? description.length;
  const after = description.slice(to);
  return `${description.slice(0, from)}${section.replace(/\s+$/, '')}\n${after ? `\n${after}` : ''}`;
}

export interface DirectorUpdateRequest {
  /** updates.project */
  project: string;
  /** `Director's update: {month}` */
  titlePattern: string;
  labels: string[];
  templateName: string;
}

export interface DirectorTemplate {
  name: string;
  text: string;
}

/** The director's issue of the month as found: its description and key, to rewrite one section. */
export interface ExistingDirectorUpdate {
  iid: number;
  title: string;
  reference: string;
  webUrl: string;
  description: string;
  key: string | null;
}

interface DirectorVariables {
  month: string;
  period: PeriodValues;
  highlights: string;
  updates: number;
  highlights_count: number;
}

function variables(document: HighlightsDocument, period: UpdatePeriod): DirectorVariables {
  const values = periodValues(period);
  return {
    month: values.month,
    period: values,
    highlights: document.markdown,
    updates: document.updates,
    highlights_count: document.highlights.length,
  };
}

export function directorTitle(pattern: string, period: UpdatePeriod): string {
  const { month, since, until } = periodValues(period);
  return fillPattern(pattern, { month, since, until, yyyy: since.slice(0, 4), mm: since.slice(5, 7) }, 'updates.director_title');
}

/** Before GitLab is read for the period's updates: the template and the title pattern can be used. */
export function checkDirectorUpdate(
  template: DirectorTemplate | string,
  request: DirectorUpdateRequest,
  period: UpdatePeriod,
): Checked<CheckedDirectorUpdate> {
  let title = '';
  const sample = {
    month: 'November 2026',
    period: periodValues(period),
    highlights: '## Highlights & Accomplishments\n',
    updates: 1,
    highlights_count: 1,
  };
  const problems = [
    ...(typeof template === 'string' ? [template] : templateProblems(template.text, template.name, sample)),
    templateProblemOf(() => (title = directorTitle(request.titlePattern, period))),
  ].filter((p): p is string => p !== null);
  if (problems.length > 0 || typeof template === 'string') return { ok: false, summary: "cannot create the director's update", problems };
  return { ok: true, value: { template, title, key: directorUpdateKey(period) } };
}

export interface CheckedDirectorUpdate {
  template: DirectorTemplate;
  title: string;
  key: string;
}

export interface DirectorContext {
  period: PeriodValues;
  title: string;
  highlights: number;
}

/** Creates the month's issue, or rewrites its highlights section when new highlights came in; else nothing. */
export function planDirectorUpdate(
  state: { period: UpdatePeriod; document: HighlightsDocument; checked: CheckedDirectorUpdate; existing: ExistingDirectorUpdate | null },
  request: DirectorUpdateRequest & { assigneeIds: number[] },
  today: IsoDate,
): Plan<DirectorContext> {
  const { period, document, checked, existing } = state;
  const { key, title, template } = checked;
  const base = {
    command: 'update highlights',
    scope: request.project,
    date: today,
    context: { period: periodValues(period), title, highlights: document.highlights.length },
  };
  const count = counted(document.highlights.length, 'highlight');
  if (!existing) {
    const rendered = renderIssueBody(template.text, variables(document, period) as unknown as Record<string, unknown>, template.name);
    const description = replaceHighlightsSection(rendered.trim(), document.markdown);
    return createPlan({
      ...base,
      actions: [
        {
          kind: 'create-issue',
          key,
          summary: `create "${title}" in ${request.project} with ${count}`,
          project: request.project,
          issue: { title, description, labels: request.labels, assigneeIds: request.assigneeIds },
        },
      ],
    });
  }
  const description = replaceHighlightsSection(existing.description, document.markdown);
  // GitLab keeps the description as sent; teamops' key marker, and the blank lines before it, are not part of it.
  if (description.trimEnd() === existing.description.trimEnd()) {
    return createPlan({
      ...base,
      actions: [],
      unchanged: [{ key, summary: `${existing.reference} "${existing.title}" has the month's ${count}`, url: existing.webUrl }],
    });
  }
  return createPlan({
    ...base,
    actions: [
      {
        kind: 'update-issue',
        key: `${key}/highlights`,
        summary: `update the Highlights & Accomplishments of ${existing.reference} "${existing.title}" (${count}); the rest stays as written`,
        target: { project: request.project, iid: existing.iid },
        change: { description, key: existing.key },
      },
    ],
  });
}

// Each period's updates are listed in one summary, by author, with title, link and first lines of
// prose; with --create it is opened once per period, and a rerun changes nothing.
import type { Scope } from '../../gitlab/port.js';
import { createPlan, type Plan } from '../../plan/plan.js';
import { toTeamDate, type IsoDate, type Weekday } from '../common/calendar.js';
import { templateProblemOf } from '../common/issue-body.js';
import { counted } from '../common/text.js';
import { summaryKey, summaryKeyPrefix, summaryTitle, updatesInPeriod } from './identity.js';
import { proseOf } from './markdown.js';
import { byReference, type Checked, type ExistingIssue, type UpdateIssue } from './model.js';
import { awaitsFeedback, updateAuthor, type AuthorSource, type GroupMember } from './authors.js';
import { missingReport } from './plan-missing.js';
import type { IssueToCreate } from './plan-update.js';
import { checkedPeriod, periodValues, type PeriodChoice, type PeriodValues, type UpdatePeriod, type UsageProblem } from './period.js';

export interface SummaryEntry {
  author: string;
  title: string;
  reference: string;
  url: string;
  createdOn: IsoDate;
  /** The update's first lines of prose. */
  excerpt: string[];
  /** No comment yet from anyone but its author (or from none of `updates.reviewers`). */
  awaitingFeedback: boolean;
}

/** A weekly template's expected authors who have not posted for the summary's week. */
export interface NotPosted {
  template: string;
  authors: string[];
}

const EXCERPT_LINES = 3;
const EXCERPT_WIDTH = 200;

/** The first lines of the update's paragraphs (list items and quotes included, as written), each cut to a width. */
export function excerptOf(description: string, lines = EXCERPT_LINES): string[] {
  return proseOf(description)
    .flatMap((prose) => prose.sourceLines)
    .filter(Boolean)
    .slice(0, lines)
    .map((line) => (line.length > EXCERPT_WIDTH ? `${line.slice(0, EXCERPT_WIDTH - 1)}…` : line));
}

export function summariseUpdates(
  issues: UpdateIssue[],
  period: UpdatePeriod,
  timeZone: string,
  reviewers: readonly string[] = [],
): SummaryEntry[] {
  return updatesInPeriod(issues, period, timeZone)
    .sort((a, b) => updateAuthor(a).localeCompare(updateAuthor(b)) || a.createdAt.localeCompare(b.createdAt) || byReference(a, b))
    .map((issue) => ({
      author: updateAuthor(issue),
      title: issue.title,
      reference: issue.reference,
      url: issue.webUrl,
      createdOn: toTeamDate(new Date(issue.createdAt), timeZone),
      excerpt: excerptOf(issue.description),
      awaitingFeedback: awaitsFeedback(issue, reviewers),
    }));
}

function renderSummary(entries: SummaryEntry[], period: UpdatePeriod, notPosted: NotPosted[]): string {
  const lines = [`Async updates from ${period.since} to ${period.until}: ${counted(entries.length, 'update')}.`, ''];
  for (const entry of entries) {
    lines.push(`- @${entry.author}: [${entry.title}](${entry.url}) (${entry.createdOn})`);
    for (const line of entry.excerpt) lines.push(`  > ${line}`);
  }
  if (entries.length === 0) lines.push('_No async updates were written in this period._');
  if (notPosted.length > 0) {
    lines.push('', '## Not yet posted', '');
    for (const { template, authors } of notPosted)
      lines.push(`- ${template}: ${authors.length === 0 ? 'everyone has posted' : authors.map((a) => `@${a}`).join(', ')}`);
  }
  if (entries.length > 0) {
    const awaiting = entries.filter((entry) => entry.awaitingFeedback);
    lines.push('', '## Awaiting feedback', '');
    for (const entry of awaiting) lines.push(`- @${entry.author}: [${entry.title}](${entry.url})`);
    if (awaiting.length === 0) lines.push('_Every update has feedback._');
  }
  return `${lines.join('\n')}\n`;
}

export interface SummaryRequest {
  /** Where the updates are read. */
  scope: Scope;
  since?: IsoDate;
  until?: IsoDate;
  /** --period: this week or the last one. */
  period?: PeriodChoice;
  weekStartsOn: Weekday;
  /** With --create: the project the summary is opened in. */
  target?: string;
  timeZone: string;
  /** The update labels, current and legacy: an update carries any of them. */
  updateLabels: string[];
  /** `Async updates: week of {week_start}` */
  titlePattern: string;
  /** The summary issue's labels. */
  labels: string[];
  /** updates.authors of the weekly templates: who is expected to post each week. */
  authors: Record<string, AuthorSource[]>;
  /** updates.reviewers */
  reviewers: string[];
}

/** The summary as checked: its period, and under --create the issue it becomes. */
export interface CheckedSummary {
  period: UpdatePeriod;
  create: IssueToCreate | null;
}

export interface SummaryState {
  summary: CheckedSummary;
  /** The issues labelled as updates, created in the period (or later, for the "Not yet posted" check), with their comments. */
  issues: UpdateIssue[];
  /** The members of the groups `authors` names. */
  members: ReadonlyMap<string, readonly GroupMember[]>;
  existing: ExistingIssue | null;
}

export interface SummaryContext {
  period: PeriodValues;
  title: string;
  updates: number;
}

/** What `update summary` prints without --create: the list, or under --json this whole document. */
export interface SummaryDocument {
  schemaVersion: 1;
  command: 'update summary';
  scope: SummaryRequest['scope'];
  period: { since: string; until: string };
  updates: SummaryEntry[];
  notPosted: NotPosted[];
  markdown: string;
}

/** The summary is weekly: the 7 days ending today, unless --since or --until say otherwise. */
export function summaryPeriod(request: SummaryRequest, today: IsoDate): UpdatePeriod | UsageProblem {
  const { since, until, period, weekStartsOn } = request;
  return checkedPeriod({ kind: 'week', since, until, period, weekStartsOn }, today);
}

/** Before the updates are read: the scope and target project can be used, and the title pattern fills. */
export function checkUpdateSummary(
  readProblems: Array<string | null>,
  request: SummaryRequest,
  period: UpdatePeriod,
): Checked<CheckedSummary> {
  let title = '';
  const titleProblem = request.target ? templateProblemOf(() => (title = summaryTitle(request.titlePattern, period))) : null;
  const problems = [...readProblems, titleProblem].filter((p): p is string => p !== null);
  if (problems.length > 0) return { ok: false, summary: `cannot ${request.target ? 'create' : 'print'} the summary`, problems };
  return {
    ok: true,
    value: {
      period,
      create: request.target ? { project: request.target, key: summaryKey(period), keyPrefix: summaryKeyPrefix(), title } : null,
    },
  };
}

/** The period's updates listed, and under --create the plan that opens the summary unless it exists. */
export function planUpdateSummary(
  state: SummaryState,
  request: SummaryRequest,
  today: IsoDate,
): { document: SummaryDocument; plan: Plan<SummaryContext> | null } {
  const { period, create } = state.summary;
  const updates = summariseUpdates(state.issues, period, request.timeZone, request.reviewers);
  const notPosted = Object.entries(request.authors).map(([templateName, sources]) => ({
    template: templateName,
    authors: missingReport({ templateName, period }, sources, state, request.timeZone).missing,
  }));
  const markdown = renderSummary(updates, period, notPosted);
  const document: SummaryDocument = {
    schemaVersion: 1,
    command: 'update summary',
    scope: request.scope,
    period: { since: period.since, until: period.until },
    updates,
    notPosted,
    markdown,
  };
  return { document, plan: create ? planCreate(create, state, request, document, today) : null };
}

/** One summary issue per period: a rerun finds it and changes nothing. */
function planCreate(
  { project, key, title }: NonNullable<CheckedSummary['create']>,
  { summary: { period }, existing }: SummaryState,
  request: SummaryRequest,
  { updates, markdown }: SummaryDocument,
  today: IsoDate,
): Plan<SummaryContext> {
  const base = {
    command: 'update summary',
    scope: project,
    date: today,
    context: { period: periodValues(period), title, updates: updates.length },
  };
  if (existing) {
    const summary = `summary of ${period.since} to ${period.until} exists: ${existing.reference} "${existing.title}"`;
    return createPlan({ ...base, actions: [], unchanged: [{ key, summary, url: existing.webUrl }] });
  }
  const warnings = updates.length === 0 ? [`no async updates were written between ${period.since} and ${period.until}`] : [];
  const issue = { title, description: markdown, labels: request.labels };
  return createPlan({
    ...base,
    warnings,
    actions: [
      {
        kind: 'create-issue',
        key,
        summary: `create "${title}" in ${project}, listing ${counted(updates.length, 'update')}`,
        project,
        issue,
      },
    ],
  });
}

/**
 * Async updates, as GitLab's Ops sub-department keeps status out of meetings: managers and
 * principal engineers write a weekly update issue (senior managers a monthly Milestone Review),
 * labelled OpsSection::AsyncUpdate (older ones OpsSection::Weekly-Update). Every paragraph that
 * begins with `HIGHLIGHT:` is copied into the director's Highlights & Accomplishments, and each
 * week's updates are summarised in one issue. A period is whole days in the team's time zone,
 * both ends included; one author's update for one template and period exists at most once.
 */
import { readKey } from '../plan/idempotency.js';
import { createPlan, type Plan } from '../plan/plan.js';
import { addDays, addMonths, daysBetween, formatDate, isoWeekLabel, toTeamDate, weekStart, type IsoDate } from './shared/calendar.js';
import { renderIssueBody, templateProblems } from './shared/issue-body.js';
import { fillPattern, readPatternAll } from './shared/pattern.js';
import { missedMilestones } from './milestone-rollover.js';
import { readKeyResultProgress } from './okr/progress.js';
import { counted } from './shared/text.js';
import { proseOf } from './updates/markdown.js';

// ---- periods -------------------------------------------------------------------------------

export type PeriodKind = 'week' | 'month';

export interface UpdatePeriod {
  kind: PeriodKind;
  /** First day, inclusive (team time zone). */
  since: IsoDate;
  /** Last day, inclusive. */
  until: IsoDate;
}

/**
 * The period an update covers: the last 7 days ending `until` (default today), or the last month
 * for monthly templates. Either end can be given; a lone --since runs to today.
 */
export function updatePeriod(request: { kind: PeriodKind; since?: IsoDate; until?: IsoDate }, today: IsoDate): UpdatePeriod {
  const until = request.until ?? today;
  const since = request.since ?? (request.kind === 'month' ? addDays(addMonths(until, -1), 1) : addDays(until, -6));
  return { kind: request.kind, since, until };
}

/** Monthly templates are named so (`sem-monthly`); everything else is weekly unless configured. */
export function periodKindOf(templateName: string, configured: Record<string, PeriodKind>): PeriodKind {
  return configured[templateName] ?? (/monthly/i.test(templateName) ? 'month' : 'week');
}

/** The day in the middle of the period: its week and month are the ones the period mostly covers. */
function midpoint(period: UpdatePeriod): IsoDate {
  return addDays(period.since, Math.floor(daysBetween(period.since, period.until) / 2));
}

export interface PeriodValues {
  kind: PeriodKind;
  since: IsoDate;
  until: IsoDate;
  days: number;
  /** Monday of the ISO week the period mostly covers: a Monday-to-Sunday week, or Tuesday to Monday. */
  week_start: IsoDate;
  week: string;
  /** `November 2026` */
  month: string;
  /** `2026-11-10 to 2026-11-16` */
  label: string;
}

export function periodValues(period: UpdatePeriod): PeriodValues {
  const middle = midpoint(period);
  return {
    kind: period.kind,
    since: period.since,
    until: period.until,
    days: daysBetween(period.since, period.until) + 1,
    week_start: weekStart(middle),
    week: isoWeekLabel(middle),
    month: formatDate(middle, 'MMMM yyyy'),
    label: `${period.since} to ${period.until}`,
  };
}

/** Whether an instant falls on one of the period's days in the team's zone. */
export function inPeriod(instant: string | null, period: UpdatePeriod, timeZone: string): boolean {
  if (!instant) return false;
  const day = toTeamDate(new Date(instant), timeZone);
  return day >= period.since && day <= period.until;
}

// ---- GitLab data, as plain values ----------------------------------------------------------

export interface WorkIssue {
  iid: number;
  title: string;
  description: string;
  state: 'opened' | 'closed';
  labels: string[];
  assignees: string[];
  author: string;
  milestone: { title: string } | null;
  webUrl: string;
  reference: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface WorkMergeRequest {
  title: string;
  state: string;
  labels: string[];
  author: string;
  milestone: { title: string } | null;
  webUrl: string;
  reference: string;
  mergedAt: string | null;
}

/** What GitLab holds for the update's scope: issues and MRs updated since the period began, and the quarter's KRs. */
export interface UpdateData {
  issues: WorkIssue[];
  mergeRequests: WorkMergeRequest[];
  keyResults: WorkIssue[];
}

export interface UpdateContext {
  templateName: string;
  author: { username: string; name: string };
  /** The project or group the update reports on. */
  scope: string;
  period: UpdatePeriod;
  timeZone: string;
  /** `2026-q4` */
  quarter: string;
  /** `missed:{milestone}`: the label milestone rollover puts on issues that slipped. */
  missedLabel: string;
  /** `team:{team}` */
  teamLabel: string;
}


// ---- key results ---------------------------------------------------------------------------

// ---- template variables --------------------------------------------------------------------

export interface IssueVariable {
  title: string;
  reference: string;
  url: string;
  state: string;
  labels: string[];
  assignees: string[];
  author: string;
  milestone: string | null;
  closed_on: IsoDate | null;
  updated_on: IsoDate;
  /** Milestones the issue missed, from its missed labels. */
  missed: string[];
}

export interface MergeRequestVariable {
  title: string;
  reference: string;
  url: string;
  labels: string[];
  author: string;
  milestone: string | null;
  merged_on: IsoDate | null;
}

export interface KeyResultVariable extends Pick<IssueVariable, 'title' | 'reference' | 'url' | 'state' | 'labels' | 'assignees'> {
  score: number | null;
  /** `0.7`, or `n/a` when the issue has no score line. */
  score_text: string;
  current: string | null;
}

export interface AllocationVariable {
  /** The `type::` label (`feature`, `maintenance`, `bug`), or `undefined` when there is none. */
  type: string;
  issues: number;
  merge_requests: number;
  total: number;
  percent: number;
}

export interface UpdateVariables {
  author: { username: string; name: string };
  template: string;
  scope: string;
  period: PeriodValues;
  quarter: string;
  issues_closed: IssueVariable[];
  merge_requests_merged: MergeRequestVariable[];
  issues_in_progress: IssueVariable[];
  issues_slipped: IssueVariable[];
  key_results: KeyResultVariable[];
  allocation: AllocationVariable[];
}

/** Every variable a template can use, for the help text, the README and error messages. */
export const UPDATE_VARIABLES: readonly (keyof UpdateVariables)[] = [
  'allocation',
  'author',
  'issues_closed',
  'issues_in_progress',
  'issues_slipped',
  'key_results',
  'merge_requests_merged',
  'period',
  'quarter',
  'scope',
  'template',
];

const byReference = <T extends { reference: string }>(a: T, b: T) => a.reference.localeCompare(b.reference, 'en', { numeric: true });

// GitLab's work-type classification; the handbook's allocation of focus is counted by it.
const TYPE_LABEL = 'type::{type}';

function allocationOf(issues: IssueVariable[], mergeRequests: MergeRequestVariable[]): AllocationVariable[] {
  const counts = new Map<string, { issues: number; merge_requests: number }>();
  const typeOf = (labels: string[]) => readPatternAll(TYPE_LABEL, 'type', labels)[0] ?? 'undefined';
  const count = (labels: string[], field: 'issues' | 'merge_requests') => {
    const type = typeOf(labels);
    const entry = counts.get(type) ?? { issues: 0, merge_requests: 0 };
    entry[field] += 1;
    counts.set(type, entry);
  };
  for (const issue of issues) count(issue.labels, 'issues');
  for (const mr of mergeRequests) count(mr.labels, 'merge_requests');
  const all = issues.length + mergeRequests.length;
  return [...counts.entries()]
    .map(([type, c]) => ({ type, ...c, total: c.issues + c.merge_requests, percent: all === 0 ? 0 : Math.round(((c.issues + c.merge_requests) * 100) / all) }))
    .sort((a, b) => b.total - a.total || a.type.localeCompare(b.type));
}

/**
 * The variables a template sees, from the scope's issues and MRs: closed and merged in the period,
 * open and assigned issues touched in the period, issues carrying a missed label touched in the
 * period, and the quarter's key results with their score.
 */
export function updateVariables(data: UpdateData, context: UpdateContext): UpdateVariables {
  const { period, timeZone } = context;
  const day = (instant: string | null) => (instant ? toTeamDate(new Date(instant), timeZone) : null);
  const touched = (issue: WorkIssue) => inPeriod(issue.updatedAt, period, timeZone);
  const issueVariable = (issue: WorkIssue): IssueVariable => ({
    title: issue.title,
    reference: issue.reference,
    url: issue.webUrl,
    state: issue.state,
    labels: issue.labels,
    assignees: issue.assignees,
    author: issue.author,
    milestone: issue.milestone?.title ?? null,
    closed_on: issue.state === 'closed' ? day(issue.closedAt) : null,
    updated_on: day(issue.updatedAt) ?? '',
    missed: missedMilestones(issue.labels, context.missedLabel),
  });

  const closed = data.issues.filter((i) => i.state === 'closed' && inPeriod(i.closedAt, period, timeZone)).map(issueVariable).sort(byReference);
  const merged = data.mergeRequests
    .filter((mr) => mr.state === 'merged' && inPeriod(mr.mergedAt, period, timeZone))
    .map(
      (mr): MergeRequestVariable => ({
        title: mr.title,
        reference: mr.reference,
        url: mr.webUrl,
        labels: mr.labels,
        author: mr.author,
        milestone: mr.milestone?.title ?? null,
        merged_on: day(mr.mergedAt),
      }),
    )
    .sort(byReference);
  const inProgress = data.issues.filter((i) => i.state === 'opened' && i.assignees.length > 0 && touched(i)).map(issueVariable).sort(byReference);
  const slipped = data.issues.filter((i) => touched(i) && missedMilestones(i.labels, context.missedLabel).length > 0).map(issueVariable).sort(byReference);
  const keyResults = data.keyResults
    .map((kr): KeyResultVariable => {
      const progress = readKeyResultProgress(kr.description);
      return {
        title: kr.title,
        reference: kr.reference,
        url: kr.webUrl,
        state: kr.state,
        labels: kr.labels,
        assignees: kr.assignees,
        score: progress.score,
        score_text: progress.score === null ? 'n/a' : String(progress.score),
        current: progress.current,
      };
    })
    .sort(byReference);

  return {
    author: context.author,
    template: context.templateName,
    scope: context.scope,
    period: periodValues(period),
    quarter: context.quarter,
    issues_closed: closed,
    merge_requests_merged: merged,
    issues_in_progress: inProgress,
    issues_slipped: slipped,
    key_results: keyResults,
    allocation: allocationOf(closed, merged),
  };
}

/** One made-up item in every list, so that a template's loops are checked before GitLab is read. */
function sampleVariables(context: Omit<UpdateContext, 'timeZone' | 'missedLabel' | 'teamLabel'>): UpdateVariables {
  const issue: WorkIssue = {
    iid: 1,
    title: 'Sample issue',
    description: '**Current:** 1\n**Score:** 0.5',
    state: 'closed',
    labels: ['type::feature', 'missed:1.0'],
    assignees: [context.author.username],
    author: context.author.username,
    milestone: { title: '1.0' },
    webUrl: 'https://gitlab.example.com/sample/-/issues/1',
    reference: 'sample#1',
    createdAt: `${context.period.since}T12:00:00Z`,
    updatedAt: `${context.period.since}T12:00:00Z`,
    closedAt: `${context.period.since}T12:00:00Z`,
  };
  const open: WorkIssue = { ...issue, iid: 2, reference: 'sample#2', state: 'opened', closedAt: null };
  const mr: WorkMergeRequest = { ...issue, reference: 'sample!1', state: 'merged', mergedAt: issue.closedAt };
  return updateVariables(
    { issues: [issue, open], mergeRequests: [mr], keyResults: [issue] },
    { ...context, timeZone: 'UTC', missedLabel: 'missed:{milestone}', teamLabel: 'team:{team}' },
  );
}

/** What is wrong with an update template (unknown variables, or fields inside loops), before GitLab is read for the period. */
export function updateTemplateProblems(template: string, context: Omit<UpdateContext, 'timeZone' | 'missedLabel' | 'teamLabel'>): string[] {
  return templateProblems(template, context.templateName, sampleVariables(context) as unknown as Record<string, unknown>);
}

export function renderAsyncUpdate(template: string, data: UpdateData, context: UpdateContext): string {
  const variables = updateVariables(data, context) as unknown as Record<string, unknown>;
  return `${renderIssueBody(template, variables, context.templateName).trim()}\n`;
}

// ---- creating the update -------------------------------------------------------------------

export interface ExistingIssue {
  title: string;
  reference: string;
  webUrl: string;
}

export interface AsyncUpdateState {
  /** The update issue carrying this update's key, if one was created before. */
  existing: ExistingIssue | null;
  /** The rendered update. */
  body: string;
}

export interface AsyncUpdateRequest {
  project: string;
  templateName: string;
  author: { username: string; id: number };
  period: UpdatePeriod;
  /** `{author}: weekly update, week of {week_start}` */
  titlePattern: string;
  labels: string[];
}

export interface AsyncUpdateContext {
  author: string;
  template: string;
  period: PeriodValues;
  title: string;
}

/** Keys hold no spaces; project template names may. */
const keyPart = (text: string) => text.trim().replace(/[^\w.@-]+/g, '-');

export function asyncUpdateKey(author: string, templateName: string, period: UpdatePeriod): string {
  return `async-update/${keyPart(author)}/${keyPart(templateName)}/${period.since}/${period.until}`;
}

export function summaryKey(period: UpdatePeriod): string {
  return `async-update-summary/${period.since}/${period.until}`;
}

function titleValues(period: UpdatePeriod): Record<string, string> {
  const values = periodValues(period);
  return { week_start: values.week_start, since: values.since, until: values.until, week: values.week, month: values.month };
}

export function updateTitle(pattern: string, author: string, templateName: string, period: UpdatePeriod): string {
  return fillPattern(pattern, { ...titleValues(period), author, template: templateName }, 'updates.title');
}

/** One update per author, template and period: a rerun finds the first one and changes nothing. */
export function planAsyncUpdate(state: AsyncUpdateState, request: AsyncUpdateRequest, today: IsoDate): Plan<AsyncUpdateContext> {
  const key = asyncUpdateKey(request.author.username, request.templateName, request.period);
  const title = updateTitle(request.titlePattern, request.author.username, request.templateName, request.period);
  const context = { author: request.author.username, template: request.templateName, period: periodValues(request.period), title };
  const base = { command: 'update print', scope: request.project, date: today, context };
  if (state.existing) {
    return createPlan({
      ...base,
      actions: [],
      unchanged: [{ key, summary: `@${request.author.username}'s ${request.templateName} update for ${request.period.since} to ${request.period.until} exists: ${state.existing.reference} "${state.existing.title}"`, url: state.existing.webUrl }],
    });
  }
  return createPlan({
    ...base,
    actions: [
      {
        kind: 'create-issue',
        key,
        summary: `create "${title}" in ${request.project}, assigned to @${request.author.username}`,
        project: request.project,
        issue: { title, description: state.body, labels: request.labels, assigneeIds: [request.author.id] },
      },
    ],
  });
}

// ---- highlights ----------------------------------------------------------------------------

// The handbook's marker, optionally bold (`**HIGHLIGHT:**`); upper case, so prose like "Highlight: …" stays prose.
const HIGHLIGHT = /^(?:\*\*|__)?HIGHLIGHT(?:\*\*|__)?:(?:\*\*|__)?[ \t]*/;

/**
 * The text of every paragraph (or list item) that begins with `HIGHLIGHT:`, its lines joined. Code
 * blocks (fenced or indented), block quotes, headings and HTML comments are not paragraphs, and a
 * `HIGHLIGHT:` in the middle of a paragraph does not start one; an empty highlight is dropped.
 */
export function extractHighlights(markdown: string): string[] {
  return proseOf(markdown).flatMap(({ lines: [first = '', ...rest], quoted }) => {
    if (quoted || !HIGHLIGHT.test(first)) return [];
    const text = [first.replace(HIGHLIGHT, ''), ...rest].filter(Boolean).join(' ');
    return text ? [text] : [];
  });
}

export interface UpdateNote {
  id: number;
  body: string;
  author: string;
  createdAt: string;
  system: boolean;
}

export interface UpdateIssue {
  iid: number;
  title: string;
  description: string;
  author: string;
  labels: string[];
  webUrl: string;
  reference: string;
  createdAt: string;
  /** Comments, when they are read too. */
  notes?: UpdateNote[];
}

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

/** Updates created on one of the period's days (team zone); a summary is not an update, whatever its labels. */
export function updatesInPeriod<T extends { createdAt: string; description: string }>(issues: T[], period: UpdatePeriod, timeZone: string): T[] {
  return issues.filter((issue) => inPeriod(issue.createdAt, period, timeZone) && !readKey(issue.description)?.startsWith('async-update-summary/'));
}

/** Every highlight of the period's updates, grouped by team (teams A–Z, then updates without a team), oldest first. */
export function collectHighlights(issues: UpdateIssue[], request: { period: UpdatePeriod; timeZone: string; teamLabel: string }): Highlight[] {
  const highlights: Highlight[] = [];
  for (const issue of updatesInPeriod(issues, request.period, request.timeZone)) {
    const base = { team: readPatternAll(request.teamLabel, 'team', issue.labels)[0] ?? null, reference: issue.reference, title: issue.title };
    for (const text of extractHighlights(issue.description)) {
      highlights.push({ ...base, author: issue.author, text, source: 'description', url: issue.webUrl, createdAt: issue.createdAt });
    }
    for (const note of issue.notes ?? []) {
      if (note.system) continue;
      for (const text of extractHighlights(note.body)) {
        highlights.push({ ...base, author: note.author, text, source: 'comment', url: `${issue.webUrl}#note_${note.id}`, createdAt: note.createdAt });
      }
    }
  }
  const teamOrder = (h: Highlight) => (h.team === null ? '\uffff' : h.team.toLowerCase());
  return highlights.sort(
    (a, b) => teamOrder(a).localeCompare(teamOrder(b)) || a.createdAt.localeCompare(b.createdAt) || byReference(a, b) || a.url.localeCompare(b.url),
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
  const grouped = highlights.some((h) => h.team !== null);
  if (!grouped) {
    lines.push(...highlights.map(bullet));
    return `${lines.join('\n')}\n`;
  }
  const teams = [...new Set(highlights.map((h) => h.team))];
  for (const team of teams) {
    lines.push(`### ${team ?? 'Other'}`, '', ...highlights.filter((h) => h.team === team).map(bullet), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

// ---- the weekly summary --------------------------------------------------------------------

export interface SummaryEntry {
  author: string;
  title: string;
  reference: string;
  url: string;
  createdOn: IsoDate;
  /** The update's first lines of prose. */
  excerpt: string[];
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

export function summariseUpdates(issues: UpdateIssue[], period: UpdatePeriod, timeZone: string): SummaryEntry[] {
  return updatesInPeriod(issues, period, timeZone)
    .map((issue) => ({
      author: issue.author,
      title: issue.title,
      reference: issue.reference,
      url: issue.webUrl,
      createdOn: toTeamDate(new Date(issue.createdAt), timeZone),
      createdAt: issue.createdAt,
      excerpt: excerptOf(issue.description),
    }))
    .sort((a, b) => a.author.localeCompare(b.author) || a.createdAt.localeCompare(b.createdAt) || byReference(a, b))
    .map(({ createdAt: _createdAt, ...entry }) => entry);
}

export function renderSummary(entries: SummaryEntry[], period: UpdatePeriod): string {
  const lines = [`Async updates from ${period.since} to ${period.until}: ${counted(entries.length, 'update')}.`, ''];
  for (const entry of entries) {
    lines.push(`- @${entry.author}: [${entry.title}](${entry.url}) (${entry.createdOn})`);
    for (const line of entry.excerpt) lines.push(`  > ${line}`);
  }
  if (entries.length === 0) lines.push('_No async updates were written in this period._');
  return `${lines.join('\n')}\n`;
}

export interface SummaryState {
  updates: SummaryEntry[];
  existing: ExistingIssue | null;
}

export interface SummaryRequest {
  project: string;
  period: UpdatePeriod;
  /** `Async updates: week of {week_start}` */
  titlePattern: string;
  labels: string[];
}

export interface SummaryContext {
  period: PeriodValues;
  title: string;
  updates: number;
}

export function summaryTitle(pattern: string, period: UpdatePeriod): string {
  return fillPattern(pattern, titleValues(period), 'updates.summary_title');
}

/** One summary issue per period: a rerun finds it and changes nothing. */
export function planUpdateSummary(state: SummaryState, request: SummaryRequest, today: IsoDate): Plan<SummaryContext> {
  const key = summaryKey(request.period);
  const title = summaryTitle(request.titlePattern, request.period);
  const base = { command: 'update summary', scope: request.project, date: today, context: { period: periodValues(request.period), title, updates: state.updates.length } };
  if (state.existing) {
    return createPlan({
      ...base,
      actions: [],
      unchanged: [{ key, summary: `summary of ${request.period.since} to ${request.period.until} exists: ${state.existing.reference} "${state.existing.title}"`, url: state.existing.webUrl }],
    });
  }
  const warnings = state.updates.length === 0 ? [`no async updates were written between ${request.period.since} and ${request.period.until}`] : [];
  return createPlan({
    ...base,
    warnings,
    actions: [
      {
        kind: 'create-issue',
        key,
        summary: `create "${title}" in ${request.project}, listing ${counted(state.updates.length, 'update')}`,
        project: request.project,
        issue: { title, description: renderSummary(state.updates, request.period), labels: request.labels },
      },
    ],
  });
}

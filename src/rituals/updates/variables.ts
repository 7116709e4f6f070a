// A template sees the period's work in the update's scope: issues closed and MRs merged in the
// period, open assigned issues and issues carrying a missed label touched in it, the quarter's key
// results with their score, and the allocation of focus by `type::` label. Days are the team's.
import { missedMilestones } from '../milestone/missed-label.js';
import { readKeyResultProgress } from '../okr/progress.js';
import { toTeamDate, type IsoDate } from '../common/calendar.js';
import { renderIssueBody, templateProblems } from '../common/issue-body.js';
import { readPatternAll } from '../common/pattern.js';
import { byReference, type UpdateData, type WorkIssue, type WorkMergeRequest } from './model.js';
import { inPeriod, periodValues, type PeriodValues, type UpdatePeriod } from './period.js';

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
}

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

// GitLab's work-type classification; the handbook's allocation of focus is counted by it.
const TYPE_LABEL = 'type::{type}';

function allocationOf(issues: IssueVariable[], mergeRequests: MergeRequestVariable[]): AllocationVariable[] {
  const counts = new Map<string, { issues: number; merge_requests: number }>();
  const count = (labels: string[], field: 'issues' | 'merge_requests') => {
    const type = readPatternAll(TYPE_LABEL, 'type', labels)[0] ?? 'undefined';
    const entry = counts.get(type) ?? { issues: 0, merge_requests: 0 };
    entry[field] += 1;
    counts.set(type, entry);
  };
  for (const issue of issues) count(issue.labels, 'issues');
  for (const mr of mergeRequests) count(mr.labels, 'merge_requests');
  const all = issues.length + mergeRequests.length;
  return [...counts.entries()]
    .map(([type, c]) => ({
      type,
      ...c,
      total: c.issues + c.merge_requests,
      percent: all === 0 ? 0 : Math.round(((c.issues + c.merge_requests) * 100) / all),
    }))
    .sort((a, b) => b.total - a.total || a.type.localeCompare(b.type));
}

const dayOf = (instant: string | null, timeZone: string): IsoDate | null => (instant ? toTeamDate(new Date(instant), timeZone) : null);

function issueVariable(issue: WorkIssue, context: UpdateContext): IssueVariable {
  return {
    title: issue.title,
    reference: issue.reference,
    url: issue.webUrl,
    state: issue.state,
    labels: issue.labels,
    assignees: issue.assignees,
    author: issue.author,
    milestone: issue.milestone?.title ?? null,
    closed_on: issue.state === 'closed' ? dayOf(issue.closedAt, context.timeZone) : null,
    updated_on: dayOf(issue.updatedAt, context.timeZone) ?? '',
    missed: missedMilestones(issue.labels, context.missedLabel),
  };
}

function mergeRequestVariable(mr: WorkMergeRequest, context: UpdateContext): MergeRequestVariable {
  return {
    title: mr.title,
    reference: mr.reference,
    url: mr.webUrl,
    labels: mr.labels,
    author: mr.author,
    milestone: mr.milestone?.title ?? null,
    merged_on: dayOf(mr.mergedAt, context.timeZone),
  };
}

function keyResultVariable(kr: WorkIssue): KeyResultVariable {
  const { score, current } = readKeyResultProgress(kr.description);
  return {
    title: kr.title,
    reference: kr.reference,
    url: kr.webUrl,
    state: kr.state,
    labels: kr.labels,
    assignees: kr.assignees,
    score,
    score_text: score === null ? 'n/a' : String(score),
    current,
  };
}

/** The variables a template sees, from the scope's issues and MRs and the quarter's key results. */
export function updateVariables(data: UpdateData, context: UpdateContext): UpdateVariables {
  const { period, timeZone } = context;
  const issues = (keep: (issue: WorkIssue) => boolean) =>
    data.issues
      .filter(keep)
      .map((issue) => issueVariable(issue, context))
      .sort(byReference);
  const touched = (issue: WorkIssue) => inPeriod(issue.updatedAt, period, timeZone);
  const closed = issues((i) => i.state === 'closed' && inPeriod(i.closedAt, period, timeZone));
  const merged = data.mergeRequests
    .filter((mr) => mr.state === 'merged' && inPeriod(mr.mergedAt, period, timeZone))
    .map((mr) => mergeRequestVariable(mr, context))
    .sort(byReference);
  return {
    author: context.author,
    template: context.templateName,
    scope: context.scope,
    period: periodValues(period),
    quarter: context.quarter,
    issues_closed: closed,
    merge_requests_merged: merged,
    issues_in_progress: issues((i) => i.state === 'opened' && i.assignees.length > 0 && touched(i)),
    issues_slipped: issues((i) => touched(i) && missedMilestones(i.labels, context.missedLabel).length > 0),
    key_results: data.keyResults.map(keyResultVariable).sort(byReference),
    allocation: allocationOf(closed, merged),
  };
}

export type SampleContext = Omit<UpdateContext, 'timeZone' | 'missedLabel'>;

/** One made-up item in every list, so that a template's loops are checked before GitLab is read. */
function sampleVariables(context: SampleContext): UpdateVariables {
  const at = `${context.period.since}T12:00:00Z`;
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
    createdAt: at,
    updatedAt: at,
    closedAt: at,
  };
  const open: WorkIssue = { ...issue, iid: 2, reference: 'sample#2', state: 'opened', closedAt: null };
  const mr: WorkMergeRequest = { ...issue, reference: 'sample!1', state: 'merged', mergedAt: at };
  return updateVariables(
    { issues: [issue, open], mergeRequests: [mr], keyResults: [issue] },
    { ...context, timeZone: 'UTC', missedLabel: 'missed:{milestone}' },
  );
}

/** What is wrong with an update template (unknown variables, or fields inside loops), before GitLab is read for the period. */
export function updateTemplateProblems(template: string, context: SampleContext): string[] {
  return templateProblems(template, context.templateName, sampleVariables(context) as unknown as Record<string, unknown>);
}

/** The update's Markdown: the template filled with the variables, ending in one newline. */
export function renderAsyncUpdate(template: string, variables: UpdateVariables, templateName: string): string {
  return `${renderIssueBody(template, variables as unknown as Record<string, unknown>, templateName).trim()}\n`;
}

// An author's update for one template and period, filled from the scope's work in GitLab; with
// --create it is opened once as an issue assigned to the author, and a rerun changes nothing.
// Everything that can be wrong is found before the period's work is read, and reported together.
import type { Scope } from '../../gitlab/port.js';
import { createPlan, type Plan } from '../../plan/plan.js';
import type { IsoDate, Weekday } from '../common/calendar.js';
import { templateProblemOf } from '../common/issue-body.js';
import { parseQuarter, quarterContaining, quarterLabel, QUARTER_EXAMPLES, type QuarterKind } from '../common/quarter.js';
import { asyncUpdateKey, asyncUpdateKeyPrefix, updateTitle } from './identity.js';
import type { Checked, ExistingIssue, UpdateData } from './model.js';
import {
  checkedPeriod,
  periodKindOf,
  periodValues,
  type PeriodChoice,
  type PeriodKind,
  type PeriodValues,
  type UpdatePeriod,
  type UsageProblem,
} from './period.js';
import { renderAsyncUpdate, updateTemplateProblems, updateVariables, type UpdateVariables } from './variables.js';

export interface UpdatePrintRequest {
  templateName: string;
  /** The project or group the update reports on. */
  scope: Scope;
  since?: IsoDate;
  until?: IsoDate;
  /** --period: this week (month) or the last one, when neither --since nor --until is given. */
  period?: PeriodChoice;
  /** updates.week_starts_on */
  weekStartsOn: Weekday;
  /** --author; without it, the token's user. */
  author?: string;
  /** --quarter as given (`2027-Q1`, `FY27-Q1`); without it, the quarter holding the period's last day. */
  quarter?: string;
  /** With --create: the project the update is opened in. */
  target?: string;
  timeZone: string;
  /** updates.periods: the period kind of templates whose name does not say. */
  periods: Record<string, PeriodKind>;
  quarters: { kind: QuarterKind; fiscalStartMonth: number; labelPattern: string };
  missedLabel: string;
  /** `{author}: weekly update, week of {week_start}` */
  titlePattern: string;
  labels: string[];
}

/** What the update is read for: its period, and the label of its key results' quarter. */
export interface UpdateWindow {
  period: UpdatePeriod;
  quarter: string;
}

export interface UpdateAuthor {
  id: number;
  username: string;
  name: string;
}

export interface UpdateTemplate {
  source: 'project' | 'bundled' | 'file';
  text: string;
}

/** What GitLab said about the request's author, template, scope and target project. */
export interface UpdateFound {
  author: UpdateAuthor | null;
  /** The template, or why there is none. */
  template: UpdateTemplate | string;
  /** Why the scope cannot be read, or null. */
  scopeProblem: string | null;
  targetFound: boolean;
}

/** The update as checked: who writes it from which template, and under --create the issue it becomes. */
export interface CheckedUpdate extends UpdateWindow {
  author: UpdateAuthor;
  template: UpdateTemplate;
  create: IssueToCreate | null;
}

/** The issue --create opens: where, with which key and title; `keyPrefix` finds it under any earlier key form. */
export interface IssueToCreate {
  project: string;
  key: string;
  keyPrefix: string;
  title: string;
}

export interface UpdatePrintState {
  update: CheckedUpdate;
  work: UpdateData;
  /** The update issue carrying this update's key, if one was created before. */
  existing: ExistingIssue | null;
}

export interface AsyncUpdateContext {
  author: string;
  template: string;
  period: PeriodValues;
  title: string;
}

/** What `update print` prints: the Markdown, or under --json this whole document. */
export interface UpdatePrintDocument {
  schemaVersion: 1;
  command: 'update print';
  template: { name: string; source: UpdateTemplate['source'] };
  author: string;
  scope: UpdatePrintRequest['scope'];
  period: UpdatePeriod;
  quarter: string;
  variables: UpdateVariables;
  markdown: string;
}

/** Step one, before GitLab is read: the period (by the template's kind) and the key results' quarter. */
export function updateWindow(request: UpdatePrintRequest, today: IsoDate): UpdateWindow | UsageProblem {
  const period = checkedPeriod(
    {
      kind: periodKindOf(request.templateName, request.periods),
      since: request.since,
      until: request.until,
      period: request.period,
      weekStartsOn: request.weekStartsOn,
    },
    today,
  );
  if ('problem' in period) return period;
  const { kind, fiscalStartMonth, labelPattern } = request.quarters;
  const quarter =
    request.quarter === undefined
      ? quarterContaining(period.until, kind, fiscalStartMonth)
      : parseQuarter(request.quarter, fiscalStartMonth);
  if (!quarter) return { problem: `--quarter must be ${QUARTER_EXAMPLES}, got "${request.quarter}"` };
  let label = '';
  const labelProblem = templateProblemOf(() => (label = quarterLabel(quarter, labelPattern)));
  if (labelProblem) return { problem: labelProblem, hint: 'fix labels.quarter in teamops.yml' };
  return { period, quarter: label };
}

/** Step two, before the period's work is read: the author, scope, target and template, and the title they make. */
export function checkUpdatePrint(found: UpdateFound, request: UpdatePrintRequest, window: UpdateWindow): Checked<CheckedUpdate> {
  const { author, template } = found;
  const username = author?.username ?? 'author';
  let title = '';
  const titleProblem = request.target
    ? templateProblemOf(() => (title = updateTitle(request.titlePattern, username, request.templateName, window.period)))
    : null;
  const problems = [...foundProblems(found, request, window), ...(titleProblem ? [titleProblem] : [])];
  if (problems.length > 0 || !author || typeof template === 'string') {
    return { ok: false, summary: `cannot ${request.target ? 'create' : 'print'} the ${request.templateName} update`, problems };
  }
  const create = request.target
    ? {
        project: request.target,
        key: asyncUpdateKey(username, request.templateName, window.period),
        keyPrefix: asyncUpdateKeyPrefix(username, request.templateName),
        title,
      }
    : null;
  return { ok: true, value: { ...window, author, template, create } };
}

/** What is missing or unusable in what GitLab returned; the template is checked on sample values. */
function foundProblems(
  { author, template, scopeProblem, targetFound }: UpdateFound,
  request: UpdatePrintRequest,
  window: UpdateWindow,
): string[] {
  const problems: string[] = [];
  if (!author) problems.push(`--author ${request.author}: no GitLab user of that name`);
  if (scopeProblem) problems.push(scopeProblem);
  if (!targetFound) problems.push(`project ${request.target} (where the update is created) does not exist, or the token cannot see it`);
  if (typeof template === 'string') return [...problems, template];
  const sample = {
    templateName: request.templateName,
    author: { username: author?.username ?? 'author', name: author?.name ?? 'Author' },
    scope: String(request.scope.ref),
    period: window.period,
    quarter: window.quarter,
  };
  return [...problems, ...updateTemplateProblems(template.text, sample)];
}

/** Step three: the update filled in, and under --create the plan that opens it unless it exists. */
export function planUpdatePrint(
  state: UpdatePrintState,
  request: UpdatePrintRequest,
  today: IsoDate,
): { document: UpdatePrintDocument; plan: Plan<AsyncUpdateContext> | null } {
  const { update } = state;
  const { username, name } = update.author;
  const variables = updateVariables(state.work, {
    templateName: request.templateName,
    author: { username, name },
    scope: String(request.scope.ref),
    period: update.period,
    timeZone: request.timeZone,
    quarter: update.quarter,
    missedLabel: request.missedLabel,
  });
  const markdown = renderAsyncUpdate(update.template.text, variables, request.templateName);
  const document: UpdatePrintDocument = {
    schemaVersion: 1,
    command: 'update print',
    template: { name: request.templateName, source: update.template.source },
    author: update.author.username,
    scope: request.scope,
    period: update.period,
    quarter: update.quarter,
    variables,
    markdown,
  };
  return { document, plan: update.create ? planCreate(update.create, state, request, markdown, today) : null };
}

/** One update per author, template and period: a rerun finds the first one and changes nothing. */
function planCreate(
  { project, key, title }: NonNullable<CheckedUpdate['create']>,
  { update, existing }: UpdatePrintState,
  request: UpdatePrintRequest,
  markdown: string,
  today: IsoDate,
): Plan<AsyncUpdateContext> {
  const { period, author } = update;
  const base = {
    command: 'update print',
    scope: project,
    date: today,
    context: { author: author.username, template: request.templateName, period: periodValues(period), title },
  };
  if (existing) {
    const summary = `@${author.username}'s ${request.templateName} update for ${period.since} to ${period.until} exists: ${existing.reference} "${existing.title}"`;
    return createPlan({ ...base, actions: [], unchanged: [{ key, summary, url: existing.webUrl }] });
  }
  const issue = { title, description: markdown, labels: request.labels, assigneeIds: [author.id] };
  return createPlan({
    ...base,
    actions: [{ kind: 'create-issue', key, summary: `create "${title}" in ${project}, assigned to @${author.username}`, project, issue }],
  });
}

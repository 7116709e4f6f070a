import pLimit from 'p-limit';
import { UsageError, ValidationError } from '../../errors.js';
import type { GitLabReader, Scope } from '../../gitlab/port.js';
import { addDays, startOfTeamDay } from '../../rituals/common/calendar.js';
import { highlightsPeriod, type HighlightsRequest, type HighlightsState } from '../../rituals/updates/highlights.js';
import {
  checkDirectorUpdate,
  DIRECTOR_UPDATE_KEY,
  type CheckedDirectorUpdate,
  type DirectorUpdateRequest,
  type ExistingDirectorUpdate,
} from '../../rituals/updates/director-update.js';
import { issueForPeriod } from '../../rituals/updates/identity.js';
import type { Checked, ExistingIssue, UpdateData, UpdateIssue } from '../../rituals/updates/model.js';
import type { UpdatePeriod, UsageProblem } from '../../rituals/updates/period.js';
import {
  checkUpdatePrint,
  updateWindow,
  type IssueToCreate,
  type UpdateFound,
  type UpdatePrintRequest,
  type UpdatePrintState,
  type UpdateWindow,
} from '../../rituals/updates/plan-update.js';
import { checkUpdateSummary, summaryPeriod, type SummaryRequest, type SummaryState } from '../../rituals/updates/summary.js';
import type { CommandContext } from '../common/context.js';
import { readAuthorMembers } from './read-authors.js';
import { scopeProblem } from '../common/scope.js';
import { loadIssueTemplate } from '../common/templates.js';

// What the update commands read from GitLab, in the ritual's order: the request is checked before
// anything is read, and who and what the update is before the period's work is read.

/** The value, or the usage error the ritual found in the request (exit 3, before GitLab is read). */
function usable<T extends object>(value: T | UsageProblem): T {
  if ('problem' in value) throw new UsageError(value.problem, { hint: value.hint });
  return value;
}

/** The value, or every problem the ritual found in what GitLab holds (exit 3, before the period's work is read). */
export function checked<T>(result: Checked<T>): T {
  if (!result.ok) throw new ValidationError(result.summary, result.problems);
  return result.value;
}

/** The issue holding the period's update or summary, under its key or an older teamops' rolling-range key. */
async function findForPeriod(reader: GitLabReader, create: IssueToCreate, period: UpdatePeriod): Promise<ExistingIssue | null> {
  const found = await reader.listIssuesByKeyPrefix({ kind: 'project', ref: create.project }, create.keyPrefix, { title: create.title });
  return issueForPeriod(found, create.keyPrefix, period);
}

export async function readPrintState(context: CommandContext, request: UpdatePrintRequest, cwd: string): Promise<UpdatePrintState> {
  const window = usable(updateWindow(request, context.today));
  const reader = context.reader();
  const update = checked(checkUpdatePrint(await readPrintFound(reader, request, context, cwd), request, window));
  const [work, existing] = await Promise.all([
    readWork(reader, request.scope, window, context),
    update.create ? findForPeriod(reader, update.create, window.period) : null,
  ]);
  return { update, work, existing };
}

async function readPrintFound(
  reader: GitLabReader,
  request: UpdatePrintRequest,
  { config }: CommandContext,
  cwd: string,
): Promise<UpdateFound> {
  const templateProject =
    request.target ?? config.updates.project ?? (request.scope.kind === 'project' ? String(request.scope.ref) : undefined);
  const [author, template, problem, target] = await Promise.all([
    request.author ? reader.findUser(request.author) : reader.currentUser(),
    loadIssueTemplate(reader, { name: request.templateName, project: templateProject, bundledFolder: 'updates', cwd }),
    scopeProblem(reader, request.scope),
    request.target ? reader.getProject(request.target) : true,
  ]);
  return { author, template, scopeProblem: problem, targetFound: Boolean(target) };
}

/**
 * Issues and MRs of the scope touched since the period began (the ritual sorts them into closed,
 * merged, in progress and slipped), and the quarter's key results.
 */
async function readWork(
  reader: GitLabReader,
  scope: Scope,
  { period, quarter }: UpdateWindow,
  { config, debug }: CommandContext,
): Promise<UpdateData> {
  const updatedAfter = startOfTeamDay(period.since, config.timezone);
  const keyResultScope: Scope = scope.kind === 'project' && config.okr.project ? { kind: 'project', ref: config.okr.project } : scope;
  const [issues, mergeRequests, keyResults] = await Promise.all([
    reader.listIssues(scope, { updatedAfter, state: 'all' }),
    reader.listMergeRequests(scope, { state: 'merged', updatedAfter }),
    reader.listIssues(keyResultScope, { labels: [config.labels.key_result, quarter], state: 'all' }),
  ]);
  debug(`read ${issues.length} issues, ${mergeRequests.length} merged MRs and ${keyResults.length} key results (${quarter})`);
  return { issues, mergeRequests, keyResults };
}

export async function readHighlightsState(context: CommandContext, request: HighlightsRequest): Promise<HighlightsState> {
  const period = usable(highlightsPeriod(request, context.today));
  const reader = context.reader();
  const problem = await scopeProblem(reader, request.scope);
  if (problem) throw new ValidationError('cannot collect highlights', [problem]);
  const updates = await readUpdateIssues(reader, request.scope, period, { labels: request.labels, withNotes: request.comments, context });
  return { period, updates };
}

/** What `update highlights --create` needs: the director's template and user checked first, then the month's updates and its issue. */
export async function readDirectorState(
  context: CommandContext,
  request: HighlightsRequest & DirectorUpdateRequest & { director?: string },
  cwd: string,
): Promise<{
  highlights: HighlightsState;
  checked: CheckedDirectorUpdate;
  existing: ExistingDirectorUpdate | null;
  assigneeIds: number[];
}> {
  const period = usable(highlightsPeriod(request, context.today));
  const reader = context.reader();
  const [template, director, project, problem] = await Promise.all([
    loadIssueTemplate(reader, {
      name: request.templateName,
      project: request.project,
      bundledDefault: 'director-monthly.md',
      fallBackToDefault: request.templateName === 'director-monthly',
      cwd,
    }),
    request.director ? reader.findUser(request.director) : null,
    reader.getProject(request.project),
    scopeProblem(reader, request.scope),
  ]);
  const result = checkDirectorUpdate(
    typeof template === 'string' ? template : { name: template.name, text: template.text },
    request,
    period,
  );
  const problems = [
    ...(problem ? [problem] : []),
    ...(project
      ? []
      : [
          `project ${request.project} (updates.project, where the director's update is created) does not exist, or the token cannot see it`,
        ]),
    ...(request.director && !director ? [`updates.director: no GitLab user "${request.director}"`] : []),
    ...(result.ok ? [] : result.problems),
  ];
  if (problems.length > 0 || !result.ok) throw new ValidationError("cannot create the director's update", problems);
  const [updates, found] = await Promise.all([
    readUpdateIssues(reader, request.scope, period, { labels: request.labels, withNotes: request.comments, context }),
    reader.listIssuesByKeyPrefix({ kind: 'project', ref: request.project }, DIRECTOR_UPDATE_KEY, { title: result.value.title }),
  ]);
  const existing = issueForPeriod(found, DIRECTOR_UPDATE_KEY, period);
  return { highlights: { period, updates }, checked: result.value, existing, assigneeIds: director ? [director.id] : [] };
}

export async function readSummaryState(context: CommandContext, request: SummaryRequest): Promise<SummaryState> {
  const period = usable(summaryPeriod(request, context.today));
  const reader = context.reader();
  const { target } = request;
  const problems = await Promise.all([
    scopeProblem(reader, request.scope),
    target && target !== request.scope.ref ? scopeProblem(reader, { kind: 'project', ref: target }) : null,
  ]);
  const summary = checked(checkUpdateSummary(problems, request, period));
  const expectsAuthors = Object.keys(request.authors).length > 0;
  const [members, issues, existing] = await Promise.all([
    readAuthorMembers(reader, request.authors, Object.keys(request.authors)),
    // Comments tell which updates await feedback; an update for the week may be posted after it.
    readUpdateIssues(reader, request.scope, period, { labels: request.updateLabels, withNotes: true, context, andLater: expectsAuthors }),
    summary.create ? findForPeriod(reader, summary.create, period) : null,
  ]);
  return { summary, issues, members, existing };
}

/**
 * Update issues created in the period, carrying any of the labels. GitLab's `labels` filter
 * wants all of them, so each label is its own query; the created_* bounds are the period's
 * first and last instants in the team's zone. `andLater` reads on to today: an update for last
 * week may be posted this Monday.
 */
export async function readUpdateIssues(
  reader: GitLabReader,
  scope: Scope,
  period: UpdatePeriod,
  request: { labels: string[]; withNotes: boolean; context: CommandContext; andLater?: boolean },
): Promise<UpdateIssue[]> {
  const { timezone } = request.context.config;
  const createdAfter = startOfTeamDay(period.since, timezone);
  const createdBefore = request.andLater ? undefined : startOfTeamDay(addDays(period.until, 1), timezone);
  const lists = await Promise.all(
    [...new Set(request.labels)].map((label) => reader.listIssues(scope, { labels: [label], createdAfter, createdBefore, state: 'all' })),
  );
  const byId = new Map(lists.flat().map((issue) => [issue.id, issue]));
  const limit = pLimit(request.context.globals.concurrency);
  return Promise.all(
    [...byId.values()].map(async (issue): Promise<UpdateIssue> => {
      const { iid, title, description, key, author, assignees, labels, webUrl, reference, createdAt } = issue;
      const update: UpdateIssue = {
        iid,
        title,
        description,
        key,
        author,
        assignees,
        labels,
        webUrl,
        reference,
        createdAt,
      };
      if (!request.withNotes) return update;
      return { ...update, notes: await limit(() => reader.listNotes(issue.projectId, iid)) };
    }),
  );
}

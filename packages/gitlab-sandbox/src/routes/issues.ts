import { canAdminIssues, canCreateIssue, canUpdateIssue, projectAccessLevel } from '../access.js';
import { created, issueScopedWrite, ok, type Handler, type Reply, type RequestContext } from '../context.js';
import type { IssueOptions } from '../entities.js';
import { conflict, forbidden, paramError, recordNotFound, unauthorized, validationError } from '../errors.js';
import { applyLabelChange, recordIssueHistory, resolveAssignees, resolveMilestoneId, resolveMilestoneTitle } from '../issue-changes.js';
import { IssueOrderCache, listIssues, parseIssueList, type IssueListRequest } from '../issue-filters.js';
import { parseDay } from '../milestones.js';
import { paginateJson } from '../pagination.js';
import { atLeastOneOf, declare, mutuallyExclusive, type Declared } from '../params.js';
import { AccessLevel, type IssueRecord, type ProjectRecord } from '../records.js';
import type { Router } from '../router.js';
import type { Store } from '../store.js';
import { findGroup, findIssue, findProject, integerPathParam, requireUser } from './lookup.js';

// lib/api/issues.rb

const TITLE_MAX = 255;
const MAX_IID = 2_147_483_647;
const DESCRIPTION_MAX = 1_048_576;
const ISSUE_TYPES = ['issue', 'incident', 'test_case', 'task'] as const;

/** `update_params_at_least_one_of`; EE adds the Premium fields. */
const UPDATE_FIELDS_CE = [
  'assignee_id',
  'assignee_ids',
  'confidential',
  'created_at',
  'description',
  'discussion_locked',
  'due_date',
  'labels',
  'add_labels',
  'remove_labels',
  'milestone_id',
  'state_event',
  'title',
  'issue_type',
];
const UPDATE_FIELDS_EE = [...UPDATE_FIELDS_CE, 'weight', 'epic_id', 'epic_iid'];

export function registerIssueRoutes(router: Router<Handler>): void {
  const caches = new WeakMap<Store, IssueOrderCache>();
  const cacheFor = (store: Store): IssueOrderCache => {
    let cache = caches.get(store);
    if (!cache) {
      cache = new IssueOrderCache(store);
      caches.set(store, cache);
    }
    return cache;
  };
  router.add('GET', '/issues', (ctx) => listGlobalIssues(ctx, cacheFor(ctx.store)));
  router.add('GET', '/issues/:id', getIssueById);
  router.add('GET', '/groups/:id/issues', (ctx) => listGroupIssues(ctx, cacheFor(ctx.store)));
  router.add('GET', '/projects/:id/issues', (ctx) => listProjectIssues(ctx, cacheFor(ctx.store)));
  router.add('POST', '/projects/:id/issues', issueScopedWrite(createIssue));
  router.add('GET', '/projects/:id/issues/:issue_iid', getIssue);
  router.add('PUT', '/projects/:id/issues/:issue_iid', issueScopedWrite(updateIssue));
}

function presentList(
  ctx: RequestContext,
  issues: readonly IssueRecord[],
  withLabelsDetails: boolean,
  referenceFrom: IssueOptions['referenceFrom'],
): Reply {
  return paginateJson(ctx, issues, ctx.present.issueJsonRenderer({ withLabelsDetails, referenceFrom }));
}

/** `listIssues`, remembered per query: paging through a list filters it once. */
function cachedList(
  ctx: RequestContext,
  cache: IssueOrderCache,
  scope: string,
  projects: readonly ProjectRecord[],
  request: IssueListRequest,
): readonly IssueRecord[] {
  const query: Record<string, unknown> = { ...ctx.params };
  for (const name of ['page', 'per_page', 'private_token', 'access_token']) delete query[name];
  const key = `${scope}\n${ctx.user?.id ?? ''}\n${ctx.store.now().toISOString().slice(0, 10)}\n${JSON.stringify(query)}`;
  return cache.listed(key, projects, () => listIssues(ctx.store, cache, projects, ctx.user, request));
}

function listProjectIssues(ctx: RequestContext, cache: IssueOrderCache): Reply {
  const request = parseIssueList(ctx.store, ctx.params, ctx.user, 'project', ctx.tier);
  const project = findProject(ctx);
  const issues = cachedList(ctx, cache, `project:${project.id}`, [project], request);
  return presentList(ctx, issues, request.withLabelsDetails, { projectId: project.id });
}

function listGroupIssues(ctx: RequestContext, cache: IssueOrderCache): Reply {
  const request = parseIssueList(ctx.store, ctx.params, ctx.user, 'group', ctx.tier);
  const group = findGroup(ctx);
  const projects = ctx.store.projectsInGroups(new Set(ctx.store.groupAndDescendants(group).map((g) => g.id)));
  const issues = cachedList(ctx, cache, `group:${group.id}`, projects, request);
  return presentList(ctx, issues, request.withLabelsDetails, { groupId: group.id });
}

function listGlobalIssues(ctx: RequestContext, cache: IssueOrderCache): Reply {
  // `authenticate! unless params[:scope] == 'all'`
  if (!ctx.user && ctx.params['scope'] !== 'all') throw unauthorized();
  const request = parseIssueList(ctx.store, ctx.params, ctx.user, 'global', ctx.tier);
  const projects = [...ctx.store.projects.values()];
  const issues = cachedList(ctx, cache, 'global', projects, request);
  return presentList(ctx, issues, request.withLabelsDetails, undefined);
}

function getIssue(ctx: RequestContext): Reply {
  const project = findProject(ctx);
  const issue = findIssue(ctx, project);
  return { status: 200, jsonBody: ctx.present.issueJsonBuffer(issue, { includeSubscribed: true }) };
}

/** `GET /issues/:id` takes the global id and is for administrators only. */
function getIssueById(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const id = integerPathParam(ctx, 'id');
  if (!user.isAdmin) throw forbidden();
  const issue = ctx.store.issues.get(id);
  if (!issue) throw recordNotFound();
  return { status: 200, jsonBody: ctx.present.issueJsonBuffer(issue, { includeSubscribed: true }) };
}

const createSpec = {
  title: { type: 'string', required: true },
  description: { type: 'string' },
  labels: { type: 'string-list' },
  assignee_id: { type: 'integer' },
  assignee_ids: { type: 'integer-list' },
  milestone_id: { type: 'integer' },
  milestone: { type: 'string' },
  due_date: { type: 'string' },
  confidential: { type: 'boolean' },
  discussion_locked: { type: 'boolean' },
  created_at: { type: 'datetime' },
  iid: { type: 'integer' },
  issue_type: { type: 'string', values: ISSUE_TYPES },
  weight: { type: 'integer' },
} as const;

function validateText(title: string | undefined, description: string | null | undefined): void {
  const errors: Record<string, string[]> = {};
  if (title !== undefined) {
    if (title.trim() === '') errors['title'] = ["can't be blank"];
    else if (title.length > TITLE_MAX) errors['title'] = [`is too long (maximum is ${TITLE_MAX} characters)`];
  }
  if (description && description.length > DESCRIPTION_MAX)
    errors['description'] = [`is too long (maximum is ${DESCRIPTION_MAX} characters)`];
  if (Object.keys(errors).length > 0) throw validationError(errors);
}

function createIssue(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  mutuallyExclusive(ctx.params, ['milestone_id', 'milestone']);
  const params = declare(ctx.params, createSpec);
  const project = findProject(ctx);
  if (!canCreateIssue(ctx.store, user, project)) throw forbidden();
  validateText(params.title, params.description);

  const now = ctx.store.timestamp();
  const privileged = projectAccessLevel(ctx.store, user, project) >= AccessLevel.owner;
  const createdAt = privileged && params.created_at ? params.created_at.toISOString() : now;
  // IssuableBaseService#filter_params drops metadata a guest may not set, silently.
  const canSetMetadata = canAdminIssues(ctx.store, user, project);

  // issues.iid is a PostgreSQL integer; beyond it the next iid could no longer be counted up.
  if (privileged && params.iid !== undefined && params.iid !== null && (params.iid < 1 || params.iid > MAX_IID))
    throw paramError(['iid is invalid']);
  if (privileged && params.iid !== undefined && params.iid !== null && ctx.store.issueByIid(project.id, params.iid)) {
    throw conflict('Duplicated issue');
  }

  let milestoneId: number | null = null;
  let labels: string[] = [];
  let assigneeIds: number[] = [];
  let dueDate: string | null = null;
  if (canSetMetadata) {
    if (params.milestone) milestoneId = resolveMilestoneTitle(ctx.store, project, params.milestone);
    else milestoneId = resolveMilestoneId(ctx.store, project, params.milestone_id ?? null);
    labels = applyLabelChange(ctx.store, project, [], { replace: params.labels ?? [] }, ctx.tier);
    const requested = params.assignee_ids ?? (params.assignee_id ? [params.assignee_id] : []);
    assigneeIds = resolveAssignees(ctx.store, project, requested, ctx.tier);
    dueDate = parseDay(params.due_date);
  }
  const weight = canSetMetadata ? issueWeight(ctx, params.weight) : undefined;

  const issue = ctx.store.addIssue({
    iid: privileged && params.iid ? params.iid : undefined,
    projectId: project.id,
    title: params.title.trim(),
    description: params.description ?? null,
    state: 'opened',
    createdAt,
    updatedAt: createdAt,
    closedAt: null,
    closedById: null,
    labels,
    milestoneId,
    assigneeIds,
    authorId: user.id,
    dueDate,
    confidential: params.confidential === true,
    discussionLocked: params.discussion_locked ?? null,
    weight: weight ?? null,
  });
  recordIssueHistory(ctx.store, project, undefined, issue, user, createdAt);
  project.lastActivityAt = now;
  return created(ctx.present.issue(issue, { includeSubscribed: true }));
}

const updateSpec = {
  title: { type: 'string' },
  description: { type: 'string' },
  labels: { type: 'string-list' },
  add_labels: { type: 'string-list' },
  remove_labels: { type: 'string-list' },
  assignee_id: { type: 'integer' },
  assignee_ids: { type: 'integer-list' },
  milestone_id: { type: 'integer' },
  milestone: { type: 'string' },
  state_event: { type: 'string', values: ['reopen', 'close'] },
  due_date: { type: 'string' },
  confidential: { type: 'boolean' },
  discussion_locked: { type: 'boolean' },
  created_at: { type: 'datetime' },
  updated_at: { type: 'datetime' },
  issue_type: { type: 'string', values: ISSUE_TYPES },
  weight: { type: 'integer' },
} as const;

function updateIssue(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  mutuallyExclusive(ctx.params, ['milestone_id', 'milestone']);
  const params = declare(ctx.params, updateSpec);
  atLeastOneOf(ctx.params, ctx.tier === 'premium' ? UPDATE_FIELDS_EE : UPDATE_FIELDS_CE);
  const project = findProject(ctx);
  const issue = findIssue(ctx, project);
  if (!canUpdateIssue(ctx.store, user, project, issue)) throw forbidden();
  if (params.title !== undefined && params.title === null) throw validationError({ title: ["can't be blank"] });
  validateText(params.title ?? undefined, params.description);

  const before: IssueRecord = { ...issue, labels: [...issue.labels], assigneeIds: [...issue.assigneeIds] };
  const now = ctx.store.timestamp();
  const privileged = projectAccessLevel(ctx.store, user, project) >= AccessLevel.owner;

  if (params.title) issue.title = params.title.trim();
  if (params.description !== undefined) issue.description = params.description;
  if (params.confidential !== undefined && params.confidential !== null) issue.confidential = params.confidential;
  if (params.discussion_locked !== undefined) issue.discussionLocked = params.discussion_locked;
  if (canAdminIssues(ctx.store, user, project)) applyMetadata(ctx, project, issue, params);
  applyStateEvent(issue, params.state_event, user.id, now);
  if (privileged && params.created_at) issue.createdAt = params.created_at.toISOString();

  if (changed(before, issue)) {
    issue.updatedAt = privileged && params.updated_at ? params.updated_at.toISOString() : now;
    ctx.store.issueChanged(issue, before.createdAt !== issue.createdAt);
    recordIssueHistory(ctx.store, project, before, issue, user, now);
    project.lastActivityAt = now;
  }
  return ok(ctx.present.issue(issue, { includeSubscribed: true }));
}

type UpdateParams = Declared<typeof updateSpec>;

function applyMetadata(ctx: RequestContext, project: ProjectRecord, issue: IssueRecord, params: UpdateParams): void {
  if (params.labels !== undefined || params.add_labels || params.remove_labels) {
    issue.labels = applyLabelChange(
      ctx.store,
      project,
      issue.labels,
      {
        replace: params.labels === undefined ? undefined : (params.labels ?? []),
        add: params.add_labels ?? [],
        remove: params.remove_labels ?? [],
      },
      ctx.tier,
    );
  }
  if (params.milestone !== undefined)
    issue.milestoneId = params.milestone ? resolveMilestoneTitle(ctx.store, project, params.milestone) : null;
  else if (params.milestone_id !== undefined) issue.milestoneId = resolveMilestoneId(ctx.store, project, params.milestone_id);
  if (params.assignee_ids !== undefined)
    issue.assigneeIds = resolveAssignees(
      ctx.store,
      project,
      (params.assignee_ids ?? []).filter((id) => id !== 0),
      ctx.tier,
    );
  else if (params.assignee_id !== undefined) {
    issue.assigneeIds = params.assignee_id ? resolveAssignees(ctx.store, project, [params.assignee_id], ctx.tier) : [];
  }
  if (params.due_date !== undefined) issue.dueDate = parseDay(params.due_date);
  const weight = issueWeight(ctx, params.weight);
  if (weight !== undefined) issue.weight = weight;
}

/**
 * EE `weight`: kept on Premium, where the model validates it (`numericality: { greater_than_or_equal_to: 0 }`);
 * on Free the parameter is not declared and GitLab ignores it. `undefined` means "leave as is".
 */
function issueWeight(ctx: RequestContext, weight: number | null | undefined): number | null | undefined {
  if (ctx.tier !== 'premium' || weight === undefined) return undefined;
  if (weight !== null && weight < 0) throw validationError({ weight: ['must be greater than or equal to 0'] });
  return weight;
}

function applyStateEvent(issue: IssueRecord, event: string | null | undefined, userId: number, now: string): void {
  if (event === 'close' && issue.state === 'opened') {
    issue.state = 'closed';
    issue.closedAt = now;
    issue.closedById = userId;
  } else if (event === 'reopen' && issue.state === 'closed') {
    issue.state = 'opened';
    issue.closedAt = null;
    issue.closedById = null;
  }
}

function changed(before: IssueRecord, after: IssueRecord): boolean {
  return (
    before.title !== after.title ||
    before.description !== after.description ||
    before.state !== after.state ||
    before.milestoneId !== after.milestoneId ||
    before.dueDate !== after.dueDate ||
    before.confidential !== after.confidential ||
    before.discussionLocked !== after.discussionLocked ||
    (before.weight ?? null) !== (after.weight ?? null) ||
    before.createdAt !== after.createdAt ||
    before.labels.join('\n') !== after.labels.join('\n') ||
    before.assigneeIds.join(',') !== after.assigneeIds.join(',')
  );
}

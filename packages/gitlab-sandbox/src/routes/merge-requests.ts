import { canAdminIssues, canPushCode, canPushToBranch, canReadProject } from '../access.js';
import { created, ok, type Handler, type Reply, type RequestContext } from '../context.js';
import { apiError, conflict, forbidden, paramError, recordNotFound, unauthorized, validationError } from '../errors.js';
import { applyLabelChange, recordIssueHistory, resolveAssignees, resolveMilestoneId } from '../issue-changes.js';
import { paginate } from '../pagination.js';
import { eventableSnapshot, recordResourceEvents } from '../resource-events.js';
import { atLeastOneOf, declare, isHash, mutuallyExclusive, type ParamHash } from '../params.js';
import type { IssueRecord, MergeRequestRecord, ProjectRecord } from '../records.js';
import type { Router } from '../router.js';
import { objectId, type Store } from '../store.js';
import { findGroup, findProject, integerPathParam, requireUser } from './lookup.js';

// lib/api/merge_requests.rb and lib/api/helpers/merge_requests_helpers.rb: create, get, edit, and
// the three lists with the filters the async updates need.

type ListKind = 'project' | 'group' | 'global';

/**
 * Issuable.full_search → Gitlab::SQL::Pattern#fuzzy_arel_match: the words of the search (3 characters
 * or more) must all appear in the same column; with no such word, a column must equal the search.
 */
function fuzzyMatchesOneColumn(columns: readonly string[], search: string): boolean {
  const query = search.toLowerCase();
  const words = query.split(/\s+/).filter((word) => word.length >= 3);
  return columns.some((column) => {
    const text = column.toLowerCase();
    return words.length === 0 ? text === query.trim() : words.every((word) => text.includes(word));
  });
}

export function registerMergeRequestRoutes(router: Router<Handler>): void {
  router.add('GET', '/merge_requests', (ctx) => listMergeRequests(ctx, 'global'));
  router.add('GET', '/groups/:id/merge_requests', (ctx) => listMergeRequests(ctx, 'group'));
  router.add('GET', '/projects/:id/merge_requests', (ctx) => listMergeRequests(ctx, 'project'));
  router.add('POST', '/projects/:id/merge_requests', createMergeRequest);
  router.add('GET', '/projects/:id/merge_requests/:merge_request_iid', getMergeRequest);
  router.add('PUT', '/projects/:id/merge_requests/:merge_request_iid', updateMergeRequest);
  router.add('PUT', '/projects/:id/merge_requests/:merge_request_iid/merge', mergeMergeRequest);
}

const negatableSpec = {
  author_id: { type: 'integer' },
  author_username: { type: 'string' },
  assignee_id: { type: 'string' },
  reviewer_id: { type: 'string' },
  reviewer_username: { type: 'string' },
  labels: { type: 'string-list' },
  milestone: { type: 'string' },
} as const;

const listSpec = {
  ...negatableSpec,
  state: { type: 'string', values: ['opened', 'closed', 'locked', 'merged', 'all'], default: 'all' },
  order_by: {
    type: 'string',
    values: ['created_at', 'label_priority', 'milestone_due', 'popularity', 'priority', 'title', 'updated_at', 'merged_at'],
    default: 'created_at',
  },
  sort: { type: 'string', values: ['asc', 'desc'], default: 'desc' },
  scope: { type: 'string', values: ['created-by-me', 'assigned-to-me', 'created_by_me', 'assigned_to_me', 'reviews_for_me', 'all'] },
  created_after: { type: 'datetime' },
  created_before: { type: 'datetime' },
  updated_after: { type: 'datetime' },
  updated_before: { type: 'datetime' },
  merged_after: { type: 'datetime' },
  merged_before: { type: 'datetime' },
  source_branch: { type: 'string' },
  target_branch: { type: 'string' },
  search: { type: 'string' },
  iids: { type: 'integer-list' },
  view: { type: 'string', values: ['simple'] },
  not: { type: 'hash' },
} as const;

type Check = (mr: MergeRequestRecord) => boolean;

function listMergeRequests(ctx: RequestContext, kind: ListKind): Reply {
  mutuallyExclusive(ctx.params, ['author_id', 'author_username']);
  mutuallyExclusive(ctx.params, ['reviewer_id', 'reviewer_username']);
  const params = declare(ctx.params, listSpec);
  // GET /merge_requests defaults to the caller's own merge requests and needs a user for that.
  const scope = params.scope?.replace(/-/g, '_') ?? (kind === 'global' ? 'created_by_me' : 'all');
  if (kind === 'global' && !ctx.user && scope !== 'all') throw unauthorized();

  let projects: ProjectRecord[];
  if (kind === 'project') projects = [findProject(ctx)];
  else if (kind === 'group') {
    const group = findGroup(ctx);
    projects = ctx.store.projectsInGroups(new Set(ctx.store.groupAndDescendants(group).map((g) => g.id)));
  } else projects = [...ctx.store.projects.values()];

  const checks: Check[] = [];
  const user = ctx.user;
  if (scope === 'created_by_me') checks.push((mr) => user !== null && mr.authorId === user.id);
  if (scope === 'assigned_to_me') checks.push((mr) => user !== null && mr.assigneeIds.includes(user.id));
  if (scope === 'reviews_for_me') checks.push((mr) => user !== null && mr.reviewerIds.includes(user.id));
  if (params.state !== 'all') checks.push((mr) => mr.state === params.state);
  checks.push(...negatableChecks(ctx.store, params));
  if (params.not && isHash(params.not)) {
    const negated = declare(params.not as ParamHash, negatableSpec);
    for (const check of negatableChecks(ctx.store, negated)) checks.push((mr) => !check(mr));
  }
  pushRange(checks, (mr) => mr.createdAt, params.created_after, params.created_before);
  pushRange(checks, (mr) => mr.updatedAt, params.updated_after, params.updated_before);
  pushRange(checks, (mr) => mr.mergedAt, params.merged_after, params.merged_before);
  if (params.source_branch) checks.push((mr) => mr.sourceBranch === params.source_branch);
  if (params.target_branch) checks.push((mr) => mr.targetBranch === params.target_branch);
  if (params.iids && params.iids.length > 0) {
    const iids = new Set(params.iids);
    checks.push((mr) => iids.has(mr.iid));
  }
  if (params.search) {
    const search = params.search;
    checks.push((mr) => fuzzyMatchesOneColumn([mr.title, mr.description ?? ''], search));
  }

  const result: MergeRequestRecord[] = [];
  for (const project of projects) {
    if (!canReadProject(ctx.store, ctx.user, project)) continue;
    for (const mr of ctx.store.projectMergeRequests(project.id)) if (checks.every((check) => check(mr))) result.push(mr);
  }
  const direction = params.sort === 'asc' ? 1 : -1;
  const key = params.order_by;
  result.sort((a, b) => compareMergeRequests(a, b, key, direction));
  const simple = params.view === 'simple';
  return paginate(ctx, result, (mr) => {
    const full = ctx.present.mergeRequest(mr);
    if (!simple) return full;
    return {
      id: full['id'] ?? null,
      iid: full['iid'] ?? null,
      project_id: full['project_id'] ?? null,
      title: full['title'] ?? null,
      description: full['description'] ?? null,
      state: full['state'] ?? null,
      created_at: full['created_at'] ?? null,
      updated_at: full['updated_at'] ?? null,
      web_url: full['web_url'] ?? null,
    };
  });
}

function negatableChecks(
  store: Store,
  params: {
    author_id?: number | null;
    author_username?: string | null;
    assignee_id?: string | null;
    reviewer_id?: string | null;
    reviewer_username?: string | null;
    labels?: string[] | null;
    milestone?: string | null;
  },
): Check[] {
  const checks: Check[] = [];
  if (params.author_id !== undefined && params.author_id !== null) {
    const id = params.author_id;
    checks.push((mr) => mr.authorId === id);
  }
  if (params.author_username) {
    const author = store.userByUsername(params.author_username);
    checks.push((mr) => author !== undefined && mr.authorId === author.id);
  }
  if (params.assignee_id) {
    const value = params.assignee_id.toLowerCase();
    if (value === 'none') checks.push((mr) => mr.assigneeIds.length === 0);
    else if (value === 'any') checks.push((mr) => mr.assigneeIds.length > 0);
    else if (/^\d+$/.test(value)) checks.push((mr) => mr.assigneeIds.includes(Number(value)));
    else throw paramError(['assignee_id is invalid']);
  }
  // reviewer_id accepts None and Any like assignee_id; reviewer_username an exact username.
  if (params.reviewer_id) {
    const value = params.reviewer_id.toLowerCase();
    if (value === 'none') checks.push((mr) => mr.reviewerIds.length === 0);
    else if (value === 'any') checks.push((mr) => mr.reviewerIds.length > 0);
    else if (/^\d+$/.test(value)) checks.push((mr) => mr.reviewerIds.includes(Number(value)));
    else throw paramError(['reviewer_id is invalid']);
  }
  if (params.reviewer_username) {
    const reviewer = store.userByUsername(params.reviewer_username);
    checks.push((mr) => reviewer !== undefined && mr.reviewerIds.includes(reviewer.id));
  }
  if (params.labels && params.labels.length > 0) {
    const labels = params.labels;
    const lowered = labels.map((label) => label.toLowerCase());
    if (lowered.includes('none')) checks.push((mr) => mr.labels.length === 0);
    else if (lowered.includes('any')) checks.push((mr) => mr.labels.length > 0);
    else checks.push((mr) => labels.every((label) => mr.labels.includes(label)));
  }
  if (params.milestone) {
    const title = params.milestone;
    const lowered = title.toLowerCase();
    if (lowered === 'none') checks.push((mr) => mr.milestoneId === null);
    else if (lowered === 'any') checks.push((mr) => mr.milestoneId !== null);
    else {
      const ids = new Set([...store.milestones.values()].filter((m) => m.title === title).map((m) => m.id));
      checks.push((mr) => mr.milestoneId !== null && ids.has(mr.milestoneId));
    }
  }
  return checks;
}

function pushRange(checks: Check[], pick: (mr: MergeRequestRecord) => string | null, after?: Date | null, before?: Date | null): void {
  if (after) {
    const bound = after.getTime();
    checks.push((mr) => {
      const value = pick(mr);
      return value !== null && Date.parse(value) >= bound;
    });
  }
  if (before) {
    const bound = before.getTime();
    checks.push((mr) => {
      const value = pick(mr);
      return value !== null && Date.parse(value) <= bound;
    });
  }
}

function compareMergeRequests(a: MergeRequestRecord, b: MergeRequestRecord, key: string, direction: number): number {
  const pick = (mr: MergeRequestRecord): string | null =>
    key === 'updated_at' ? mr.updatedAt : key === 'title' ? mr.title.toLowerCase() : key === 'merged_at' ? mr.mergedAt : mr.createdAt;
  const left = pick(a);
  const right = pick(b);
  if (left === right) return direction * (a.id - b.id);
  if (left === null) return 1;
  if (right === null) return -1;
  return direction * (left < right ? -1 : 1);
}

function getMergeRequest(ctx: RequestContext): Reply {
  const project = findProject(ctx);
  const iid = integerPathParam(ctx, 'merge_request_iid');
  const mr = ctx.store.projectMergeRequests(project.id).find((candidate) => candidate.iid === iid);
  if (!mr) throw recordNotFound();
  return ok({ ...ctx.present.mergeRequest(mr), subscribed: true });
}

function createMergeRequest(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const params = declare(ctx.params, {
    source_branch: { type: 'string', required: true },
    target_branch: { type: 'string', required: true },
    title: { type: 'string', required: true },
    description: { type: 'string' },
    assignee_id: { type: 'integer' },
    assignee_ids: { type: 'integer-list' },
    reviewer_ids: { type: 'integer-list' },
    labels: { type: 'string-list' },
    milestone_id: { type: 'integer' },
    remove_source_branch: { type: 'boolean' },
    squash: { type: 'boolean' },
  });
  const project = findProject(ctx);
  if (!canPushCode(ctx.store, user, project)) throw forbidden();
  if (params.title.trim() === '') throw validationError({ title: ["can't be blank"] });
  if (params.source_branch === params.target_branch) throw apiError(422, ["You can't use same project/branch for source and target"]);
  const duplicate = ctx.store
    .projectMergeRequests(project.id)
    .find((mr) => mr.state === 'opened' && mr.sourceBranch === params.source_branch && mr.targetBranch === params.target_branch);
  if (duplicate) throw conflict(`Another open merge request already exists for this source branch: !${duplicate.iid}`);

  const canSetMetadata = canAdminIssues(ctx.store, user, project);
  const now = ctx.store.timestamp();
  const mr = ctx.store.addMergeRequest({
    projectId: project.id,
    title: params.title.trim(),
    description: params.description ?? null,
    state: 'opened',
    createdAt: now,
    updatedAt: now,
    mergedAt: null,
    mergedById: null,
    closedAt: null,
    closedById: null,
    sourceBranch: params.source_branch,
    targetBranch: params.target_branch,
    authorId: user.id,
    assigneeIds: canSetMetadata
      ? resolveAssignees(ctx.store, project, params.assignee_ids ?? (params.assignee_id ? [params.assignee_id] : []), ctx.tier)
      : [],
    reviewerIds: canSetMetadata ? resolveReviewers(ctx, project, params.reviewer_ids ?? []) : [],
    labels: canSetMetadata ? applyLabelChange(ctx.store, project, [], { replace: params.labels ?? [] }, ctx.tier) : [],
    milestoneId: canSetMetadata ? resolveMilestoneId(ctx.store, project, params.milestone_id ?? null) : null,
    sha: objectId('mr', String(project.id), params.source_branch, now),
    hasConflicts: false,
  });
  recordResourceEvents(ctx.store, project, 'MergeRequest', undefined, mr, user.id, now);
  project.lastActivityAt = now;
  return created({ ...ctx.present.mergeRequest(mr), subscribed: true });
}

// `at_least_one_of(*UPDATE_PARAMS)` in lib/api/merge_requests.rb (the order of the list is unconfirmed).
const UPDATE_FIELDS = [
  'target_branch',
  'title',
  'state_event',
  'description',
  'assignee_id',
  'assignee_ids',
  'reviewer_ids',
  'milestone_id',
  'labels',
  'add_labels',
  'remove_labels',
  'remove_source_branch',
  'allow_collaboration',
  'squash',
  'discussion_locked',
];

function updateMergeRequest(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const params = declare(ctx.params, {
    title: { type: 'string' },
    description: { type: 'string' },
    target_branch: { type: 'string' },
    state_event: { type: 'string', values: ['close', 'reopen'] },
    assignee_id: { type: 'integer' },
    assignee_ids: { type: 'integer-list' },
    reviewer_ids: { type: 'integer-list' },
    milestone_id: { type: 'integer' },
    labels: { type: 'string-list' },
    add_labels: { type: 'string-list' },
    remove_labels: { type: 'string-list' },
    remove_source_branch: { type: 'boolean' },
    allow_collaboration: { type: 'boolean' },
    squash: { type: 'boolean' },
    discussion_locked: { type: 'boolean' },
  });
  atLeastOneOf(ctx.params, UPDATE_FIELDS);
  const project = findProject(ctx);
  const iid = integerPathParam(ctx, 'merge_request_iid');
  const mr = ctx.store.projectMergeRequests(project.id).find((candidate) => candidate.iid === iid);
  if (!mr) throw recordNotFound();
  // `update_merge_request`: developers and up, or the author.
  if (!canPushCode(ctx.store, user, project) && mr.authorId !== user.id) throw forbidden();
  if (params.title !== undefined && (params.title === null || params.title.trim() === ''))
    throw validationError({ title: ["can't be blank"] });

  const before = JSON.stringify(mr);
  const beforeEvents = eventableSnapshot(mr);
  const now = ctx.store.timestamp();
  if (params.title) mr.title = params.title.trim();
  if (params.description !== undefined) mr.description = params.description;
  if (params.target_branch) mr.targetBranch = params.target_branch;
  if (canAdminIssues(ctx.store, user, project)) {
    if (params.labels !== undefined || params.add_labels || params.remove_labels) {
      const replace = params.labels === undefined ? undefined : (params.labels ?? []);
      mr.labels = applyLabelChange(
        ctx.store,
        project,
        mr.labels,
        { replace, add: params.add_labels ?? [], remove: params.remove_labels ?? [] },
        ctx.tier,
      );
    }
    if (params.milestone_id !== undefined) mr.milestoneId = resolveMilestoneId(ctx.store, project, params.milestone_id);
    if (params.assignee_ids !== undefined)
      mr.assigneeIds = resolveAssignees(
        ctx.store,
        project,
        (params.assignee_ids ?? []).filter((id) => id !== 0),
        ctx.tier,
      );
    else if (params.assignee_id !== undefined)
      mr.assigneeIds = params.assignee_id ? resolveAssignees(ctx.store, project, [params.assignee_id], ctx.tier) : [];
    if (params.reviewer_ids !== undefined) mr.reviewerIds = resolveReviewers(ctx, project, params.reviewer_ids ?? []);
  }
  // A merged merge request can be neither closed nor reopened.
  if (params.state_event === 'close' && mr.state === 'opened') {
    mr.state = 'closed';
    mr.closedAt = now;
    mr.closedById = user.id;
  } else if (params.state_event === 'reopen' && mr.state === 'closed') {
    mr.state = 'opened';
    mr.closedAt = null;
    mr.closedById = null;
  }
  if (JSON.stringify(mr) !== before) {
    recordResourceEvents(ctx.store, project, 'MergeRequest', beforeEvents, mr, user.id, now);
    mr.updatedAt = now;
    project.lastActivityAt = now;
  }
  return ok({ ...ctx.present.mergeRequest(mr), subscribed: true });
}

/** Reviewers, like assignees, must be able to see the project; `multiple_merge_request_reviewers` is Premium. */
function resolveReviewers(ctx: RequestContext, project: ProjectRecord, ids: readonly number[]): number[] {
  return resolveAssignees(
    ctx.store,
    project,
    ids.filter((id) => id !== 0),
    ctx.tier,
  );
}

/** Closing patterns (Gitlab::ClosingIssueExtractor's default) naming issues of the same project. */
const CLOSING_PATTERN = /\b(?:close[sd]?|closing|fix(?:e[sd]|ing)?|resolv(?:e[sd]?|ing)|implement(?:s|ed|ing)?):? +#(\d+)\b/gi;

export function closedIssueIids(mr: MergeRequestRecord): number[] {
  const iids: number[] = [];
  for (const match of (mr.description ?? '').matchAll(CLOSING_PATTERN)) {
    const iid = Number(match[1]);
    if (!iids.includes(iid)) iids.push(iid);
  }
  return iids;
}

/**
 * `PUT .../merge_requests/:iid/merge` (lib/api/merge_requests.rb): 401 unless the user may push to
 * the target branch, 405 unless it can be merged now (open, not a draft, no conflicts: the sandbox
 * has no pipelines, so it never waits for one; conflicts are a seed's `has_conflicts`), 409 when `sha` is not the source branch's head.
 * Merging into the default branch closes the issues the description closes (MergeRequests::
 * PostMergeService), recorded as state events that name the merge request.
 */
function mergeMergeRequest(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const params = declare(ctx.params, {
    merge_commit_message: { type: 'string' },
    squash_commit_message: { type: 'string' },
    squash: { type: 'boolean' },
    should_remove_source_branch: { type: 'boolean' },
    merge_when_pipeline_succeeds: { type: 'boolean' },
    auto_merge: { type: 'boolean' },
    sha: { type: 'string' },
  });
  const project = findProject(ctx);
  const iid = integerPathParam(ctx, 'merge_request_iid');
  const mr = ctx.store.projectMergeRequests(project.id).find((candidate) => candidate.iid === iid);
  if (!mr) throw recordNotFound();
  if (!canPushToBranch(ctx.store, user, project, mr.targetBranch)) throw unauthorized();
  if (mr.state !== 'opened' || isDraft(mr.title) || mr.hasConflicts) throw apiError(405, '405 Method Not Allowed');
  if (params.sha && params.sha !== mr.sha) throw apiError(409, `SHA does not match HEAD of source branch: ${mr.sha}`);

  const now = ctx.store.timestamp();
  const before = eventableSnapshot(mr);
  mr.state = 'merged';
  mr.mergedAt = now;
  mr.mergedById = user.id;
  mr.updatedAt = now;
  recordResourceEvents(ctx.store, project, 'MergeRequest', before, mr, user.id, now);
  if (mr.targetBranch === project.defaultBranch) {
    for (const issueIid of closedIssueIids(mr)) {
      const issue = ctx.store.issueByIid(project.id, issueIid);
      if (!issue || issue.state !== 'opened') continue;
      const previous: IssueRecord = { ...issue, labels: [...issue.labels], assigneeIds: [...issue.assigneeIds] };
      issue.state = 'closed';
      issue.closedAt = now;
      issue.closedById = user.id;
      issue.updatedAt = now;
      ctx.store.issueChanged(issue);
      recordIssueHistory(ctx.store, project, previous, issue, user, now);
      const event = ctx.store.resourceEvents.state.forResource('Issue', issue.id).at(-1);
      if (event?.state === 'closed') event.sourceMergeRequestId = mr.id;
    }
  }
  project.lastActivityAt = now;
  return ok({ ...ctx.present.mergeRequest(mr), subscribed: true });
}

function isDraft(title: string): boolean {
  return /^\s*(draft:|\[draft\]|\(draft\))/i.test(title);
}

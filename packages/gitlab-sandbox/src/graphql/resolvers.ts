import { GraphQLError } from 'graphql';
import { canAdminIssues, canReadGroup, canReadIssue, canReadProject, canUpdateIssue } from '../access.js';
import { textColorFor, type Presenter, type Tier } from '../entities.js';
import { ApiError } from '../errors.js';
import { recordIssueHistory, resolveAssignees, resolveMilestoneId } from '../issue-changes.js';
import {
  compareIssues,
  listIssues,
  parseIssueList,
  type IssueOrderBy,
  type IssueOrderCache,
  type SortDirection,
} from '../issue-filters.js';
import { availableGroupLabels, availableProjectLabels, resolveLabels } from '../labels.js';
import { isoDay, parseDay } from '../milestones.js';
import type { ParamHash } from '../params.js';
import type { GroupRecord, HealthStatusValue, IssueRecord, LabelRecord, MilestoneRecord, ProjectRecord, UserRecord } from '../records.js';
import type { Store } from '../store.js';
import { globalId, modelIdFrom, parseGlobalId } from './global-id.js';
import { MAX_PAGE_SIZE } from './limits.js';

// Resolvers for the schema in schema.ts. Objects are plain data with methods for the fields that
// take arguments or cost a lookup, which graphql-js's default resolver calls with (args, context).

export interface GraphqlContext {
  readonly store: Store;
  readonly user: UserRecord | null;
  readonly tier: Tier;
  readonly present: Presenter;
  readonly features: ReadonlyMap<string, boolean>;
  readonly issueOrder: IssueOrderCache;
  /** Set by mutations so the server drops caches and saves the state. */
  wrote: boolean;
}

/** Gitlab::Graphql::Authorize::AuthorizeResource::RESOURCE_ACCESS_ERROR. */
export const RESOURCE_NOT_AVAILABLE =
  "The resource that you are attempting to access does not exist or you don't have permission to perform this action";

/** Mutations::Issues::BulkUpdate::MAX_ISSUES. */
export const BULK_UPDATE_MAX_ISSUES = 100;
export const BULK_UPDATE_FEATURE_FLAG = 'bulk_update_issues_mutation';

const HEALTH_STATUS_TO_GRAPHQL: Record<HealthStatusValue, string> = {
  on_track: 'onTrack',
  needs_attention: 'needsAttention',
  at_risk: 'atRisk',
};
const HEALTH_STATUS_FROM_GRAPHQL: Record<string, HealthStatusValue> = {
  onTrack: 'on_track',
  needsAttention: 'needs_attention',
  atRisk: 'at_risk',
};

type Args = Record<string, unknown>;

export function createRootValue(): Record<string, unknown> {
  return {
    currentUser: (_args: Args, ctx: GraphqlContext) => (ctx.user ? userNode(ctx, ctx.user) : null),
    project: (args: { fullPath: string }, ctx: GraphqlContext) => {
      const project = findProject(ctx, args.fullPath);
      return project ? projectNode(ctx, project) : null;
    },
    group: (args: { fullPath: string }, ctx: GraphqlContext) => {
      const group = findGroup(ctx, args.fullPath);
      return group ? groupNode(ctx, group) : null;
    },
    issue: (args: { id: string }, ctx: GraphqlContext) => {
      const issue = ctx.store.issues.get(parseGlobalId(args.id)?.id ?? -1);
      const project = issue ? ctx.store.projects.get(issue.projectId) : undefined;
      return issue && project && canReadIssue(ctx.store, ctx.user, project, issue) ? issueNode(ctx, issue) : null;
    },
    issuesBulkUpdate: (args: { input: BulkUpdateInput }, ctx: GraphqlContext) => bulkUpdateIssues(ctx, args.input),
    updateIssue: (args: { input: UpdateIssueInput }, ctx: GraphqlContext) => updateIssue(ctx, args.input),
  };
}

// ---- lookups ----------------------------------------------------------------------------------

function findProject(ctx: GraphqlContext, fullPath: string): ProjectRecord | undefined {
  const found = ctx.store.findByFullPath(fullPath);
  const project = found?.kind === 'project' ? ctx.store.projects.get(found.id) : undefined;
  return project && canReadProject(ctx.store, ctx.user, project) ? project : undefined;
}

function findGroup(ctx: GraphqlContext, fullPath: string): GroupRecord | undefined {
  const found = ctx.store.findByFullPath(fullPath);
  const group = found?.kind === 'group' ? ctx.store.groups.get(found.id) : undefined;
  return group && canReadGroup(ctx.store, ctx.user, group) ? group : undefined;
}

// ---- nodes ------------------------------------------------------------------------------------

function userNode(ctx: GraphqlContext, user: UserRecord) {
  const basic = ctx.present.userBasic(user);
  return {
    id: globalId('User', user.id),
    username: user.username,
    name: user.name,
    state: 'active',
    webUrl: basic['web_url'],
    webPath: `/${user.username}`,
    avatarUrl: basic['avatar_url'],
    publicEmail: null,
  };
}

function labelNode(label: LabelRecord) {
  return {
    id: globalId(label.projectId !== null ? 'ProjectLabel' : 'GroupLabel', label.id),
    title: label.name,
    color: label.color,
    textColor: textColorFor(label.color),
    description: label.description,
    createdAt: label.createdAt,
    updatedAt: label.createdAt,
  };
}

function milestoneNode(ctx: GraphqlContext, milestone: MilestoneRecord) {
  const json = ctx.present.milestone(milestone);
  const today = isoDay(ctx.store.now());
  return {
    id: globalId('Milestone', milestone.id),
    iid: String(milestone.iid),
    title: milestone.title,
    description: milestone.description,
    state: milestone.state,
    startDate: milestone.startDate,
    dueDate: milestone.dueDate,
    expired: json['expired'],
    upcoming: milestone.startDate !== null && milestone.startDate > today,
    webPath: String(json['web_url']).replace(ctx.present.baseUrl, ''),
    createdAt: milestone.createdAt,
    updatedAt: milestone.updatedAt,
    groupMilestone: milestone.groupId !== null,
    projectMilestone: milestone.projectId !== null,
  };
}

function issueNode(ctx: GraphqlContext, issue: IssueRecord) {
  const project = ctx.store.projects.get(issue.projectId);
  const projectPath = project ? ctx.store.projectFullPath(project) : '';
  const webPath = `/${projectPath}/-/issues/${issue.iid}`;
  return {
    id: globalId('Issue', issue.id),
    iid: String(issue.iid),
    title: issue.title,
    description: issue.description,
    state: issue.state,
    webUrl: `${ctx.present.baseUrl}${webPath}`,
    webPath,
    reference: (args: { full?: boolean }) => (args.full ? `${projectPath}#${issue.iid}` : `#${issue.iid}`),
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    closedAt: issue.closedAt,
    dueDate: issue.dueDate,
    confidential: issue.confidential,
    projectId: issue.projectId,
    author: () => {
      const author = ctx.store.users.get(issue.authorId);
      return author ? userNode(ctx, author) : null;
    },
    milestone: () => {
      const milestone = issue.milestoneId === null ? undefined : ctx.store.milestones.get(issue.milestoneId);
      return milestone ? milestoneNode(ctx, milestone) : null;
    },
    labels: (args: PageArgs) => {
      const available = project ? availableProjectLabels(ctx.store, project) : [];
      const labels = issue.labels.flatMap((title) => available.filter((label) => label.name === title).slice(0, 1));
      return offsetConnection(labels, args, labelNode);
    },
    assignees: (args: PageArgs) => {
      const users = issue.assigneeIds.flatMap((id) => {
        const user = ctx.store.users.get(id);
        return user ? [user] : [];
      });
      return offsetConnection(users, args, (user) => userNode(ctx, user));
    },
    // EE::Types::IssueType: null unless the tier has the feature.
    healthStatus: ctx.tier === 'premium' && issue.healthStatus ? HEALTH_STATUS_TO_GRAPHQL[issue.healthStatus] : null,
    weight: ctx.tier === 'premium' ? (issue.weight ?? null) : null,
    userNotesCount: ctx.store.userNotesCount(issue.id),
  };
}

function projectNode(ctx: GraphqlContext, project: ProjectRecord) {
  return {
    id: globalId('Project', project.id),
    fullPath: ctx.store.projectFullPath(project),
    name: project.name,
    path: project.path,
    webUrl: ctx.present.projectWebUrl(project),
    group: () => {
      const group = project.groupId === null ? undefined : ctx.store.groups.get(project.groupId);
      return group && canReadGroup(ctx.store, ctx.user, group) ? groupNode(ctx, group) : null;
    },
    issues: (args: IssueListArgs) => issueConnection(ctx, [project], args),
    labels: (args: LabelListArgs) => {
      const labels = args.includeAncestorGroups
        ? availableProjectLabels(ctx.store, project)
        : [...ctx.store.labels.values()].filter((label) => label.projectId === project.id);
      return offsetConnection(searchLabels(labels, args.searchTerm), args, labelNode);
    },
  };
}

function groupNode(ctx: GraphqlContext, group: GroupRecord) {
  const fullPath = ctx.store.groupFullPath(group);
  return {
    id: globalId('Group', group.id),
    fullPath,
    name: group.name,
    path: group.path,
    webUrl: `${ctx.present.baseUrl}/groups/${fullPath}`,
    parent: () => {
      const parent = group.parentId === null ? undefined : ctx.store.groups.get(group.parentId);
      return parent && canReadGroup(ctx.store, ctx.user, parent) ? groupNode(ctx, parent) : null;
    },
    issues: (args: IssueListArgs & { includeSubgroups?: boolean }) => {
      const groupIds = new Set(args.includeSubgroups ? ctx.store.groupAndDescendants(group).map((g) => g.id) : [group.id]);
      return issueConnection(ctx, ctx.store.projectsInGroups(groupIds), args);
    },
    labels: (args: LabelListArgs) =>
      offsetConnection(
        searchLabels(availableGroupLabels(ctx.store, group, args.includeAncestorGroups === true), args.searchTerm),
        args,
        labelNode,
      ),
  };
}

function searchLabels(labels: LabelRecord[], term: string | null | undefined): LabelRecord[] {
  const sorted = [...labels].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
  if (!term) return sorted;
  const lowered = term.toLowerCase();
  return sorted.filter((label) => label.name.toLowerCase().includes(lowered));
}

// ---- connections ------------------------------------------------------------------------------

interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

interface LabelListArgs extends PageArgs {
  searchTerm?: string | null;
  includeAncestorGroups?: boolean | null;
}

function pageSize(args: PageArgs): { first?: number; last?: number } {
  const clamp = (value: number | null | undefined) =>
    value === null || value === undefined ? undefined : Math.max(0, Math.min(value, MAX_PAGE_SIZE));
  const first = clamp(args.first);
  const last = clamp(args.last);
  return first === undefined && last === undefined ? { first: MAX_PAGE_SIZE } : { first, last };
}

function encodeCursor(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new GraphQLError('Please provide a valid cursor');
}

/** A connection over `items` in order, `after`/`before` naming positions, for short lists. */
function offsetConnection<T, N>(items: readonly T[], args: PageArgs, toNode: (item: T) => N) {
  let start = 0;
  let end = items.length;
  if (args.after) start = Math.max(start, Number(decodeCursor(args.after)['offset']) + 1 || 0);
  if (args.before) end = Math.min(end, Number(decodeCursor(args.before)['offset']) || 0);
  return sliceConnection(
    items.slice(start, Math.max(start, end)).map((item, index) => ({ item, cursor: encodeCursor({ offset: String(start + index) }) })),
    items.length,
    args,
    start > 0,
    end < items.length,
    toNode,
  );
}

function sliceConnection<T, N>(
  window: Array<{ item: T; cursor: string }>,
  total: number,
  args: PageArgs,
  itemsBefore: boolean,
  itemsAfter: boolean,
  toNode: (item: T) => N,
) {
  const { first, last } = pageSize(args);
  let page = window;
  let hasNextPage = itemsAfter;
  let hasPreviousPage = itemsBefore;
  if (first !== undefined && page.length > first) {
    page = page.slice(0, first);
    hasNextPage = true;
  }
  if (last !== undefined && page.length > last) {
    page = page.slice(page.length - last);
    hasPreviousPage = true;
  }
  const edges = page.map(({ item, cursor }) => ({ cursor, node: toNode(item) }));
  return {
    count: total,
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

interface IssueListArgs extends PageArgs {
  iid?: string | null;
  iids?: string[] | null;
  state?: string | null;
  labelName?: Array<string | null> | null;
  milestoneTitle?: Array<string | null> | null;
  milestoneWildcardId?: string | null;
  assigneeUsername?: string | null;
  assigneeUsernames?: string[] | null;
  authorUsername?: string | null;
  search?: string | null;
  in?: string[] | null;
  sort?: string | null;
  createdBefore?: string | null;
  createdAfter?: string | null;
  updatedBefore?: string | null;
  updatedAfter?: string | null;
  confidential?: boolean | null;
  not?: {
    iids?: string[] | null;
    labelName?: string[] | null;
    milestoneTitle?: string[] | null;
    assigneeUsernames?: string[] | null;
    authorUsername?: string[] | null;
    milestoneWildcardId?: string | null;
  } | null;
}

const SORTS: Record<string, { orderBy: IssueOrderBy; sort: SortDirection; key: keyof IssueRecord }> = {
  created_desc: { orderBy: 'created_at', sort: 'desc', key: 'createdAt' },
  created_asc: { orderBy: 'created_at', sort: 'asc', key: 'createdAt' },
  updated_desc: { orderBy: 'updated_at', sort: 'desc', key: 'updatedAt' },
  updated_asc: { orderBy: 'updated_at', sort: 'asc', key: 'updatedAt' },
  due_date_asc: { orderBy: 'due_date', sort: 'asc', key: 'dueDate' },
  due_date_desc: { orderBy: 'due_date', sort: 'desc', key: 'dueDate' },
  title_asc: { orderBy: 'title', sort: 'asc', key: 'title' },
  title_desc: { orderBy: 'title', sort: 'desc', key: 'title' },
};

const MILESTONE_WILDCARDS: Record<string, string> = { NONE: 'None', ANY: 'Any', STARTED: 'Started', UPCOMING: 'Upcoming' };

/**
 * The issues connection: the REST list's filters (one implementation, issue-filters.ts) under
 * GraphQL's argument names, and keyset cursors as GitLab's (the sort value and the id), so a
 * client moving issues out of the list while it pages through it misses none.
 */
function issueConnection(ctx: GraphqlContext, projects: readonly ProjectRecord[], args: IssueListArgs) {
  const sort = SORTS[(args.sort ?? 'created_desc').toLowerCase()] ?? SORTS['created_desc'];
  if (!sort) throw new GraphQLError('unknown sort');
  const params: ParamHash = { order_by: sort.orderBy, sort: sort.sort, scope: 'all' };
  params['state'] = args.state === 'locked' || !args.state ? 'all' : args.state;
  const iids = [...(args.iid ? [args.iid] : []), ...(args.iids ?? [])];
  if (iids.length > 0) params['iids'] = iids;
  const labels = (args.labelName ?? []).filter((label): label is string => typeof label === 'string');
  if (labels.length > 0) params['labels'] = labels;
  const titles = (args.milestoneTitle ?? []).filter((title): title is string => typeof title === 'string');
  if (args.milestoneWildcardId) params['milestone_id'] = MILESTONE_WILDCARDS[args.milestoneWildcardId] ?? args.milestoneWildcardId;
  const assignees = [...(args.assigneeUsernames ?? []), ...(args.assigneeUsername ? [args.assigneeUsername] : [])];
  if (assignees.length > 0) params['assignee_username'] = assignees;
  if (args.authorUsername) params['author_username'] = args.authorUsername;
  if (args.search) {
    params['search'] = args.search;
    if (args.in && args.in.length > 0) params['in'] = args.in.map((field) => field.toLowerCase()).join(',');
  }
  for (const [name, param] of [
    ['createdBefore', 'created_before'],
    ['createdAfter', 'created_after'],
    ['updatedBefore', 'updated_before'],
    ['updatedAfter', 'updated_after'],
  ] as const) {
    const value = args[name];
    if (value) params[param] = value;
  }
  if (args.confidential !== undefined && args.confidential !== null) params['confidential'] = args.confidential;
  const negated: ParamHash = {};
  if (args.not?.iids?.length) negated['iids'] = args.not.iids;
  if (args.not?.labelName?.length) negated['labels'] = args.not.labelName;
  if (args.not?.assigneeUsernames?.length) negated['assignee_username'] = args.not.assigneeUsernames;
  if (args.not?.authorUsername?.[0]) negated['author_username'] = args.not.authorUsername[0];
  if (args.not?.milestoneWildcardId) negated['milestone_id'] = MILESTONE_WILDCARDS[args.not.milestoneWildcardId] ?? '';
  if (Object.keys(negated).length > 0) params['not'] = negated;

  let issues: readonly IssueRecord[];
  try {
    issues = listIssues(ctx.store, ctx.issueOrder, projects, ctx.user, parseIssueList(ctx.store, params, ctx.user, 'project'));
  } catch (error) {
    if (error instanceof ApiError) throw new GraphQLError(apiErrorText(error));
    throw error;
  }
  if (args.state === 'locked') issues = [];
  // GraphQL takes several milestone titles (any of them); the REST filter takes one.
  if (titles.length > 0 || (args.not?.milestoneTitle?.length ?? 0) > 0) {
    const titleOf = (issue: IssueRecord) => (issue.milestoneId === null ? undefined : ctx.store.milestones.get(issue.milestoneId)?.title);
    const wanted = new Set(titles);
    const unwanted = new Set(args.not?.milestoneTitle ?? []);
    issues = issues.filter((issue) => {
      const title = titleOf(issue);
      return (wanted.size === 0 || (title !== undefined && wanted.has(title))) && (title === undefined || !unwanted.has(title));
    });
  }

  const cursorOf = (issue: IssueRecord) => encodeCursor({ [sort.orderBy]: String(issue[sort.key] ?? ''), id: String(issue.id) });
  const position = (cursor: string): IssueRecord => {
    const decoded = decodeCursor(cursor);
    const value = decoded[sort.orderBy];
    const id = Number(decoded['id']);
    if (typeof value !== 'string' || !Number.isSafeInteger(id)) throw new GraphQLError('Please provide a valid cursor');
    return { ...(issues[0] ?? ({} as IssueRecord)), id, createdAt: value, updatedAt: value, dueDate: value || null, title: value };
  };
  const compare = (a: IssueRecord, b: IssueRecord) => compareIssues(ctx.store, a, b, sort.orderBy, sort.sort);
  let window = issues;
  if (args.after) {
    const after = position(args.after);
    window = window.filter((issue) => compare(issue, after) > 0);
  }
  if (args.before) {
    const before = position(args.before);
    window = window.filter((issue) => compare(issue, before) < 0);
  }
  return sliceConnection(
    window.map((item) => ({ item, cursor: cursorOf(item) })),
    issues.length,
    args,
    window.length < issues.length && window[0] !== issues[0],
    window.length < issues.length && window[window.length - 1] !== issues[issues.length - 1],
    (issue) => issueNode(ctx, issue),
  );
}

function apiErrorText(error: ApiError): string {
  const body = error.body as { message?: unknown; error?: unknown };
  return String(body.error ?? body.message ?? error.message);
}

// ---- mutations --------------------------------------------------------------------------------

interface BulkUpdateInput {
  clientMutationId?: string | null;
  parentId: string;
  ids: string[];
  assigneeIds?: string[] | null;
  milestoneId?: string | null;
  stateEvent?: 'CLOSE' | 'REOPEN' | null;
  addLabelIds?: string[] | null;
  removeLabelIds?: string[] | null;
  subscriptionEvent?: string | null;
  healthStatus?: string | null;
}

/**
 * Mutations::Issues::BulkUpdate and Issuable::BulkUpdateService: behind the
 * `bulk_update_issues_mutation` flag, at most 100 ids, the parent a project (any tier) or a group
 * (Premium: `group_bulk_edit`). Ids outside the parent are ignored; the count is of the issues found
 * in the parent, including any the user may not update (which are left alone), as GitLab counts.
 */
function bulkUpdateIssues(ctx: GraphqlContext, input: BulkUpdateInput) {
  if (ctx.features.get(BULK_UPDATE_FEATURE_FLAG) !== true)
    throw new GraphQLError(`\`${BULK_UPDATE_FEATURE_FLAG}\` feature flag is disabled.`);
  if (input.ids.length > BULK_UPDATE_MAX_ISSUES)
    throw new GraphQLError(`No more than ${BULK_UPDATE_MAX_ISSUES} issues can be updated at the same time`);
  const user = ctx.user;
  if (!user) throw new GraphQLError(RESOURCE_NOT_AVAILABLE);
  const projects = bulkUpdateProjects(ctx, input.parentId);
  const inParent = new Set(projects.map((project) => project.id));

  const ids = [...new Set(input.ids.map((id) => parseGlobalId(id)?.id ?? -1))];
  const found = ids.flatMap((id) => {
    const issue = ctx.store.issues.get(id);
    return issue && inParent.has(issue.projectId) ? [issue] : [];
  });
  // Issuable::BulkUpdateService#set_update_params drops blank values (`params.delete_if { |k, v| v.blank? }`),
  // so a null milestoneId leaves milestones as they are: the mutation cannot clear one.
  const milestoneId =
    input.milestoneId === undefined || input.milestoneId === null ? undefined : (parseGlobalId(input.milestoneId)?.id ?? null);
  const labelIds = (gids: string[] | null | undefined) => new Set((gids ?? []).map((gid) => parseGlobalId(gid)?.id ?? -1));
  const addLabelIds = labelIds(input.addLabelIds);
  const removeLabelIds = labelIds(input.removeLabelIds);
  const assigneeIds = input.assigneeIds?.map((gid) => parseGlobalId(gid)?.id ?? -1);

  const now = ctx.store.timestamp();
  for (const issue of found) {
    const project = ctx.store.projects.get(issue.projectId);
    if (!project || !canUpdateIssue(ctx.store, user, project, issue)) continue;
    const before = snapshot(issue);
    if (canAdminIssues(ctx.store, user, project)) {
      if (milestoneId !== undefined) issue.milestoneId = resolveMilestoneId(ctx.store, project, milestoneId);
      if (addLabelIds.size > 0 || removeLabelIds.size > 0) {
        const available = availableProjectLabels(ctx.store, project);
        const titles = (wanted: Set<number>) => available.filter((label) => wanted.has(label.id)).map((label) => label.name);
        issue.labels = resolveLabels(issue.labels, titles(addLabelIds), titles(removeLabelIds), ctx.tier);
      }
      if (assigneeIds) issue.assigneeIds = resolveAssignees(ctx.store, project, assigneeIds, ctx.tier);
      applyHealthStatus(ctx, issue, input.healthStatus);
    }
    applyStateEvent(issue, input.stateEvent, user.id, now);
    finishIssueChange(ctx, project, before, issue, user, now);
  }
  return { clientMutationId: input.clientMutationId ?? null, updatedIssueCount: found.length, errors: [] };
}

function bulkUpdateProjects(ctx: GraphqlContext, parentId: string): ProjectRecord[] {
  const parent = parseGlobalId(parentId);
  if (parent?.model === 'Project') {
    const project = ctx.store.projects.get(parent.id);
    if (project && canReadProject(ctx.store, ctx.user, project)) return [project];
  }
  if (parent?.model === 'Group' && ctx.tier === 'premium') {
    const group = ctx.store.groups.get(parent.id);
    if (group && canReadGroup(ctx.store, ctx.user, group))
      return ctx.store.projectsInGroups(new Set(ctx.store.groupAndDescendants(group).map((g) => g.id)));
  }
  throw new GraphQLError(RESOURCE_NOT_AVAILABLE);
}

interface UpdateIssueInput {
  clientMutationId?: string | null;
  projectPath: string;
  iid: string;
  title?: string | null;
  description?: string | null;
  dueDate?: string | null;
  confidential?: boolean | null;
  locked?: boolean | null;
  milestoneId?: string | null;
  labelIds?: string[] | null;
  addLabelIds?: string[] | null;
  removeLabelIds?: string[] | null;
  stateEvent?: 'CLOSE' | 'REOPEN' | null;
  healthStatus?: string | null;
  weight?: number | null;
}

/**
 * Mutations::Issues::Update: the issue must exist and be updatable by the user (otherwise the
 * resource error); model errors come back in `errors`. `healthStatus` needs a tier with health
 * status; elsewhere GitLab's UpdateService drops it without an error and the field reads null.
 */
function updateIssue(ctx: GraphqlContext, input: UpdateIssueInput) {
  const user = ctx.user;
  const found = ctx.store.findByFullPath(input.projectPath);
  const project = found?.kind === 'project' ? ctx.store.projects.get(found.id) : undefined;
  const issue = project && /^\d+$/.test(input.iid) ? ctx.store.issueByIid(project.id, Number(input.iid)) : undefined;
  if (!user || !project || !issue || !canReadIssue(ctx.store, user, project, issue) || !canUpdateIssue(ctx.store, user, project, issue))
    throw new GraphQLError(RESOURCE_NOT_AVAILABLE);

  if (input.title !== undefined && (input.title === null || input.title.trim() === ''))
    return { clientMutationId: input.clientMutationId ?? null, issue: issueNode(ctx, issue), errors: ["Title can't be blank"] };
  if (input.title && input.title.length > 255)
    return {
      clientMutationId: input.clientMutationId ?? null,
      issue: issueNode(ctx, issue),
      errors: ['Title is too long (maximum is 255 characters)'],
    };

  const now = ctx.store.timestamp();
  const before = snapshot(issue);
  if (input.title) issue.title = input.title.trim();
  if (input.description !== undefined) issue.description = input.description;
  if (input.confidential !== undefined && input.confidential !== null) issue.confidential = input.confidential;
  if (input.locked !== undefined && input.locked !== null) issue.discussionLocked = input.locked;
  if (canAdminIssues(ctx.store, user, project)) {
    if (input.dueDate !== undefined) issue.dueDate = input.dueDate === null ? null : parseDay(input.dueDate);
    if (input.milestoneId !== undefined)
      issue.milestoneId =
        input.milestoneId === null ? null : resolveMilestoneId(ctx.store, project, modelIdFrom(input.milestoneId) ?? null);
    if (input.labelIds || input.addLabelIds || input.removeLabelIds) {
      const available = availableProjectLabels(ctx.store, project);
      const titles = (ids: string[] | null | undefined) => {
        const wanted = new Set((ids ?? []).map((id) => modelIdFrom(id) ?? -1));
        return available.filter((label) => wanted.has(label.id)).map((label) => label.name);
      };
      const base = input.labelIds ? [] : issue.labels;
      issue.labels = resolveLabels(base, [...titles(input.labelIds), ...titles(input.addLabelIds)], titles(input.removeLabelIds), ctx.tier);
    }
    applyHealthStatus(ctx, issue, input.healthStatus);
  }
  applyStateEvent(issue, input.stateEvent, user.id, now);
  finishIssueChange(ctx, project, before, issue, user, now);
  return { clientMutationId: input.clientMutationId ?? null, issue: issueNode(ctx, issue), errors: [] };
}

function snapshot(issue: IssueRecord): IssueRecord {
  return { ...issue, labels: [...issue.labels], assigneeIds: [...issue.assigneeIds] };
}

function applyHealthStatus(ctx: GraphqlContext, issue: IssueRecord, value: string | null | undefined): void {
  if (value === undefined || ctx.tier !== 'premium') return;
  issue.healthStatus = value === null ? null : (HEALTH_STATUS_FROM_GRAPHQL[value] ?? null);
}

function applyStateEvent(issue: IssueRecord, event: 'CLOSE' | 'REOPEN' | null | undefined, userId: number, now: string): void {
  if (event === 'CLOSE' && issue.state === 'opened') {
    issue.state = 'closed';
    issue.closedAt = now;
    issue.closedById = userId;
  } else if (event === 'REOPEN' && issue.state === 'closed') {
    issue.state = 'opened';
    issue.closedAt = null;
    issue.closedById = null;
  }
}

/** As the REST edit: a change bumps updated_at and is recorded (system notes, resource events). */
function finishIssueChange(
  ctx: GraphqlContext,
  project: ProjectRecord,
  before: IssueRecord,
  issue: IssueRecord,
  user: UserRecord,
  now: string,
): void {
  if (JSON.stringify(before) === JSON.stringify(issue)) return;
  issue.updatedAt = now;
  ctx.store.issueChanged(issue);
  recordIssueHistory(ctx.store, project, before, issue, user, now);
  project.lastActivityAt = now;
  ctx.wrote = true;
}

import { canAdminGroupLabelsOrMilestones, canAdminProjectLabelsOrMilestones, canReadIssue, canReadProject } from '../access.js';
import { created, ok, type Handler, type Reply, type RequestContext } from '../context.js';
import { apiError, forbidden, recordNotFound, rubyInspect } from '../errors.js';
import { compareIssues } from '../issue-filters.js';
import { groupMilestones, parseDay, projectMilestones, titleScope } from '../milestones.js';
import { paginate, paginateJson } from '../pagination.js';
import { atLeastOneOf, declare, mutuallyExclusive } from '../params.js';
import type { GroupRecord, IssueRecord, MergeRequestRecord, MilestoneRecord, ProjectRecord } from '../records.js';
import type { Router } from '../router.js';
import { findGroup, findProject, integerPathParam } from './lookup.js';

// lib/api/milestone_responses.rb, lib/api/project_milestones.rb, lib/api/group_milestones.rb.
// Milestone routes take the *global* milestone id, unlike issue routes.

type Parent = { project: ProjectRecord; group?: undefined } | { group: GroupRecord; project?: undefined };

export function registerMilestoneRoutes(router: Router<Handler>): void {
  for (const scope of ['projects', 'groups'] as const) {
    const parent = (ctx: RequestContext): Parent => (scope === 'projects' ? { project: findProject(ctx) } : { group: findGroup(ctx) });
    router.add('GET', `/${scope}/:id/milestones`, (ctx) => listMilestones(ctx, parent(ctx)));
    router.add('POST', `/${scope}/:id/milestones`, (ctx) => createMilestone(ctx, parent));
    router.add('GET', `/${scope}/:id/milestones/:milestone_id`, (ctx) => ok(ctx.present.milestone(findMilestone(ctx, parent(ctx)))));
    router.add('PUT', `/${scope}/:id/milestones/:milestone_id`, (ctx) => updateMilestone(ctx, parent));
    router.add('DELETE', `/${scope}/:id/milestones/:milestone_id`, (ctx) => deleteMilestone(ctx, parent(ctx)));
    router.add('GET', `/${scope}/:id/milestones/:milestone_id/issues`, (ctx) => milestoneIssues(ctx, parent(ctx)));
    router.add('GET', `/${scope}/:id/milestones/:milestone_id/merge_requests`, (ctx) => milestoneMergeRequests(ctx, parent(ctx)));
  }
}

function listMilestones(ctx: RequestContext, parent: Parent): Reply {
  mutuallyExclusive(ctx.params, ['include_ancestors', 'include_parent_milestones']);
  const params = declare(ctx.params, {
    state: { type: 'string', values: ['active', 'closed', 'all'], default: 'all' },
    iids: { type: 'integer-list' },
    title: { type: 'string' },
    search: { type: 'string' },
    search_title: { type: 'string' },
    include_parent_milestones: { type: 'boolean' },
    include_ancestors: { type: 'boolean' },
    include_descendants: { type: 'boolean' },
    updated_before: { type: 'datetime' },
    updated_after: { type: 'datetime' },
    containing_date: { type: 'datetime' },
  });
  const includeAncestors = (params.include_ancestors ?? params.include_parent_milestones) === true;
  let milestones = parent.project
    ? projectMilestones(ctx.store, parent.project, includeAncestors)
    : groupMilestones(ctx.store, parent.group, { ancestors: includeAncestors, descendants: params.include_descendants === true });

  if (params.state !== 'all') milestones = milestones.filter((m) => m.state === params.state);
  // MilestonesFinder ignores iids when ancestors are included.
  if (params.iids && params.iids.length > 0 && !includeAncestors) {
    const iids = new Set(params.iids);
    milestones = milestones.filter((m) => iids.has(m.iid));
  }
  if (params.title) milestones = milestones.filter((m) => m.title === params.title);
  if (params.search) {
    const term = params.search.toLowerCase();
    milestones = milestones.filter((m) => m.title.toLowerCase().includes(term) || (m.description ?? '').toLowerCase().includes(term));
  }
  if (params.search_title) {
    const term = params.search_title.toLowerCase();
    milestones = milestones.filter((m) => m.title.toLowerCase().includes(term));
  }
  if (params.updated_before) milestones = milestones.filter((m) => Date.parse(m.updatedAt) <= (params.updated_before?.getTime() ?? 0));
  if (params.updated_after) milestones = milestones.filter((m) => Date.parse(m.updatedAt) >= (params.updated_after?.getTime() ?? 0));
  if (params.containing_date) {
    const day = params.containing_date.toISOString().slice(0, 10);
    milestones = milestones.filter((m) => (m.startDate === null || m.startDate <= day) && (m.dueDate === null || m.dueDate >= day));
  }
  // MilestonesFinder: due date ascending with undated milestones last, then title.
  milestones.sort(
    (a, b) => compareNullableDays(a.dueDate, b.dueDate) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) || a.id - b.id,
  );
  return paginate(ctx, milestones, (milestone) => ctx.present.milestone(milestone));
}

function compareNullableDays(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** `parent.milestones.find(id)`: only the parent's own milestones; anything else is RecordNotFound. */
function findMilestone(ctx: RequestContext, parent: Parent): MilestoneRecord {
  const id = integerPathParam(ctx, 'milestone_id');
  const milestone = ctx.store.milestones.get(id);
  const owned = milestone && (parent.project ? milestone.projectId === parent.project.id : milestone.groupId === parent.group.id);
  if (!milestone || !owned) throw recordNotFound();
  return milestone;
}

function assertCanAdmin(ctx: RequestContext, parent: Parent): void {
  const allowed = parent.project
    ? canAdminProjectLabelsOrMilestones(ctx.store, ctx.user, parent.project)
    : canAdminGroupLabelsOrMilestones(ctx.store, ctx.user, parent.group);
  if (!allowed) throw forbidden();
}

const optionalSpec = {
  description: { type: 'string' },
  due_date: { type: 'string' },
  start_date: { type: 'string' },
} as const;

function createMilestone(ctx: RequestContext, resolveParent: (ctx: RequestContext) => Parent): Reply {
  const params = declare(ctx.params, { title: { type: 'string', required: true }, ...optionalSpec });
  const parent = resolveParent(ctx);
  assertCanAdmin(ctx, parent);
  const startDate = parseDay(params.start_date);
  const dueDate = parseDay(params.due_date);
  const errors = milestoneErrors(ctx, parent, params.title, startDate, dueDate);
  if (Object.keys(errors).length > 0) throw apiError(400, `Failed to create milestone ${rubyInspect(errors)}`);

  const owner = parent.project ?? parent.group;
  const milestone = ctx.store.addMilestone({
    iid: owner.nextMilestoneIid,
    projectId: parent.project?.id ?? null,
    groupId: parent.group?.id ?? null,
    title: params.title.trim(),
    description: params.description ?? null,
    state: 'active',
    startDate,
    dueDate,
  });
  owner.nextMilestoneIid += 1;
  return created(ctx.present.milestone(milestone));
}

function updateMilestone(ctx: RequestContext, resolveParent: (ctx: RequestContext) => Parent): Reply {
  const params = declare(ctx.params, {
    title: { type: 'string' },
    state_event: { type: 'string', values: ['close', 'activate'] },
    ...optionalSpec,
  });
  atLeastOneOf(ctx.params, ['title', 'description', 'start_date', 'due_date', 'state_event']);
  const parent = resolveParent(ctx);
  const milestone = findMilestone(ctx, parent);
  assertCanAdmin(ctx, parent);

  const title = params.title ?? milestone.title;
  const startDate = params.start_date !== undefined ? parseDay(params.start_date) : milestone.startDate;
  const dueDate = params.due_date !== undefined ? parseDay(params.due_date) : milestone.dueDate;
  const errors = milestoneErrors(ctx, parent, title, startDate, dueDate, milestone.id);
  if (Object.keys(errors).length > 0) throw apiError(400, `Failed to update milestone ${rubyInspect(errors)}`);

  milestone.title = title.trim();
  if (params.description !== undefined) milestone.description = params.description;
  milestone.startDate = startDate;
  milestone.dueDate = dueDate;
  if (params.state_event === 'close') milestone.state = 'closed';
  if (params.state_event === 'activate') milestone.state = 'active';
  milestone.updatedAt = ctx.store.timestamp();
  ctx.store.entitiesChanged();
  return ok(ctx.present.milestone(milestone));
}

function milestoneErrors(
  ctx: RequestContext,
  parent: Parent,
  title: string,
  startDate: string | null,
  dueDate: string | null,
  selfId?: number,
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (title.trim() === '') errors['title'] = ["can't be blank"];
  else if (titleScope(ctx.store, parent).some((m) => m.title === title.trim() && m.id !== selfId)) {
    errors['title'] = ['already being used for another group or project milestone.'];
  }
  if (startDate !== null && dueDate !== null && dueDate < startDate) errors['due_date'] = ['must be greater than start date'];
  return errors;
}

/** IssueBasic objects, ordered by label priority (then newest first); a group's list omits subgroups. */
function milestoneIssues(ctx: RequestContext, parent: Parent): Reply {
  const milestone = findMilestone(ctx, parent);
  const projects = parent.project ? [parent.project] : ctx.store.projectsInGroups(new Set([parent.group.id]));
  const issues: IssueRecord[] = [];
  for (const project of projects) {
    if (!canReadProject(ctx.store, ctx.user, project)) continue;
    for (const issue of ctx.store.projectIssues(project.id)) {
      if (issue.milestoneId === milestone.id && canReadIssue(ctx.store, ctx.user, project, issue)) issues.push(issue);
    }
  }
  issues.sort((a, b) => compareIssues(ctx.store, a, b, 'label_priority', 'asc'));
  const referenceFrom = parent.project ? { projectId: parent.project.id } : { groupId: parent.group.id };
  return paginateJson(ctx, issues, ctx.present.issueJsonRenderer({ referenceFrom }, false));
}

function milestoneMergeRequests(ctx: RequestContext, parent: Parent): Reply {
  const milestone = findMilestone(ctx, parent);
  const projects = parent.project ? [parent.project] : ctx.store.projectsInGroups(new Set([parent.group.id]));
  const mergeRequests: MergeRequestRecord[] = [];
  for (const project of projects) {
    if (!canReadProject(ctx.store, ctx.user, project)) continue;
    for (const mr of ctx.store.projectMergeRequests(project.id)) if (mr.milestoneId === milestone.id) mergeRequests.push(mr);
  }
  mergeRequests.sort((a, b) => b.id - a.id);
  return paginate(ctx, mergeRequests, (mr) => ctx.present.mergeRequest(mr));
}

/** Milestones::DestroyService: its issues and merge requests lose the milestone; 204. */
function deleteMilestone(ctx: RequestContext, parent: Parent): Reply {
  assertCanAdmin(ctx, parent);
  const milestone = findMilestone(ctx, parent);
  for (const issue of ctx.store.issues.values()) {
    if (issue.milestoneId !== milestone.id) continue;
    issue.milestoneId = null;
    ctx.store.issueChanged(issue);
  }
  for (const mr of ctx.store.mergeRequests.values()) if (mr.milestoneId === milestone.id) mr.milestoneId = null;
  ctx.store.removeMilestone(milestone);
  return { status: 204 };
}

import { canAdminIssues } from '../access.js';
import { created, type Handler, type Reply, type RequestContext } from '../context.js';
import { apiError, notFound } from '../errors.js';
import { recordIssueHistory, resolveAssignees } from '../issue-changes.js';
import { availableProjectLabels, sortLabels } from '../labels.js';
import { declare } from '../params.js';
import type { IssueRecord, ProjectRecord, UserRecord } from '../records.js';
import type { Router } from '../router.js';
import type { Store } from '../store.js';
import { findIssue, findProject, requireUser } from './lookup.js';

// POST /projects/:id/issues/:issue_iid/move (lib/api/issues.rb, Issues::MoveService and
// Issuable::Clone::BaseService): a new issue in the target project with the next iid there, the
// same title, description, state, dates and author, the labels whose titles exist in the target
// (its own or its groups'), the milestone only when one with the same title is in the target project
// or its group, and copies of the notes (threads kept together), emoji reactions and label and
// milestone events. Links move to the new issue. The original is closed, points to the new one with
// `moved_to_id`, and both get a "moved to" / "moved from" system note.

export function registerIssueMoveRoutes(router: Router<Handler>): void {
  router.add('POST', '/projects/:id/issues/:issue_iid/move', moveIssue);
}

function moveIssue(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const { to_project_id: targetId } = declare(ctx.params, { to_project_id: { type: 'integer', required: true } });
  const project = findProject(ctx);
  const issue = findIssue(ctx, project);
  // `Project.find_by(id:)`: any project, visible or not; permissions are MoveService's to check.
  const target = ctx.store.projects.get(targetId);
  if (!target) throw notFound('Project');
  // Issue#can_move?: `admin_issue` (Reporter) on both projects, and never a second move.
  const allowed = (issue.movedToId ?? null) === null && canAdminIssues(ctx.store, user, project) && canAdminIssues(ctx.store, user, target);
  if (!allowed) throw apiError(400, 'Cannot move issue due to insufficient permissions!');
  if (target.id === project.id) throw apiError(400, 'Cannot move issue to project it originates from!');

  const now = ctx.store.timestamp();
  const moved = copyIssue(ctx, issue, target, now);
  moveLinks(ctx.store, issue, moved);

  const before: IssueRecord = { ...issue, labels: [...issue.labels], assigneeIds: [...issue.assigneeIds] };
  if (issue.state === 'opened') {
    issue.state = 'closed';
    issue.closedAt = now;
    issue.closedById = user.id;
  }
  issue.movedToId = moved.id;
  issue.updatedAt = now;
  recordIssueHistory(ctx.store, project, before, issue, user, now);
  addSystemNote(ctx.store, moved, user, now, `moved from ${reference(ctx, issue, target)}`);
  addSystemNote(ctx.store, issue, user, now, `moved to ${reference(ctx, moved, project)}`);
  ctx.store.issueChanged(issue);
  ctx.store.issueChanged(moved);
  project.lastActivityAt = now;
  target.lastActivityAt = now;
  return created(ctx.present.issue(moved, { includeSubscribed: true }));
}

function copyIssue(ctx: RequestContext, issue: IssueRecord, target: ProjectRecord, now: string): IssueRecord {
  const { store } = ctx;
  const targetLabels = new Set(availableProjectLabels(store, target).map((label) => label.name));
  const moved = store.addIssue({
    projectId: target.id,
    title: issue.title,
    description: issue.description,
    state: issue.state,
    createdAt: issue.createdAt,
    updatedAt: now,
    closedAt: issue.closedAt,
    closedById: issue.closedById,
    labels: sortLabels(issue.labels.filter((title) => targetLabels.has(title))),
    milestoneId: matchingMilestoneId(store, issue, target),
    assigneeIds: resolveAssignees(store, target, issue.assigneeIds, ctx.tier),
    authorId: issue.authorId,
    dueDate: issue.dueDate,
    confidential: issue.confidential,
    discussionLocked: issue.discussionLocked,
    healthStatus: issue.healthStatus,
    weight: issue.weight ?? null,
  });
  copyNotes(store, issue, moved);
  copyAwards(store, 'Issue', issue.id, moved.id);
  copyEvents(store, issue, moved);
  return moved;
}

/** AttributesRewriter#matching_milestone: MilestonesFinder over the target project and its own group. */
function matchingMilestoneId(store: Store, issue: IssueRecord, target: ProjectRecord): number | null {
  const title = issue.milestoneId === null ? undefined : store.milestones.get(issue.milestoneId)?.title;
  if (title === undefined) return null;
  for (const milestone of store.milestones.values()) {
    const inTarget = milestone.projectId === target.id || (target.groupId !== null && milestone.groupId === target.groupId);
    if (inTarget && milestone.title === title) return milestone.id;
  }
  return null;
}

/** Notes::CopyService: every note with its times and flags; each thread gets a new discussion id. */
function copyNotes(store: Store, issue: IssueRecord, moved: IssueRecord): void {
  const discussionIds = new Map<string | undefined, string | undefined>();
  for (const note of [...store.issueNotes(issue.id)]) {
    const copy = store.addNote({
      issueId: moved.id,
      body: note.body,
      authorId: note.authorId,
      createdAt: note.createdAt,
      updatedAt: note.updatedAt,
      system: note.system,
      internal: note.internal,
      type: note.type ?? null,
      discussionId: discussionIds.get(note.discussionId),
      resolvedAt: note.resolvedAt ?? null,
      resolvedById: note.resolvedById ?? null,
    });
    if (!discussionIds.has(note.discussionId)) discussionIds.set(note.discussionId, copy.discussionId);
    copyAwards(store, 'Note', note.id, copy.id);
  }
}

/** AwardEmojis::CopyService. */
function copyAwards(store: Store, type: 'Issue' | 'Note', fromId: number, toId: number): void {
  for (const award of [...store.awardsOf(type, fromId)]) store.addAwardEmoji({ ...award, awardableId: toId });
}

/** AttributesRewriter copies label events as they are and milestone events whose milestone the target has. */
function copyEvents(store: Store, issue: IssueRecord, moved: IssueRecord): void {
  for (const event of store.resourceEvents.label.forResource('Issue', issue.id)) {
    const { id: _id, ...fields } = event;
    store.addLabelEvent({ ...fields, resourceId: moved.id });
  }
  const target = store.projects.get(moved.projectId);
  for (const event of store.resourceEvents.milestone.forResource('Issue', issue.id)) {
    const milestone = event.milestoneId === null ? undefined : store.milestones.get(event.milestoneId);
    if (!milestone || !target) continue;
    const matching = matchingMilestoneId(store, { ...issue, milestoneId: milestone.id }, target);
    if (matching === null) continue;
    const { id: _id, ...fields } = event;
    store.addMilestoneEvent({ ...fields, resourceId: moved.id, milestoneId: matching });
  }
}

/** Issues::MoveService#recreate_related_issues: the links now join the new issue. */
function moveLinks(store: Store, issue: IssueRecord, moved: IssueRecord): void {
  for (const link of [...store.issueLinks(issue.id)]) {
    store.removeLink(link);
    const { id: _id, ...fields } = link;
    store.addLink({
      ...fields,
      sourceIssueId: link.sourceIssueId === issue.id ? moved.id : link.sourceIssueId,
      targetIssueId: link.targetIssueId === issue.id ? moved.id : link.targetIssueId,
    });
  }
}

/** `noteable_ref.to_reference(project)`: the other issue as seen from `from`. */
function reference(ctx: RequestContext, issue: IssueRecord, from: ProjectRecord): string {
  const references = ctx.present.issueReferences(issue, { projectId: from.id });
  return String(references['relative']);
}

function addSystemNote(store: Store, issue: IssueRecord, user: UserRecord, at: string, body: string): void {
  store.addNote({ issueId: issue.id, body, authorId: user.id, createdAt: at, updatedAt: at, system: true, internal: false });
}

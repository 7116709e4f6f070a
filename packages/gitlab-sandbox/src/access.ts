import { AccessLevel, type GroupRecord, type IssueRecord, type ProjectRecord, type UserRecord } from './records.js';
import type { Store } from './store.js';

// GitLab's permission model reduced to what the sandbox serves: a user's access level in a
// project is the highest of their direct membership and their membership in any ancestor group
// (inherited membership). Administrators can do everything.

export type Actor = UserRecord | null;

const ADMIN_LEVEL = 60;

export function projectAccessLevel(store: Store, user: Actor, project: ProjectRecord): number {
  if (user?.isAdmin) return ADMIN_LEVEL;
  return projectMemberLevel(store, user, project);
}

/** The level membership alone gives (what `owned`, `membership` and `min_access_level` filters read). */
export function projectMemberLevel(store: Store, user: Actor, project: ProjectRecord): number {
  if (!user) return AccessLevel.none;
  if (project.ownerId === user.id) return AccessLevel.owner;
  let level = project.members[user.id]?.accessLevel ?? AccessLevel.none;
  for (const group of store.projectGroups(project)) level = Math.max(level, group.members[user.id]?.accessLevel ?? AccessLevel.none);
  return level;
}

export function groupAccessLevel(store: Store, user: Actor, group: GroupRecord): number {
  if (user?.isAdmin) return ADMIN_LEVEL;
  return groupMemberLevel(store, user, group);
}

export function groupMemberLevel(store: Store, user: Actor, group: GroupRecord): number {
  if (!user) return AccessLevel.none;
  let level = group.members[user.id]?.accessLevel ?? AccessLevel.none;
  for (const ancestor of store.groupAncestors(group)) level = Math.max(level, ancestor.members[user.id]?.accessLevel ?? AccessLevel.none);
  return level;
}

export function canReadProject(store: Store, user: Actor, project: ProjectRecord): boolean {
  if (project.visibility === 'public') return true;
  if (!user) return false;
  if (project.visibility === 'internal') return true;
  return projectAccessLevel(store, user, project) >= AccessLevel.guest;
}

/** A private group is visible to its members and to members of anything below it. */
export function canReadGroup(store: Store, user: Actor, group: GroupRecord): boolean {
  if (group.visibility === 'public') return true;
  if (!user) return false;
  if (group.visibility === 'internal' || groupAccessLevel(store, user, group) >= AccessLevel.guest) return true;
  const below = store.groupAndDescendants(group);
  if (below.some((candidate) => candidate.members[user.id])) return true;
  const ids = new Set(below.map((candidate) => candidate.id));
  return store.projectsInGroups(ids).some((project) => project.members[user.id]);
}

/** Anyone who can read a project may open issues in it (as a guest, at least). */
export function canCreateIssue(store: Store, user: Actor, project: ProjectRecord): boolean {
  return user !== null && canReadProject(store, user, project);
}

/** `admin_issue`: set labels, milestone, assignees and due date (Planner/Reporter and up). */
export function canAdminIssues(store: Store, user: Actor, project: ProjectRecord): boolean {
  return projectAccessLevel(store, user, project) >= AccessLevel.reporter;
}

/** `update_issue`: reporters and up, and the issue's author or assignees. */
export function canUpdateIssue(store: Store, user: Actor, project: ProjectRecord, issue: IssueRecord): boolean {
  if (!user) return false;
  if (canAdminIssues(store, user, project)) return true;
  return canReadProject(store, user, project) && (issue.authorId === user.id || issue.assigneeIds.includes(user.id));
}

/** Confidential issues are visible to reporters and up, the author and the assignees. */
export function canReadIssue(store: Store, user: Actor, project: ProjectRecord, issue: IssueRecord): boolean {
  if (!canReadProject(store, user, project)) return false;
  if (!issue.confidential) return true;
  if (!user) return false;
  return canAdminIssues(store, user, project) || issue.authorId === user.id || issue.assigneeIds.includes(user.id);
}

/** NotePolicy `admin_note` (edit, delete): the author or a maintainer, administrators too; never a system note. */
export function canAdminNote(store: Store, user: UserRecord, project: ProjectRecord, note: { system: boolean; authorId: number }): boolean {
  if (note.system) return false;
  return note.authorId === user.id || projectAccessLevel(store, user, project) >= AccessLevel.maintainer;
}

export function canAdminProjectLabelsOrMilestones(store: Store, user: Actor, project: ProjectRecord): boolean {
  return projectAccessLevel(store, user, project) >= AccessLevel.reporter;
}

export function canAdminGroupLabelsOrMilestones(store: Store, user: Actor, group: GroupRecord): boolean {
  return groupAccessLevel(store, user, group) >= AccessLevel.reporter;
}

export function canPushCode(store: Store, user: Actor, project: ProjectRecord): boolean {
  return projectAccessLevel(store, user, project) >= AccessLevel.developer;
}

/** The default branch is protected: only maintainers may push to it. */
export function canPushToBranch(store: Store, user: Actor, project: ProjectRecord, branch: string): boolean {
  const needed = branch === project.defaultBranch ? AccessLevel.maintainer : AccessLevel.developer;
  return projectAccessLevel(store, user, project) >= needed;
}

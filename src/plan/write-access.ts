// Which role a plan's changes need in GitLab, so that a token that cannot make them is told so
// before anything is written (and by --dry-run), instead of GitLab refusing them one by one with
// 403 and the run writing part of its plan. Roles and abilities from GitLab's
// doc/user/permissions.md: Planner (15) and up may create, edit, label, assign, close and link
// issues, comment on them, and manage labels (the run lock is one) and milestones; updating a merge
// request (its milestone, its labels) needs Developer (30).
import type { ProjectRef, Scope } from '../gitlab/port.js';
import type { Action, Plan } from './plan.js';

export const ROLES = { guest: 10, planner: 15, reporter: 20, developer: 30, maintainer: 40, owner: 50 } as const;

/** A project the plan writes to, the least role that takes, and the first change that needs it. */
export interface WriteNeed {
  project: ProjectRef;
  level: number;
  because: string;
}

/** GitLab's name for an access level: `Guest`, `Planner` … `Owner`. */
export function roleName(level: number | undefined): string {
  const found = Object.entries(ROLES)
    .filter(([, value]) => value <= (level ?? 0))
    .at(-1)?.[0];
  return found ? `${found[0]!.toUpperCase()}${found.slice(1)}` : 'no';
}

/**
 * Whether the token's user holds `level` in a project. GitLab reports no access level where an
 * administrator is not a member; administrators may write anywhere.
 */
export function hasRole(place: { accessLevel?: number }, me: { isAdmin?: boolean }, level: number): boolean {
  return place.accessLevel === undefined ? me.isAdmin === true : place.accessLevel >= level;
}

function projectsOf(action: Action): Array<{ project: ProjectRef; level: number }> {
  const planner = (project: ProjectRef) => ({ project, level: ROLES.planner });
  switch (action.kind) {
    case 'create-issue':
      return [planner(action.project)];
    case 'update-issue':
    case 'close-issue':
    case 'create-note':
    case 'update-note':
      return [planner(action.target.project)];
    case 'link-issues':
      return [planner(action.source.project)];
    case 'set-health-status':
      return [planner(action.projectPath)];
    case 'update-merge-request':
      return [{ project: action.project, level: ROLES.developer }];
    case 'create-label':
    case 'update-milestone':
    case 'close-milestone':
      // A group's labels and milestones: GitLab reports no role of the caller on a group (GET /groups/:id).
      return action.scope.kind === 'project' ? [planner(action.scope.ref)] : [];
  }
}

/** Each project the plan (and its run lock, in `lock`) writes to, once, with the highest role a change there needs. */
export function writeNeeds(plan: Plan, lock: Scope): WriteNeed[] {
  const needs = new Map<string, WriteNeed>();
  const add = (project: ProjectRef, level: number, because: string) => {
    const known = needs.get(String(project));
    if (!known || known.level < level) needs.set(String(project), { project, level, because });
  };
  if (plan.actions.length === 0) return [];
  if (lock.kind === 'project') add(lock.ref, ROLES.planner, `taking the run lock (a label)`);
  for (const action of plan.actions) for (const { project, level } of projectsOf(action)) add(project, level, action.summary);
  return [...needs.values()];
}

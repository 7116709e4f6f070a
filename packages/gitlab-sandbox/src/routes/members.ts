import { groupAccessLevel, projectAccessLevel } from '../access.js';
import { created, ok, type Handler, type Reply, type RequestContext } from '../context.js';
import { conflict, forbidden, notFound, paramError, type ApiError } from '../errors.js';
import { paginate } from '../pagination.js';
import { declare } from '../params.js';
import { AccessLevel, type MemberRecord, type UserRecord } from '../records.js';
import type { Router } from '../router.js';
import { findGroup, findProject, integerPathParam, requireUser } from './lookup.js';

// lib/api/members.rb: `members/all` merges direct and inherited memberships, keeping only the
// highest access level per user.

/** Gitlab::Access.all_values plus Minimal Access (5) and Planner (15). */
const VALID_ACCESS_LEVELS = ['5', '10', '15', '20', '30', '40', '50'];

export function registerMemberRoutes(router: Router<Handler>): void {
  router.add('GET', '/projects/:id/members/all', listProjectMembers);
  router.add('GET', '/projects/:id/members', listDirectProjectMembers);
  router.add('POST', '/projects/:id/members', addProjectMember);
  router.add('GET', '/groups/:id/members/all', listGroupMembers);
  router.add('GET', '/groups/:id/members', listDirectGroupMembers);
  router.add('POST', '/groups/:id/members', addGroupMember);
  router.add('GET', '/projects/:id/members/all/:user_id', (ctx) => getOneMember(ctx, findProjectMembership, true));
  router.add('GET', '/projects/:id/members/:user_id', (ctx) => getOneMember(ctx, findProjectMembership, false));
  router.add('PUT', '/projects/:id/members/:user_id', updateProjectMember);
  router.add('DELETE', '/projects/:id/members/:user_id', deleteProjectMember);
  router.add('GET', '/groups/:id/members/all/:user_id', (ctx) => getOneMember(ctx, findGroupMembership, true));
  router.add('GET', '/groups/:id/members/:user_id', (ctx) => getOneMember(ctx, findGroupMembership, false));
  router.add('PUT', '/groups/:id/members/:user_id', updateGroupMember);
  router.add('DELETE', '/groups/:id/members/:user_id', deleteGroupMember);
}

type Membership = { user: UserRecord; member: MemberRecord };

function listProjectMembers(ctx: RequestContext): Reply {
  const project = findProject(ctx);
  const sources = [project.members, ...ctx.store.projectGroups(project).map((group) => group.members)];
  const memberships = mergeMemberships(ctx, sources);
  if (project.ownerId !== null && !memberships.some((m) => m.user.id === project.ownerId)) {
    const owner = ctx.store.users.get(project.ownerId);
    if (owner)
      memberships.push({ user: owner, member: { accessLevel: AccessLevel.owner, createdAt: project.createdAt, createdById: null } });
  }
  return presentMembers(ctx, memberships);
}

function listDirectProjectMembers(ctx: RequestContext): Reply {
  const project = findProject(ctx);
  return presentMembers(ctx, mergeMemberships(ctx, [project.members]));
}

function listGroupMembers(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  const sources = [group.members, ...ctx.store.groupAncestors(group).map((ancestor) => ancestor.members)];
  return presentMembers(ctx, mergeMemberships(ctx, sources));
}

function listDirectGroupMembers(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  return presentMembers(ctx, mergeMemberships(ctx, [group.members]));
}

function mergeMemberships(ctx: RequestContext, sources: ReadonlyArray<Record<string, MemberRecord>>): Membership[] {
  const best = new Map<number, Membership>();
  for (const members of sources) {
    for (const [userId, member] of Object.entries(members)) {
      const user = ctx.store.users.get(Number(userId));
      if (!user) continue;
      const current = best.get(user.id);
      if (!current || member.accessLevel > current.member.accessLevel) best.set(user.id, { user, member });
    }
  }
  return [...best.values()];
}

function presentMembers(ctx: RequestContext, memberships: Membership[]): Reply {
  const params = declare(ctx.params, { query: { type: 'string' }, user_ids: { type: 'integer-list' } });
  let result = memberships;
  if (params.query) {
    const term = params.query.toLowerCase();
    result = result.filter(({ user }) => user.username.toLowerCase().includes(term) || user.name.toLowerCase().includes(term));
  }
  if (params.user_ids && params.user_ids.length > 0) {
    const wanted = new Set(params.user_ids);
    result = result.filter(({ user }) => wanted.has(user.id));
  }
  result.sort((a, b) => a.user.id - b.user.id);
  return paginate(ctx, result, ({ user, member }) => ctx.present.member(user, member));
}

const memberSpec = {
  access_level: { type: 'integer', required: true, values: VALID_ACCESS_LEVELS },
  user_id: { type: 'string' },
  username: { type: 'string' },
  expires_at: { type: 'string' },
} as const;

function addProjectMember(ctx: RequestContext): Reply {
  const params = declare(ctx.params, memberSpec);
  const project = findProject(ctx);
  const caller = requireUser(ctx);
  const callerLevel = projectAccessLevel(ctx.store, caller, project);
  return addMember(ctx, project.members, callerLevel, params);
}

function addGroupMember(ctx: RequestContext): Reply {
  const params = declare(ctx.params, memberSpec);
  const group = findGroup(ctx);
  const caller = requireUser(ctx);
  return addMember(ctx, group.members, groupAccessLevel(ctx.store, caller, group), params);
}

function addMember(
  ctx: RequestContext,
  members: Record<string, MemberRecord>,
  callerLevel: number,
  params: { access_level: number; user_id?: string | null; username?: string | null },
): Reply {
  if ((params.user_id ?? null) === null && (params.username ?? null) === null) {
    throw paramError(['user_id, username are missing, exactly one parameter must be provided']);
  }
  // Maintainers manage members, but only owners may grant Owner.
  if (callerLevel < AccessLevel.maintainer || (params.access_level > callerLevel && callerLevel < AccessLevel.owner)) throw forbidden();
  const user = params.user_id ? ctx.store.findUser(params.user_id) : ctx.store.userByUsername(params.username ?? '');
  if (!user) throw notFound('User');
  if (members[user.id]) throw conflict('Member already exists');
  const member: MemberRecord = { accessLevel: params.access_level, createdAt: ctx.store.timestamp(), createdById: ctx.user?.id ?? null };
  members[user.id] = member;
  return created(ctx.present.member(user, member));
}

// ---- one member, edits and removal (lib/api/members.rb) ----------------------------------------

function memberNotFound(): ApiError {
  return notFound('Member');
}

function findProjectMembership(ctx: RequestContext, inherited: boolean): Membership {
  const project = findProject(ctx);
  const userId = integerPathParam(ctx, 'user_id');
  const sources = inherited ? [project.members, ...ctx.store.projectGroups(project).map((group) => group.members)] : [project.members];
  const found = mergeMemberships(ctx, sources).find(({ user }) => user.id === userId);
  if (found) return found;
  if (inherited && project.ownerId === userId) {
    const owner = ctx.store.users.get(userId);
    if (owner) return { user: owner, member: { accessLevel: AccessLevel.owner, createdAt: project.createdAt, createdById: null } };
  }
  throw memberNotFound();
}

function findGroupMembership(ctx: RequestContext, inherited: boolean): Membership {
  const group = findGroup(ctx);
  const userId = integerPathParam(ctx, 'user_id');
  const sources = inherited ? [group.members, ...ctx.store.groupAncestors(group).map((ancestor) => ancestor.members)] : [group.members];
  const found = mergeMemberships(ctx, sources).find(({ user }) => user.id === userId);
  if (!found) throw memberNotFound();
  return found;
}

function getOneMember(ctx: RequestContext, find: (ctx: RequestContext, inherited: boolean) => Membership, inherited: boolean): Reply {
  const { user, member } = find(ctx, inherited);
  return ok(ctx.present.member(user, member));
}

const updateMemberSpec = {
  access_level: { type: 'integer', required: true, values: VALID_ACCESS_LEVELS },
  expires_at: { type: 'string' },
} as const;

function updateProjectMember(ctx: RequestContext): Reply {
  const params = declare(ctx.params, updateMemberSpec);
  const project = findProject(ctx);
  const caller = requireUser(ctx);
  return updateMember(ctx, project.members, projectAccessLevel(ctx.store, caller, project), params.access_level);
}

function updateGroupMember(ctx: RequestContext): Reply {
  const params = declare(ctx.params, updateMemberSpec);
  const group = findGroup(ctx);
  const caller = requireUser(ctx);
  return updateMember(ctx, group.members, groupAccessLevel(ctx.store, caller, group), params.access_level);
}

function updateMember(ctx: RequestContext, members: Record<string, MemberRecord>, callerLevel: number, accessLevel: number): Reply {
  const userId = integerPathParam(ctx, 'user_id');
  const member = Object.hasOwn(members, userId) ? members[userId] : undefined;
  const user = ctx.store.users.get(userId);
  if (!member || !user) throw memberNotFound();
  if (callerLevel < AccessLevel.maintainer) throw forbidden();
  // Only owners may grant Owner, or change an owner's role.
  if ((accessLevel >= AccessLevel.owner || member.accessLevel >= AccessLevel.owner) && callerLevel < AccessLevel.owner) throw forbidden();
  member.accessLevel = accessLevel;
  return ok(ctx.present.member(user, member));
}

function deleteProjectMember(ctx: RequestContext): Reply {
  const project = findProject(ctx);
  const caller = requireUser(ctx);
  return deleteMember(ctx, project.members, projectAccessLevel(ctx.store, caller, project), caller.id);
}

function deleteGroupMember(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  const caller = requireUser(ctx);
  return deleteMember(ctx, group.members, groupAccessLevel(ctx.store, caller, group), caller.id);
}

/** Maintainers remove members (owners only remove owners); anyone may leave. */
function deleteMember(ctx: RequestContext, members: Record<string, MemberRecord>, callerLevel: number, callerId: number): Reply {
  const userId = integerPathParam(ctx, 'user_id');
  const member = Object.hasOwn(members, userId) ? members[userId] : undefined;
  if (!member) throw memberNotFound();
  const leaving = userId === callerId;
  if (!leaving && (callerLevel < AccessLevel.maintainer || (member.accessLevel >= AccessLevel.owner && callerLevel < AccessLevel.owner)))
    throw forbidden();
  delete members[userId];
  return { status: 204 };
}

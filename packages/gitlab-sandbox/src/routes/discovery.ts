import { canReadGroup, canReadProject, groupMemberLevel, projectMemberLevel } from '../access.js';
import type { JsonObject } from '../entities.js';
import { ok, type Handler, type Reply, type RequestContext } from '../context.js';
import { notFound, paramError } from '../errors.js';
import { decodeCursor, encodeCursor, keysetNotAvailable, paginate, paginateKeyset, wantsKeyset } from '../pagination.js';
import { declare } from '../params.js';
import { AccessLevel, type GroupRecord, type ProjectRecord, type UserRecord } from '../records.js';
import type { Router } from '../router.js';
import { findGroup, requireUser } from './lookup.js';
import { compareProjects } from './projects.js';

// Finding projects, groups and namespaces: lib/api/projects.rb (ProjectsFinder), lib/api/groups.rb
// (GroupsFinder) and lib/api/namespaces.rb, with GitLab's visibility rules: anonymous callers see
// public things, signed-in users also internal ones and everything they are a member of,
// administrators everything.

const ACCESS_LEVELS = ['5', '10', '15', '20', '30', '40', '50'];

export function registerDiscoveryRoutes(router: Router<Handler>): void {
  router.add('GET', '/projects', listProjects);
  router.add('GET', '/groups', (ctx) => listGroups(ctx, undefined));
  router.add('GET', '/groups/:id/subgroups', (ctx) => listGroups(ctx, 'children'));
  router.add('GET', '/groups/:id/descendant_groups', (ctx) => listGroups(ctx, 'descendants'));
  router.add('GET', '/namespaces', listNamespaces);
  router.add('GET', '/namespaces/:id', getNamespace);
}

function listProjects(ctx: RequestContext): Reply {
  const params = declare(ctx.params, {
    order_by: {
      type: 'string',
      values: ['id', 'name', 'path', 'created_at', 'updated_at', 'last_activity_at', 'similarity', 'star_count'],
      default: 'created_at',
    },
    sort: { type: 'string', values: ['asc', 'desc'], default: 'desc' },
    archived: { type: 'boolean' },
    visibility: { type: 'string', values: ['private', 'internal', 'public'] },
    search: { type: 'string' },
    search_namespaces: { type: 'boolean' },
    owned: { type: 'boolean', default: false },
    starred: { type: 'boolean', default: false },
    membership: { type: 'boolean', default: false },
    simple: { type: 'boolean', default: false },
    min_access_level: { type: 'integer', values: ACCESS_LEVELS },
    with_issues_enabled: { type: 'boolean', default: false },
    with_merge_requests_enabled: { type: 'boolean', default: false },
    id_after: { type: 'integer' },
    id_before: { type: 'integer' },
  });
  const user = ctx.user;
  let projects = [...ctx.store.projects.values()].filter((project) => canReadProject(ctx.store, user, project));
  const level = (project: ProjectRecord): number => projectMemberLevel(ctx.store, user, project);
  if (params.owned) projects = projects.filter((project) => level(project) >= AccessLevel.owner);
  if (params.membership) projects = projects.filter((project) => level(project) >= AccessLevel.guest);
  if (params.min_access_level) {
    const minimum = params.min_access_level;
    projects = projects.filter((project) => level(project) >= minimum);
  }
  // No project is archived or starred in the sandbox.
  if (params.archived === true || params.starred) projects = [];
  if (params.visibility) projects = projects.filter((project) => project.visibility === params.visibility);
  if (params.id_after) projects = projects.filter((project) => project.id > (params.id_after ?? 0));
  if (params.id_before) projects = projects.filter((project) => project.id < (params.id_before ?? 0));
  if (params.search) {
    const term = params.search.toLowerCase();
    projects = projects.filter((project) => {
      const fields = [project.name, project.path, project.description ?? ''];
      if (params.search_namespaces) fields.push(ctx.store.projectFullPath(project));
      return fields.some((field) => field.toLowerCase().includes(term));
    });
  }
  const direction = params.sort === 'asc' ? 1 : -1;
  projects.sort((a, b) => direction * compareProjects(a, b, params.order_by));
  // Anonymous callers get the simple fields only (doc/api/projects.md).
  const simple = params.simple || !user;
  const present = (project: ProjectRecord): JsonObject => (simple ? ctx.present.projectBasic(project) : ctx.present.project(project));
  if (wantsKeyset(ctx)) {
    // Keyset pagination for projects is documented for `order_by=id` only; the next link carries id_after/id_before.
    if (params.order_by !== 'id') throw keysetNotAvailable();
    const bound = params.sort === 'asc' ? 'id_after' : 'id_before';
    return paginateKeyset(ctx, projects, present, (last) => ({ [bound]: String(last.id) }));
  }
  return paginate(ctx, projects, present);
}

/** GroupsFinder: what `GET /groups` lists without `all_available`, for a signed-in non-administrator. */
function isInUsersHierarchy(ctx: RequestContext, user: UserRecord, group: GroupRecord): boolean {
  if (groupMemberLevel(ctx.store, user, group) >= AccessLevel.guest) return true;
  const below = ctx.store.groupAndDescendants(group);
  if (below.some((candidate) => Object.hasOwn(candidate.members, user.id))) return true;
  const ids = new Set(below.map((candidate) => candidate.id));
  return ctx.store.projectsInGroups(ids).some((project) => Object.hasOwn(project.members, user.id));
}

function listGroups(ctx: RequestContext, relation: 'children' | 'descendants' | undefined): Reply {
  const params = declare(ctx.params, {
    skip_groups: { type: 'integer-list' },
    all_available: { type: 'boolean' },
    search: { type: 'string' },
    owned: { type: 'boolean', default: false },
    order_by: { type: 'string', values: ['name', 'path', 'id', 'similarity'], default: 'name' },
    sort: { type: 'string', values: ['asc', 'desc'], default: 'asc' },
    min_access_level: { type: 'integer', values: ACCESS_LEVELS },
    top_level_only: { type: 'boolean' },
    statistics: { type: 'boolean', default: false },
  });
  const user = ctx.user;
  let groups = [...ctx.store.groups.values()];
  if (relation) {
    const parent = findGroup(ctx);
    groups =
      relation === 'children' ? groups.filter((group) => group.parentId === parent.id) : ctx.store.groupAndDescendants(parent).slice(1);
  }
  // lib/api/groups.rb: `all_available` defaults to true for administrators only.
  const allAvailable = params.all_available ?? user?.isAdmin === true;
  const level = (group: GroupRecord): number => groupMemberLevel(ctx.store, user, group);
  if (params.owned) groups = groups.filter((group) => level(group) >= AccessLevel.owner);
  else if (params.min_access_level) {
    const minimum = params.min_access_level;
    groups = groups.filter((group) => level(group) >= minimum);
  } else if (user?.isAdmin && allAvailable) {
    // Administrators see every group.
  } else if (!user) groups = groups.filter((group) => group.visibility === 'public');
  else if (allAvailable || relation) groups = groups.filter((group) => canReadGroup(ctx.store, user, group));
  else groups = groups.filter((group) => isInUsersHierarchy(ctx, user, group));

  if (params.top_level_only) groups = groups.filter((group) => group.parentId === null);
  if (params.skip_groups && params.skip_groups.length > 0) {
    const skipped = new Set(params.skip_groups);
    groups = groups.filter((group) => !skipped.has(group.id));
  }
  if (params.search) {
    const term = params.search.toLowerCase();
    groups = groups.filter((group) =>
      [group.name, group.path, ctx.store.groupFullPath(group)].some((field) => field.toLowerCase().includes(term)),
    );
  }
  const key = params.order_by === 'similarity' ? 'name' : params.order_by;
  const direction = params.sort === 'desc' ? -1 : 1;
  groups.sort((a, b) => {
    const left = key === 'id' ? a.id : key === 'path' ? a.path.toLowerCase() : a.name.toLowerCase();
    const right = key === 'id' ? b.id : key === 'path' ? b.path.toLowerCase() : b.name.toLowerCase();
    if (left < right) return -direction;
    if (left > right) return direction;
    return a.id - b.id;
  });
  // lib/api/groups.rb pages anonymous callers with keyset pagination when asked (name, ascending
  // only); signed-in callers always get offset pagination.
  if (wantsKeyset(ctx) && !user) return keysetGroups(ctx, groups, key, params.sort);
  return paginate(ctx, groups, (group) => ctx.present.group(group));
}

function keysetGroups(ctx: RequestContext, sorted: GroupRecord[], key: string, sort: string): Reply {
  if (key !== 'name' || sort !== 'asc') throw keysetNotAvailable();
  const { cursor } = declare(ctx.params, { cursor: { type: 'string' } });
  let groups = sorted;
  if (cursor) {
    const position = decodeCursor(cursor);
    const id = Number(position?.['id']);
    if (!position || !Number.isSafeInteger(id)) throw paramError(['cursor is invalid']);
    const name = String(position['name']).toLowerCase();
    groups = sorted.filter((group) => {
      const mine = group.name.toLowerCase();
      return mine > name || (mine === name && group.id > id);
    });
  }
  return paginateKeyset(
    ctx,
    groups,
    (group) => ctx.present.group(group),
    (last) => ({ cursor: encodeCursor({ name: last.name, id: last.id }) }),
  );
}

/** `User#namespaces`: the user's own and the groups they can create projects in (owners only with `owned_only`). */
function visibleNamespaces(ctx: RequestContext, user: UserRecord, ownedOnly: boolean): Array<{ user?: UserRecord; group?: GroupRecord }> {
  const users = user.isAdmin ? [...ctx.store.users.values()] : [user];
  const minimum = ownedOnly ? AccessLevel.owner : AccessLevel.developer;
  const groups = [...ctx.store.groups.values()].filter(
    (group) => (user.isAdmin && !ownedOnly) || groupMemberLevel(ctx.store, user, group) >= minimum,
  );
  return [...users.map((owner) => ({ user: owner })), ...groups.map((group) => ({ group }))];
}

function namespaceId(entry: { user?: UserRecord; group?: GroupRecord }): number {
  return entry.user ? entry.user.namespaceId : (entry.group?.id ?? 0);
}

function presentNamespace(ctx: RequestContext, entry: { user?: UserRecord; group?: GroupRecord }): JsonObject {
  if (entry.user) {
    const owner = entry.user;
    return {
      id: owner.namespaceId,
      name: owner.name,
      path: owner.username,
      kind: 'user',
      full_path: owner.username,
      parent_id: null,
      avatar_url: null,
      web_url: `${ctx.baseUrl}/${owner.username}`,
      billable_members_count: 1,
      plan: ctx.tier === 'premium' ? 'premium' : 'free',
      end_date: null,
      trial_ends_on: null,
      trial: false,
      root_repository_size: 0,
      projects_count: [...ctx.store.projects.values()].filter((project) => project.namespaceId === owner.namespaceId).length,
    };
  }
  const group = entry.group as GroupRecord;
  const fullPath = ctx.store.groupFullPath(group);
  const tree = ctx.store.groupAndDescendants(group);
  const members = new Set(tree.flatMap((candidate) => Object.keys(candidate.members)));
  return {
    id: group.id,
    name: group.name,
    path: group.path,
    kind: 'group',
    full_path: fullPath,
    parent_id: group.parentId,
    avatar_url: null,
    web_url: `${ctx.baseUrl}/groups/${fullPath}`,
    members_count_with_descendants: members.size,
    billable_members_count: members.size,
    plan: ctx.tier === 'premium' ? 'premium' : 'free',
    end_date: null,
    trial_ends_on: null,
    trial: false,
    root_repository_size: 0,
    projects_count: ctx.store.projectsInGroups(new Set([group.id])).length,
  };
}

function listNamespaces(ctx: RequestContext): Reply {
  const params = declare(ctx.params, {
    search: { type: 'string' },
    owned_only: { type: 'boolean', default: false },
    top_level_only: { type: 'boolean', default: false },
  });
  const user = requireUser(ctx);
  let entries = visibleNamespaces(ctx, user, params.owned_only);
  if (params.top_level_only) entries = entries.filter((entry) => !entry.group || entry.group.parentId === null);
  if (params.search) {
    const term = params.search.toLowerCase();
    entries = entries.filter((entry) => {
      const fields = entry.user ? [entry.user.username, entry.user.name] : [entry.group?.name ?? '', entry.group?.path ?? ''];
      return fields.some((field) => field.toLowerCase().includes(term));
    });
  }
  entries.sort((a, b) => namespaceId(a) - namespaceId(b));
  return paginate(ctx, entries, (entry) => presentNamespace(ctx, entry));
}

function getNamespace(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const id = ctx.pathParams['id'] ?? '';
  const entries = visibleNamespaces(ctx, user, false);
  const entry = /^\d+$/.test(id)
    ? entries.find((candidate) => namespaceId(candidate) === Number(id))
    : entries.find((candidate) =>
        candidate.user
          ? candidate.user.username.toLowerCase() === id.toLowerCase()
          : ctx.store.groupFullPath(candidate.group as GroupRecord).toLowerCase() === id.toLowerCase(),
      );
  if (!entry) throw notFound('Namespace');
  return ok(presentNamespace(ctx, entry));
}

import { canReadGroup, canReadProject, groupAccessLevel, projectAccessLevel } from '../access.js';
import type { JsonObject } from '../entities.js';
import { created, ok, type Handler, type Reply, type RequestContext } from '../context.js';
import { apiError, forbidden, notFound, rubyInspect, validationError } from '../errors.js';
import { paginate } from '../pagination.js';
import { atLeastOneOf, declare } from '../params.js';
import { AccessLevel, type GroupRecord, type ProjectRecord, type Visibility } from '../records.js';
import type { Router } from '../router.js';
import { findGroup, findProject, requireUser } from './lookup.js';

// lib/api/projects.rb and lib/api/groups.rb, limited to what teamops needs.

const VISIBILITIES = ['private', 'internal', 'public'] as const;
const PATH_FORMAT = /^[a-zA-Z0-9_][a-zA-Z0-9_.-]*$/;
const PATH_MESSAGE = "can contain only letters, digits, '_', '-' and '.'. Cannot start with '-' or end in '.', '.git' or '.atom'.";

export function registerProjectRoutes(router: Router<Handler>): void {
  router.add('POST', '/groups', createGroup);
  router.add('GET', '/groups/:id', getGroup);
  router.add('GET', '/groups/:id/projects', listGroupProjects);
  router.add('POST', '/projects', createProject);
  router.add('GET', '/projects/:id', getProject);
  router.add('PUT', '/projects/:id', updateProject);
  router.add('DELETE', '/projects/:id', deleteProject);
  router.add('PUT', '/groups/:id', updateGroup);
  router.add('DELETE', '/groups/:id', deleteGroup);
}

function createGroup(ctx: RequestContext): Reply {
  const params = declare(ctx.params, {
    name: { type: 'string', required: true },
    path: { type: 'string', required: true },
    parent_id: { type: 'integer' },
    visibility: { type: 'string', values: VISIBILITIES },
    description: { type: 'string' },
  });
  const user = requireUser(ctx);
  let parent: GroupRecord | undefined;
  if (params.parent_id !== undefined && params.parent_id !== null) {
    parent = ctx.store.groups.get(params.parent_id);
    if (!parent || !canReadGroup(ctx.store, user, parent)) throw notFound('Parent group');
    if (groupAccessLevel(ctx.store, user, parent) < AccessLevel.maintainer) throw forbidden();
  }
  const errors: Record<string, string[]> = {};
  if (params.name.trim() === '') errors['name'] = ["can't be blank"];
  if (!PATH_FORMAT.test(params.path)) errors['path'] = [PATH_MESSAGE];
  const parentId = parent?.id ?? null;
  const taken = [...ctx.store.groups.values()].some(
    (group) => group.parentId === parentId && group.path.toLowerCase() === params.path.toLowerCase(),
  );
  if (taken) errors['path'] = ['has already been taken'];
  // lib/api/groups.rb renders `"Failed to save group #{group.errors.messages}"` (Ruby Hash#inspect).
  if (Object.keys(errors).length > 0) throw apiError(400, `Failed to save group ${rubyInspect(errors)}`);

  const group = ctx.store.addGroup({
    name: params.name,
    path: params.path,
    parentId,
    description: params.description ?? '',
    visibility: (params.visibility as Visibility | undefined | null) ?? parent?.visibility ?? 'private',
  });
  group.members[user.id] = { accessLevel: AccessLevel.owner, createdAt: group.createdAt, createdById: user.id };
  return created(ctx.present.group(group));
}

/** GroupDetail, which still lists the group's projects unless `with_projects=false`. */
function getGroup(ctx: RequestContext): Reply {
  const params = declare(ctx.params, { with_projects: { type: 'boolean', default: true } });
  const group = findGroup(ctx);
  return ok(params.with_projects ? groupDetail(ctx, group) : ctx.present.group(group));
}

function groupDetail(ctx: RequestContext, group: GroupRecord): JsonObject {
  const detail = ctx.present.group(group);
  const projects = [...ctx.store.projects.values()].filter(
    (project) => project.groupId === group.id && canReadProject(ctx.store, ctx.user, project),
  );
  detail['projects'] = projects.map((project) => ctx.present.project(project));
  detail['shared_projects'] = [];
  return detail;
}

function listGroupProjects(ctx: RequestContext): Reply {
  const params = declare(ctx.params, {
    include_subgroups: { type: 'boolean', default: false },
    simple: { type: 'boolean', default: false },
    archived: { type: 'boolean' },
    visibility: { type: 'string', values: VISIBILITIES },
    search: { type: 'string' },
    order_by: {
      type: 'string',
      values: ['id', 'name', 'path', 'created_at', 'updated_at', 'last_activity_at', 'similarity', 'star_count'],
      default: 'created_at',
    },
    sort: { type: 'string', values: ['asc', 'desc'], default: 'desc' },
    with_issues_enabled: { type: 'boolean' },
    owned: { type: 'boolean' },
  });
  const group = findGroup(ctx);
  const groupIds = new Set(params.include_subgroups ? ctx.store.groupAndDescendants(group).map((g) => g.id) : [group.id]);
  let projects = ctx.store.projectsInGroups(groupIds).filter((project) => canReadProject(ctx.store, ctx.user, project));
  if (params.archived === true) projects = [];
  if (params.visibility) projects = projects.filter((project) => project.visibility === params.visibility);
  if (params.search) {
    const term = params.search.toLowerCase();
    projects = projects.filter((project) => project.name.toLowerCase().includes(term) || project.path.toLowerCase().includes(term));
  }
  if (params.owned) projects = projects.filter((project) => projectAccessLevel(ctx.store, ctx.user, project) >= AccessLevel.owner);
  const direction = params.sort === 'asc' ? 1 : -1;
  projects.sort((a, b) => direction * compareProjects(a, b, params.order_by));
  return paginate(ctx, projects, (project) => (params.simple ? ctx.present.projectBasic(project) : ctx.present.project(project)));
}

export function compareProjects(a: ProjectRecord, b: ProjectRecord, key: string): number {
  const pick = (project: ProjectRecord): string | number => {
    switch (key) {
      case 'name':
        return project.name.toLowerCase();
      case 'path':
        return project.path.toLowerCase();
      case 'created_at':
        return project.createdAt;
      case 'updated_at':
      case 'last_activity_at':
        return project.lastActivityAt;
      default:
        return project.id;
    }
  };
  const left = pick(a);
  const right = pick(b);
  if (left < right) return -1;
  if (left > right) return 1;
  return a.id - b.id;
}

function getProject(ctx: RequestContext): Reply {
  const project = findProject(ctx);
  const direct = ctx.user ? (project.members[ctx.user.id]?.accessLevel ?? null) : null;
  const groups = ctx.store.projectGroups(project);
  const groupLevels = ctx.user ? groups.map((group) => group.members[ctx.user?.id ?? -1]?.accessLevel ?? 0) : [];
  const groupAccess = groupLevels.length > 0 && Math.max(...groupLevels) > 0 ? Math.max(...groupLevels) : null;
  return ok(ctx.present.project(project, { projectAccess: direct, groupAccess }));
}

function createProject(ctx: RequestContext): Reply {
  const params = declare(ctx.params, {
    name: { type: 'string' },
    path: { type: 'string' },
    namespace_id: { type: 'integer' },
    description: { type: 'string' },
    visibility: { type: 'string', values: VISIBILITIES },
    default_branch: { type: 'string' },
  });
  atLeastOneOf(ctx.params, ['name', 'path']);
  const user = requireUser(ctx);
  const name = params.name ?? params.path ?? '';
  const path = params.path ?? parameterize(name);

  let group: GroupRecord | undefined;
  if (params.namespace_id !== undefined && params.namespace_id !== null && params.namespace_id !== user.namespaceId) {
    group = ctx.store.groups.get(params.namespace_id);
    // Projects::CreateService reports a namespace the user cannot create projects in as invalid.
    if (!group || groupAccessLevel(ctx.store, user, group) < AccessLevel.developer) throw validationError({ namespace: ['is not valid'] });
  }

  const errors: Record<string, string[]> = {};
  if (name.trim() === '') errors['name'] = ["can't be blank"];
  if (!PATH_FORMAT.test(path)) errors['path'] = [PATH_MESSAGE];
  const namespaceId = group?.id ?? user.namespaceId;
  const siblings = [...ctx.store.projects.values()].filter((project) => project.namespaceId === namespaceId);
  if (siblings.some((project) => project.name.toLowerCase() === name.toLowerCase())) errors['name'] = ['has already been taken'];
  if (siblings.some((project) => project.path.toLowerCase() === path.toLowerCase())) errors['path'] = ['has already been taken'];
  if (Object.keys(errors).length > 0) throw validationError(errors);

  const project = ctx.store.addProject({
    name,
    path,
    groupId: group?.id ?? null,
    ownerId: group ? null : user.id,
    namespaceId,
    description: params.description ?? null,
    visibility: (params.visibility as Visibility | null | undefined) ?? 'private',
  });
  if (params.default_branch) {
    const main = project.branches['main'];
    project.defaultBranch = params.default_branch;
    project.branches = main ? { [params.default_branch]: main } : {};
  }
  if (group && projectAccessLevel(ctx.store, user, project) < AccessLevel.maintainer) {
    project.members[user.id] = { accessLevel: AccessLevel.maintainer, createdAt: project.createdAt, createdById: user.id };
  }
  return created(ctx.present.project(project));
}

/** ActiveSupport's String#parameterize, close enough for project names. */
function parameterize(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// ---- edits and deletion -----------------------------------------------------------------------

/** GitLab's answer to DELETE /projects/:id and /groups/:id (`accepted!`). */
const accepted = (): Reply => ({ status: 202, json: { message: '202 Accepted' } });

function updateProject(ctx: RequestContext): Reply {
  const params = declare(ctx.params, {
    name: { type: 'string' },
    path: { type: 'string' },
    description: { type: 'string' },
    visibility: { type: 'string', values: VISIBILITIES },
    default_branch: { type: 'string' },
  });
  const project = findProject(ctx);
  const user = requireUser(ctx);
  const level = projectAccessLevel(ctx.store, user, project);
  // `authorize_admin_project`; renaming the path and changing visibility are the owner's (ProjectPolicy).
  if (level < AccessLevel.maintainer) throw forbidden();
  const ownerOnly = (params.path && params.path !== project.path) || (params.visibility && params.visibility !== project.visibility);
  if (ownerOnly && level < AccessLevel.owner) throw forbidden();

  const errors: Record<string, string[]> = {};
  const name = params.name ?? project.name;
  const path = params.path ?? project.path;
  if (name.trim() === '') errors['name'] = ["can't be blank"];
  if (!PATH_FORMAT.test(path)) errors['path'] = [PATH_MESSAGE];
  const siblings = [...ctx.store.projects.values()].filter((other) => other.namespaceId === project.namespaceId && other.id !== project.id);
  if (siblings.some((other) => other.name.toLowerCase() === name.toLowerCase())) errors['name'] = ['has already been taken'];
  if (siblings.some((other) => other.path.toLowerCase() === path.toLowerCase())) errors['path'] = ['has already been taken'];
  if (params.default_branch && !project.branches[params.default_branch]) errors['default_branch'] = ['is invalid'];
  if (Object.keys(errors).length > 0) throw validationError(errors);

  project.name = name;
  project.path = path;
  if (params.description !== undefined) project.description = params.description;
  if (params.visibility) project.visibility = params.visibility as Visibility;
  if (params.default_branch) project.defaultBranch = params.default_branch;
  project.lastActivityAt = ctx.store.timestamp();
  ctx.store.pathsChanged();
  return ok(ctx.present.project(project));
}

/** `remove_project`: owners and administrators. Deleted at once, as on the Free tier. */
function deleteProject(ctx: RequestContext): Reply {
  const project = findProject(ctx);
  if (projectAccessLevel(ctx.store, requireUser(ctx), project) < AccessLevel.owner) throw forbidden();
  ctx.store.removeProject(project);
  return accepted();
}

function updateGroup(ctx: RequestContext): Reply {
  const params = declare(ctx.params, {
    name: { type: 'string' },
    path: { type: 'string' },
    description: { type: 'string' },
    visibility: { type: 'string', values: VISIBILITIES },
  });
  const group = findGroup(ctx);
  // `authorize! :admin_group`: owners.
  if (groupAccessLevel(ctx.store, requireUser(ctx), group) < AccessLevel.owner) throw forbidden();
  const errors: Record<string, string[]> = {};
  const name = params.name ?? group.name;
  const path = params.path ?? group.path;
  if (name.trim() === '') errors['name'] = ["can't be blank"];
  if (!PATH_FORMAT.test(path)) errors['path'] = [PATH_MESSAGE];
  const taken = [...ctx.store.groups.values()].some(
    (other) => other.id !== group.id && other.parentId === group.parentId && other.path.toLowerCase() === path.toLowerCase(),
  );
  if (taken) errors['path'] = ['has already been taken'];
  if (Object.keys(errors).length > 0) throw validationError(errors);
  group.name = name;
  group.path = path;
  if (params.description !== undefined) group.description = params.description ?? '';
  if (params.visibility) group.visibility = params.visibility as Visibility;
  ctx.store.pathsChanged();
  return ok(groupDetail(ctx, group));
}

/** `admin_group`: owners and administrators; subgroups and projects go with it, at once as on Free. */
function deleteGroup(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  if (groupAccessLevel(ctx.store, requireUser(ctx), group) < AccessLevel.owner) throw forbidden();
  ctx.store.removeGroup(group);
  return accepted();
}

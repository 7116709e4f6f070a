import { canAdminGroupLabelsOrMilestones, canAdminProjectLabelsOrMilestones } from '../access.js';
import { created, ok, type Handler, type Reply, type RequestContext } from '../context.js';
import { conflict, forbidden, notFound, validationError } from '../errors.js';
import { availableGroupLabels, availableProjectLabels, labelTitleErrors, normalizeColor } from '../labels.js';
import { paginate } from '../pagination.js';
import { declare } from '../params.js';
import type { GroupRecord, LabelRecord } from '../records.js';
import type { Router } from '../router.js';
import { findGroup, findProject } from './lookup.js';

// lib/api/labels.rb, lib/api/group_labels.rb and lib/api/helpers/label_helpers.rb.

export function registerLabelRoutes(router: Router<Handler>): void {
  router.add('GET', '/projects/:id/labels', listProjectLabels);
  router.add('POST', '/projects/:id/labels', createProjectLabel);
  router.add('GET', '/projects/:id/labels/:label_id', getProjectLabel);
  router.add('DELETE', '/projects/:id/labels/:label_id', deleteProjectLabel);
  router.add('GET', '/groups/:id/labels', listGroupLabels);
  router.add('POST', '/groups/:id/labels', createGroupLabel);
  router.add('GET', '/groups/:id/labels/:label_id', getGroupLabel);
  router.add('DELETE', '/groups/:id/labels/:label_id', deleteGroupLabel);
}

const listSpec = {
  with_counts: { type: 'boolean', default: false },
  include_ancestor_groups: { type: 'boolean', default: true },
  search: { type: 'string' },
} as const;

/** LabelsFinder orders by title. */
function byTitle(a: LabelRecord, b: LabelRecord): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id;
}

function filterBySearch(labels: LabelRecord[], search: string | null | undefined): LabelRecord[] {
  if (!search) return labels;
  const term = search.toLowerCase();
  return labels.filter((label) => label.name.toLowerCase().includes(term) || (label.description ?? '').toLowerCase().includes(term));
}

function listProjectLabels(ctx: RequestContext): Reply {
  const params = declare(ctx.params, listSpec);
  const project = findProject(ctx);
  let labels = params.include_ancestor_groups
    ? availableProjectLabels(ctx.store, project)
    : [...ctx.store.labels.values()].filter((l) => l.projectId === project.id);
  labels = filterBySearch(labels, params.search).sort(byTitle);
  return paginate(ctx, labels, (label) => ctx.present.label(label, { projectId: project.id, withCounts: params.with_counts }));
}

function getProjectLabel(ctx: RequestContext): Reply {
  const project = findProject(ctx);
  const label = findLabel(availableProjectLabels(ctx.store, project), ctx.pathParams['label_id'] ?? '');
  return ok(ctx.present.label(label, { projectId: project.id }));
}

function listGroupLabels(ctx: RequestContext): Reply {
  const params = declare(ctx.params, {
    ...listSpec,
    include_descendant_groups: { type: 'boolean', default: false },
    only_group_labels: { type: 'boolean', default: true },
  });
  const group = findGroup(ctx);
  let labels = availableGroupLabels(ctx.store, group, params.include_ancestor_groups);
  if (params.include_descendant_groups) {
    const below = new Set(ctx.store.groupAndDescendants(group).map((g) => g.id));
    const extra = [...ctx.store.labels.values()].filter(
      (label) => label.groupId !== null && below.has(label.groupId) && !labels.includes(label),
    );
    labels = [...labels, ...extra];
    if (!params.only_group_labels) {
      const projectIds = new Set(ctx.store.projectsInGroups(below).map((project) => project.id));
      labels = [
        ...labels,
        ...[...ctx.store.labels.values()].filter((label) => label.projectId !== null && projectIds.has(label.projectId)),
      ];
    }
  }
  labels = filterBySearch(labels, params.search).sort(byTitle);
  return paginate(ctx, labels, (label) => ctx.present.label(label, { withCounts: params.with_counts }));
}

function getGroupLabel(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  const label = findLabel(availableGroupLabels(ctx.store, group, true), ctx.pathParams['label_id'] ?? '');
  return ok(ctx.present.label(label));
}

/** `delete_label`: the parent's own labels only (`include_ancestor_groups: false`), by id or title; 204. */
function deleteProjectLabel(ctx: RequestContext): Reply {
  const project = findProject(ctx);
  const own = [...ctx.store.labels.values()].filter((label) => label.projectId === project.id);
  const label = findLabel(own, ctx.pathParams['label_id'] ?? '');
  if (!canAdminProjectLabelsOrMilestones(ctx.store, ctx.user, project)) throw forbidden();
  ctx.store.removeLabel(label.id);
  return { status: 204 };
}

function deleteGroupLabel(ctx: RequestContext): Reply {
  const group = findGroup(ctx);
  const label = findLabel(availableGroupLabels(ctx.store, group, false), ctx.pathParams['label_id'] ?? '');
  if (!canAdminGroupLabelsOrMilestones(ctx.store, ctx.user, group)) throw forbidden();
  ctx.store.removeLabel(label.id);
  return { status: 204 };
}

/** `find_label`: by id, else by title. */
function findLabel(labels: LabelRecord[], idOrTitle: string): LabelRecord {
  const label = /^\d+$/.test(idOrTitle)
    ? (labels.find((candidate) => candidate.id === Number(idOrTitle)) ?? labels.find((candidate) => candidate.name === idOrTitle))
    : labels.find((candidate) => candidate.name === idOrTitle);
  if (!label) throw notFound('Label');
  return label;
}

const createSpec = {
  name: { type: 'string', required: true },
  color: { type: 'string', required: true },
  description: { type: 'string' },
  priority: { type: 'integer' },
} as const;

function createProjectLabel(ctx: RequestContext): Reply {
  const params = declare(ctx.params, createSpec);
  const project = findProject(ctx);
  if (!canAdminProjectLabelsOrMilestones(ctx.store, ctx.user, project)) throw forbidden();
  if (availableProjectLabels(ctx.store, project).some((label) => label.name === params.name.trim())) throw conflict('Label already exists');
  const color = validateLabel(params.name, params.color);
  if (params.priority !== undefined && params.priority !== null && params.priority < 0)
    throw validationError({ priority: ['must be greater than or equal to 0'] });
  const label = ctx.store.addLabel({
    name: params.name.trim(),
    color,
    description: params.description ?? null,
    projectId: project.id,
    groupId: null,
    priority: params.priority ?? null,
  });
  return created(ctx.present.label(label, { projectId: project.id }));
}

function createGroupLabel(ctx: RequestContext): Reply {
  const params = declare(ctx.params, { name: createSpec.name, color: createSpec.color, description: createSpec.description });
  const group = findGroup(ctx);
  if (!canAdminGroupLabelsOrMilestones(ctx.store, ctx.user, group)) throw forbidden();
  if (groupLabelExists(ctx, group, params.name.trim())) throw conflict('Label already exists');
  const color = validateLabel(params.name, params.color);
  const label = ctx.store.addLabel({
    name: params.name.trim(),
    color,
    description: params.description ?? null,
    projectId: null,
    groupId: group.id,
    priority: null,
  });
  return created(ctx.present.label(label));
}

function groupLabelExists(ctx: RequestContext, group: GroupRecord, name: string): boolean {
  return availableGroupLabels(ctx.store, group, true).some((label) => label.name === name);
}

function validateLabel(name: string, colorText: string): string {
  const errors: Record<string, string[]> = {};
  const titleErrors = labelTitleErrors(name);
  if (titleErrors.length > 0) errors['title'] = titleErrors;
  const color = normalizeColor(colorText);
  if (!color) errors['color'] = ['must be a valid color code'];
  if (Object.keys(errors).length > 0 || !color) throw validationError(errors);
  return color;
}

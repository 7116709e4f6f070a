import { canReadProject } from './access.js';
import type { Tier } from './entities.js';
import { findOrCreateLabels, resolveLabels } from './labels.js';
import { projectMilestones } from './milestones.js';
import { recordResourceEvents } from './resource-events.js';
import type { IssueRecord, LabelRecord, ProjectRecord, UserRecord } from './records.js';
import type { Store } from './store.js';

// What Issues::CreateService / UpdateService do with the metadata of an issue, including the
// system notes GitLab writes for each change (they show up in the notes API).

/** `filter_milestone`: an id outside the project's and its groups' milestones unsets the milestone. */
export function resolveMilestoneId(store: Store, project: ProjectRecord, milestoneId: number | null): number | null {
  if (milestoneId === null || milestoneId === 0) return null;
  return projectMilestones(store, project, true).some((m) => m.id === milestoneId) ? milestoneId : null;
}

export function resolveMilestoneTitle(store: Store, project: ProjectRecord, title: string): number | null {
  return projectMilestones(store, project, true).find((m) => m.title === title)?.id ?? null;
}

/** Assignees must exist and be able to see the project; Free keeps only the first one. */
export function resolveAssignees(store: Store, project: ProjectRecord, ids: readonly number[], tier: Tier): number[] {
  const valid: number[] = [];
  for (const id of ids) {
    const user = store.users.get(id);
    if (user && !valid.includes(id) && canReadProject(store, user, project)) valid.push(id);
  }
  return tier === 'free' ? valid.slice(0, 1) : valid;
}

export interface LabelChange {
  /** Replaces the label set when given (`labels`). */
  replace?: readonly string[];
  add?: readonly string[];
  remove?: readonly string[];
}

export function applyLabelChange(
  store: Store,
  project: ProjectRecord,
  current: readonly string[],
  change: LabelChange,
  tier: Tier,
): string[] {
  const base = change.replace ? [] : current;
  const added = findOrCreateLabels(store, project, [...(change.replace ?? []), ...(change.add ?? [])]);
  // Labels kept by a replacement are "added" too, so scoped exclusivity applies among them.
  return resolveLabels(base, added, change.remove ?? [], tier);
}

/** Everything GitLab records for a change to an issue: its system notes and its resource events. */
export function recordIssueHistory(
  store: Store,
  project: ProjectRecord,
  before: IssueRecord | undefined,
  after: IssueRecord,
  actor: UserRecord,
  at: string,
): void {
  recordSystemNotes(store, project, before, after, actor, at);
  recordResourceEvents(store, project, 'Issue', before, after, actor.id, at);
}

/** Writes the system notes for the differences between `before` and `after`. */
function recordSystemNotes(
  store: Store,
  project: ProjectRecord,
  before: IssueRecord | undefined,
  after: IssueRecord,
  actor: UserRecord,
  at: string,
): void {
  const notes: string[] = [];
  const previous = before ?? { ...after, labels: [], milestoneId: null, assigneeIds: [], state: 'opened' as const, title: after.title };
  if (before && before.title !== after.title) notes.push(`changed title from **${before.title}** to **${after.title}**`);
  if (before && before.description !== after.description) notes.push('changed the description');

  const added = after.labels.filter((label) => !previous.labels.includes(label));
  const removed = previous.labels.filter((label) => !after.labels.includes(label));
  const labelNote = describeLabels(store, project, added, removed);
  if (labelNote) notes.push(labelNote);

  if (previous.milestoneId !== after.milestoneId) {
    const milestone = after.milestoneId === null ? undefined : store.milestones.get(after.milestoneId);
    const old = previous.milestoneId === null ? undefined : store.milestones.get(previous.milestoneId);
    notes.push(milestone ? `changed milestone to %"${milestone.title}"` : `removed milestone %"${old?.title ?? ''}"`);
  }

  const assigned = after.assigneeIds.filter((id) => !previous.assigneeIds.includes(id));
  const unassigned = previous.assigneeIds.filter((id) => !after.assigneeIds.includes(id));
  const mention = (ids: number[]) => ids.map((id) => `@${store.users.get(id)?.username ?? id}`).join(', ');
  if (assigned.length > 0 && unassigned.length > 0) notes.push(`assigned to ${mention(assigned)} and unassigned ${mention(unassigned)}`);
  else if (assigned.length > 0) notes.push(`assigned to ${mention(assigned)}`);
  else if (unassigned.length > 0) notes.push(`unassigned ${mention(unassigned)}`);

  if (before && before.dueDate !== after.dueDate) notes.push(after.dueDate ? `changed due date to ${after.dueDate}` : 'removed due date');
  if (previous.state !== after.state) notes.push(after.state === 'closed' ? 'closed' : 'reopened');

  for (const body of notes)
    store.addNote({ issueId: after.id, body, authorId: actor.id, createdAt: at, updatedAt: at, system: true, internal: false });
}

/** SystemNotes::LabelsService references labels by id: "added ~12 ~13 labels and removed ~9 label". */
function describeLabels(store: Store, project: ProjectRecord, added: string[], removed: string[]): string | undefined {
  const refs = (titles: string[]) => titles.map((title) => `~${findLabel(store, project, title)?.id ?? title}`).join(' ');
  const part = (verb: string, titles: string[]) => `${verb} ${refs(titles)} ${titles.length === 1 ? 'label' : 'labels'}`;
  if (added.length > 0 && removed.length > 0) return `${part('added', added)} and ${part('removed', removed)}`;
  if (added.length > 0) return part('added', added);
  if (removed.length > 0) return part('removed', removed);
  return undefined;
}

function findLabel(store: Store, project: ProjectRecord, title: string): LabelRecord | undefined {
  const groupIds = new Set(store.projectGroups(project).map((group) => group.id));
  for (const label of store.labels.values()) {
    if (label.name === title && (label.projectId === project.id || (label.groupId !== null && groupIds.has(label.groupId)))) return label;
  }
  return undefined;
}

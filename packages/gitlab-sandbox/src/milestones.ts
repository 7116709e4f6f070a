import type { GroupRecord, MilestoneRecord, ProjectRecord } from './records.js';
import type { Store } from './store.js';

// Milestone rules shared by the milestone, issue and merge request routes (app/models/milestone.rb).

/** `YYYY-MM-DD` of a date on the sandbox clock (GitLab's Date.today in UTC). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Rails assigns "2024-1-5" and "2024-01-05" alike to a date column; anything else becomes nil. */
export function parseDay(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text.trim());
  if (!match) return null;
  const [, year = '', month = '', day = ''] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1) return null;
  return isoDay(date);
}

export function projectMilestones(store: Store, project: ProjectRecord, includeAncestors: boolean): MilestoneRecord[] {
  const groupIds = new Set(includeAncestors ? store.projectGroups(project).map((group) => group.id) : []);
  return [...store.milestones.values()].filter((m) => m.projectId === project.id || (m.groupId !== null && groupIds.has(m.groupId)));
}

export function groupMilestones(
  store: Store,
  group: GroupRecord,
  options: { ancestors: boolean; descendants: boolean },
): MilestoneRecord[] {
  const groupIds = new Set([group.id]);
  if (options.ancestors) for (const ancestor of store.groupAncestors(group)) groupIds.add(ancestor.id);
  const projectIds = new Set<number>();
  if (options.descendants) {
    const below = store.groupAndDescendants(group);
    for (const g of below) groupIds.add(g.id);
    for (const project of store.projectsInGroups(new Set(below.map((g) => g.id)))) projectIds.add(project.id);
  }
  return [...store.milestones.values()].filter(
    (m) => (m.groupId !== null && groupIds.has(m.groupId)) || (m.projectId !== null && projectIds.has(m.projectId)),
  );
}

/** Milestones whose titles must not clash with a new one in `project` or `group`. */
export function titleScope(store: Store, owner: { project?: ProjectRecord; group?: GroupRecord }): MilestoneRecord[] {
  if (owner.project) {
    const groups = store.projectGroups(owner.project);
    const root = groups[groups.length - 1];
    const hierarchy = root ? store.groupAndDescendants(root) : [];
    const groupIds = new Set(hierarchy.map((g) => g.id));
    return [...store.milestones.values()].filter(
      (m) => m.projectId === owner.project?.id || (m.groupId !== null && groupIds.has(m.groupId)),
    );
  }
  if (owner.group) {
    const ancestors = store.groupAncestors(owner.group);
    const root = ancestors[ancestors.length - 1] ?? owner.group;
    const hierarchy = store.groupAndDescendants(root);
    const groupIds = new Set(hierarchy.map((g) => g.id));
    const projectIds = new Set(store.projectsInGroups(groupIds).map((p) => p.id));
    return [...store.milestones.values()].filter(
      (m) => (m.groupId !== null && groupIds.has(m.groupId)) || (m.projectId !== null && projectIds.has(m.projectId)),
    );
  }
  return [];
}

/**
 * `Milestone.upcoming_ids`: for each project and group, its active milestone with the nearest
 * due date after today.
 */
export function upcomingMilestoneIds(milestones: Iterable<MilestoneRecord>, today: string): Set<number> {
  const nearest = new Map<string, MilestoneRecord>();
  for (const milestone of milestones) {
    if (milestone.state !== 'active' || milestone.dueDate === null || milestone.dueDate <= today) continue;
    const owner = milestone.projectId !== null ? `p${milestone.projectId}` : `g${milestone.groupId}`;
    const best = nearest.get(owner);
    if (!best || (best.dueDate ?? '') > milestone.dueDate) nearest.set(owner, milestone);
  }
  return new Set([...nearest.values()].map((milestone) => milestone.id));
}

/** `Milestone.started`: active milestones whose start date is today or earlier. */
export function startedMilestoneIds(milestones: Iterable<MilestoneRecord>, today: string): Set<number> {
  const ids = new Set<number>();
  for (const milestone of milestones)
    if (milestone.state === 'active' && milestone.startDate !== null && milestone.startDate <= today) ids.add(milestone.id);
  return ids;
}

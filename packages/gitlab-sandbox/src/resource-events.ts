import { availableProjectLabels } from './labels.js';
import type { EventableType, IssueRecord, MergeRequestRecord, ProjectRecord, ResourceStateEventRecord } from './records.js';
import type { Store } from './store.js';

// The history GitLab keeps for issues and merge requests: resource label, milestone and state
// events (app/services/resource_events/*). Every change the sandbox makes to an issue or merge
// request goes through `recordResourceEvents`, whoever makes it (REST, GraphQL, the seed).

/** What the events compare: an issue or merge request before and after a change. */
export interface EventableState {
  readonly state: IssueRecord['state'] | MergeRequestRecord['state'];
  readonly labels: readonly string[];
  readonly milestoneId: number | null;
}

export interface Eventable extends EventableState {
  readonly id: number;
  readonly projectId: number;
}

/** A copy of what the events compare, taken before a change. */
export function eventableSnapshot(resource: EventableState): EventableState {
  return { state: resource.state, labels: [...resource.labels], milestoneId: resource.milestoneId };
}

/**
 * Records the events for the difference between `before` (undefined for a new resource) and
 * `after`, as Issuable::CommonSystemNotesService does: one label event per label added or removed
 * (ChangeLabelsService, added first), one milestone event when the milestone changed
 * (ChangeMilestoneService: `add` with the new one, `remove` with the old one), and a state event
 * when the state changed (ChangeStateService: never for the initial "opened").
 */
export function recordResourceEvents(
  store: Store,
  project: ProjectRecord,
  type: EventableType,
  before: EventableState | undefined,
  after: Eventable,
  userId: number,
  at: string,
): void {
  const common = { resourceType: type, resourceId: after.id, userId, createdAt: at };
  const previousLabels = before?.labels ?? [];
  const added = after.labels.filter((label) => !previousLabels.includes(label));
  const removed = previousLabels.filter((label) => !after.labels.includes(label));
  if (added.length > 0 || removed.length > 0) {
    const labels = availableProjectLabels(store, project);
    const labelId = (title: string) => labels.find((label) => label.name === title)?.id ?? null;
    for (const title of added) store.addLabelEvent({ ...common, labelId: labelId(title), action: 'add' });
    for (const title of removed) store.addLabelEvent({ ...common, labelId: labelId(title), action: 'remove' });
  }

  const previousMilestone = before?.milestoneId ?? null;
  if (previousMilestone !== after.milestoneId) {
    store.addMilestoneEvent({
      ...common,
      milestoneId: after.milestoneId ?? previousMilestone,
      action: after.milestoneId === null ? 'remove' : 'add',
      state: after.state,
    });
  }

  const previousState = before?.state ?? 'opened';
  if (previousState !== after.state) {
    const state: ResourceStateEventRecord['state'] = after.state === 'opened' ? 'reopened' : after.state;
    store.addStateEvent({ ...common, state, sourceCommit: null, sourceMergeRequestId: null });
  }
}

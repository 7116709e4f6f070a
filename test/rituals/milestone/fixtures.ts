import type { RolloverItem, RolloverMilestone, RolloverRequest, RolloverState } from '../../../src/rituals/milestone/model.js';

let nextId = 100;
export function milestone(
  title: string,
  startDate: string | null,
  dueDate: string | null,
  extra: Partial<RolloverMilestone> = {},
): RolloverMilestone {
  nextId += 1;
  return {
    id: nextId,
    title,
    state: 'active',
    startDate,
    dueDate,
    webUrl: `https://gitlab.test/groups/g/-/milestones/${nextId}`,
    owner: { kind: 'group', id: 7 },
    ...extra,
  };
}

export const m165 = milestone('16.5', '2026-10-10', '2026-11-09');
export const m166 = milestone('16.6', '2026-11-10', '2026-12-09');
export const m167 = milestone('16.7', '2026-12-10', '2027-01-09');
export const m164closed = milestone('16.4', '2026-09-10', '2026-10-09', { state: 'closed' });
export const scopeName = 'group g';

export const issue = (iid: number, labels: string[] = [], project = 'g/app'): RolloverItem => ({
  kind: 'issue',
  projectId: project === 'g/app' ? 1 : 2,
  iid,
  reference: `${project}#${iid}`,
  title: `Issue ${iid}`,
  webUrl: `https://gitlab.test/${project}/-/issues/${iid}`,
  labels,
  milestoneTitle: null,
  assignees: [],
  history: null,
});
export const mr = (iid: number, labels: string[] = []): RolloverItem => ({
  kind: 'merge-request',
  projectId: 1,
  iid,
  reference: `g/app!${iid}`,
  title: `MR ${iid}`,
  webUrl: `https://gitlab.test/g/app/-/merge_requests/${iid}`,
  labels,
  milestoneTitle: null,
  assignees: [],
  history: null,
});

/** What GitLab holds when `open` is still in `from` and `alreadyMoved` in 16.6, labelled by an earlier run. */
export const state = (open: RolloverItem[], alreadyMoved: RolloverItem[] = [], from = m165): RolloverState => ({
  scope: { kind: 'group', id: 7, path: 'g' },
  milestones: [from, m166],
  open: open.map((item) => ({ ...item, milestoneTitle: from.title })),
  labelled: alreadyMoved.map((item) => ({ ...item, milestoneTitle: m166.title })),
});
/** Roll over by date (`state` makes `from` and 16.6 the obvious choice). */
export const request = (overrides: Partial<RolloverRequest> = {}): RolloverRequest => ({
  scopeName,
  missedLabelPattern: 'missed:{milestone}',
  addMissedLabel: true,
  close: false,
  assignee: null,
  includeMergeRequests: false,
  circuitBreakers: { enabled: false, sectionLeaders: [], evaluation: 'issue' },
  api: 'auto',
  apiSetting: '--api',
  slips: 'history',
  slipsSetting: 'milestone.slips',
  toNone: false,
  labels: [],
  health: false,
  ...overrides,
});

import type { GitLabReader, IssueQuery, MergeRequestQuery, Scope, TeamIssue, TeamMergeRequest, TeamMilestone } from '../../gitlab/port.js';
import type { IsoDate } from '../../rituals/shared/calendar.js';
import { rolloverCandidates } from '../../rituals/milestone/choose-milestones.js';
import { missedLabel } from '../../rituals/milestone/missed-label.js';
import type { RolloverItem, RolloverMilestone, RolloverRequest, RolloverState } from '../../rituals/milestone/model.js';
import { findScope } from '../shared/scope.js';

/**
 * Everything the planner may need, read before any write: the scope, the person, the milestones,
 * and the items of each milestone the rollover can go from (one request per 100).
 */
export async function readRolloverState(
  reader: GitLabReader,
  scope: Scope,
  request: RolloverRequest,
  today: IsoDate,
): Promise<RolloverState> {
  const [{ found, problem }, assignee] = await Promise.all([
    findScope(reader, scope),
    request.assignee === null ? undefined : reader.findUser(request.assignee).then((user) => user?.username ?? null),
  ]);
  if (!found) return { scope: { problem: problem! }, assignee, milestones: [], open: [], labelled: [] };
  // A project's issues can use its own milestones and those of every group above it.
  const milestones = (await reader.listMilestones(scope, { includeAncestors: true })).map(toRolloverMilestone);
  // Someone GitLab does not know has nothing to move.
  const titles = assignee === null ? [] : new Set(rolloverCandidates(milestones, request.from, today).map((m) => m.title));
  const read = await Promise.all([...titles].map((title) => readItems(reader, scope, title, request, assignee ?? undefined)));
  return {
    scope: { kind: scope.kind, id: found.id, path: String(scope.ref) },
    assignee,
    milestones,
    open: read.flatMap((items) => items.open),
    labelled: read.flatMap((items) => items.labelled),
  };
}

/** The open items of one milestone, and the items carrying its missed label (an earlier run's moves). */
async function readItems(
  reader: GitLabReader,
  scope: Scope,
  title: string,
  request: RolloverRequest,
  assignee: string | undefined,
): Promise<{ open: RolloverItem[]; labelled: RolloverItem[] }> {
  const none = Promise.resolve([] as RolloverItem[]);
  const issues = (query: IssueQuery) =>
    reader.listIssues(scope, { ...query, assigneeUsername: assignee }).then((list) => list.map((i) => toItem(i, 'issue')));
  const mergeRequests = (query: MergeRequestQuery) =>
    request.includeMergeRequests ? listMergeRequests(reader, scope, query, assignee) : none;
  const label = missedLabel(request, title);
  const labelled: (IssueQuery & MergeRequestQuery) | undefined = label === null ? undefined : { state: 'all', labels: [label] };
  const [openIssues, labelledIssues, openMrs, labelledMrs] = await Promise.all([
    issues({ state: 'opened', milestone: title }),
    labelled ? issues(labelled) : none,
    mergeRequests({ state: 'opened', milestone: title }),
    labelled ? mergeRequests(labelled) : none,
  ]);
  return { open: [...openIssues, ...openMrs], labelled: [...labelledIssues, ...labelledMrs] };
}

async function listMergeRequests(
  reader: GitLabReader,
  scope: Scope,
  query: MergeRequestQuery,
  assignee: string | undefined,
): Promise<RolloverItem[]> {
  const list = await reader.listMergeRequests(scope, query);
  // The merge request list has no assignee filter in teamops' reader; the page size is the same either way.
  return list
    .filter((mr) => assignee === undefined || mr.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase()))
    .map((mr) => toItem(mr, 'merge-request'));
}

function toRolloverMilestone(m: TeamMilestone): RolloverMilestone {
  return {
    id: m.id,
    title: m.title,
    state: m.state,
    startDate: m.startDate,
    dueDate: m.dueDate,
    webUrl: m.webUrl,
    owner: m.groupId !== null ? { kind: 'group', id: m.groupId } : { kind: 'project', id: m.projectId ?? 0 },
  };
}

function toItem(item: TeamIssue | TeamMergeRequest, kind: RolloverItem['kind']): RolloverItem {
  const { projectId, iid, reference, title, webUrl, labels } = item;
  return { kind, projectId, iid, reference, title, webUrl, labels, milestoneTitle: item.milestone?.title ?? null };
}

import type { GitLabReader, Scope, TeamIssue, TeamMergeRequest, TeamMilestone } from '../../gitlab/port.js';
import type { CheckedItem, CheckedMilestone, LabelRules, LabelsCheckState } from '../../rituals/labels/model.js';
import { findViolations, labelsToAdd } from '../../rituals/labels/plan-check.js';
import { needsHistory } from '../../rituals/labels/unplanned.js';
import { readMilestoneHistory } from '../common/milestone-history.js';
import { findScope, scopeName } from '../common/scope.js';

export interface LabelsCheckQuery {
  milestone?: string;
  includeMergeRequests: boolean;
  includeClosed: boolean;
  timezone: string;
}

/**
 * Everything the check needs, read before any write: the items (100 per request), their milestones'
 * dates, the milestone history of those the Unplanned rule asks about, and whether each label a fix
 * would add exists where the item is.
 */
export async function readLabelsState(
  reader: GitLabReader,
  scope: Scope,
  rules: LabelRules,
  query: LabelsCheckQuery,
): Promise<LabelsCheckState> {
  const { found, problem } = await findScope(reader, scope);
  if (!found) return { scope: { problem: problem! }, items: [], availableLabels: {} };
  const state = query.includeClosed ? 'all' : 'opened';
  const [milestones, issues, mergeRequests] = await Promise.all([
    reader.listMilestones(scope, { includeAncestors: true }),
    reader.listIssues(scope, { state, milestone: query.milestone }),
    query.includeMergeRequests ? reader.listMergeRequests(scope, { state, milestone: query.milestone }) : [],
  ]);
  const raw = [
    ...issues.map((i) => ({ kind: 'issue' as const, item: i })),
    ...mergeRequests.map((mr) => ({ kind: 'merge-request' as const, item: mr })),
  ];
  const milestoneOf = await milestoneDates(
    reader,
    milestones,
    raw.map(({ item }) => item),
  );
  const items = await Promise.all(
    raw.map(async ({ kind, item }) => {
      const checked = toCheckedItem(item, kind, milestoneOf(item));
      return needsHistory(checked, rules) ? { ...checked, history: await readMilestoneHistory(reader, checked, query.timezone) } : checked;
    }),
  );
  // GitLab creates any unknown label given to an issue: look up each label a fix would add, where the item is.
  const toAdd = labelsToAdd(findViolations(items, rules));
  const labels = await Promise.all(
    [...toAdd].map(async ([projectId, names]) => {
      const found = await Promise.all(names.map((name) => reader.findLabel({ kind: 'project', ref: projectId }, name)));
      return [projectId, found.flatMap((label) => (label ? [label.name] : []))] as const;
    }),
  );
  const unknownMilestone =
    query.milestone !== undefined && items.length === 0 && !milestones.some((m) => m.title === query.milestone)
      ? `--milestone: ${scopeName(scope)} has no milestone "${query.milestone}"${milestones.length > 0 ? ` (it has ${milestones.map((m) => `"${m.title}"`).join(', ')})` : ''}`
      : undefined;
  return {
    scope: { path: String(scope.ref) },
    ...(unknownMilestone ? { milestoneProblem: unknownMilestone } : {}),
    items,
    availableLabels: Object.fromEntries(labels),
  };
}

/**
 * Each item's milestone with its dates. A group's list holds its own and its ancestors' milestones; an
 * item of one of its projects may be in a project milestone, read from that project's list.
 */
async function milestoneDates(
  reader: GitLabReader,
  scopeMilestones: TeamMilestone[],
  items: Array<TeamIssue | TeamMergeRequest>,
): Promise<(item: TeamIssue | TeamMergeRequest) => CheckedMilestone | null> {
  const inScope = new Map(scopeMilestones.map((m) => [m.title, m]));
  const elsewhere = [...new Set(items.filter((i) => i.milestone && !inScope.has(i.milestone.title)).map((i) => i.projectId))];
  const perProject = new Map(
    await Promise.all(
      elsewhere.map(
        async (projectId) =>
          [
            projectId,
            new Map(
              (await reader.listMilestones({ kind: 'project', ref: projectId }, { includeAncestors: true })).map((m) => [m.title, m]),
            ),
          ] as const,
      ),
    ),
  );
  return (item) => {
    if (!item.milestone) return null;
    const milestone = perProject.get(item.projectId)?.get(item.milestone.title) ?? inScope.get(item.milestone.title);
    return { title: item.milestone.title, startDate: milestone?.startDate ?? null, dueDate: milestone?.dueDate ?? null };
  };
}

function toCheckedItem(item: TeamIssue | TeamMergeRequest, kind: CheckedItem['kind'], milestone: CheckedMilestone | null): CheckedItem {
  const { projectId, iid, reference, title, webUrl, labels } = item;
  return { kind, projectId, iid, reference, title, webUrl, labels, milestone };
}

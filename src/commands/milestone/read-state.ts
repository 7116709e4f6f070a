import type {
  BulkParent,
  GitLabReader,
  IssueQuery,
  MergeRequestQuery,
  Scope,
  TeamIssue,
  TeamMergeRequest,
  TeamMilestone,
} from '../../gitlab/port.js';
import type { IsoDate } from '../../rituals/common/calendar.js';
import { rolloverCandidates } from '../../rituals/milestone/choose-milestones.js';
import { missedLabel } from '../../rituals/milestone/missed-label.js';
import type { RolloverItem, RolloverMilestone, RolloverRequest, RolloverState } from '../../rituals/milestone/model.js';
import { counted } from '../../rituals/common/text.js';
import { ValidationError } from '../../errors.js';
import {
  assertUsableRetrospectiveTemplate,
  CIRCUIT_BREAKER_KEY_PREFIX,
  retrospectiveKey,
  type CircuitBreakerState,
} from '../../rituals/milestone/circuit-breakers.js';
import { shouldProbeBulkUpdate } from '../../rituals/milestone/bulk-moves.js';
import { readMilestoneHistory } from '../common/milestone-history.js';
import { findScope } from '../common/scope.js';
import { loadIssueTemplate } from '../common/templates.js';

const BUNDLED_RETROSPECTIVE = 'milestone-retrospective.md';

interface Calendar {
  today: IsoDate;
  timezone: string;
  retrospectiveTemplate?: string;
  cwd: string;
}

/**
 * Everything the planner may need, read before any write: the scope, the person, the milestones,
 * and the items of each milestone the rollover can go from (one request per 100).
 */
export async function readRolloverState(
  reader: GitLabReader,
  scope: Scope,
  request: RolloverRequest,
  calendar: Calendar,
): Promise<RolloverState> {
  const { today } = calendar;
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
  // --slips labels: no history read at all (one request per item saved); the planner counts the missed labels.
  const history = (items: RolloverItem[]) => (request.slips === 'history' ? withHistory(reader, items, calendar.timezone) : items);
  const open = await history(read.flatMap((items) => items.open));
  const labelled = await history(read.flatMap((items) => items.labelled));
  const [breakers, bulk] = await Promise.all([
    request.circuitBreakers.enabled ? readBreakers(reader, scope, [...open, ...labelled], request, calendar) : undefined,
    readBulkUpdate(reader, scope, { kind: scope.kind, id: found.id }, request, {
      titles: [...titles],
      openIssues: open.filter((item) => item.kind === 'issue').length,
    }),
  ]);
  return {
    ...(breakers ? { breakers } : {}),
    ...(bulk ? { bulk } : {}),
    scope: { kind: scope.kind, id: found.id, path: String(scope.ref) },
    assignee,
    milestones,
    open,
    labelled,
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

/**
 * Whether GraphQL's issuesBulkUpdate can move these issues (asked once, when it may pay off), and
 * which of the missed labels exist: the mutation takes labels by ID.
 */
async function readBulkUpdate(
  reader: GitLabReader,
  scope: Scope,
  parent: BulkParent,
  request: RolloverRequest,
  { titles, openIssues }: { titles: string[]; openIssues: number },
): Promise<RolloverState['bulk']> {
  if (!shouldProbeBulkUpdate(request, openIssues)) return undefined;
  const labels = [...new Set(titles.flatMap((title) => missedLabel(request, title) ?? []))];
  const [probe, found] = await Promise.all([
    reader.probeBulkUpdate(parent),
    Promise.all(labels.map((label) => reader.findLabel(scope, label))),
  ]);
  return { probe, existingLabels: found.flatMap((label) => (label ? [label.name] : [])) };
}

function toItem(item: TeamIssue | TeamMergeRequest, kind: RolloverItem['kind']): RolloverItem {
  const { projectId, iid, reference, title, webUrl, labels, assignees } = item;
  const issueFields = 'id' in item ? { id: item.id, ...('healthStatus' in item ? { healthStatus: item.healthStatus } : {}) } : {};
  return {
    ...issueFields,
    kind,
    projectId,
    iid,
    reference,
    title,
    webUrl,
    labels,
    assignees,
    milestoneTitle: item.milestone?.title ?? null,
    history: null,
  };
}

/** Each item's milestone history, on the team's calendar (null where GitLab keeps none). */
async function withHistory(reader: GitLabReader, items: RolloverItem[], timezone: string): Promise<RolloverItem[]> {
  return Promise.all(items.map(async (item) => ({ ...item, history: await readMilestoneHistory(reader, item, timezone) })));
}

/**
 * What the circuit breakers need, read before any write: the retrospectives and evaluations an earlier
 * run opened, the template, and the people (assignees, section leaders) as GitLab knows them.
 */
async function readBreakers(
  reader: GitLabReader,
  scope: Scope,
  items: RolloverItem[],
  request: RolloverRequest,
  calendar: Calendar,
): Promise<CircuitBreakerState> {
  const { sectionLeaders, evaluation } = request.circuitBreakers;
  const usernames = [...new Set([...items.flatMap((item) => item.assignees), ...sectionLeaders].map((name) => name.toLowerCase()))];
  const [existingIssues, template, users] = await Promise.all([
    reader.listIssuesByKeyPrefix(scope, CIRCUIT_BREAKER_KEY_PREFIX),
    loadIssueTemplate(reader, {
      name: calendar.retrospectiveTemplate,
      project: scope.kind === 'project' ? String(scope.ref) : undefined,
      bundledDefault: BUNDLED_RETROSPECTIVE,
      fallBackToDefault: true,
      cwd: calendar.cwd,
    }),
    Promise.all(usernames.map(async (name) => ({ name, user: await reader.findUser(name) }))),
  ]);
  const problems = [
    ...(typeof template === 'string' ? [`milestone.retrospective_template: ${template}`] : []),
    ...sectionLeaders
      .filter((leader) => !users.some(({ name, user }) => name === leader.toLowerCase() && user))
      .map((leader) => `milestone.section_leaders names ${leader}, who is not a GitLab user`),
  ];
  if (problems.length > 0 || typeof template === 'string') {
    throw new ValidationError(`cannot roll over: found ${counted(problems.length, 'problem')}`, problems, {
      hint: 'nothing was written to GitLab; fix these and run again',
    });
  }
  const breakerTemplate = { name: template.name, text: template.text };
  assertUsableRetrospectiveTemplate(breakerTemplate);
  const existing = Object.fromEntries(
    existingIssues.map((issue) => [
      issue.key,
      { projectId: issue.projectId, iid: issue.iid, reference: issue.reference, webUrl: issue.webUrl },
    ]),
  );
  // An evaluation comment lives on the retrospective: its key is among that issue's comments.
  const retros = evaluation === 'comment' ? items.flatMap((item) => existing[retrospectiveKey(item.reference)] ?? []) : [];
  const notes = await Promise.all(retros.map((retro) => reader.listNotes(retro.projectId, retro.iid)));
  return {
    existing,
    noteKeys: notes.flat().flatMap((note) => note.key ?? []),
    template: breakerTemplate,
    userIds: Object.fromEntries(users.flatMap(({ name, user }) => (user ? [[name, user.id]] : []))),
  };
}

import { ValidationError } from '../../errors.js';
import type { GitLabReader, Scope, TeamIssue, TeamMergeRequest } from '../../gitlab/port.js';
import { driSettings } from '../../rituals/dri/settings.js';
import { readClaims } from '../../rituals/queue/claims.js';
import { currentMilestones } from '../../rituals/queue/current-milestones.js';
import type { Claim, DriDuty, QueueIssue, QueueMergeRequest, QueueSettings, QueueState } from '../../rituals/queue/model.js';
import type { IsoDate } from '../../rituals/common/calendar.js';
import { compareDates } from '../../rituals/common/iso-date.js';
import { findDriIssues, requestScope } from '../dri/read-state.js';
import type { CommandContext } from '../common/context.js';
import { findScope } from '../common/scope.js';

export function queueSettings(context: CommandContext): QueueSettings {
  const { queue, timezone } = context.config;
  return {
    timezone,
    priorityLabel: queue.priority_label,
    deliverableLabel: queue.deliverable_label,
    inProgressLabels: queue.in_progress_labels,
    reviewSloHours: queue.review_slo_hours,
    nearBreach: queue.near_breach,
    order: queue.order,
  };
}

/** The person (default: the token's user); someone GitLab does not know is an error. */
export async function resolveUser(reader: GitLabReader, username: string | undefined): Promise<string> {
  if (username === undefined) return (await reader.currentUser()).username;
  const user = await reader.findUser(username);
  if (!user) throw new ValidationError('cannot build the queue', [`--user names ${username}, who is not a GitLab user`]);
  return user.username;
}

/** The scope must exist; every problem is reported before anything else is read. */
export async function checkScope(reader: GitLabReader, scope: Scope, doing: string): Promise<void> {
  const { problem } = await findScope(reader, scope);
  if (problem) throw new ValidationError(doing, [problem]);
}

function toQueueMergeRequest(mr: TeamMergeRequest): QueueMergeRequest {
  const { reference, title, webUrl, author, reviewers, draft, labels, createdAt, blockingDiscussionsResolved, hasConflicts } = mr;
  return {
    reference,
    title,
    webUrl,
    author,
    reviewers,
    draft,
    labels,
    createdAt,
    blockingDiscussionsResolved,
    hasConflicts,
    detailedMergeStatus: mr.detailedMergeStatus,
  };
}

function toQueueIssue({ reference, title, webUrl, assignees, labels, createdAt }: TeamIssue): QueueIssue {
  return { reference, title, webUrl, assignees, labels, createdAt };
}

/** The Deliverable issues of the milestones running today. */
export async function readDeliverables(reader: GitLabReader, scope: Scope, settings: QueueSettings, today: IsoDate): Promise<TeamIssue[]> {
  const milestones = currentMilestones(await reader.listMilestones(scope, { includeAncestors: true }), today);
  const lists = await Promise.all(
    milestones.map((m) => reader.listIssues(scope, { state: 'opened', milestone: m.title, labels: [settings.deliverableLabel] })),
  );
  return [...new Map(lists.flat().map((issue) => [issue.id, issue])).values()];
}

/** Claims on the unassigned issues among `issues`, read from their comments. */
export async function readIssueClaims(
  reader: GitLabReader,
  issues: TeamIssue[],
  today: IsoDate,
  timezone: string,
): Promise<Record<string, Claim[]>> {
  const unassigned = issues.filter((issue) => issue.assignees.length === 0 && issue.state === 'opened');
  const read = await Promise.all(
    unassigned.map(async (issue) => {
      const notes = (await reader.listNotes(issue.projectId, issue.iid)).filter((n) => !n.system && n.key === null);
      const comments = notes.map((n) => ({ noteId: n.id, author: n.author, body: n.body, createdAt: n.createdAt }));
      return [issue.reference, readClaims(issue.reference, comments, today, timezone)] as const;
    }),
  );
  return Object.fromEntries(read);
}

/** When `user` is this rotation's DRI (dri: in teamops.yml), their issue and the open requests. */
async function readDriDuty(context: CommandContext, user: string): Promise<DriDuty | null> {
  const { settings } = driSettings(context.config.dri, context.config.team);
  if (!settings.project) return null;
  const reader = context.reader();
  const current = (await findDriIssues(reader, settings)).filter((issue) => compareDates(issue.weekStart, context.today) <= 0).pop();
  if (!current || current.state !== 'opened' || current.assignee?.toLowerCase() !== user.toLowerCase()) return null;
  const scope = await requestScope(reader, settings.project);
  const [labelled, linked] = await Promise.all([
    reader.listIssues(scope, { labels: [settings.activeRequestLabel], state: 'opened' }),
    reader.listIssueLinks(settings.project, current.iid),
  ]);
  const requests = [...new Map([...linked, ...labelled].filter((i) => i.state === 'opened').map((i) => [i.id, i])).values()];
  return {
    issue: { reference: current.reference, webUrl: current.webUrl, title: current.title },
    requests: requests.map(({ reference, title, webUrl }) => ({ reference, title, webUrl })),
  };
}

export async function readQueueState(context: CommandContext, scope: Scope, username: string | undefined): Promise<QueueState> {
  const reader = context.reader();
  const settings = queueSettings(context);
  const [user] = await Promise.all([resolveUser(reader, username), checkScope(reader, scope, 'cannot build the queue')]);
  const [authored, reviewing, deliverables, dri] = await Promise.all([
    reader.listMergeRequests(scope, { state: 'opened', authorUsername: user }),
    reader.listMergeRequests(scope, { state: 'opened', reviewerUsername: user }),
    readDeliverables(reader, scope, settings, context.today),
    readDriDuty(context, user),
  ]);
  const mergeRequests = [...new Map([...authored, ...reviewing].map((mr) => [mr.reference, mr])).values()];
  return {
    settings,
    user,
    mergeRequests: mergeRequests.map(toQueueMergeRequest),
    issues: deliverables.map(toQueueIssue),
    claims: await readIssueClaims(reader, deliverables, context.today, settings.timezone),
    dri,
  };
}

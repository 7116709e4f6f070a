/**
 * "What should I work on today?", answered by the Distribution handbook's prioritisation table
 * (queue.order, the handbook's table by default): every item the person could act on is given what
 * to do with it (unblock their merge request in review, review one, continue an issue, pick one up),
 * its priority and, for reviews, where it stands against the review SLO; then the first row of the
 * table that matches places it. Within a row, reviews closest to breaching come first, then the oldest.
 */
import type { QueueRowConfig } from '../../config/sections/queue.js';
import { daysBetween, toTeamDate, workingHoursBetween, type IsoDate } from '../common/calendar.js';
import { readPatternAll } from '../common/pattern.js';
import { compareText } from '../common/text.js';
import { claimedByOther } from './claims.js';
import type { QueueAction, QueueEntry, QueueIssue, QueueMergeRequest, QueueSettings, QueueState, SloState } from './model.js';

export interface QueueResult {
  user: string;
  date: IsoDate;
  /** The user is DRI this week: the duties come first, and the list below is for after them. */
  dri: QueueState['dri'];
  entries: QueueEntry[];
  /** Items the user could act on that no row of the table places (no priority label, say). */
  unplaced: number;
}

// GitLab's detailed_merge_status values that wait on the author, not on the reviewers.
const NEEDS_AUTHOR: Record<string, string> = {
  ci_must_pass: 'the pipeline must pass',
  conflict: 'merge conflicts',
  discussions_not_resolved: 'unresolved threads',
  need_rebase: 'needs a rebase',
  broken_status: 'the source branch cannot be merged',
};

interface Candidate {
  action: QueueAction;
  priority: number | null;
  slo: SloState | null;
  entry: Omit<QueueEntry, 'level' | 'do'>;
}

export function planQueue(state: QueueState, now: string): QueueResult {
  const { settings, user } = state;
  const today = toTeamDate(new Date(now), settings.timezone);
  const candidates = [...mergeRequestCandidates(state, now, today), ...issueCandidates(state, today)];
  const placed: Array<{ row: number; entry: QueueEntry }> = [];
  let unplaced = 0;
  for (const candidate of candidates) {
    const row = settings.order.findIndex((r) => rowMatches(r, candidate, settings.order));
    if (row < 0) {
      unplaced += 1;
      continue;
    }
    placed.push({ row, entry: { level: settings.order[row]!.level, do: candidate.action, ...candidate.entry } });
  }
  placed.sort(
    (a, b) =>
      a.row - b.row ||
      (b.entry.review?.workingHours ?? 0) - (a.entry.review?.workingHours ?? 0) ||
      compareText(a.entry.createdAt, b.entry.createdAt) ||
      compareText(a.entry.reference, b.entry.reference),
  );
  return { user, date: today, dri: state.dri, entries: placed.map((p) => p.entry), unplaced };
}

/** `other` is a priority no earlier-listed row for the same action names. */
function rowMatches(row: QueueRowConfig, candidate: Candidate, order: QueueRowConfig[]): boolean {
  if (row.do !== candidate.action) return false;
  if (row.slo !== 'any' && row.slo !== candidate.slo) return false;
  if (row.priority === 'any') return true;
  if (row.priority === 'other') {
    const named = order.filter((r) => r.do === row.do && typeof r.priority === 'number').map((r) => r.priority);
    return candidate.priority === null || !named.includes(candidate.priority);
  }
  return row.priority === candidate.priority;
}

function priorityOf(labels: string[], settings: QueueSettings): number | null {
  const found = readPatternAll(settings.priorityLabel, 'n', labels)
    .map(Number)
    .filter((n) => Number.isInteger(n));
  return found.length > 0 ? Math.min(...found) : null;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** In review: open (the reader lists only open ones), not draft, and with reviewers. */
function inReview(mr: QueueMergeRequest): boolean {
  return !mr.draft && mr.reviewers.length > 0;
}

function blockers(mr: QueueMergeRequest): string[] {
  const why = new Set<string>();
  if (!mr.blockingDiscussionsResolved) why.add('unresolved threads');
  if (mr.hasConflicts) why.add('merge conflicts');
  const status = mr.detailedMergeStatus ? NEEDS_AUTHOR[mr.detailedMergeStatus] : undefined;
  if (status) why.add(status);
  return [...why];
}

export function reviewState(workingHours: number, settings: Pick<QueueSettings, 'reviewSloHours' | 'nearBreach'>): SloState {
  if (workingHours >= settings.reviewSloHours) return 'breaching';
  if (workingHours >= settings.reviewSloHours * settings.nearBreach) return 'near';
  return 'within';
}

function mergeRequestCandidates(state: QueueState, now: string, today: IsoDate): Candidate[] {
  const { settings, user } = state;
  const candidates: Candidate[] = [];
  for (const mr of state.mergeRequests.filter(inReview)) {
    const base = {
      kind: 'merge-request' as const,
      reference: mr.reference,
      title: mr.title,
      webUrl: mr.webUrl,
      priority: priorityOf(mr.labels, settings),
      createdAt: mr.createdAt,
      ageDays: daysBetween(toTeamDate(new Date(mr.createdAt), settings.timezone), today),
    };
    const blockedBy = blockers(mr);
    if (same(mr.author, user) && blockedBy.length > 0) {
      candidates.push({ action: 'unblock review', priority: base.priority, slo: null, entry: { ...base, blockedBy } });
    }
    if (mr.reviewers.some((r) => same(r, user)) && !same(mr.author, user)) {
      // When the review was asked for is not in the REST API's merge request; its creation is the basis.
      const workingHours = workingHoursBetween(mr.createdAt, now, settings.timezone);
      const slo = reviewState(workingHours, settings);
      const review = { state: slo, workingHours: Math.round(workingHours * 10) / 10, sloHours: settings.reviewSloHours };
      candidates.push({ action: 'review', priority: base.priority, slo, entry: { ...base, review } });
    }
  }
  return candidates;
}

function issueCandidates(state: QueueState, today: IsoDate): Candidate[] {
  const { settings, user } = state;
  const inProgress = new Set(settings.inProgressLabels.map((l) => l.toLowerCase()));
  const candidates: Candidate[] = [];
  for (const issue of state.issues) {
    const base = issueEntry(issue, settings, today);
    if (issue.assignees.some((a) => same(a, user))) {
      if (issue.labels.some((l) => inProgress.has(l.toLowerCase())))
        candidates.push({ action: 'continue', priority: base.priority, slo: null, entry: base });
      continue;
    }
    if (issue.assignees.length > 0 || claimedByOther(state.claims[issue.reference], user)) continue;
    const own = state.claims[issue.reference]?.find((c) => c.state === 'valid' && same(c.claimer, user));
    candidates.push({
      action: 'pick up',
      priority: base.priority,
      slo: null,
      entry: { ...base, ...(own?.startDate ? { claimedFor: own.startDate } : {}) },
    });
  }
  return candidates;
}

function issueEntry(issue: QueueIssue, settings: QueueSettings, today: IsoDate): Omit<QueueEntry, 'level' | 'do'> {
  return {
    kind: 'issue',
    reference: issue.reference,
    title: issue.title,
    webUrl: issue.webUrl,
    priority: priorityOf(issue.labels, settings),
    createdAt: issue.createdAt,
    ageDays: daysBetween(toTeamDate(new Date(issue.createdAt), settings.timezone), today),
  };
}

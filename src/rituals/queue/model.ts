// The facts `teamops queue` and `teamops claims` are planned from: the person, the merge requests
// and Deliverable issues around them, and the claims people left in comments.
import type { QueueRowConfig } from '../../config/sections/queue.js';
import type { IsoDate } from '../common/calendar.js';

export type QueueAction = QueueRowConfig['do'];
export type SloState = 'breaching' | 'near' | 'within';

export interface QueueSettings {
  timezone: string;
  /** `priority::{n}` */
  priorityLabel: string;
  deliverableLabel: string;
  inProgressLabels: string[];
  reviewSloHours: number;
  nearBreach: number;
  order: QueueRowConfig[];
}

export interface QueueMergeRequest {
  reference: string;
  title: string;
  webUrl: string;
  author: string;
  reviewers: string[];
  draft: boolean;
  labels: string[];
  createdAt: string;
  blockingDiscussionsResolved: boolean;
  hasConflicts: boolean;
  detailedMergeStatus: string | null;
}

export interface QueueIssue {
  reference: string;
  title: string;
  webUrl: string;
  assignees: string[];
  labels: string[];
  createdAt: string;
}

export interface ClaimComment {
  noteId: number;
  author: string;
  body: string;
  createdAt: string;
}

export type ClaimState = 'valid' | 'lapsed' | 'not-a-claim';

export interface Claim {
  issue: string;
  noteId: number;
  claimer: string;
  /** The start date the comment gives, in the team's calendar; null when it gives none. */
  startDate: IsoDate | null;
  state: ClaimState;
  createdAt: string;
}

export interface DriDuty {
  issue: { reference: string; webUrl: string; title: string };
  requests: Array<{ reference: string; title: string; webUrl: string }>;
}

export interface QueueState {
  settings: QueueSettings;
  user: string;
  /** Open merge requests the user wrote or reviews. */
  mergeRequests: QueueMergeRequest[];
  /** Open Deliverable issues of the current milestones. */
  issues: QueueIssue[];
  /** Claims on those issues, by issue reference. */
  claims: Record<string, Claim[]>;
  /** When the user is DRI this week: their duties instead. */
  dri: DriDuty | null;
}

export interface QueueEntry {
  level: number;
  do: QueueAction;
  kind: 'merge-request' | 'issue';
  reference: string;
  title: string;
  webUrl: string;
  priority: number | null;
  createdAt: string;
  /** Age in whole days, from creation. */
  ageDays: number;
  /** Reviews: working hours since the review was asked for, against the SLO. */
  review?: { state: SloState; workingHours: number; sloHours: number };
  /** Why it needs the author: unresolved threads, conflicts, a failing pipeline. */
  blockedBy?: string[];
  /** Pick-ups: the user's own valid claim. */
  claimedFor?: IsoDate;
}

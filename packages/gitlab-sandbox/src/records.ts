// The sandbox's stored state. Records are plain JSON so the whole state can be persisted with
// JSON.stringify and reloaded as is; the Store rebuilds its indexes from them.

/** GitLab access levels (Gitlab::Access). */
export const AccessLevel = {
  none: 0,
  guest: 10,
  reporter: 20,
  developer: 30,
  maintainer: 40,
  owner: 50,
} as const;
export type AccessLevelValue = (typeof AccessLevel)[keyof typeof AccessLevel];

export type Visibility = 'private' | 'internal' | 'public';

export interface MemberRecord {
  accessLevel: number;
  createdAt: string;
  createdById: number | null;
}

export interface UserStatusRecord {
  emoji: string | null;
  availability: 'not_set' | 'busy';
  message: string | null;
  clearStatusAt: string | null;
}

export interface UserRecord {
  id: number;
  username: string;
  name: string;
  email: string;
  isAdmin: boolean;
  createdAt: string;
  confirmedAt: string | null;
  token: string;
  namespaceId: number;
  bio: string;
  location: string;
  jobTitle: string;
  pronouns: string | null;
  organization: string;
  status: UserStatusRecord;
}

export interface GroupRecord {
  id: number;
  name: string;
  path: string;
  parentId: number | null;
  description: string;
  visibility: Visibility;
  createdAt: string;
  members: Record<string, MemberRecord>;
  nextMilestoneIid: number;
}

export interface RepoFileRecord {
  content: string;
  blobId: string;
  lastCommitId: string;
}

export interface BranchRecord {
  commitId: string;
  files: Record<string, RepoFileRecord>;
}

export interface ProjectRecord {
  id: number;
  name: string;
  path: string;
  namespaceId: number;
  /** Set when the project lives in a group; `null` for a personal project of `ownerId`. */
  groupId: number | null;
  ownerId: number | null;
  description: string | null;
  visibility: Visibility;
  createdAt: string;
  lastActivityAt: string;
  defaultBranch: string;
  members: Record<string, MemberRecord>;
  nextIssueIid: number;
  nextMergeRequestIid: number;
  nextMilestoneIid: number;
  branches: Record<string, BranchRecord>;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  projectId: number | null;
  groupId: number | null;
  priority: number | null;
  createdAt: string;
}

export interface MilestoneRecord {
  id: number;
  iid: number;
  projectId: number | null;
  groupId: number | null;
  title: string;
  description: string | null;
  state: 'active' | 'closed';
  createdAt: string;
  updatedAt: string;
  startDate: string | null;
  dueDate: string | null;
}

/** EE's issuable health status (HealthStatus concern). */
export type HealthStatusValue = 'on_track' | 'needs_attention' | 'at_risk';

export interface IssueRecord {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  description: string | null;
  state: 'opened' | 'closed';
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedById: number | null;
  /** Label titles, kept sorted as GitLab presents them. */
  labels: string[];
  milestoneId: number | null;
  assigneeIds: number[];
  authorId: number;
  dueDate: string | null;
  confidential: boolean;
  discussionLocked: boolean | null;
  /** Premium; set through GraphQL's updateIssue / issuesBulkUpdate. */
  healthStatus: HealthStatusValue | null;
  /** EE issue weight (Premium); absent in data saved before weights were kept. */
  weight?: number | null;
  /** Set on the original when the issue was moved to another project (`moved_to_id`). */
  movedToId?: number | null;
}

/**
 * What issue and merge request notes share for discussions (lib/api/discussions.rb). All optional,
 * so that data saved before discussions existed still loads: such notes are individual notes.
 */
export interface DiscussionFields {
  /** `null` for a note made through the notes API; `DiscussionNote` once it starts or joins a thread. */
  type?: 'DiscussionNote' | null;
  /** Notes of one thread share it; an individual note has its own. */
  discussionId?: string;
  /** Resolvable notes only (DiscussionNote on a merge request, not a system note). */
  resolvedAt?: string | null;
  resolvedById?: number | null;
}

export interface NoteRecord extends DiscussionFields {
  id: number;
  issueId: number;
  body: string;
  authorId: number;
  createdAt: string;
  updatedAt: string;
  system: boolean;
  internal: boolean;
}

/** One stored link; `is_blocked_by` is stored as `blocks` with the ends swapped, as GitLab does. */
export interface IssueLinkRecord {
  id: number;
  sourceIssueId: number;
  targetIssueId: number;
  linkType: 'relates_to' | 'blocks';
  createdAt: string;
  updatedAt: string;
}

export interface MergeRequestRecord {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  description: string | null;
  state: 'opened' | 'closed' | 'locked' | 'merged';
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  mergedById: number | null;
  closedAt: string | null;
  closedById: number | null;
  sourceBranch: string;
  targetBranch: string;
  authorId: number;
  assigneeIds: number[];
  reviewerIds: number[];
  labels: string[];
  milestoneId: number | null;
  sha: string;
  /** The sandbox has no repository content, so a seed says whether the branches conflict. */
  hasConflicts: boolean;
}

/** A comment on a merge request (lib/api/notes.rb serves issues' and merge requests' alike). */
export interface MergeRequestNoteRecord extends DiscussionFields {
  id: number;
  mergeRequestId: number;
  body: string;
  authorId: number;
  createdAt: string;
  updatedAt: string;
  system: boolean;
  internal: boolean;
}

/** What a resource event belongs to: `resource_type` and `resource_id` in GitLab's JSON. */
export type EventableType = 'Issue' | 'MergeRequest';

interface ResourceEventFields {
  id: number;
  resourceType: EventableType;
  resourceId: number;
  userId: number;
  createdAt: string;
}

/** ResourceMilestoneEvent: `add` names the new milestone, `remove` the one taken away. */
export interface ResourceMilestoneEventRecord extends ResourceEventFields {
  milestoneId: number | null;
  action: 'add' | 'remove';
  /** The issuable's state when the event happened. */
  state: 'opened' | 'closed' | 'merged' | 'locked';
}

/** ResourceLabelEvent: one per label added or removed. */
export interface ResourceLabelEventRecord extends ResourceEventFields {
  labelId: number | null;
  action: 'add' | 'remove';
}

/** ResourceStateEvent: closing, reopening, merging (never the initial "opened"). */
export interface ResourceStateEventRecord extends ResourceEventFields {
  state: 'opened' | 'closed' | 'reopened' | 'merged' | 'locked';
  sourceCommit: string | null;
  sourceMergeRequestId: number | null;
}

/** What an emoji reaction is on: `awardable_type` and `awardable_id` in GitLab's JSON. */
export type AwardableType = 'Issue' | 'MergeRequest' | 'Note';

/** AwardEmoji: one user's reaction with one emoji on an issue, a merge request or a note. */
export interface AwardEmojiRecord {
  id: number;
  name: string;
  userId: number;
  awardableType: AwardableType;
  awardableId: number;
  createdAt: string;
  updatedAt: string;
}

export interface Counters {
  user: number;
  namespace: number;
  project: number;
  label: number;
  milestone: number;
  issue: number;
  note: number;
  link: number;
  mergeRequest: number;
  milestoneEvent: number;
  labelEvent: number;
  stateEvent: number;
  /** Absent in data saved before emoji reactions existed. */
  awardEmoji?: number;
}

export interface StoreData {
  schemaVersion: 1;
  counters: Counters;
  users: UserRecord[];
  groups: GroupRecord[];
  projects: ProjectRecord[];
  labels: LabelRecord[];
  milestones: MilestoneRecord[];
  issues: IssueRecord[];
  notes: NoteRecord[];
  links: IssueLinkRecord[];
  mergeRequests: MergeRequestRecord[];
  /** Optional so that data files written before resource events existed still load. */
  milestoneEvents?: ResourceMilestoneEventRecord[];
  labelEvents?: ResourceLabelEventRecord[];
  stateEvents?: ResourceStateEventRecord[];
  mergeRequestNotes?: MergeRequestNoteRecord[];
  awardEmoji?: AwardEmojiRecord[];
}

/**
 * The narrow view of GitLab that teamops' commands use, in teamops' own vocabulary.
 * The gitbeaker adapter implements it; nothing above src/gitlab sees GitLab's raw schemas.
 * Reads and writes are separate interfaces so that a dry run, which only ever gets a reader,
 * cannot write by accident.
 */

/** A project or group: numeric id or full path (`group/sub/project`). */
export type ProjectRef = string | number;
export type GroupRef = string | number;

export type Scope = { kind: 'project'; ref: ProjectRef } | { kind: 'group'; ref: GroupRef };

export interface TeamUser {
  id: number;
  username: string;
  name: string;
  webUrl: string;
  isAdmin?: boolean;
}

/** A member of a group or project, with the access level GitLab gives them there (10 guest … 50 owner). */
export interface TeamMember extends TeamUser {
  accessLevel: number;
}

export interface UserStatus {
  availability: 'busy' | 'not_set';
  message: string | null;
  clearStatusAt: string | null;
}

export interface TeamProject {
  id: number;
  pathWithNamespace: string;
  webUrl: string;
  /** The caller's access level (10 guest … 50 owner), when GitLab reports it. */
  accessLevel?: number;
}

export interface TeamGroup {
  id: number;
  fullPath: string;
  webUrl: string;
}

export interface MilestoneRef {
  title: string;
}

export interface TeamIssue {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  /** As people read it: without the hidden idempotency key, which is `key`. */
  description: string;
  /** The idempotency key teamops gave the issue when it created it (`dri-rotation/group/project/2026-11-16`), or null. */
  key: string | null;
  state: 'opened' | 'closed';
  labels: string[];
  assignees: string[];
  author: string;
  milestone: MilestoneRef | null;
  webUrl: string;
  /** `group/project#12` */
  reference: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /**
   * Present only where GitLab's licence has health status (Premium and up): GitLab leaves the field
   * out of the issue on Free, so its absence is how teamops knows the tier, per project, with no extra request.
   */
  healthStatus?: HealthStatus | null;
}

/** GitLab's issue health status (REST spelling). */
export type HealthStatus = 'on_track' | 'needs_attention' | 'at_risk';

/** A label as teamops uses it in GraphQL, which takes labels by ID. */
export interface TeamLabel {
  id: number;
  name: string;
}

/** A project or group by its numeric id: the parent of a GraphQL bulk update. */
export interface BulkParent {
  kind: 'project' | 'group';
  id: number;
}

/** Whether `issuesBulkUpdate` can be used for a parent, and if not, GitLab's reason. */
export type BulkUpdateProbe = { usable: true } | { usable: false; reason: string };

/** One issue of a bulk update: its global id for GraphQL, its project and iid for the check and REST. */
export interface BulkIssue {
  id: number;
  project: ProjectRef;
  iid: number;
}

export interface BulkIssueChange {
  /** null: no milestone. */
  milestoneId: number | null;
  addLabels?: string[];
}

export interface TeamMilestone {
  id: number;
  title: string;
  description: string;
  state: 'active' | 'closed';
  startDate: string | null;
  dueDate: string | null;
  webUrl: string;
  projectId: number | null;
  groupId: number | null;
}

export interface TeamNote {
  id: number;
  /** Without the hidden idempotency key, which is `key`. */
  body: string;
  key: string | null;
  author: string;
  createdAt: string;
  system: boolean;
}

/** A resource milestone event: an item entering (`add`) or leaving (`remove`) a milestone. */
export interface TeamMilestoneEvent {
  action: 'add' | 'remove';
  milestoneTitle: string | null;
  milestoneDueDate: string | null;
  /** The item's state when it happened. */
  state: string;
  createdAt: string;
}

export interface TeamMergeRequest {
  iid: number;
  projectId: number;
  title: string;
  state: 'opened' | 'closed' | 'merged' | 'locked';
  labels: string[];
  author: string;
  assignees: string[];
  milestone: MilestoneRef | null;
  webUrl: string;
  reference: string;
  mergedAt: string | null;
  createdAt: string;
  draft: boolean;
  reviewers: string[];
  /** False while a review thread that blocks merging is unresolved. */
  blockingDiscussionsResolved: boolean;
  hasConflicts: boolean;
  /** GitLab's `detailed_merge_status`: `mergeable`, `ci_must_pass`, `discussions_not_resolved`, `conflict`… */
  detailedMergeStatus: string | null;
}

/** An issue found by its idempotency key. */
export type KeyedIssue = TeamIssue & { key: string };

export interface IssueQuery {
  state?: 'opened' | 'closed' | 'all';
  /** The issue must have all of these. */
  labels?: string[];
  /** Milestone title, or GitLab's `None` / `Any`. */
  milestone?: string;
  assigneeUsername?: string;
  /** Only issues nobody is assigned to (GitLab's `assignee_id=None`). */
  unassigned?: boolean;
  /** Words of the title. GitLab matches them by full-text search on most instances, by substring on some. */
  titleSearch?: string;
  createdAfter?: string;
  createdBefore?: string;
  updatedAfter?: string;
}

export interface MergeRequestQuery {
  state?: 'opened' | 'closed' | 'merged' | 'locked' | 'all';
  milestone?: string;
  labels?: string[];
  updatedAfter?: string;
  authorUsername?: string;
  reviewerUsername?: string;
}

export interface MilestoneQuery {
  /** A project's list also holds the milestones of every group above it. */
  includeAncestors?: boolean;
}

export interface NewIssue {
  title: string;
  description: string;
  labels?: string[];
  assigneeIds?: number[];
}

interface IssueFieldChange {
  /** Added to the issue's labels; labels people added stay. */
  addLabels?: string[];
  /** Taken off the issue's labels; the others stay. */
  removeLabels?: string[];
  milestoneId?: number;
  stateEvent?: 'close';
}

/**
 * A new description replaces the whole stored text, hidden key included, so it comes with the key
 * the issue was read with (`TeamIssue.key`, null for an issue without one) and the writer puts it back.
 */
export type IssueChange = IssueFieldChange & ({ description?: undefined; key?: undefined } | { description: string; key: string | null });

export interface MergeRequestChange {
  addLabels?: string[];
  removeLabels?: string[];
  milestoneId?: number;
}

export interface GitLabReader {
  currentUser(): Promise<TeamUser>;
  /** Exact (case-insensitive) username match, or null. */
  findUser(username: string): Promise<TeamUser | null>;
  userStatus(username: string): Promise<UserStatus>;
  /** The job title on the user's profile ('' when none). */
  userJobTitle(userId: number): Promise<string>;
  getProject(ref: ProjectRef): Promise<TeamProject | null>;
  getGroup(ref: GroupRef): Promise<TeamGroup | null>;
  /** One issue by its project and iid (`GET /projects/:id/issues/:issue_iid`), or null when there is none. */
  getIssue(project: ProjectRef, iid: number): Promise<TeamIssue | null>;
  /** Every matching issue, 100 per request. */
  listIssues(scope: Scope, query?: IssueQuery): Promise<TeamIssue[]>;
  /**
   * The issue whose description carries this idempotency key, if any. Give the title it was created
   * with when known: GitLab's full-text search is sure to match a title's words, less so the hidden key.
   */
  findIssueByKey(project: ProjectRef, key: string, title?: string): Promise<KeyedIssue | null>;
  /**
   * Every issue whose idempotency key starts with `prefix` (`okr/2027-Q1/`), oldest first. GitLab's
   * full-text search may miss a key inside an HTML comment, so give what else the issues are sure
   * to have: their labels, or words of their title. Issues found that way count only if their key
   * has the prefix too.
   */
  listIssuesByKeyPrefix(scope: Scope, prefix: string, also?: { labels?: string[]; title?: string }): Promise<KeyedIssue[]>;
  /** The issues linked to this one, in either direction. */
  listIssueLinks(project: ProjectRef, iid: number): Promise<TeamIssue[]>;
  /**
   * The issue's comments, oldest first. `on`: the issue's assignees, when the caller has them (they
   * may write the issue's check-ins; see gitlab/keys.ts `keyOwners`).
   */
  listNotes(project: ProjectRef, iid: number, on?: { assignees: readonly string[] }): Promise<TeamNote[]>;
  /** GitLab's record of an item's milestone changes, oldest first; null where the instance does not keep it (404). */
  listMilestoneEvents(project: ProjectRef, kind: 'issue' | 'merge-request', iid: number): Promise<TeamMilestoneEvent[] | null>;
  listMilestones(scope: Scope, query?: MilestoneQuery): Promise<TeamMilestone[]>;
  listMergeRequests(scope: Scope, query?: MergeRequestQuery): Promise<TeamMergeRequest[]>;
  /** The project's issue template (`.gitlab/issue_templates/<name>.md`) content, or null when it has none of that name. */
  getIssueTemplate(project: ProjectRef, name: string): Promise<string | null>;
  /** Everyone who is a member of the project, directly or through its groups (GitLab only assigns issues to them). */
  listProjectMembers(project: ProjectRef): Promise<TeamUser[]>;
  /** Everyone who is a member of the group, directly or through a parent group, with their highest access level. */
  listGroupMembers(group: GroupRef): Promise<TeamMember[]>;
  /** The label of this exact name that the project or group can use (its own or an ancestor group's), or null. */
  findLabel(scope: Scope, name: string): Promise<TeamLabel | null>;
  /**
   * Asks GitLab once whether `issuesBulkUpdate` works for this parent: the mutation with no issue
   * IDs, which changes nothing. A disabled feature flag, an instance without the mutation or a group
   * parent on Free answer with an error that names why.
   */
  probeBulkUpdate(parent: BulkParent): Promise<BulkUpdateProbe>;
}

/**
 * A run lock held in GitLab itself: a label in the project or group a ritual writes to, which one
 * creator wins (GitLab answers 409 "Label already exists" to the others). Its description says who
 * holds it and until when, so a lock left by a killed run can be recognised as expired.
 */
export interface RunLock {
  scope: Scope;
  /** The label's name: `teamops-lock::dri-rotate`. */
  name: string;
  /** The label's id: a lock is released (or broken) by id, so a newer lock of the same name survives. */
  id: number;
  /** The run's user, its id, and when it took the lock and lets it lapse (ISO 8601); null when the label is not teamops'. */
  holder: { username: string; runId: string; acquiredAt: string; expiresAt: string } | null;
  /** Where people see (and can delete) the label. */
  webUrl: string;
}

export interface LockRequest {
  name: string;
  username: string;
  runId: string;
  acquiredAt: Date;
  expiresAt: Date;
}

export type LockAttempt = { acquired: true; lock: RunLock } | { acquired: false; current: RunLock | null };

export interface GitLabWriter {
  /** Takes the lock unless someone holds it; then tells who does (null: it went away meanwhile, try again). */
  acquireLock(scope: Scope, request: LockRequest): Promise<LockAttempt>;
  /** Deletes the lock's label, by id; a lock already gone counts as released. */
  releaseLock(lock: RunLock): Promise<void>;

  /**
   * Creates the issue with `key` hidden in its description. Safe to call again after any failure:
   * when the outcome of the create is unknown it looks for an issue carrying `key` before resending.
   */
  createIssue(project: ProjectRef, issue: NewIssue, key: string): Promise<{ issue: TeamIssue; created: boolean }>;
  updateIssue(project: ProjectRef, iid: number, change: IssueChange): Promise<TeamIssue>;
  /** Links two issues; an existing link counts as success. */
  linkIssues(project: ProjectRef, iid: number, target: { project: ProjectRef; iid: number }): Promise<'linked' | 'already-linked'>;
  /**
   * Adds a comment with `key` hidden in it. Safe to call again after any failure: when the outcome
   * of the create is unknown it looks for a comment carrying `key` before resending.
   */
  createNote(project: ProjectRef, iid: number, body: string, key: string): Promise<{ note: TeamNote; created: boolean }>;
  /**
   * Replaces a comment's text; the key goes back in with it (the note's `key` as read). GitLab lets
   * only the note's author (or an administrator) edit it.
   */
  updateNote(project: ProjectRef, iid: number, noteId: number, body: string, key: string | null): Promise<TeamNote>;
  closeMilestone(scope: Scope, milestoneId: number): Promise<TeamMilestone>;
  updateMilestone(scope: Scope, milestoneId: number, change: { description: string }): Promise<TeamMilestone>;
  updateMergeRequest(project: ProjectRef, iid: number, change: MergeRequestChange): Promise<TeamMergeRequest>;
  /** Creates a label; one that exists already (409) is looked up and returned instead. */
  createLabel(scope: Scope, label: { name: string; color: string }): Promise<TeamLabel>;
  /**
   * Changes up to 100 issues with one GraphQL `issuesBulkUpdate` (labels by ID, looked up here).
   * The mutation returns only a count, so the issues are read back: the result is each issue as
   * GitLab now has it, whatever became of the mutation (an error is in `error`), for the caller
   * to finish what did not change.
   */
  bulkUpdateIssues(parent: BulkParent, issues: BulkIssue[], change: BulkIssueChange): Promise<{ issues: TeamIssue[]; error?: string }>;
  /** Sets an issue's health status through GraphQL `updateIssue` (REST has no field for it). */
  setHealthStatus(projectPath: string, iid: number, status: HealthStatus): Promise<void>;
  /**
   * How many independent writes to keep in flight now: adapted to GitLab's latency, errors and
   * rate-limit headers (gitlab/concurrency.ts), never above the connection's ceiling (--concurrency).
   */
  inFlightLimit?(): number;
}

export interface GitLab {
  reader: GitLabReader;
  writer: GitLabWriter;
  /** What the connection did so far: requests sent, time spent waiting on rate limits. */
  stats(): ConnectionStats;
}

export interface ConnectionStats {
  requests: number;
  byMethod: Record<string, number>;
  rateLimitWaitMs: number;
}

/**
 * GitLab's snake_case JSON → the port's types. Descriptions and comment bodies lose their hidden
 * idempotency key here; it becomes `key`.
 *
 * Each mapper takes the fields teamops reads, typed as GitLab actually sends them. gitbeaker's
 * schema types (`IssueSchema`, `MilestoneSchema`, …) are assignable to these, so the reader and
 * writer pass gitbeaker's results straight in; the types here are only more honest where
 * gitbeaker's are optimistic: GitLab sends `null` for an empty description, a missing milestone or
 * due date, and an issue link or group milestone carries fields gitbeaker's schema leaves out.
 */
import { splitKey } from './keys.js';
import type {
  HealthStatus,
  MilestoneRef,
  TeamGroup,
  TeamIssue,
  TeamMember,
  TeamMergeRequest,
  TeamMilestoneEvent,
  TeamMilestone,
  TeamNote,
  TeamProject,
  TeamUser,
  UserStatus,
} from './port.js';

interface UserJson {
  id: number;
  username: string;
  name: string;
  web_url: string;
  /** Only on the current user, and only when GitLab tells. */
  is_admin?: boolean | null;
}

interface MilestoneRefJson {
  title: string;
}

type LabelJson = string | { name: string };

interface IssueJson {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  description?: string | null;
  state: string;
  labels?: LabelJson[] | null;
  assignees?: Array<Pick<UserJson, 'username'>> | null;
  author?: Pick<UserJson, 'username'> | null;
  milestone?: MilestoneRefJson | null;
  web_url: string;
  references?: { full?: string | null } | null;
  /** GitLab sends it on every issue; gitbeaker's IssueLinkSchema leaves it out. */
  created_at?: string;
  updated_at: string;
  closed_at?: string | null;
  /**
   * EE's issue entity exposes it only where the licence has health status (ee/lib/ee/api/entities/issue.rb:
   * `with_options if: ->(issue) { issue.licensed_feature_available?(:issuable_health_status) }`).
   */
  health_status?: string | null;
}

interface MilestoneJson {
  id: number;
  title: string;
  description?: string | null;
  state: string;
  start_date?: string | null;
  due_date?: string | null;
  web_url: string;
  /** Set on a project's milestone, absent on a group's. */
  project_id?: number | null;
  /** Set on a group's milestone; gitbeaker's MilestoneSchema lacks it. */
  group_id?: number | null;
}

interface MergeRequestJson {
  iid: number;
  project_id: number;
  title: string;
  state: string;
  labels?: LabelJson[] | null;
  author?: Pick<UserJson, 'username'> | null;
  assignees?: Array<Pick<UserJson, 'username'>> | null;
  milestone?: MilestoneRefJson | null;
  web_url: string;
  references?: { full?: string | null } | null;
  merged_at?: string | null;
  created_at?: string | null;
  draft?: boolean | null;
  work_in_progress?: boolean | null;
  reviewers?: Array<Pick<UserJson, 'username'>> | null;
  blocking_discussions_resolved?: boolean | null;
  has_conflicts?: boolean | null;
  detailed_merge_status?: string | null;
}

interface NoteJson {
  id: number;
  body: string;
  author?: Pick<UserJson, 'username'> | null;
  created_at: string;
  system?: boolean | null;
}

interface AccessJson {
  access_level?: number | null;
}

interface ProjectJson {
  id: number;
  path_with_namespace: string;
  web_url: string;
  /** Empty for an administrator who is not a member. */
  permissions?: { project_access?: AccessJson | null; group_access?: AccessJson | null } | null;
}

interface GroupJson {
  id: number;
  full_path: string;
  web_url: string;
}

interface UserStatusJson {
  availability?: string | null;
  message?: string | null;
  clear_status_at?: string | null;
}

const username = (user: Pick<UserJson, 'username'> | null | undefined): string => user?.username ?? '';
const labelNames = (labels: LabelJson[] | null | undefined): string[] =>
  (labels ?? []).map((label) => (typeof label === 'string' ? label : label.name));

export function toUser(raw: UserJson): TeamUser {
  return {
    id: raw.id,
    username: raw.username,
    name: raw.name,
    webUrl: raw.web_url,
    ...(typeof raw.is_admin === 'boolean' ? { isAdmin: raw.is_admin } : {}),
  };
}

export function toMember(raw: UserJson & { access_level: number }): TeamMember {
  return { ...toUser(raw), accessLevel: raw.access_level };
}

export function toUserStatus(raw: UserStatusJson): UserStatus {
  return {
    availability: raw.availability === 'busy' ? 'busy' : 'not_set',
    message: raw.message ?? null,
    clearStatusAt: raw.clear_status_at ?? null,
  };
}

function toMilestoneRef(raw: MilestoneRefJson | null | undefined): MilestoneRef | null {
  return raw ? { title: raw.title } : null;
}

export function toIssue(raw: IssueJson): TeamIssue {
  const { text, key } = splitKey(raw.description ?? '');
  return {
    id: raw.id,
    iid: raw.iid,
    projectId: raw.project_id,
    title: raw.title,
    description: text,
    key,
    state: raw.state === 'closed' ? 'closed' : 'opened',
    labels: labelNames(raw.labels),
    assignees: (raw.assignees ?? []).map(username),
    author: username(raw.author),
    milestone: toMilestoneRef(raw.milestone),
    webUrl: raw.web_url,
    reference: raw.references?.full || `#${raw.iid}`,
    createdAt: raw.created_at ?? '',
    updatedAt: raw.updated_at,
    closedAt: raw.closed_at ?? null,
    ...(raw.health_status === undefined ? {} : { healthStatus: toHealthStatus(raw.health_status) }),
  };
}

const HEALTH_STATUSES: readonly HealthStatus[] = ['on_track', 'needs_attention', 'at_risk'];
const toHealthStatus = (value: string | null): HealthStatus | null => HEALTH_STATUSES.find((status) => status === value) ?? null;

export function toMilestone(raw: MilestoneJson): TeamMilestone {
  return {
    id: raw.id,
    title: raw.title,
    description: raw.description ?? '',
    state: raw.state === 'closed' ? 'closed' : 'active',
    startDate: raw.start_date ?? null,
    dueDate: raw.due_date ?? null,
    webUrl: raw.web_url,
    projectId: raw.project_id ?? null,
    groupId: raw.group_id ?? null,
  };
}

export function toMergeRequest(raw: MergeRequestJson): TeamMergeRequest {
  const state = raw.state;
  return {
    iid: raw.iid,
    projectId: raw.project_id,
    title: raw.title,
    state: state === 'merged' || state === 'closed' || state === 'locked' ? state : 'opened',
    labels: labelNames(raw.labels),
    author: username(raw.author),
    assignees: (raw.assignees ?? []).map(username),
    milestone: toMilestoneRef(raw.milestone),
    webUrl: raw.web_url,
    reference: raw.references?.full || `!${raw.iid}`,
    mergedAt: raw.merged_at ?? null,
    createdAt: raw.created_at ?? '',
    draft: raw.draft ?? raw.work_in_progress ?? false,
    reviewers: (raw.reviewers ?? []).map(username),
    blockingDiscussionsResolved: raw.blocking_discussions_resolved ?? true,
    hasConflicts: raw.has_conflicts ?? false,
    detailedMergeStatus: raw.detailed_merge_status ?? null,
  };
}

export function toNote(raw: NoteJson): TeamNote {
  const { text, key } = splitKey(raw.body);
  return { id: raw.id, body: text, key, author: username(raw.author), createdAt: raw.created_at, system: raw.system === true };
}

export function toProject(raw: ProjectJson): TeamProject {
  const levels = [raw.permissions?.project_access, raw.permissions?.group_access]
    .map((access) => access?.access_level ?? 0)
    .filter((level) => level > 0);
  return {
    id: raw.id,
    pathWithNamespace: raw.path_with_namespace,
    webUrl: raw.web_url,
    ...(levels.length > 0 ? { accessLevel: Math.max(...levels) } : {}),
  };
}

export function toGroup(raw: GroupJson): TeamGroup {
  return { id: raw.id, fullPath: raw.full_path, webUrl: raw.web_url };
}

interface MilestoneEventJson {
  action: string;
  state?: string | null;
  created_at: string;
  milestone?: { title?: string | null; due_date?: string | null } | null;
}

export function toMilestoneEvent(raw: MilestoneEventJson): TeamMilestoneEvent {
  return {
    action: raw.action === 'remove' ? 'remove' : 'add',
    milestoneTitle: raw.milestone?.title ?? null,
    milestoneDueDate: raw.milestone?.due_date ?? null,
    state: raw.state ?? 'opened',
    createdAt: raw.created_at,
  };
}

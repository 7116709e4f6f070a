import { createHash } from 'node:crypto';
import type {
  AwardEmojiRecord,
  GroupRecord,
  IssueLinkRecord,
  IssueRecord,
  LabelRecord,
  MemberRecord,
  MergeRequestNoteRecord,
  MergeRequestRecord,
  MilestoneRecord,
  NoteRecord,
  ProjectRecord,
  ResourceLabelEventRecord,
  ResourceMilestoneEventRecord,
  ResourceStateEventRecord,
  UserRecord,
} from './records.js';
import { issueJsonCache } from './issue-json-cache.js';
import type { Store } from './store.js';

// GitLab's JSON shapes (lib/api/entities/*.rb), field for field and in GitLab's order.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type Tier = 'free' | 'premium';

export interface IssueOptions {
  /** `subscribed` is only exposed on single-issue responses (include_subscribed). */
  includeSubscribed?: boolean;
  /** Where `references.relative` is computed from: a project id or a group id. */
  referenceFrom?: { projectId?: number; groupId?: number };
  withLabelsDetails?: boolean;
}

export class Presenter {
  constructor(
    private readonly store: Store,
    readonly baseUrl: string,
    private readonly tier: Tier,
  ) {}

  get apiUrl(): string {
    return `${this.baseUrl}/api/v4`;
  }

  private day: string | undefined;

  /** The UTC date of the sandbox clock, read once per presenter (that is, per request). */
  today(): string {
    this.day ??= this.store.now().toISOString().slice(0, 10);
    return this.day;
  }

  // ---- users -----------------------------------------------------------------------------

  userBasic(user: UserRecord): JsonObject {
    return {
      id: user.id,
      username: user.username,
      name: user.name,
      state: 'active',
      locked: false,
      avatar_url: avatarUrl(user.email),
      web_url: `${this.baseUrl}/${user.username}`,
    };
  }

  userBasicOrNull(userId: number | null): JsonObject | null {
    if (userId === null) return null;
    const user = this.store.users.get(userId);
    return user ? this.userBasic(user) : null;
  }

  /** Entities::User: what anyone sees on `GET /users/:id`. */
  user(user: UserRecord): JsonObject {
    return {
      ...this.userBasic(user),
      created_at: user.createdAt,
      bio: user.bio,
      location: user.location,
      public_email: null,
      skype: '',
      linkedin: '',
      twitter: '',
      discord: '',
      website_url: '',
      organization: user.organization,
      job_title: user.jobTitle,
      pronouns: user.pronouns,
      bot: false,
      work_information: user.organization ? `${user.jobTitle} at ${user.organization}` : null,
      local_time: null,
      followers: 0,
      following: 0,
      is_followed: false,
    };
  }

  /** Entities::UserPublic: `GET /user` for a regular user. */
  userPublic(user: UserRecord): JsonObject {
    return {
      ...this.user(user),
      last_sign_in_at: user.createdAt,
      confirmed_at: user.confirmedAt,
      last_activity_on: user.createdAt.slice(0, 10),
      email: user.email,
      theme_id: 3,
      color_scheme_id: 1,
      projects_limit: 100000,
      current_sign_in_at: user.createdAt,
      identities: [],
      can_create_group: true,
      can_create_project: true,
      two_factor_enabled: false,
      external: false,
      private_profile: false,
      commit_email: user.email,
      preferred_language: 'en',
    };
  }

  /** Entities::UserWithAdmin: users as an administrator sees them. */
  userWithAdmin(user: UserRecord): JsonObject {
    return {
      ...this.userPublic(user),
      is_admin: user.isAdmin,
      note: null,
      namespace_id: user.namespaceId,
      created_by: null,
      email_reset_offered_at: null,
      using_license_seat: false,
      is_auditor: false,
      provisioned_by_group_id: null,
      enterprise_group_id: null,
      enterprise_group_associated_at: null,
    };
  }

  userStatus(user: UserRecord): JsonObject {
    const { status } = user;
    return {
      emoji: status.emoji,
      availability: status.availability,
      message: status.message,
      message_html: status.message ? `<p dir="auto">${escapeHtml(status.message)}</p>` : '',
      clear_status_at: status.clearStatusAt,
    };
  }

  member(user: UserRecord, member: MemberRecord): JsonObject {
    return {
      ...this.userBasic(user),
      access_level: member.accessLevel,
      created_at: member.createdAt,
      created_by: this.userBasicOrNull(member.createdById),
      expires_at: null,
      membership_state: 'active',
    };
  }

  // ---- groups and projects -----------------------------------------------------------------

  group(group: GroupRecord): JsonObject {
    const fullPath = this.store.groupFullPath(group);
    return {
      id: group.id,
      web_url: `${this.baseUrl}/groups/${fullPath}`,
      name: group.name,
      path: group.path,
      description: group.description,
      visibility: group.visibility,
      share_with_group_lock: false,
      require_two_factor_authentication: false,
      two_factor_grace_period: 48,
      project_creation_level: 'developer',
      auto_devops_enabled: null,
      subgroup_creation_level: 'maintainer',
      emails_disabled: false,
      emails_enabled: true,
      mentions_disabled: null,
      lfs_enabled: true,
      default_branch: null,
      default_branch_protection: 2,
      avatar_url: null,
      request_access_enabled: true,
      full_name: this.store.groupFullName(group),
      full_path: fullPath,
      created_at: group.createdAt,
      parent_id: group.parentId,
      organization_id: 1,
      shared_runners_setting: 'enabled',
      ldap_cn: null,
      ldap_access: null,
      marked_for_deletion_on: null,
      wiki_access_level: 'enabled',
    };
  }

  namespace(project: ProjectRecord): JsonObject {
    if (project.groupId !== null) {
      const group = this.store.groups.get(project.groupId);
      if (group) {
        const fullPath = this.store.groupFullPath(group);
        return {
          id: group.id,
          name: group.name,
          path: group.path,
          kind: 'group',
          full_path: fullPath,
          parent_id: group.parentId,
          avatar_url: null,
          web_url: `${this.baseUrl}/groups/${fullPath}`,
        };
      }
    }
    const owner = this.store.users.get(project.ownerId ?? -1);
    return {
      id: project.namespaceId,
      name: owner?.name ?? '',
      path: owner?.username ?? '',
      kind: 'user',
      full_path: owner?.username ?? '',
      parent_id: null,
      avatar_url: owner ? avatarUrl(owner.email) : null,
      web_url: `${this.baseUrl}/${owner?.username ?? ''}`,
    };
  }

  projectWebUrl(project: ProjectRecord): string {
    return `${this.baseUrl}/${this.store.projectFullPath(project)}`;
  }

  /** Entities::BasicProjectDetails (`simple=true`). */
  projectBasic(project: ProjectRecord): JsonObject {
    const fullPath = this.store.projectFullPath(project);
    const namespace = this.namespace(project);
    return {
      id: project.id,
      description: project.description,
      name: project.name,
      name_with_namespace: `${this.namespaceFullName(project)} / ${project.name}`,
      path: project.path,
      path_with_namespace: fullPath,
      created_at: project.createdAt,
      default_branch: project.defaultBranch,
      tag_list: [],
      topics: [],
      ssh_url_to_repo: `git@${new URL(this.baseUrl).hostname}:${fullPath}.git`,
      http_url_to_repo: `${this.baseUrl}/${fullPath}.git`,
      web_url: this.projectWebUrl(project),
      readme_url: null,
      forks_count: 0,
      avatar_url: null,
      star_count: 0,
      last_activity_at: project.lastActivityAt,
      namespace,
    };
  }

  private namespaceFullName(project: ProjectRecord): string {
    if (project.groupId !== null) {
      const group = this.store.groups.get(project.groupId);
      if (group) return this.store.groupFullName(group);
    }
    return this.store.users.get(project.ownerId ?? -1)?.name ?? '';
  }

  /** Entities::Project: the full project as `GET /projects/:id` and project lists return it. */
  project(project: ProjectRecord, permissions?: { projectAccess: number | null; groupAccess: number | null }): JsonObject {
    const apiProject = `${this.apiUrl}/projects/${project.id}`;
    const openIssues = this.store.projectIssues(project.id).reduce((count, issue) => count + (issue.state === 'opened' ? 1 : 0), 0);
    const owner = project.ownerId === null ? undefined : this.store.users.get(project.ownerId);
    const result: JsonObject = {
      ...this.projectBasic(project),
      container_registry_image_prefix: `registry.${new URL(this.baseUrl).hostname}/${this.store.projectFullPath(project)}`,
      _links: {
        self: apiProject,
        issues: `${apiProject}/issues`,
        merge_requests: `${apiProject}/merge_requests`,
        repo_branches: `${apiProject}/repository/branches`,
        labels: `${apiProject}/labels`,
        events: `${apiProject}/events`,
        members: `${apiProject}/members`,
        cluster_agents: `${apiProject}/cluster_agents`,
      },
      ...(owner ? { owner: this.userBasic(owner) } : {}),
      packages_enabled: true,
      empty_repo: false,
      archived: false,
      visibility: project.visibility,
      resolve_outdated_diff_discussions: false,
      issues_enabled: true,
      merge_requests_enabled: true,
      wiki_enabled: true,
      jobs_enabled: true,
      snippets_enabled: true,
      container_registry_enabled: true,
      issues_access_level: 'enabled',
      repository_access_level: 'enabled',
      merge_requests_access_level: 'enabled',
      wiki_access_level: 'enabled',
      builds_access_level: 'enabled',
      snippets_access_level: 'enabled',
      creator_id: project.ownerId ?? 1,
      import_status: 'none',
      open_issues_count: openIssues,
      description_html: project.description ? `<p dir="auto">${escapeHtml(project.description)}</p>` : '',
      updated_at: project.lastActivityAt,
      shared_runners_enabled: true,
      lfs_enabled: true,
      public_jobs: true,
      shared_with_groups: [],
      only_allow_merge_if_pipeline_succeeds: false,
      request_access_enabled: true,
      only_allow_merge_if_all_discussions_are_resolved: false,
      remove_source_branch_after_merge: true,
      printing_merge_request_link_enabled: true,
      merge_method: 'merge',
      squash_option: 'default_off',
      issue_branch_template: null,
      autoclose_referenced_issues: true,
    };
    if (permissions) {
      result['permissions'] = {
        project_access: permissions.projectAccess === null ? null : { access_level: permissions.projectAccess, notification_level: 3 },
        group_access: permissions.groupAccess === null ? null : { access_level: permissions.groupAccess, notification_level: 3 },
      };
    }
    return result;
  }

  // ---- labels and milestones ---------------------------------------------------------------

  label(label: LabelRecord, options: { projectId?: number; withCounts?: boolean } = {}): JsonObject {
    const result: JsonObject = {
      id: label.id,
      name: label.name,
      description: label.description,
      description_html: label.description ? `<p dir="auto">${escapeHtml(label.description)}</p>` : '',
      text_color: textColorFor(label.color),
      color: label.color,
    };
    if (options.withCounts) Object.assign(result, this.labelCounts(label, options.projectId));
    result['subscribed'] = false;
    if (options.projectId !== undefined) {
      result['priority'] = label.projectId === null ? null : label.priority;
      result['is_project_label'] = label.projectId !== null;
    }
    result['archived'] = false;
    return result;
  }

  private labelCounts(label: LabelRecord, projectId?: number): JsonObject {
    const projectIds =
      projectId !== undefined
        ? [projectId]
        : label.groupId !== null
          ? this.store.projectsInGroups(new Set(this.descendantGroupIds(label.groupId))).map((project) => project.id)
          : label.projectId !== null
            ? [label.projectId]
            : [];
    let open = 0;
    let closed = 0;
    let openMrs = 0;
    for (const id of projectIds) {
      for (const issue of this.store.projectIssues(id)) {
        if (!issue.labels.includes(label.name)) continue;
        if (issue.state === 'opened') open += 1;
        else closed += 1;
      }
      for (const mr of this.store.projectMergeRequests(id)) if (mr.state === 'opened' && mr.labels.includes(label.name)) openMrs += 1;
    }
    return { open_issues_count: open, closed_issues_count: closed, open_merge_requests_count: openMrs };
  }

  private descendantGroupIds(groupId: number): number[] {
    const group = this.store.groups.get(groupId);
    return group ? this.store.groupAndDescendants(group).map((g) => g.id) : [];
  }

  /** LabelBasic, used by `with_labels_details=true`. */
  labelBasic(name: string, projectId: number): JsonObject {
    return this.labelBasicOf(this.findLabelForProject(name, projectId), name);
  }

  labelBasicRecord(label: LabelRecord): JsonObject {
    return this.labelBasicOf(label, label.name);
  }

  private labelBasicOf(label: LabelRecord | undefined, name: string): JsonObject {
    const color = label?.color ?? '#6699cc';
    return {
      id: label?.id ?? 0,
      name,
      color,
      description: label?.description ?? null,
      description_html: label?.description ? `<p dir="auto">${escapeHtml(label.description)}</p>` : '',
      text_color: textColorFor(color),
    };
  }

  private findLabelForProject(name: string, projectId: number): LabelRecord | undefined {
    const project = this.store.projects.get(projectId);
    const groupIds = new Set(project ? this.store.projectGroups(project).map((group) => group.id) : []);
    for (const label of this.store.labels.values()) {
      if (label.name !== name) continue;
      if (label.projectId === projectId || (label.groupId !== null && groupIds.has(label.groupId))) return label;
    }
    return undefined;
  }

  milestone(milestone: MilestoneRecord): JsonObject {
    const owner: JsonObject = milestone.projectId !== null ? { project_id: milestone.projectId } : { group_id: milestone.groupId };
    return {
      id: milestone.id,
      iid: milestone.iid,
      ...owner,
      title: milestone.title,
      description: milestone.description,
      state: milestone.state,
      created_at: milestone.createdAt,
      updated_at: milestone.updatedAt,
      due_date: milestone.dueDate,
      start_date: milestone.startDate,
      expired: milestone.dueDate !== null && milestone.dueDate < this.today(),
      web_url: this.milestoneWebUrl(milestone),
    };
  }

  private milestoneWebUrl(milestone: MilestoneRecord): string {
    if (milestone.projectId !== null) {
      const project = this.store.projects.get(milestone.projectId);
      return `${project ? this.projectWebUrl(project) : this.baseUrl}/-/milestones/${milestone.iid}`;
    }
    const group = this.store.groups.get(milestone.groupId ?? -1);
    return `${this.baseUrl}/groups/${group ? this.store.groupFullPath(group) : ''}/-/milestones/${milestone.iid}`;
  }

  milestoneOrNull(milestoneId: number | null): JsonObject | null {
    if (milestoneId === null) return null;
    const milestone = this.store.milestones.get(milestoneId);
    return milestone ? this.milestone(milestone) : null;
  }

  // ---- issues ------------------------------------------------------------------------------

  /** Entities::IssueBasic: milestone issue lists. */
  issueBasic(issue: IssueRecord, options: IssueOptions = {}): JsonObject {
    return this.issueJson(issue, options, false);
  }

  /** Entities::Issue: lists, single GET, create and edit. */
  issue(issue: IssueRecord, options: IssueOptions = {}): JsonObject {
    return this.issueJson(issue, options, true);
  }

  /**
   * `JSON.stringify(this.issue(issue, options))` (or of `issueBasic` when `full` is false) as
   * UTF-8, served from a cache that every change to the issue or to what it shows invalidates.
   */
  issueJsonBuffer(issue: IssueRecord, options: IssueOptions = {}, full = true): Buffer {
    return this.issueJsonRenderer(options, full)(issue);
  }

  /** `issueJsonBuffer` for many issues presented alike (a list page). */
  issueJsonRenderer(options: IssueOptions = {}, full = true): (issue: IssueRecord) => Buffer {
    const from = options.referenceFrom;
    const variant = [
      full ? 'full' : 'basic',
      this.tier,
      this.baseUrl,
      options.includeSubscribed ? 'subscribed' : '',
      options.withLabelsDetails ? 'labels' : '',
      from?.projectId ?? '',
      from?.groupId ?? '',
    ].join('\n');
    const cache = issueJsonCache(this.store);
    const today = this.today();
    return (issue) => cache.json(issue, variant, today, () => JSON.stringify(this.issueJson(issue, options, full)));
  }

  /**
   * One object built in GitLab's key order by appending properties (no spreads or deletes):
   * lists render thousands of these, and V8 keeps such objects in its fast representation.
   */
  private issueJson(issue: IssueRecord, options: IssueOptions, full: boolean): JsonObject {
    const project = this.store.projects.get(issue.projectId);
    const assignees: JsonObject[] = [];
    for (const id of issue.assigneeIds) {
      const user = this.userBasicOrNull(id);
      if (user) assignees.push(user);
    }
    const tasks = taskCounts(issue.description);
    const result: JsonObject = {
      id: issue.id,
      iid: issue.iid,
      project_id: issue.projectId,
      title: issue.title,
      description: issue.description,
      state: issue.state,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      closed_by: this.userBasicOrNull(issue.closedById),
      labels: options.withLabelsDetails ? issue.labels.map((name) => this.labelBasic(name, issue.projectId)) : issue.labels.slice(),
      milestone: this.milestoneOrNull(issue.milestoneId),
      assignees,
      author: this.userBasicOrNull(issue.authorId),
      type: 'ISSUE',
      assignee: assignees[0] ?? null,
      user_notes_count: this.store.userNotesCount(issue.id),
      merge_requests_count: 0,
      upvotes: this.store.awardCount('Issue', issue.id, THUMBS_UP),
      downvotes: this.store.awardCount('Issue', issue.id, THUMBS_DOWN),
      due_date: issue.dueDate,
      confidential: issue.confidential,
      discussion_locked: issue.discussionLocked,
      issue_type: 'issue',
      web_url: `${project ? this.projectWebUrl(project) : this.baseUrl}/-/issues/${issue.iid}`,
      time_stats: { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null },
      task_completion_status: { count: tasks.count, completed_count: tasks.completed },
    };
    if (this.tier === 'premium') {
      // EE::API::Entities::IssueBasic exposes these with the issue_weights / epics licences.
      result['weight'] = issue.weight ?? null;
      result['blocking_issues_count'] = this.blockingIssuesCount(issue);
      result['epic_iid'] = null;
      result['epic'] = null;
      // GitLab licenses health status with Ultimate; the sandbox's paid tier stands for both.
      result['health_status'] = issue.healthStatus;
    }
    if (full) {
      // Entities::Issue exposes `has_tasks` as `!issue.tasks?`, so GitLab reports true (and a
      // "0 of 0" status) for issues without a task list. Reproduced as is.
      result['has_tasks'] = tasks.count === 0;
      if (tasks.count === 0) result['task_status'] = '0 of 0 checklist items completed';
      const issueUrl = `${this.apiUrl}/projects/${issue.projectId}/issues/${issue.iid}`;
      result['_links'] = {
        self: issueUrl,
        notes: `${issueUrl}/notes`,
        award_emoji: `${issueUrl}/award_emoji`,
        project: `${this.apiUrl}/projects/${issue.projectId}`,
        closed_as_duplicate_of: null,
      };
    }
    result['references'] = this.issueReferences(issue, options.referenceFrom);
    if (full) {
      result['severity'] = 'UNKNOWN';
      if (options.includeSubscribed) result['subscribed'] = true;
      result['moved_to_id'] = issue.movedToId ?? null;
      result['imported'] = false;
      result['imported_from'] = 'none';
      result['service_desk_reply_to'] = null;
    }
    return result;
  }

  private blockingIssuesCount(issue: IssueRecord): number {
    let count = 0;
    for (const link of this.store.issueLinks(issue.id)) if (link.linkType === 'blocks' && link.sourceIssueId === issue.id) count += 1;
    return count;
  }

  issueReferences(issue: IssueRecord, from?: { projectId?: number; groupId?: number }): JsonObject {
    const project = this.store.projects.get(issue.projectId);
    const full = `${project ? this.store.projectFullPath(project) : ''}#${issue.iid}`;
    let relative = `#${issue.iid}`;
    if (from?.projectId !== undefined && from.projectId !== issue.projectId && project)
      relative = this.relativeProjectReference(project, from.projectId, issue.iid);
    if (from?.groupId !== undefined && project) relative = this.referenceFromGroup(project, from.groupId, issue.iid);
    return { short: `#${issue.iid}`, relative, full };
  }

  /** Project#to_reference from another project: the path only when the namespaces differ. */
  private relativeProjectReference(project: ProjectRecord, fromProjectId: number, iid: number): string {
    const from = this.store.projects.get(fromProjectId);
    if (from && from.namespaceId === project.namespaceId) return `${project.path}#${iid}`;
    return `${this.store.projectFullPath(project)}#${iid}`;
  }

  private referenceFromGroup(project: ProjectRecord, groupId: number, iid: number): string {
    const group = this.store.groups.get(groupId);
    if (group && project.groupId === groupId) return `${project.path}#${iid}`;
    if (group) {
      const prefix = `${this.store.groupFullPath(group)}/`;
      const fullPath = this.store.projectFullPath(project);
      if (fullPath.startsWith(prefix)) return `${fullPath.slice(prefix.length)}#${iid}`;
    }
    return `${this.store.projectFullPath(project)}#${iid}`;
  }

  /** Entities::RelatedIssue: an issue as seen from `issue` in the links list. */
  relatedIssue(issue: IssueRecord, link: IssueLinkRecord, viewedFrom: IssueRecord): JsonObject {
    return {
      ...this.issue(issue, { referenceFrom: { projectId: viewedFrom.projectId } }),
      issue_link_id: link.id,
      link_type: linkTypeFrom(link, viewedFrom.id),
      link_created_at: link.createdAt,
      link_updated_at: link.updatedAt,
    };
  }

  /** Entities::IssueLink. */
  issueLink(link: IssueLinkRecord): JsonObject | null {
    const source = this.store.issues.get(link.sourceIssueId);
    const target = this.store.issues.get(link.targetIssueId);
    if (!source || !target) return null;
    return {
      source_issue: this.issue(source),
      target_issue: this.issue(target),
      link_type: link.linkType,
      link_created_at: link.createdAt,
      link_updated_at: link.updatedAt,
    };
  }

  note(note: NoteRecord, issue: IssueRecord): JsonObject {
    return {
      id: note.id,
      type: note.type ?? null,
      body: note.body,
      attachment: null,
      author: this.userBasicOrNull(note.authorId),
      created_at: note.createdAt,
      updated_at: note.updatedAt,
      system: note.system,
      noteable_id: issue.id,
      noteable_type: 'Issue',
      project_id: issue.projectId,
      resolvable: false,
      confidential: note.internal,
      internal: note.internal,
      imported: false,
      imported_from: 'none',
      noteable_iid: issue.iid,
      commands_changes: {},
    };
  }

  /**
   * Entities::Note for a merge request's comment. Threads on merge requests can be resolved
   * (ResolvableNote: a DiscussionNote that is not a system note), and only then does the entity
   * expose `resolved`, `resolved_by` and `resolved_at`.
   */
  mergeRequestNote(note: MergeRequestNoteRecord, mr: MergeRequestRecord): JsonObject {
    const result: JsonObject = {
      id: note.id,
      type: note.type ?? null,
      body: note.body,
      attachment: null,
      author: this.userBasicOrNull(note.authorId),
      created_at: note.createdAt,
      updated_at: note.updatedAt,
      system: note.system,
      noteable_id: mr.id,
      noteable_type: 'MergeRequest',
      project_id: mr.projectId,
      resolvable: isResolvable(note),
    };
    if (isResolvable(note)) {
      const resolvedAt = note.resolvedAt ?? null;
      result['resolved'] = resolvedAt !== null;
      result['resolved_by'] = resolvedAt === null ? null : this.userBasicOrNull(note.resolvedById ?? null);
      result['resolved_at'] = resolvedAt;
    }
    result['confidential'] = note.internal;
    result['internal'] = note.internal;
    result['imported'] = false;
    result['imported_from'] = 'none';
    result['noteable_iid'] = mr.iid;
    result['commands_changes'] = {};
    return result;
  }

  /**
   * Entities::Discussion: `individual_note` for a note made outside a thread (IndividualNoteDiscussion,
   * system notes included), the notes oldest first.
   */
  discussion<N extends NoteRecord | MergeRequestNoteRecord>(notes: readonly N[], presentNote: (note: N) => JsonObject): JsonObject {
    const first = notes[0];
    return {
      id: first?.discussionId ?? '',
      individual_note: first?.type !== 'DiscussionNote',
      notes: notes.map(presentNote),
    };
  }

  /** Entities::AwardEmoji. */
  awardEmoji(award: AwardEmojiRecord): JsonObject {
    return {
      id: award.id,
      name: award.name,
      user: this.userBasicOrNull(award.userId),
      created_at: award.createdAt,
      updated_at: award.updatedAt,
      awardable_id: award.awardableId,
      awardable_type: award.awardableType,
    };
  }

  // ---- merge requests ----------------------------------------------------------------------

  mergeRequest(mr: MergeRequestRecord): JsonObject {
    const project = this.store.projects.get(mr.projectId);
    const fullPath = project ? this.store.projectFullPath(project) : '';
    const assignees = mr.assigneeIds.map((id) => this.userBasicOrNull(id)).filter((user): user is JsonObject => user !== null);
    const merger = this.userBasicOrNull(mr.mergedById);
    const reviewers = mr.reviewerIds.map((id) => this.userBasicOrNull(id)).filter((user): user is JsonObject => user !== null);
    const draft = /^(draft:|\[draft\]|\(draft\))/i.test(mr.title);
    return {
      id: mr.id,
      iid: mr.iid,
      project_id: mr.projectId,
      title: mr.title,
      description: mr.description,
      state: mr.state,
      created_at: mr.createdAt,
      updated_at: mr.updatedAt,
      merged_by: merger,
      merge_user: merger,
      merged_at: mr.mergedAt,
      closed_by: this.userBasicOrNull(mr.closedById),
      closed_at: mr.closedAt,
      target_branch: mr.targetBranch,
      source_branch: mr.sourceBranch,
      user_notes_count: this.store.mergeRequestNotesOf(mr.id).filter((note) => !note.system).length,
      upvotes: this.store.awardCount('MergeRequest', mr.id, THUMBS_UP),
      downvotes: this.store.awardCount('MergeRequest', mr.id, THUMBS_DOWN),
      author: this.userBasicOrNull(mr.authorId),
      assignees,
      assignee: assignees[0] ?? null,
      reviewers,
      source_project_id: mr.projectId,
      target_project_id: mr.projectId,
      labels: [...mr.labels],
      draft,
      imported: false,
      imported_from: 'none',
      work_in_progress: draft,
      milestone: this.milestoneOrNull(mr.milestoneId),
      merge_when_pipeline_succeeds: false,
      merge_status: mr.state === 'opened' ? 'can_be_merged' : 'unchecked',
      detailed_merge_status: detailedMergeStatus(mr, draft),
      merge_after: null,
      sha: mr.sha,
      merge_commit_sha: mr.state === 'merged' ? objectIdFor(`merge:${mr.id}`) : null,
      squash_commit_sha: null,
      discussion_locked: null,
      should_remove_source_branch: null,
      force_remove_source_branch: true,
      prepared_at: mr.createdAt,
      reference: `!${mr.iid}`,
      references: { short: `!${mr.iid}`, relative: `!${mr.iid}`, full: `${fullPath}!${mr.iid}` },
      web_url: `${this.baseUrl}/${fullPath}/-/merge_requests/${mr.iid}`,
      time_stats: { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null },
      squash: false,
      squash_on_merge: false,
      task_completion_status: { count: 0, completed_count: 0 },
      has_conflicts: mr.hasConflicts,
      blocking_discussions_resolved: true,
      approvals_before_merge: null,
    };
  }
}

/** AwardEmoji::THUMBS_UP / THUMBS_DOWN: the reactions an issuable's `upvotes` and `downvotes` count. */
export const THUMBS_UP = 'thumbsup';
export const THUMBS_DOWN = 'thumbsdown';

/** ResolvableNote#resolvable?: a DiscussionNote or DiffNote on a merge request, never a system note. */
export function isResolvable(note: MergeRequestNoteRecord): boolean {
  return note.type === 'DiscussionNote' && !note.system;
}

// ---- resource events (lib/api/entities/resource_{milestone,label,state}_event.rb) -------------

export function presentMilestoneEvent(present: Presenter, event: ResourceMilestoneEventRecord): JsonObject {
  return {
    ...resourceEventHead(present, event),
    milestone: present.milestoneOrNull(event.milestoneId),
    action: event.action,
    state: event.state,
  };
}

export function presentLabelEvent(present: Presenter, store: Store, event: ResourceLabelEventRecord): JsonObject {
  const label = event.labelId === null ? undefined : store.labels.get(event.labelId);
  return {
    ...resourceEventHead(present, event),
    label: label ? present.labelBasicRecord(label) : null,
    action: event.action,
  };
}

export function presentStateEvent(present: Presenter, event: ResourceStateEventRecord): JsonObject {
  return {
    ...resourceEventHead(present, event),
    source_commit: event.sourceCommit,
    source_merge_request_id: event.sourceMergeRequestId,
    state: event.state,
  };
}

function resourceEventHead(
  present: Presenter,
  event: ResourceMilestoneEventRecord | ResourceLabelEventRecord | ResourceStateEventRecord,
): JsonObject {
  return {
    id: event.id,
    user: present.userBasicOrNull(event.userId),
    created_at: event.createdAt,
    resource_type: event.resourceType,
    resource_id: event.resourceId,
  };
}

// MergeRequests::Mergeability::DetailedMergeStatusService checks, in order, among others: open,
// draft, conflicts. The sandbox runs no pipelines and keeps no approvals or discussions yet.
function detailedMergeStatus(mr: MergeRequestRecord, draft: boolean): string {
  if (mr.state !== 'opened') return 'not_open';
  if (draft) return 'draft_status';
  if (mr.hasConflicts) return 'conflict';
  return 'mergeable';
}

export function linkTypeFrom(link: IssueLinkRecord, viewedFromIssueId: number): 'relates_to' | 'blocks' | 'is_blocked_by' {
  if (link.linkType === 'relates_to') return 'relates_to';
  return link.sourceIssueId === viewedFromIssueId ? 'blocks' : 'is_blocked_by';
}

const avatarUrls = new Map<string, string>();

function avatarUrl(email: string): string {
  let url = avatarUrls.get(email);
  if (url === undefined) {
    const hash = createHash('md5').update(email.trim().toLowerCase()).digest('hex');
    url = `https://www.gravatar.com/avatar/${hash}?s=80&d=identicon`;
    avatarUrls.set(email, url);
  }
  return url;
}

function objectIdFor(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** Markdown task list items (`- [ ]`, `- [x]`) outside code blocks. */
function taskCounts(description: string | null): { count: number; completed: number } {
  if (!description || !description.includes('[')) return { count: 0, completed: 0 };
  let count = 0;
  let completed = 0;
  for (const match of description.matchAll(/^\s*(?:[-*+]|\d+[.)])\s+\[([ xX~])\]\s/gm)) {
    count += 1;
    if (match[1] !== ' ') completed += 1;
  }
  return { count, completed };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

/** LabelsHelper#text_color_for_bg: dark text on light backgrounds. */
export function textColorFor(color: string): string {
  const hex = color.replace('#', '');
  const full =
    hex.length === 3
      ? hex
          .split('')
          .map((c) => c + c)
          .join('')
      : hex;
  const r = Number.parseInt(full.slice(0, 2), 16);
  const g = Number.parseInt(full.slice(2, 4), 16);
  const b = Number.parseInt(full.slice(4, 6), 16);
  if ([r, g, b].some(Number.isNaN)) return '#FFFFFF';
  return r * 0.299 + g * 0.587 + b * 0.114 > 186 ? '#1F1E24' : '#FFFFFF';
}

import { createHash, randomBytes } from 'node:crypto';
import type {
  AwardableType,
  AwardEmojiRecord,
  Counters,
  GroupRecord,
  IssueLinkRecord,
  IssueRecord,
  LabelRecord,
  MergeRequestNoteRecord,
  MergeRequestRecord,
  MilestoneRecord,
  NoteRecord,
  ProjectRecord,
  ResourceLabelEventRecord,
  ResourceMilestoneEventRecord,
  ResourceStateEventRecord,
  EventableType,
  StoreData,
  UserRecord,
  UserStatusRecord,
  Visibility,
} from './records.js';

export const DEFAULT_STATUS: Readonly<UserStatusRecord> = { emoji: null, availability: 'not_set', message: null, clearStatusAt: null };

/** GitLab personal access tokens: `glpat-` and 20 URL-safe characters. */
export function generateToken(): string {
  return `glpat-${randomBytes(15).toString('base64url')}`;
}

/** A fake but stable 40-hex git object id. */
export function objectId(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex');
}

/**
 * Every issue gets the same object shape, built by one literal: list filters touch all issues of a
 * project per request, and V8 only makes that fast when the property accesses stay monomorphic.
 */
function issueRecord(fields: Omit<IssueRecord, 'healthStatus'> & { healthStatus?: IssueRecord['healthStatus'] }): IssueRecord {
  return {
    id: fields.id,
    iid: fields.iid,
    projectId: fields.projectId,
    title: fields.title,
    description: fields.description,
    state: fields.state,
    createdAt: fields.createdAt,
    updatedAt: fields.updatedAt,
    closedAt: fields.closedAt,
    closedById: fields.closedById,
    labels: fields.labels,
    milestoneId: fields.milestoneId,
    assigneeIds: fields.assigneeIds,
    authorId: fields.authorId,
    dueDate: fields.dueDate,
    confidential: fields.confidential,
    discussionLocked: fields.discussionLocked,
    healthStatus: fields.healthStatus ?? null,
    weight: fields.weight ?? null,
    movedToId: fields.movedToId ?? null,
  };
}

function emptyCounters(): Required<Counters> {
  return {
    user: 0,
    namespace: 0,
    project: 0,
    label: 0,
    milestone: 0,
    issue: 0,
    note: 0,
    link: 0,
    mergeRequest: 0,
    milestoneEvent: 0,
    labelEvent: 0,
    stateEvent: 0,
    awardEmoji: 0,
  };
}

/**
 * A note's discussion id. GitLab hashes the noteable and a random value (Discussion.discussion_id);
 * the sandbox hashes the noteable and the note id, which is as unique and stays the same across
 * restarts. Notes saved before discussions existed get theirs from the same rule.
 */
export function discussionIdFor(noteableType: 'Issue' | 'MergeRequest', noteableId: number, noteId: number): string {
  return objectId('discussion', noteableType, String(noteableId), String(noteId));
}

/**
 * The one in-memory database. Handlers read and mutate records directly and then call the
 * matching `…Changed` method so that indexes and caches stay valid.
 */
export class Store {
  readonly users = new Map<number, UserRecord>();
  readonly groups = new Map<number, GroupRecord>();
  readonly projects = new Map<number, ProjectRecord>();
  readonly labels = new Map<number, LabelRecord>();
  readonly milestones = new Map<number, MilestoneRecord>();
  readonly issues = new Map<number, IssueRecord>();
  readonly notes = new Map<number, NoteRecord>();
  readonly links = new Map<number, IssueLinkRecord>();
  readonly mergeRequests = new Map<number, MergeRequestRecord>();
  readonly mergeRequestNotes = new Map<number, MergeRequestNoteRecord>();
  private readonly notesByMergeRequest = new Map<number, MergeRequestNoteRecord[]>();
  readonly resourceEvents = {
    milestone: new ResourceEventTable<ResourceMilestoneEventRecord>(),
    label: new ResourceEventTable<ResourceLabelEventRecord>(),
    state: new ResourceEventTable<ResourceStateEventRecord>(),
  };

  private counters: Required<Counters> = emptyCounters();
  readonly awardEmoji = new Map<number, AwardEmojiRecord>();
  private readonly awardsByAwardable = new Map<string, AwardEmojiRecord[]>();
  private readonly usersByUsername = new Map<string, UserRecord>();
  private readonly usersByToken = new Map<string, UserRecord>();
  private readonly issuesByProject = new Map<number, IssueRecord[]>();
  private readonly issuesByIid = new Map<number, Map<number, IssueRecord>>();
  private readonly notesByIssue = new Map<number, NoteRecord[]>();
  private readonly linksByIssue = new Map<number, IssueLinkRecord[]>();
  private readonly mergeRequestsByProject = new Map<number, MergeRequestRecord[]>();
  private readonly issueVersions = new Map<number, number>();
  /** Bumped when an issue's creation time changes, which can reorder even the stable orderings. */
  private readonly issueOrderVersions = new Map<number, number>();
  private pathIndex: Map<string, { kind: 'group' | 'project'; id: number }> | undefined;
  /**
   * Presentation caches key on these two. The generation changes with anything an issue's JSON or
   * a list filter can show besides the issue itself (users, groups, projects, labels, milestones,
   * memberships): such changes are rare, so they simply invalidate everything. Revisions are per
   * issue and change with the issue, its notes and its links; they come from one counter, so a
   * revision is never reused.
   */
  private generationCounter = 0;
  private revisionCounter = 0;
  private readonly issueRevisions = new Map<number, number>();

  constructor(readonly now: () => Date) {}

  timestamp(): string {
    return this.now().toISOString();
  }

  // ---- persistence -----------------------------------------------------------------------

  toData(): StoreData {
    return {
      schemaVersion: 1,
      counters: { ...this.counters },
      users: [...this.users.values()],
      groups: [...this.groups.values()],
      projects: [...this.projects.values()],
      labels: [...this.labels.values()],
      milestones: [...this.milestones.values()],
      issues: [...this.issues.values()],
      notes: [...this.notes.values()],
      links: [...this.links.values()],
      mergeRequests: [...this.mergeRequests.values()],
      milestoneEvents: this.resourceEvents.milestone.all(),
      labelEvents: this.resourceEvents.label.all(),
      stateEvents: this.resourceEvents.state.all(),
      mergeRequestNotes: [...this.mergeRequestNotes.values()],
      awardEmoji: [...this.awardEmoji.values()],
    };
  }

  static fromData(data: StoreData, now: () => Date): Store {
    const store = new Store(now);
    store.counters = { ...emptyCounters(), ...data.counters };
    for (const user of data.users) store.indexUser(user);
    for (const group of data.groups) store.groups.set(group.id, group);
    for (const project of data.projects) store.projects.set(project.id, project);
    for (const label of data.labels) store.labels.set(label.id, label);
    for (const milestone of data.milestones) store.milestones.set(milestone.id, milestone);
    for (const issue of data.issues) store.indexIssue(issue);
    for (const note of data.notes) store.indexNote(note);
    for (const link of data.links) store.indexLink(link);
    for (const mr of data.mergeRequests) store.indexMergeRequest(mr);
    for (const event of data.milestoneEvents ?? []) store.resourceEvents.milestone.index(event);
    for (const event of data.labelEvents ?? []) store.resourceEvents.label.index(event);
    for (const event of data.stateEvents ?? []) store.resourceEvents.state.index(event);
    for (const note of data.mergeRequestNotes ?? []) store.indexMergeRequestNote(note);
    for (const award of data.awardEmoji ?? []) store.indexAwardEmoji(award);
    return store;
  }

  /** See `entitiesChanged`. */
  get generation(): number {
    return this.generationCounter;
  }

  /**
   * Call after changing anything but an issue, its notes or its links (a milestone's title, a
   * user, a membership...). The server also calls it after every write it cannot attribute to
   * issues alone, so a handler that forgets still leaves no stale cache behind.
   */
  entitiesChanged(): void {
    this.generationCounter += 1;
  }

  /** Changes whenever `issueChanged` is called for the issue or one of its notes or links changes. */
  issueRevision(issueId: number): number {
    return this.issueRevisions.get(issueId) ?? 0;
  }

  private touchIssue(issueId: number): void {
    this.revisionCounter += 1;
    this.issueRevisions.set(issueId, this.revisionCounter);
  }

  nextId(kind: keyof Counters): number {
    this.counters[kind] += 1;
    return this.counters[kind];
  }

  // ---- users -----------------------------------------------------------------------------

  addUser(
    fields: Omit<UserRecord, 'id' | 'namespaceId' | 'token' | 'createdAt' | 'confirmedAt' | 'status'> &
      Partial<Pick<UserRecord, 'token' | 'createdAt' | 'status'>>,
  ): UserRecord {
    const createdAt = fields.createdAt ?? this.timestamp();
    const user: UserRecord = {
      ...fields,
      id: this.nextId('user'),
      namespaceId: this.nextId('namespace'),
      token: fields.token ?? generateToken(),
      createdAt,
      confirmedAt: createdAt,
      status: fields.status ?? { ...DEFAULT_STATUS },
    };
    this.indexUser(user);
    this.entitiesChanged();
    return user;
  }

  private indexUser(user: UserRecord): void {
    this.users.set(user.id, user);
    this.usersByUsername.set(user.username.toLowerCase(), user);
    this.usersByToken.set(user.token, user);
  }

  userByUsername(username: string): UserRecord | undefined {
    return this.usersByUsername.get(username.toLowerCase());
  }

  userByToken(token: string): UserRecord | undefined {
    return this.usersByToken.get(token);
  }

  /** GitLab's `find_user`: a numeric id, otherwise a username. */
  findUser(idOrUsername: string): UserRecord | undefined {
    if (/^\d+$/.test(idOrUsername)) return this.users.get(Number(idOrUsername));
    return this.userByUsername(idOrUsername);
  }

  // ---- groups and projects -----------------------------------------------------------------

  addGroup(fields: {
    name: string;
    path: string;
    parentId: number | null;
    description?: string;
    visibility: Visibility;
    createdAt?: string;
  }): GroupRecord {
    const group: GroupRecord = {
      id: this.nextId('namespace'),
      name: fields.name,
      path: fields.path,
      parentId: fields.parentId,
      description: fields.description ?? '',
      visibility: fields.visibility,
      createdAt: fields.createdAt ?? this.timestamp(),
      members: {},
      nextMilestoneIid: 1,
    };
    this.groups.set(group.id, group);
    this.pathIndex = undefined;
    this.entitiesChanged();
    return group;
  }

  addProject(fields: {
    name: string;
    path: string;
    groupId: number | null;
    ownerId: number | null;
    namespaceId: number;
    description?: string | null;
    visibility: Visibility;
    createdAt?: string;
  }): ProjectRecord {
    const createdAt = fields.createdAt ?? this.timestamp();
    const project: ProjectRecord = {
      id: this.nextId('project'),
      name: fields.name,
      path: fields.path,
      namespaceId: fields.namespaceId,
      groupId: fields.groupId,
      ownerId: fields.ownerId,
      description: fields.description ?? null,
      visibility: fields.visibility,
      createdAt,
      lastActivityAt: createdAt,
      defaultBranch: 'main',
      members: {},
      nextIssueIid: 1,
      nextMergeRequestIid: 1,
      nextMilestoneIid: 1,
      branches: { main: { commitId: objectId('initial', fields.path, createdAt), files: {} } },
    };
    this.projects.set(project.id, project);
    this.pathIndex = undefined;
    this.entitiesChanged();
    return project;
  }

  /** Ancestors of a group from its parent up to the root. */
  groupAncestors(group: GroupRecord): GroupRecord[] {
    const result: GroupRecord[] = [];
    let parentId = group.parentId;
    while (parentId !== null) {
      const parent = this.groups.get(parentId);
      if (!parent) break;
      result.push(parent);
      parentId = parent.parentId;
    }
    return result;
  }

  /** The group itself and every group below it. */
  groupAndDescendants(group: GroupRecord): GroupRecord[] {
    const result = [group];
    for (let i = 0; i < result.length; i += 1) {
      const current = result[i];
      for (const candidate of this.groups.values()) if (candidate.parentId === current?.id) result.push(candidate);
    }
    return result;
  }

  groupFullPath(group: GroupRecord): string {
    return [...this.groupAncestors(group).reverse(), group].map((g) => g.path).join('/');
  }

  groupFullName(group: GroupRecord): string {
    return [...this.groupAncestors(group).reverse(), group].map((g) => g.name).join(' / ');
  }

  /** The groups a project inherits from, nearest first. */
  projectGroups(project: ProjectRecord): GroupRecord[] {
    if (project.groupId === null) return [];
    const group = this.groups.get(project.groupId);
    return group ? [group, ...this.groupAncestors(group)] : [];
  }

  projectNamespacePath(project: ProjectRecord): string {
    if (project.groupId !== null) {
      const group = this.groups.get(project.groupId);
      if (group) return this.groupFullPath(group);
    }
    return this.users.get(project.ownerId ?? -1)?.username ?? '';
  }

  projectFullPath(project: ProjectRecord): string {
    return `${this.projectNamespacePath(project)}/${project.path}`;
  }

  projectsInGroups(groupIds: ReadonlySet<number>): ProjectRecord[] {
    return [...this.projects.values()].filter((project) => project.groupId !== null && groupIds.has(project.groupId));
  }

  /** Routable paths are case-insensitive on GitLab. */
  findByFullPath(fullPath: string): { kind: 'group' | 'project'; id: number } | undefined {
    if (!this.pathIndex) {
      const index = new Map<string, { kind: 'group' | 'project'; id: number }>();
      for (const group of this.groups.values()) index.set(this.groupFullPath(group).toLowerCase(), { kind: 'group', id: group.id });
      for (const project of this.projects.values())
        index.set(this.projectFullPath(project).toLowerCase(), { kind: 'project', id: project.id });
      this.pathIndex = index;
    }
    return this.pathIndex.get(fullPath.toLowerCase());
  }

  // ---- labels and milestones ---------------------------------------------------------------

  addLabel(fields: Omit<LabelRecord, 'id' | 'createdAt'> & { createdAt?: string }): LabelRecord {
    const label: LabelRecord = { ...fields, id: this.nextId('label'), createdAt: fields.createdAt ?? this.timestamp() };
    this.labels.set(label.id, label);
    this.entitiesChanged();
    return label;
  }

  addMilestone(fields: Omit<MilestoneRecord, 'id' | 'createdAt' | 'updatedAt'> & { createdAt?: string }): MilestoneRecord {
    const createdAt = fields.createdAt ?? this.timestamp();
    const milestone: MilestoneRecord = { ...fields, id: this.nextId('milestone'), createdAt, updatedAt: createdAt };
    this.milestones.set(milestone.id, milestone);
    this.entitiesChanged();
    return milestone;
  }

  // ---- issues ------------------------------------------------------------------------------

  addIssue(
    fields: Omit<IssueRecord, 'id' | 'iid' | 'healthStatus'> & { iid?: number; healthStatus?: IssueRecord['healthStatus'] },
  ): IssueRecord {
    const project = this.projects.get(fields.projectId);
    if (!project) throw new Error(`project ${fields.projectId} does not exist`);
    const iid = fields.iid ?? project.nextIssueIid;
    project.nextIssueIid = Math.max(project.nextIssueIid, iid + 1);
    const issue = issueRecord({ ...fields, id: this.nextId('issue'), iid });
    this.indexIssue(issue);
    return issue;
  }

  private indexIssue(loaded: Omit<IssueRecord, 'healthStatus'> & { healthStatus?: IssueRecord['healthStatus'] }): void {
    const issue = issueRecord(loaded);
    this.issues.set(issue.id, issue);
    let list = this.issuesByProject.get(issue.projectId);
    if (!list) {
      list = [];
      this.issuesByProject.set(issue.projectId, list);
    }
    list.push(issue);
    let byIid = this.issuesByIid.get(issue.projectId);
    if (!byIid) {
      byIid = new Map();
      this.issuesByIid.set(issue.projectId, byIid);
    }
    byIid.set(issue.iid, issue);
    this.issueChanged(issue);
  }

  /** Call after mutating an issue so cached orderings, lists and JSON of it are rebuilt. */
  issueChanged(issue: IssueRecord, createdAtChanged = false): void {
    this.touchIssue(issue.id);
    this.issueVersions.set(issue.projectId, (this.issueVersions.get(issue.projectId) ?? 0) + 1);
    if (createdAtChanged) this.issueOrderVersions.set(issue.projectId, (this.issueOrderVersions.get(issue.projectId) ?? 0) + 1);
  }

  /** Changes only when an existing issue's creation time changes (new issues are only appended). */
  issueOrderVersion(projectId: number): number {
    return this.issueOrderVersions.get(projectId) ?? 0;
  }

  issuesVersion(projectId: number): number {
    return this.issuesByProject.has(projectId) ? (this.issueVersions.get(projectId) ?? 0) : 0;
  }

  projectIssues(projectId: number): readonly IssueRecord[] {
    return this.issuesByProject.get(projectId) ?? [];
  }

  issueByIid(projectId: number, iid: number): IssueRecord | undefined {
    return this.issuesByIid.get(projectId)?.get(iid);
  }

  // ---- notes and links ---------------------------------------------------------------------

  addNote(fields: Omit<NoteRecord, 'id'>): NoteRecord {
    const note: NoteRecord = { ...fields, id: this.nextId('note') };
    this.indexNote(note);
    return note;
  }

  private indexNote(note: NoteRecord): void {
    note.discussionId ??= discussionIdFor('Issue', note.issueId, note.id);
    this.notes.set(note.id, note);
    this.touchIssue(note.issueId);
    const list = this.notesByIssue.get(note.issueId);
    if (list) list.push(note);
    else this.notesByIssue.set(note.issueId, [note]);
  }

  issueNotes(issueId: number): readonly NoteRecord[] {
    return this.notesByIssue.get(issueId) ?? [];
  }

  userNotesCount(issueId: number): number {
    let count = 0;
    for (const note of this.issueNotes(issueId)) if (!note.system) count += 1;
    return count;
  }

  addLink(fields: Omit<IssueLinkRecord, 'id'>): IssueLinkRecord {
    const link: IssueLinkRecord = { ...fields, id: this.nextId('link') };
    this.indexLink(link);
    return link;
  }

  private indexLink(link: IssueLinkRecord): void {
    this.links.set(link.id, link);
    for (const issueId of [link.sourceIssueId, link.targetIssueId]) {
      this.touchIssue(issueId);
      const list = this.linksByIssue.get(issueId);
      if (list) list.push(link);
      else this.linksByIssue.set(issueId, [link]);
    }
  }

  removeLink(link: IssueLinkRecord): void {
    this.links.delete(link.id);
    for (const issueId of [link.sourceIssueId, link.targetIssueId]) {
      this.touchIssue(issueId);
      const list = this.linksByIssue.get(issueId);
      if (list)
        this.linksByIssue.set(
          issueId,
          list.filter((candidate) => candidate.id !== link.id),
        );
    }
  }

  issueLinks(issueId: number): readonly IssueLinkRecord[] {
    return this.linksByIssue.get(issueId) ?? [];
  }

  // ---- merge requests ----------------------------------------------------------------------

  addMergeRequest(fields: Omit<MergeRequestRecord, 'id' | 'iid' | 'reviewerIds'> & { reviewerIds?: number[] }): MergeRequestRecord {
    const project = this.projects.get(fields.projectId);
    if (!project) throw new Error(`project ${fields.projectId} does not exist`);
    const mr: MergeRequestRecord = {
      ...fields,
      reviewerIds: fields.reviewerIds ?? [],
      id: this.nextId('mergeRequest'),
      iid: project.nextMergeRequestIid,
    };
    project.nextMergeRequestIid += 1;
    this.indexMergeRequest(mr);
    return mr;
  }

  private indexMergeRequest(loaded: MergeRequestRecord): void {
    const mr: MergeRequestRecord = { ...loaded, reviewerIds: loaded.reviewerIds ?? [] };
    this.mergeRequests.set(mr.id, mr);
    const list = this.mergeRequestsByProject.get(mr.projectId);
    if (list) list.push(mr);
    else this.mergeRequestsByProject.set(mr.projectId, [mr]);
  }

  projectMergeRequests(projectId: number): readonly MergeRequestRecord[] {
    return this.mergeRequestsByProject.get(projectId) ?? [];
  }

  addMergeRequestNote(fields: Omit<MergeRequestNoteRecord, 'id'>): MergeRequestNoteRecord {
    const note: MergeRequestNoteRecord = { ...fields, id: this.nextId('note') };
    this.indexMergeRequestNote(note);
    return note;
  }

  private indexMergeRequestNote(note: MergeRequestNoteRecord): void {
    note.discussionId ??= discussionIdFor('MergeRequest', note.mergeRequestId, note.id);
    this.mergeRequestNotes.set(note.id, note);
    const list = this.notesByMergeRequest.get(note.mergeRequestId);
    if (list) list.push(note);
    else this.notesByMergeRequest.set(note.mergeRequestId, [note]);
  }

  mergeRequestNotesOf(mergeRequestId: number): readonly MergeRequestNoteRecord[] {
    return this.notesByMergeRequest.get(mergeRequestId) ?? [];
  }

  removeMergeRequestNote(note: MergeRequestNoteRecord): void {
    this.mergeRequestNotes.delete(note.id);
    const list = this.notesByMergeRequest.get(note.mergeRequestId);
    if (list)
      this.notesByMergeRequest.set(
        note.mergeRequestId,
        list.filter((candidate) => candidate.id !== note.id),
      );
    this.removeAwardsOf('Note', note.id);
  }

  // ---- emoji reactions ---------------------------------------------------------------------

  addAwardEmoji(fields: Omit<AwardEmojiRecord, 'id'>): AwardEmojiRecord {
    return this.indexAwardEmoji({ ...fields, id: this.nextId('awardEmoji') });
  }

  private indexAwardEmoji(award: AwardEmojiRecord): AwardEmojiRecord {
    this.awardEmoji.set(award.id, award);
    const key = `${award.awardableType}:${award.awardableId}`;
    const list = this.awardsByAwardable.get(key);
    if (list) list.push(award);
    else this.awardsByAwardable.set(key, [award]);
    return award;
  }

  /** Oldest first, as `awardable.award_emoji` lists them. */
  awardsOf(type: AwardableType, id: number): readonly AwardEmojiRecord[] {
    return this.awardsByAwardable.get(`${type}:${id}`) ?? [];
  }

  /** How many `name` reactions an issue or merge request has (its `upvotes` and `downvotes`). */
  awardCount(type: AwardableType, id: number, name: string): number {
    let count = 0;
    for (const award of this.awardsOf(type, id)) if (award.name === name) count += 1;
    return count;
  }

  removeAwardEmoji(award: AwardEmojiRecord): void {
    this.awardEmoji.delete(award.id);
    const key = `${award.awardableType}:${award.awardableId}`;
    const list = this.awardsByAwardable.get(key);
    if (list)
      this.awardsByAwardable.set(
        key,
        list.filter((candidate) => candidate.id !== award.id),
      );
  }

  private removeAwardsOf(type: AwardableType, id: number): void {
    for (const award of [...this.awardsOf(type, id)]) this.awardEmoji.delete(award.id);
    this.awardsByAwardable.delete(`${type}:${id}`);
  }

  // ---- resource events ---------------------------------------------------------------------

  addMilestoneEvent(fields: Omit<ResourceMilestoneEventRecord, 'id'>): ResourceMilestoneEventRecord {
    return this.resourceEvents.milestone.index({ ...fields, id: this.nextId('milestoneEvent') });
  }

  addLabelEvent(fields: Omit<ResourceLabelEventRecord, 'id'>): ResourceLabelEventRecord {
    return this.resourceEvents.label.index({ ...fields, id: this.nextId('labelEvent') });
  }

  addStateEvent(fields: Omit<ResourceStateEventRecord, 'id'>): ResourceStateEventRecord {
    return this.resourceEvents.state.index({ ...fields, id: this.nextId('stateEvent') });
  }

  // ---- removal (the DELETE endpoints) -------------------------------------------------------

  removeNote(note: NoteRecord): void {
    this.notes.delete(note.id);
    this.removeAwardsOf('Note', note.id);
    const list = this.notesByIssue.get(note.issueId);
    if (list)
      this.notesByIssue.set(
        note.issueId,
        list.filter((candidate) => candidate.id !== note.id),
      );
    this.touchIssue(note.issueId);
  }

  /** An issue with its notes and links (Issuable::DestroyService). */
  removeIssue(issue: IssueRecord): void {
    for (const link of [...this.issueLinks(issue.id)]) this.removeLink(link);
    for (const note of this.issueNotes(issue.id)) {
      this.notes.delete(note.id);
      this.removeAwardsOf('Note', note.id);
    }
    this.removeAwardsOf('Issue', issue.id);
    this.notesByIssue.delete(issue.id);
    this.linksByIssue.delete(issue.id);
    this.issues.delete(issue.id);
    const list = this.issuesByProject.get(issue.projectId);
    if (list)
      this.issuesByProject.set(
        issue.projectId,
        list.filter((candidate) => candidate.id !== issue.id),
      );
    this.issuesByIid.get(issue.projectId)?.delete(issue.iid);
    // Cached orderings only ever gain issues; a removal must rebuild them.
    this.issueChanged(issue, true);
    this.entitiesChanged();
  }

  removeMergeRequest(mr: MergeRequestRecord): void {
    for (const note of this.mergeRequestNotesOf(mr.id)) {
      this.mergeRequestNotes.delete(note.id);
      this.removeAwardsOf('Note', note.id);
    }
    this.notesByMergeRequest.delete(mr.id);
    this.removeAwardsOf('MergeRequest', mr.id);
    this.mergeRequests.delete(mr.id);
    const list = this.mergeRequestsByProject.get(mr.projectId);
    if (list)
      this.mergeRequestsByProject.set(
        mr.projectId,
        list.filter((candidate) => candidate.id !== mr.id),
      );
    this.entitiesChanged();
  }

  removeLabel(label: LabelRecord): void {
    this.labels.delete(label.id);
    this.entitiesChanged();
  }

  removeMilestone(milestone: MilestoneRecord): void {
    this.milestones.delete(milestone.id);
    this.entitiesChanged();
  }

  /** A project and everything in it. */
  removeProject(project: ProjectRecord): void {
    for (const issue of [...this.projectIssues(project.id)]) this.removeIssue(issue);
    for (const mr of [...this.projectMergeRequests(project.id)]) this.removeMergeRequest(mr);
    for (const label of [...this.labels.values()]) if (label.projectId === project.id) this.labels.delete(label.id);
    for (const milestone of [...this.milestones.values()]) if (milestone.projectId === project.id) this.milestones.delete(milestone.id);
    this.projects.delete(project.id);
    this.pathIndex = undefined;
    this.entitiesChanged();
  }

  /** A group with its subgroups and their projects (Groups::DestroyService). */
  removeGroup(group: GroupRecord): void {
    const groups = this.groupAndDescendants(group);
    const ids = new Set(groups.map((candidate) => candidate.id));
    for (const project of this.projectsInGroups(ids)) this.removeProject(project);
    for (const label of [...this.labels.values()]) if (label.groupId !== null && ids.has(label.groupId)) this.labels.delete(label.id);
    for (const milestone of [...this.milestones.values()])
      if (milestone.groupId !== null && ids.has(milestone.groupId)) this.milestones.delete(milestone.id);
    for (const id of ids) this.groups.delete(id);
    this.pathIndex = undefined;
    this.entitiesChanged();
  }

  /** After a group's or project's path changes. */
  pathsChanged(): void {
    this.pathIndex = undefined;
    this.entitiesChanged();
  }

  /** After a user's username or token changes. */
  reindexUsers(): void {
    this.usersByUsername.clear();
    this.usersByToken.clear();
    for (const user of this.users.values()) {
      this.usersByUsername.set(user.username.toLowerCase(), user);
      this.usersByToken.set(user.token, user);
    }
    this.pathIndex = undefined;
    this.entitiesChanged();
  }
}

/** One kind of resource event, indexed by the issue or merge request it belongs to (ids ascending). */
export class ResourceEventTable<E extends { id: number; resourceType: EventableType; resourceId: number }> {
  private readonly byId = new Map<number, E>();
  private readonly byResource = new Map<string, E[]>();

  index(event: E): E {
    this.byId.set(event.id, event);
    const key = `${event.resourceType}:${event.resourceId}`;
    const list = this.byResource.get(key);
    if (list) list.push(event);
    else this.byResource.set(key, [event]);
    return event;
  }

  all(): E[] {
    return [...this.byId.values()];
  }

  forResource(type: EventableType, id: number): readonly E[] {
    return this.byResource.get(`${type}:${id}`) ?? [];
  }
}

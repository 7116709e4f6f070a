import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Tier } from './entities.js';
import { FEATURE_FLAGS, isFeatureFlag } from './features.js';
import { findOrCreateLabels, normalizeColor, resolveLabels } from './labels.js';
import { isoDay, parseDay } from './milestones.js';
import { AccessLevel, type GroupRecord, type IssueRecord, type ProjectRecord, type Visibility } from './records.js';
import { recordResourceEvents, type EventableState } from './resource-events.js';
import { DEFAULT_STATUS, objectId, type Store } from './store.js';

// The seed document: a hand-writable description of an organisation (YAML or JSON), documented
// in the package's README.md. Validation errors name the offending field, e.g.
// `projects[0].issues[3].assignees[1]: unknown user "chen.wie"`.

const timestamp = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: `not a date or ISO 8601 timestamp: ${String(value)}` });
    return z.NEVER;
  }
  return date.toISOString();
});

const day = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const parsed = value instanceof Date ? isoDay(value) : parseDay(value);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: `not a YYYY-MM-DD date: ${String(value)}` });
    return z.NEVER;
  }
  return parsed;
});

const role = z.union([z.enum(['guest', 'planner', 'reporter', 'developer', 'maintainer', 'owner']), z.number().int()]);
const visibility = z.enum(['private', 'internal', 'public']);

const statusSchema = z
  .object({
    availability: z.enum(['busy', 'not_set']).optional(),
    message: z.string().max(100).optional(),
    emoji: z.string().optional(),
    clear_status_at: timestamp.optional(),
  })
  .strict();

const userSchema = z
  .object({
    username: z.string().min(1),
    name: z.string().min(1).optional(),
    email: z.string().optional(),
    admin: z.boolean().optional(),
    token: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{8,}$/, 'tokens are at least 8 characters of letters, digits, "_", "-" or "."')
      .optional(),
    job_title: z.string().optional(),
    organization: z.string().optional(),
    bio: z.string().optional(),
    location: z.string().optional(),
    created_at: timestamp.optional(),
    status: statusSchema.optional(),
  })
  .strict();

const labelSchema = z
  .object({
    name: z.string().min(1),
    color: z.string().optional(),
    description: z.string().optional(),
    priority: z.number().int().min(0).optional(),
  })
  .strict();

const milestoneSchema = z
  .object({
    title: z.string().min(1),
    description: z.string().optional(),
    start_date: day.optional(),
    due_date: day.optional(),
    state: z.enum(['active', 'closed']).optional(),
    created_at: timestamp.optional(),
  })
  .strict();

const noteSchema = z
  .object({
    body: z.string().min(1),
    author: z.string().optional(),
    created_at: timestamp.optional(),
    internal: z.boolean().optional(),
  })
  .strict();

const linkSchema = z.union([
  z.string(),
  z.object({ to: z.string(), type: z.enum(['relates_to', 'blocks', 'is_blocked_by']).optional() }).strict(),
]);

/** A later change to a seeded issue, replayed over what it was created with (its resource events are dated `at`). */
const historySchema = z
  .object({
    at: timestamp,
    author: z.string().optional(),
    milestone: z.string().nullable().optional(),
    add_labels: z.array(z.string()).optional(),
    remove_labels: z.array(z.string()).optional(),
    state: z.enum(['closed', 'reopened']).optional(),
  })
  .strict();

const issueSchema = z
  .object({
    iid: z.number().int().positive().optional(),
    title: z.string().min(1).max(255),
    description: z.string().optional(),
    labels: z.array(z.string()).optional(),
    assignees: z.array(z.string()).optional(),
    milestone: z.string().optional(),
    state: z.enum(['opened', 'closed']).optional(),
    author: z.string().optional(),
    created_at: timestamp.optional(),
    updated_at: timestamp.optional(),
    closed_at: timestamp.optional(),
    due_date: day.optional(),
    confidential: z.boolean().optional(),
    notes: z.array(noteSchema).optional(),
    links: z.array(linkSchema).optional(),
    history: z.array(historySchema).optional(),
  })
  .strict();

const mergeRequestSchema = z
  .object({
    title: z.string().min(1),
    description: z.string().optional(),
    state: z.enum(['opened', 'merged', 'closed', 'locked']).optional(),
    source_branch: z.string().optional(),
    target_branch: z.string().optional(),
    author: z.string().optional(),
    assignees: z.array(z.string()).optional(),
    reviewers: z.array(z.string()).optional(),
    labels: z.array(z.string()).optional(),
    milestone: z.string().optional(),
    created_at: timestamp.optional(),
    updated_at: timestamp.optional(),
    merged_at: timestamp.optional(),
    closed_at: timestamp.optional(),
    /** Whether the source branch conflicts with the target (the sandbox keeps no repository content). */
    has_conflicts: z.boolean().optional(),
    notes: z.array(noteSchema).optional(),
  })
  .strict();

const membersSchema = z.record(z.string(), role);

const groupSchema = z
  .object({
    path: z.string().min(1),
    name: z.string().optional(),
    description: z.string().optional(),
    visibility: visibility.optional(),
    members: membersSchema.optional(),
    labels: z.array(labelSchema).optional(),
    milestones: z.array(milestoneSchema).optional(),
  })
  .strict();

const projectSchema = z
  .object({
    path: z.string().regex(/^[^/]+(\/[^/]+)+$/, 'a project path is "<group path>/<project>", e.g. "distribution/team-tasks"'),
    name: z.string().optional(),
    description: z.string().optional(),
    visibility: visibility.optional(),
    default_branch: z.string().optional(),
    members: membersSchema.optional(),
    labels: z.array(labelSchema).optional(),
    milestones: z.array(milestoneSchema).optional(),
    issue_templates: z.record(z.string(), z.string()).optional(),
    files: z.record(z.string(), z.string()).optional(),
    issues: z.array(issueSchema).optional(),
    merge_requests: z.array(mergeRequestSchema).optional(),
  })
  .strict();

export const seedDocumentSchema = z
  .object({
    users: z.array(userSchema).optional(),
    groups: z.array(groupSchema).optional(),
    projects: z.array(projectSchema).optional(),
    /** The sandbox's clock starts here (README.md, "Time"); `--now` wins over it. */
    now: timestamp.optional(),
    /** `frozen` (the default with `now`) holds the clock at `now`; `running` lets it run on from there. */
    clock: z.enum(['frozen', 'running']).optional(),
    /** GitLab feature flags (README.md, "GraphQL"); the sandbox's `features` option wins over them. */
    features: z
      .record(z.string(), z.boolean())
      .refine((flags) => Object.keys(flags).every(isFeatureFlag), {
        message: `unknown feature flag; known: ${Object.keys(FEATURE_FLAGS).join(', ')}`,
      })
      .optional(),
  })
  .strict();

/** A seed document as written (dates may be strings or `Date`s). */
export type SeedDocument = z.input<typeof seedDocumentSchema>;
type ParsedSeed = z.output<typeof seedDocumentSchema>;

export class SeedError extends Error {
  constructor(
    message: string,
    readonly source?: string,
  ) {
    super(source ? `${source}: ${message}` : message);
    this.name = 'SeedError';
  }
}

export function validateSeed(document: unknown, source?: string): ParsedSeed {
  const result = seedDocumentSchema.safeParse(document ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const where = formatPath(issue.path);
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    return `${where || '(document)'}: ${issue.message}${keys}`;
  });
  throw new SeedError(`invalid seed document\n  ${lines.join('\n  ')}`, source);
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    '',
  );
}

/** Reads a YAML (`.yml`, `.yaml`) or JSON seed file and validates it. */
export function loadSeedFile(path: string): SeedDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SeedError(`cannot read seed file: ${(error as Error).message}`, path);
  }
  let document: unknown;
  try {
    document = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new SeedError(`cannot parse seed file: ${(error as Error).message}`, path);
  }
  validateSeed(document, path);
  return document as SeedDocument;
}

// ---- applying a seed --------------------------------------------------------------------------

const ROLE_LEVELS: Record<string, number> = {
  guest: AccessLevel.guest,
  planner: 15,
  reporter: AccessLevel.reporter,
  developer: AccessLevel.developer,
  maintainer: AccessLevel.maintainer,
  owner: AccessLevel.owner,
};

/** Creates the administrator `root` (always present) and everything the seed describes. */
export function applySeed(store: Store, document: SeedDocument | undefined, tier: Tier = 'premium'): void {
  const seed = validateSeed(document ?? {});
  new SeedApplier(store, seed, tier).apply();
}

class SeedApplier {
  private readonly now: string;
  private readonly pendingLinks: Array<{ issue: IssueRecord; project: ProjectRecord; link: z.output<typeof linkSchema>; where: string }> =
    [];

  constructor(
    private readonly store: Store,
    private readonly seed: ParsedSeed,
    private readonly tier: Tier,
  ) {
    this.now = store.timestamp();
  }

  apply(): void {
    this.createUsers();
    (this.seed.groups ?? []).forEach((group, index) => this.createGroup(group, `groups[${index}]`));
    (this.seed.projects ?? []).forEach((project, index) => this.createProject(project, `projects[${index}]`));
    for (const pending of this.pendingLinks) this.createLink(pending);
  }

  private createUsers(): void {
    const rootSeed = this.seed.users?.find((user) => user.username === 'root');
    if (!this.store.userByUsername('root')) {
      this.store.addUser({
        username: 'root',
        name: rootSeed?.name ?? 'Administrator',
        email: rootSeed?.email ?? 'admin@example.com',
        isAdmin: true,
        bio: '',
        location: '',
        jobTitle: '',
        pronouns: null,
        organization: '',
        token: rootSeed?.token,
        createdAt: rootSeed?.created_at,
      });
    }
    (this.seed.users ?? []).forEach((user, index) => {
      if (user.username === 'root') return;
      if (this.store.userByUsername(user.username)) throw new SeedError(`users[${index}].username: "${user.username}" is listed twice`);
      this.store.addUser({
        username: user.username,
        name: user.name ?? titleCase(user.username),
        email: user.email ?? `${user.username}@example.com`,
        isAdmin: user.admin === true,
        bio: user.bio ?? '',
        location: user.location ?? '',
        jobTitle: user.job_title ?? '',
        pronouns: null,
        organization: user.organization ?? '',
        token: user.token,
        createdAt: user.created_at,
        status: user.status
          ? {
              availability: user.status.availability ?? 'not_set',
              message: user.status.message ?? null,
              emoji: user.status.emoji ?? (user.status.message ? 'speech_balloon' : null),
              clearStatusAt: user.status.clear_status_at ?? null,
            }
          : { ...DEFAULT_STATUS },
      });
    });
  }

  private userId(username: string, where: string): number {
    const user = this.store.userByUsername(username);
    if (!user) throw new SeedError(`${where}: unknown user "${username}"`);
    return user.id;
  }

  private members(members: Record<string, string | number> | undefined, where: string): GroupRecord['members'] {
    const result: GroupRecord['members'] = {};
    for (const [username, roleName] of Object.entries(members ?? {})) {
      const level = typeof roleName === 'number' ? roleName : ROLE_LEVELS[roleName];
      if (level === undefined) throw new SeedError(`${where}.${username}: unknown role "${String(roleName)}"`);
      result[this.userId(username, `${where}.${username}`)] = { accessLevel: level, createdAt: this.now, createdById: null };
    }
    return result;
  }

  private createGroup(seed: NonNullable<ParsedSeed['groups']>[number], where: string): void {
    const segments = seed.path.split('/');
    const path = segments.pop() ?? seed.path;
    let parentId: number | null = null;
    if (segments.length > 0) {
      const parent = this.store.findByFullPath(segments.join('/'));
      if (parent?.kind !== 'group')
        throw new SeedError(`${where}.path: parent group "${segments.join('/')}" must be listed before "${seed.path}"`);
      parentId = parent.id;
    }
    if (this.store.findByFullPath(seed.path)) throw new SeedError(`${where}.path: "${seed.path}" is listed twice`);
    const group = this.store.addGroup({
      name: seed.name ?? titleCase(path),
      path,
      parentId,
      description: seed.description ?? '',
      visibility: (seed.visibility ?? 'private') as Visibility,
    });
    group.members = this.members(seed.members, `${where}.members`);
    (seed.labels ?? []).forEach((label, index) => {
      this.store.addLabel({
        name: label.name,
        color: this.color(label.color, `${where}.labels[${index}].color`),
        description: label.description ?? null,
        projectId: null,
        groupId: group.id,
        priority: null,
      });
    });
    for (const milestone of seed.milestones ?? []) {
      this.store.addMilestone({ ...this.milestoneFields(milestone), iid: group.nextMilestoneIid, projectId: null, groupId: group.id });
      group.nextMilestoneIid += 1;
    }
  }

  private color(color: string | undefined, where: string): string {
    if (color === undefined) return '#6699cc';
    const normalized = normalizeColor(color);
    if (!normalized) throw new SeedError(`${where}: "${color}" is not a valid color code`);
    return normalized;
  }

  private milestoneFields(milestone: z.output<typeof milestoneSchema>) {
    return {
      title: milestone.title,
      description: milestone.description ?? null,
      state: milestone.state ?? 'active',
      startDate: milestone.start_date ?? null,
      dueDate: milestone.due_date ?? null,
      createdAt: milestone.created_at,
    } as const;
  }

  private createProject(seed: NonNullable<ParsedSeed['projects']>[number], where: string): void {
    const segments = seed.path.split('/');
    const path = segments.pop() ?? seed.path;
    const namespacePath = segments.join('/');
    const namespace = this.store.findByFullPath(namespacePath);
    const owner = namespace ? undefined : this.store.userByUsername(namespacePath);
    if (namespace?.kind !== 'group' && !owner) throw new SeedError(`${where}.path: no group or user "${namespacePath}" for "${seed.path}"`);
    if (this.store.findByFullPath(seed.path)) throw new SeedError(`${where}.path: "${seed.path}" is listed twice`);
    const groupId = namespace?.kind === 'group' ? namespace.id : null;
    const project = this.store.addProject({
      name: seed.name ?? titleCase(path),
      path,
      groupId,
      ownerId: owner?.id ?? null,
      namespaceId: groupId ?? owner?.namespaceId ?? 0,
      description: seed.description ?? null,
      visibility: (seed.visibility ?? 'private') as Visibility,
    });
    if (seed.default_branch && seed.default_branch !== 'main') {
      project.defaultBranch = seed.default_branch;
      project.branches = { [seed.default_branch]: project.branches['main'] ?? { commitId: objectId(seed.path), files: {} } };
    }
    project.members = this.members(seed.members, `${where}.members`);
    (seed.labels ?? []).forEach((label, index) => {
      this.store.addLabel({
        name: label.name,
        color: this.color(label.color, `${where}.labels[${index}].color`),
        description: label.description ?? null,
        projectId: project.id,
        groupId: null,
        priority: label.priority ?? null,
      });
    });
    for (const milestone of seed.milestones ?? []) {
      this.store.addMilestone({ ...this.milestoneFields(milestone), iid: project.nextMilestoneIid, projectId: project.id, groupId: null });
      project.nextMilestoneIid += 1;
    }
    const files: Record<string, string> = { ...(seed.files ?? {}) };
    for (const [name, content] of Object.entries(seed.issue_templates ?? {})) files[`.gitlab/issue_templates/${name}.md`] = content;
    const branch = project.branches[project.defaultBranch];
    if (branch) {
      for (const [filePath, content] of Object.entries(files)) {
        branch.commitId = objectId(branch.commitId, filePath, content);
        branch.files[filePath] = { content, blobId: objectId('blob', content), lastCommitId: branch.commitId };
      }
    }
    (seed.issues ?? []).forEach((issue, index) => this.createIssue(project, issue, `${where}.issues[${index}]`));
    (seed.merge_requests ?? []).forEach((mr, index) => this.createMergeRequest(project, mr, `${where}.merge_requests[${index}]`));
  }

  private milestoneId(project: ProjectRecord, title: string | undefined, where: string): number | null {
    if (title === undefined) return null;
    const groupIds = new Set(this.store.projectGroups(project).map((group) => group.id));
    const milestone = [...this.store.milestones.values()].find(
      (m) => m.title === title && (m.projectId === project.id || (m.groupId !== null && groupIds.has(m.groupId))),
    );
    if (!milestone) throw new SeedError(`${where}: no milestone "${title}" in ${this.store.projectFullPath(project)} or its groups`);
    return milestone.id;
  }

  private createIssue(project: ProjectRecord, seed: z.output<typeof issueSchema>, where: string): void {
    if (seed.iid !== undefined && this.store.issueByIid(project.id, seed.iid))
      throw new SeedError(`${where}.iid: #${seed.iid} is used twice`);
    const createdAt = seed.created_at ?? this.now;
    const authorId = this.userId(seed.author ?? 'root', `${where}.author`);
    const timeline = this.issueTimeline(project, seed, createdAt, authorId, where);
    const final = timeline[timeline.length - 1]?.state ?? { state: 'opened', labels: [], milestoneId: null };
    const lastClose = [...timeline].reverse().find((step) => step.state.state === 'closed');
    const closedAt = final.state === 'closed' ? (lastClose?.at ?? createdAt) : null;
    const lastChange = timeline.reduce((latest, step) => (step.at > latest ? step.at : latest), createdAt);
    const issue = this.store.addIssue({
      iid: seed.iid,
      projectId: project.id,
      title: seed.title,
      description: seed.description ?? null,
      state: final.state === 'closed' ? 'closed' : 'opened',
      createdAt,
      updatedAt: seed.updated_at ?? lastChange,
      closedAt,
      closedById: closedAt ? (lastClose?.userId ?? authorId) : null,
      labels: [...final.labels],
      milestoneId: final.milestoneId,
      assigneeIds: (seed.assignees ?? []).map((username, index) => this.userId(username, `${where}.assignees[${index}]`)),
      authorId,
      dueDate: seed.due_date ?? null,
      confidential: seed.confidential === true,
      discussionLocked: null,
    });
    let previous: EventableState | undefined;
    for (const step of timeline) {
      recordResourceEvents(
        this.store,
        project,
        'Issue',
        previous,
        { ...step.state, id: issue.id, projectId: project.id },
        step.userId,
        step.at,
      );
      previous = step.state;
    }
    (seed.notes ?? []).forEach((note, index) => {
      const at = note.created_at ?? createdAt;
      this.store.addNote({
        issueId: issue.id,
        body: note.body,
        authorId: this.userId(note.author ?? 'root', `${where}.notes[${index}].author`),
        createdAt: at,
        updatedAt: at,
        system: false,
        internal: note.internal === true,
      });
    });
    (seed.links ?? []).forEach((link, index) => this.pendingLinks.push({ issue, project, link, where: `${where}.links[${index}]` }));
  }

  /**
   * The states a seeded issue went through: as created, after each `history` entry, and closed at
   * `closed_at` when `state: closed` (and history left it open). Each step is dated and attributed.
   */
  private issueTimeline(
    project: ProjectRecord,
    seed: z.output<typeof issueSchema>,
    createdAt: string,
    authorId: number,
    where: string,
  ): Array<{ at: string; userId: number; state: EventableState }> {
    let current: EventableState = {
      state: 'opened',
      labels: resolveLabels([], findOrCreateLabels(this.store, project, seed.labels ?? []), [], this.tier),
      milestoneId: this.milestoneId(project, seed.milestone, `${where}.milestone`),
    };
    const timeline = [{ at: createdAt, userId: authorId, state: current }];
    (seed.history ?? []).forEach((change, index) => {
      const at = `${where}.history[${index}]`;
      const labels = resolveLabels(
        current.labels,
        findOrCreateLabels(this.store, project, change.add_labels ?? []),
        change.remove_labels ?? [],
        this.tier,
      );
      const milestoneId =
        change.milestone === undefined
          ? current.milestoneId
          : change.milestone === null
            ? null
            : this.milestoneId(project, change.milestone, `${at}.milestone`);
      const state = change.state === undefined ? current.state : change.state === 'closed' ? 'closed' : 'opened';
      current = { state, labels, milestoneId };
      timeline.push({ at: change.at, userId: change.author ? this.userId(change.author, `${at}.author`) : authorId, state: current });
    });
    if (seed.state === 'closed' && current.state !== 'closed') {
      const closedAt = seed.closed_at ?? seed.updated_at ?? createdAt;
      timeline.push({ at: closedAt, userId: authorId, state: { ...current, state: 'closed' } });
    }
    return timeline;
  }

  private createLink(pending: (typeof this.pendingLinks)[number]): void {
    const reference = typeof pending.link === 'string' ? pending.link : pending.link.to;
    const type = typeof pending.link === 'string' ? 'relates_to' : (pending.link.type ?? 'relates_to');
    const match = /^(.*)#(\d+)$/.exec(reference.trim());
    if (!match) throw new SeedError(`${pending.where}: "${reference}" is not an issue reference like "#3" or "group/project#3"`);
    const [, path = '', iid = ''] = match;
    const found = path === '' ? { kind: 'project' as const, id: pending.project.id } : this.store.findByFullPath(path);
    const target = found?.kind === 'project' ? this.store.issueByIid(found.id, Number(iid)) : undefined;
    if (!target) throw new SeedError(`${pending.where}: no issue ${reference}`);
    const duplicate = this.store
      .issueLinks(pending.issue.id)
      .some((link) => link.sourceIssueId === target.id || link.targetIssueId === target.id);
    if (duplicate || target.id === pending.issue.id) return;
    const [source, destination] = type === 'is_blocked_by' ? [target, pending.issue] : [pending.issue, target];
    const at = pending.issue.createdAt > target.createdAt ? pending.issue.createdAt : target.createdAt;
    this.store.addLink({
      sourceIssueId: source.id,
      targetIssueId: destination.id,
      linkType: type === 'relates_to' ? 'relates_to' : 'blocks',
      createdAt: at,
      updatedAt: at,
    });
  }

  private createMergeRequest(project: ProjectRecord, seed: z.output<typeof mergeRequestSchema>, where: string): void {
    const createdAt = seed.created_at ?? this.now;
    const state = seed.state ?? 'opened';
    const mergedAt = state === 'merged' ? (seed.merged_at ?? seed.updated_at ?? createdAt) : null;
    const closedAt = state === 'closed' ? (seed.closed_at ?? seed.updated_at ?? createdAt) : null;
    const authorId = this.userId(seed.author ?? 'root', `${where}.author`);
    const iidHint = project.nextMergeRequestIid;
    const mr = this.store.addMergeRequest({
      projectId: project.id,
      title: seed.title,
      description: seed.description ?? null,
      state,
      createdAt,
      updatedAt: seed.updated_at ?? mergedAt ?? closedAt ?? createdAt,
      mergedAt,
      mergedById: mergedAt ? authorId : null,
      closedAt,
      closedById: closedAt ? authorId : null,
      sourceBranch: seed.source_branch ?? `${slug(seed.title)}-${iidHint}`,
      targetBranch: seed.target_branch ?? project.defaultBranch,
      authorId,
      assigneeIds: (seed.assignees ?? []).map((username, index) => this.userId(username, `${where}.assignees[${index}]`)),
      reviewerIds: (seed.reviewers ?? []).map((username, index) => this.userId(username, `${where}.reviewers[${index}]`)),
      labels: resolveLabels([], findOrCreateLabels(this.store, project, seed.labels ?? []), [], this.tier),
      milestoneId: this.milestoneId(project, seed.milestone, `${where}.milestone`),
      sha: objectId('mr', seed.title, createdAt),
      hasConflicts: seed.has_conflicts === true,
    });
    (seed.notes ?? []).forEach((note, index) => {
      const at = note.created_at ?? createdAt;
      this.store.addMergeRequestNote({
        mergeRequestId: mr.id,
        body: note.body,
        authorId: this.userId(note.author ?? 'root', `${where}.notes[${index}].author`),
        createdAt: at,
        updatedAt: at,
        system: false,
        internal: note.internal === true,
      });
    });
    const opened: EventableState = { state: 'opened', labels: mr.labels, milestoneId: mr.milestoneId };
    recordResourceEvents(
      this.store,
      project,
      'MergeRequest',
      undefined,
      { ...opened, id: mr.id, projectId: project.id },
      authorId,
      createdAt,
    );
    const doneAt = mergedAt ?? closedAt;
    if (doneAt) recordResourceEvents(this.store, project, 'MergeRequest', opened, mr, authorId, doneAt);
  }
}

function titleCase(slugText: string): string {
  return slugText
    .split(/[._-]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(' ');
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

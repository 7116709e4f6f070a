import {
  GroupMilestones,
  Groups,
  IssueLinks,
  IssueNotes,
  Issues,
  MergeRequests,
  ProjectMembers,
  ProjectMilestones,
  ProjectTemplates,
  Projects,
  Users,
} from '@gitbeaker/rest';
import { hasKey, keySearchTerm, withKeyMarker } from '../plan/idempotency.js';
import { statusOf, translateError } from './errors.js';
import type { Clock } from '../clock.js';
import { RatePacer } from './pacer.js';
import type {
  ConnectionStats,
  GitLab,
  GitLabReader,
  GitLabWriter,
  GroupRef,
  IssueQuery,
  LinkedIssue,
  MergeRequestQuery,
  MilestoneQuery,
  ProjectRef,
  Scope,
  TeamGroup,
  TeamIssue,
  TeamMergeRequest,
  TeamMilestone,
  TeamNote,
  TeamProject,
  TeamUser,
  UserStatus,
} from './port.js';
import { AmbiguousWriteError, createTransport, defaultRetryPolicy, type RetryPolicy } from './transport.js';

export interface GitLabConnectionOptions {
  host: string;
  token: string;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  /** --debug: one line per HTTP request (never headers, so never the token). */
  log?: (line: string) => void;
  /** Bounds one paginated read (all its pages and retries). */
  queryTimeoutMs?: number;
}

/* Raw GitLab JSON, as far as teamops reads it. */
type Raw = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : value == null ? '' : String(value));
const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
const username = (user: unknown): string => str((user as Raw | null)?.username);

function toUser(raw: Raw): TeamUser {
  return {
    id: num(raw.id),
    username: str(raw.username),
    name: str(raw.name),
    webUrl: str(raw.web_url),
    ...(typeof raw.is_admin === 'boolean' ? { isAdmin: raw.is_admin } : {}),
  };
}

function toMilestoneRef(raw: unknown): TeamIssue['milestone'] {
  if (!raw || typeof raw !== 'object') return null;
  const m = raw as Raw;
  return { id: num(m.id), iid: num(m.iid), title: str(m.title) };
}

function toIssue(raw: Raw): TeamIssue {
  const references = (raw.references ?? {}) as Raw;
  return {
    id: num(raw.id),
    iid: num(raw.iid),
    projectId: num(raw.project_id),
    title: str(raw.title),
    description: str(raw.description),
    state: raw.state === 'closed' ? 'closed' : 'opened',
    labels: Array.isArray(raw.labels) ? raw.labels.map((l) => (typeof l === 'string' ? l : str((l as Raw).name))) : [],
    assignees: Array.isArray(raw.assignees) ? raw.assignees.map(username) : [],
    author: username(raw.author),
    milestone: toMilestoneRef(raw.milestone),
    webUrl: str(raw.web_url),
    reference: str(references.full) || `#${str(raw.iid)}`,
    createdAt: str(raw.created_at),
    updatedAt: str(raw.updated_at),
    closedAt: strOrNull(raw.closed_at),
    dueDate: strOrNull(raw.due_date),
  };
}

function toMilestone(raw: Raw): TeamMilestone {
  return {
    id: num(raw.id),
    iid: num(raw.iid),
    title: str(raw.title),
    description: str(raw.description),
    state: raw.state === 'closed' ? 'closed' : 'active',
    startDate: strOrNull(raw.start_date),
    dueDate: strOrNull(raw.due_date),
    webUrl: str(raw.web_url),
    projectId: typeof raw.project_id === 'number' ? raw.project_id : null,
    groupId: typeof raw.group_id === 'number' ? raw.group_id : null,
  };
}

function toMergeRequest(raw: Raw): TeamMergeRequest {
  const references = (raw.references ?? {}) as Raw;
  const state = str(raw.state);
  return {
    id: num(raw.id),
    iid: num(raw.iid),
    projectId: num(raw.project_id),
    title: str(raw.title),
    state: state === 'merged' || state === 'closed' || state === 'locked' ? state : 'opened',
    labels: Array.isArray(raw.labels) ? raw.labels.map((l) => (typeof l === 'string' ? l : str((l as Raw).name))) : [],
    author: username(raw.author),
    assignees: Array.isArray(raw.assignees) ? raw.assignees.map(username) : [],
    milestone: toMilestoneRef(raw.milestone),
    webUrl: str(raw.web_url),
    reference: str(references.full) || `!${str(raw.iid)}`,
    createdAt: str(raw.created_at),
    updatedAt: str(raw.updated_at),
    mergedAt: strOrNull(raw.merged_at),
  };
}

function toNote(raw: Raw): TeamNote {
  return { id: num(raw.id), body: str(raw.body), author: username(raw.author), createdAt: str(raw.created_at), system: raw.system === true };
}

function toProject(raw: Raw): TeamProject {
  const permissions = (raw.permissions ?? {}) as Raw;
  const levels = [permissions.project_access, permissions.group_access]
    .map((a) => (a && typeof a === 'object' ? num((a as Raw).access_level) : 0))
    .filter((n) => Number.isFinite(n) && n > 0);
  return {
    id: num(raw.id),
    path: str(raw.path),
    pathWithNamespace: str(raw.path_with_namespace),
    name: str(raw.name),
    webUrl: str(raw.web_url),
    ...(levels.length > 0 ? { accessLevel: Math.max(...levels) } : {}),
  };
}

function toGroup(raw: Raw): TeamGroup {
  return { id: num(raw.id), fullPath: str(raw.full_path), name: str(raw.name), webUrl: str(raw.web_url) };
}

const list = (labels: string[] | undefined) => (labels && labels.length > 0 ? labels.join(',') : undefined);
const scopeIds = (scope: Scope) => (scope.kind === 'project' ? { projectId: scope.ref } : { groupId: scope.ref });
const describeScope = (scope: Scope) => `${scope.kind} ${scope.ref}`;

/** How many times a write whose outcome was unknown is looked up and tried again. */
const AMBIGUOUS_WRITE_ATTEMPTS = 4;

export function createGitLab(options: GitLabConnectionOptions): GitLab {
  const host = options.host.replace(/\/+$/, '');
  const pacer = new RatePacer(options.clock);
  const byMethod: Record<string, number> = {};
  let requests = 0;
  const requesterFn = createTransport({
    pacer,
    retry: { ...defaultRetryPolicy, ...options.retry },
    clock: options.clock,
    log: options.log,
    onRequest: (method) => {
      requests += 1;
      byMethod[method] = (byMethod[method] ?? 0) + 1;
    },
  });
  const config = { host, token: options.token, requesterFn, queryTimeout: options.queryTimeoutMs ?? 600_000, rateLimits: {} };
  const api = {
    users: new Users(config),
    projects: new Projects(config),
    groups: new Groups(config),
    issues: new Issues(config),
    links: new IssueLinks(config),
    notes: new IssueNotes(config),
    projectMilestones: new ProjectMilestones(config),
    groupMilestones: new GroupMilestones(config),
    mergeRequests: new MergeRequests(config),
    templates: new ProjectTemplates(config),
    projectMembers: new ProjectMembers(config),
  };

  async function call<T>(doing: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw translateError(error, doing, host);
    }
  }

  async function orNullOn404<T>(doing: string, fn: () => Promise<T>): Promise<T | null> {
    try {
      return await fn();
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw translateError(error, doing, host);
    }
  }

  /** Retries a POST whose outcome was unknown, asking `alreadyDone` first each time. */
  async function writeOnce<T>(doing: string, alreadyDone: () => Promise<T | null>, write: () => Promise<T>): Promise<{ value: T; created: boolean }> {
    let lastError: unknown;
    for (let attempt = 0; attempt < AMBIGUOUS_WRITE_ATTEMPTS; attempt += 1) {
      if (attempt > 0) {
        const existing = await call(doing, alreadyDone);
        if (existing !== null) return { value: existing, created: false };
      }
      try {
        return { value: await write(), created: true };
      } catch (error) {
        if (!(error instanceof AmbiguousWriteError)) throw translateError(error, doing, host);
        options.log?.(`${doing}: outcome unknown (${error.message}); checking before trying again`);
        lastError = error;
      }
    }
    throw translateError(lastError, doing, host);
  }

  const reader: GitLabReader = {
    currentUser: () => call('cannot read the current user', async () => toUser((await api.users.showCurrentUser()) as unknown as Raw)),

    findUser: (name) =>
      call(`cannot look up user ${name}`, async () => {
        const found = (await api.users.all({ username: name, perPage: 20, maxPages: 1 })) as unknown as Raw[];
        const match = found.find((u) => str(u.username).toLowerCase() === name.toLowerCase());
        return match ? toUser(match) : null;
      }),

    userStatus: (name) =>
      call(`cannot read the status of ${name}`, async () => {
        const raw = (await api.users.showStatus({ iDOrUsername: name })) as unknown as Raw;
        return {
          availability: raw.availability === 'busy' ? 'busy' : 'not_set',
          message: strOrNull(raw.message),
          clearStatusAt: strOrNull(raw.clear_status_at),
        } satisfies UserStatus;
      }),

    getProject: (ref) =>
      orNullOn404(`cannot read project ${ref}`, async () => toProject((await api.projects.show(ref)) as unknown as Raw)),

    getGroup: (ref: GroupRef) =>
      orNullOn404(`cannot read group ${ref}`, async () => toGroup((await api.groups.show(ref)) as unknown as Raw)),

    listIssues: (scope, query: IssueQuery = {}) =>
      call(`cannot list issues of ${describeScope(scope)}`, async () => {
        const raw = (await api.issues.all({
          ...scopeIds(scope),
          state: query.state ?? 'all',
          labels: list(query.labels),
          milestone: query.milestone,
          assigneeUsername: query.assigneeUsername ? [query.assigneeUsername] : undefined,
          search: query.search,
          in: query.search ? query.searchIn : undefined,
          createdAfter: query.createdAfter,
          createdBefore: query.createdBefore,
          updatedAfter: query.updatedAfter,
          // Project and group lists default to scope=all; /issues would default to created_by_me.
          scope: 'all',
          perPage: 100,
        } as never)) as unknown as Raw[];
        return raw.map(toIssue);
      }),

    findIssueByKey: (project, key, title) => findIssueByKey(project, key, title),

    listIssueLinks: (project, iid) =>
      call(`cannot list the links of issue #${iid} in ${project}`, async () => {
        const raw = (await api.links.all(project, iid)) as unknown as Raw[];
        return raw.map((r): LinkedIssue => ({ ...toIssue(r), linkId: num(r.issue_link_id), linkType: str(r.link_type) }));
      }),

    listNotes: (project, iid) =>
      call(`cannot list the comments of issue #${iid} in ${project}`, async () => {
        const raw = (await api.notes.all(project, iid, { perPage: 100, sort: 'asc' } as never)) as unknown as Raw[];
        return raw.map(toNote);
      }),

    listMilestones: (scope, query: MilestoneQuery = {}) =>
      call(`cannot list milestones of ${describeScope(scope)}`, async () => {
        const resource = scope.kind === 'project' ? api.projectMilestones : api.groupMilestones;
        const raw = (await resource.all(scope.ref, {
          includeAncestors: query.includeAncestors,
          perPage: 100,
        } as never)) as unknown as Raw[];
        return raw.map(toMilestone);
      }),

    listMergeRequests: (scope, query: MergeRequestQuery = {}) =>
      call(`cannot list merge requests of ${describeScope(scope)}`, async () => {
        const raw = (await api.mergeRequests.all({
          ...scopeIds(scope),
          state: query.state && query.state !== 'all' ? query.state : undefined,
          milestone: query.milestone,
          labels: list(query.labels),
          updatedAfter: query.updatedAfter,
          scope: 'all',
          perPage: 100,
        } as never)) as unknown as Raw[];
        return raw.map(toMergeRequest);
      }),

    getIssueTemplate: (project, name) =>
      orNullOn404(`cannot read issue template ${name} of ${project}`, async () => {
        const raw = (await api.templates.show(project, 'issues', name)) as unknown as Raw;
        return str(raw.content);
      }),

    listProjectMembers: (project) =>
      call(`cannot list the members of ${project}`, async () => {
        const raw = (await api.projectMembers.all(project, { includeInherited: true, perPage: 100 } as never)) as unknown as Raw[];
        return raw.map(toUser);
      }),
  };

  async function findIssueByKey(project: ProjectRef, key: string, title?: string): Promise<TeamIssue | null> {
    return call(`cannot search ${project} for ${key}`, async () => {
      const search = (text: string, where: 'title' | 'description') =>
        api.issues.all({ projectId: project, search: text, in: where, state: 'all', perPage: 100 } as never) as unknown as Promise<Raw[]>;
      // Most instances answer `search` with PostgreSQL full-text search, which matches words: the
      // title's words are sure to be indexed, the key inside an HTML comment less so. Both are asked.
      const found = await Promise.all([search(keySearchTerm(key), 'description'), ...(title ? [search(title, 'title')] : [])]);
      // Search matches loosely (`…/o1` also finds `…/o10`); keep the exact key.
      return found.flat().map(toIssue).find((issue) => hasKey(issue.description, key)) ?? null;
    });
  }

  const writer: GitLabWriter = {
    createIssue: async (project, issue, key) => {
      const description = hasKey(issue.description, key) ? issue.description : withKeyMarker(issue.description, key);
      const { value, created } = await writeOnce(
        `cannot create issue "${issue.title}" in ${project}`,
        () => findIssueByKey(project, key, issue.title),
        async () =>
          toIssue(
            (await api.issues.create(project, issue.title, {
              description,
              labels: list(issue.labels),
              assigneeIds: issue.assigneeIds,
            })) as unknown as Raw,
          ),
      );
      return { issue: value, created };
    },

    updateIssue: (project, iid, change) =>
      call(`cannot update issue #${iid} in ${project}`, async () =>
        toIssue(
          (await api.issues.edit(project, iid, {
            description: change.description,
            addLabels: list(change.addLabels),
            milestoneId: change.milestoneId,
            stateEvent: change.stateEvent,
          } as never)) as unknown as Raw,
        ),
      ),

    linkIssues: async (project, iid, target) => {
      const doing = `cannot link issue #${iid} in ${project} to #${target.iid} in ${target.project}`;
      for (let attempt = 0; attempt < AMBIGUOUS_WRITE_ATTEMPTS; attempt += 1) {
        try {
          await api.links.create(project, iid, target.project, target.iid);
          return 'linked';
        } catch (error) {
          // GitLab answers 409 "Issue(s) already assigned" for a link that exists in either direction.
          if (statusOf(error) === 409) return 'already-linked';
          if (!(error instanceof AmbiguousWriteError) || attempt === AMBIGUOUS_WRITE_ATTEMPTS - 1) throw translateError(error, doing, host);
        }
      }
      throw translateError(new Error('unreachable'), doing, host);
    },

    createNote: async (project, iid, body, key) => {
      const text = hasKey(body, key) ? body : withKeyMarker(body, key);
      const { value, created } = await writeOnce(
        `cannot comment on issue #${iid} in ${project}`,
        async () => (await reader.listNotes(project, iid)).find((note) => hasKey(note.body, key)) ?? null,
        async () => toNote((await api.notes.create(project, iid, text)) as unknown as Raw),
      );
      return { note: value, created };
    },

    closeMilestone: (scope, milestoneId) =>
      call(`cannot close milestone ${milestoneId} of ${describeScope(scope)}`, async () => {
        const resource = scope.kind === 'project' ? api.projectMilestones : api.groupMilestones;
        return toMilestone((await resource.edit(scope.ref, milestoneId, { stateEvent: 'close' } as never)) as unknown as Raw);
      }),

    updateMergeRequest: (project, iid, change) =>
      call(`cannot update merge request !${iid} in ${project}`, async () =>
        toMergeRequest(
          (await api.mergeRequests.edit(project, iid, {
            addLabels: list(change.addLabels),
            milestoneId: change.milestoneId,
          } as never)) as unknown as Raw,
        ),
      ),
  };

  return {
    reader,
    writer,
    stats: (): ConnectionStats => ({ requests, byMethod: { ...byMethod }, rateLimitWaitMs: pacer.waitedMs }),
  };
}

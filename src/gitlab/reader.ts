import type { AllMilestonesOptions } from '@gitbeaker/core';
import type { Connection } from './gitbeaker-adapter.js';
import { keyOwners, keySearchTerm } from './keys.js';
import { allPages } from './pages.js';
import {
  toGroup,
  toIssue,
  toMember,
  toMergeRequest,
  toMilestone,
  toMilestoneEvent,
  toNote,
  toProject,
  toUser,
  toUserStatus,
} from './mappers.js';
import { GraphqlError } from './graphql.js';
import { AmbiguousWriteError } from './transport.js';
import type {
  BulkParent,
  GitLabReader,
  IssueQuery,
  KeyedIssue,
  MergeRequestQuery,
  MilestoneQuery,
  Scope,
  TeamIssue,
  TeamNote,
  TeamUser,
} from './port.js';

/** GitLab takes a list of labels as one comma-separated parameter. */
export const list = (labels: string[] | undefined) => (labels && labels.length > 0 ? labels.join(',') : undefined);
const scopeIds = (scope: Scope) => (scope.kind === 'project' ? { projectId: scope.ref } : { groupId: scope.ref });
export const describeScope = (scope: Scope) => `${scope.kind} ${scope.ref}`;

/**
 * GitLab 16.7 renamed the milestone lists' `include_parent_milestones` to `include_ancestors` and
 * deprecated the old name; gitbeaker 43.8's AllMilestonesOptions knows only the old one. gitbeaker
 * sends every option it is given as a query parameter, so the new name is added to its type here.
 */
type MilestoneListOptions = AllMilestonesOptions & { includeAncestors?: boolean; perPage: number };

const hasKey = (issue: TeamIssue): issue is KeyedIssue => issue.key !== null;

/** The port's query, and the description search that only key lookups use. */
type IssueSearch = IssueQuery & { descriptionSearch?: string };

/** `gid://gitlab/Project/1`: GraphQL names objects by global ID. */
export const globalId = (model: string, id: number) => `gid://gitlab/${model}/${id}`;
export const parentGlobalId = (parent: BulkParent) => globalId(parent.kind === 'project' ? 'Project' : 'Group', parent.id);

const PROBE_ATTEMPTS = 3;

export const BULK_UPDATE = /* GraphQL */ `
  mutation TeamopsBulkUpdate($input: IssuesBulkUpdateInput!) {
    issuesBulkUpdate(input: $input) {
      updatedIssueCount
      errors
    }
  }
`;

/**
 * `trustedAuthors`: besides the token's own user, whose issues and comments may carry a key
 * (`keys.trusted_authors`: the user of an earlier token, such as a rotated project access token's bot).
 */
export function createReader({ api, call, orNullOn404, graphql, fail }: Connection, trustedAuthors: readonly string[] = []): GitLabReader {
  let me: Promise<TeamUser> | undefined;
  const currentUser = () => (me ??= call('cannot read the current user', async () => toUser(await api.users.showCurrentUser())));

  /**
   * A key counts only on what teamops wrote (issues and comments by the token's user, or a trusted
   * one), or on what the person the key belongs to wrote (keys.ts, `keyOwners`: an author's own
   * update, an assignee's check-in). Anyone who can open an issue could otherwise claim a ritual's
   * key and make teamops skip, hand over to or close the wrong issue. `on`: the issue the comments
   * are on, when they are comments.
   */
  async function vouched<T extends TeamIssue | TeamNote>(items: T[], on?: { assignees: readonly string[] }): Promise<T[]> {
    if (!items.some((item) => item.key !== null)) return items;
    const trusted = new Set([(await currentUser()).username, ...trustedAuthors].map((name) => name.toLowerCase()));
    const mayCarry = (item: T, key: string) =>
      trusted.has(item.author.toLowerCase()) || keyOwners(key, on).some((owner) => owner.toLowerCase() === item.author.toLowerCase());
    return items.map((item) => (item.key !== null && !mayCarry(item, item.key) ? { ...item, key: null } : item));
  }

  async function issues(scope: Scope, query: IssueSearch): Promise<TeamIssue[]> {
    // A command asks for a title search, a key lookup for a description search; never both.
    const search = query.titleSearch ?? query.descriptionSearch;
    const raw = await allPages((page) =>
      api.issues.all({
        ...scopeIds(scope),
        state: query.state ?? 'all',
        labels: list(query.labels),
        milestone: query.milestone,
        assigneeUsername: query.assigneeUsername ? [query.assigneeUsername] : undefined,
        // GitLab takes `assignee_id=None` for unassigned issues; gitbeaker's type allows only numbers.
        assigneeId: query.unassigned ? ('None' as unknown as number) : undefined,
        search,
        in: search === undefined ? undefined : query.titleSearch ? 'title' : 'description',
        createdAfter: query.createdAfter,
        createdBefore: query.createdBefore,
        updatedAfter: query.updatedAfter,
        // Project and group lists default to scope=all; /issues would default to created_by_me.
        scope: 'all',
        perPage: 100,
        page,
        maxPages: 1,
        showExpanded: true,
      }),
    );
    return vouched(raw.map(toIssue));
  }

  /** Issues whose key starts with `prefix`: by description search, and among the issues `also` names. */
  async function issuesByKeyPrefix(scope: Scope, prefix: string, also: { labels?: string[]; title?: string } = {}): Promise<KeyedIssue[]> {
    // Most instances answer `search` with PostgreSQL full-text search, which matches words: a
    // title's words and labels are sure to be found, the key inside an HTML comment less so.
    const found = await Promise.all([
      issues(scope, { descriptionSearch: keySearchTerm(prefix) }),
      ...(also.title ? [issues(scope, { titleSearch: also.title })] : []),
      ...(also.labels && also.labels.length > 0 ? [issues(scope, { labels: also.labels })] : []),
    ]);
    const byId = new Map(found.flat().map((issue) => [issue.id, issue]));
    // Search matches loosely (`…/o1` also finds `…/o10`, or a key merely mentioned); keep the prefix.
    return [...byId.values()]
      .filter(hasKey)
      .filter((issue) => issue.key.startsWith(prefix))
      .sort((a, b) => a.id - b.id);
  }

  return {
    currentUser,

    findUser: (name) =>
      call(`cannot look up user ${name}`, async () => {
        const found = await api.users.all({ username: name, perPage: 20, maxPages: 1 });
        const match = found.find((user) => user.username.toLowerCase() === name.toLowerCase());
        return match ? toUser(match) : null;
      }),

    userStatus: (name) =>
      call(`cannot read the status of ${name}`, async () => toUserStatus(await api.users.showStatus({ iDOrUsername: name }))),

    // GET /users/:id (doc/api/users.md, "Get a single user"): the public profile, job_title included;
    // the users list (findUser) leaves it out for anyone but an administrator.
    userJobTitle: (userId) =>
      call(`cannot read the profile of user ${userId}`, async () => {
        const user = (await api.users.show(userId)) as { job_title?: string | null };
        return user.job_title ?? '';
      }),

    getProject: (ref) => orNullOn404(`cannot read project ${ref}`, async () => toProject(await api.projects.show(ref))),

    getGroup: (ref) => orNullOn404(`cannot read group ${ref}`, async () => toGroup(await api.groups.show(ref))),

    getIssue: (project, iid) =>
      orNullOn404(`cannot read issue #${iid} of ${project}`, async () => toIssue(await api.issues.show(iid, { projectId: project }))),

    listIssues: (scope, query = {}) => call(`cannot list issues of ${describeScope(scope)}`, () => issues(scope, query)),

    findIssueByKey: (project, key, title) =>
      call(`cannot search ${project} for ${key}`, async () => {
        const found = await issuesByKeyPrefix({ kind: 'project', ref: project }, key, { title });
        return found.find((issue) => issue.key === key) ?? null;
      }),

    listIssuesByKeyPrefix: (scope, prefix, also) =>
      call(`cannot search ${describeScope(scope)} for ${prefix}`, () => issuesByKeyPrefix(scope, prefix, also)),

    listIssueLinks: (project, iid) =>
      call(`cannot list the links of issue #${iid} in ${project}`, async () => vouched((await api.links.all(project, iid)).map(toIssue))),

    listNotes: (project, iid, on) =>
      call(`cannot list the comments of issue #${iid} in ${project}`, async () =>
        vouched((await api.notes.all(project, iid, { perPage: 100, sort: 'asc' })).map(toNote), on),
      ),

    listMilestoneEvents: (project, kind, iid) =>
      orNullOn404(`cannot list the milestone history of ${kind === 'issue' ? '#' : '!'}${iid} in ${project}`, async () => {
        const events = kind === 'issue' ? api.issueMilestoneEvents : api.mergeRequestMilestoneEvents;
        return (await events.all(project, iid, { perPage: 100 })).map(toMilestoneEvent);
      }),

    listMilestones: (scope, query: MilestoneQuery = {}) =>
      call(`cannot list milestones of ${describeScope(scope)}`, async () => {
        const options: MilestoneListOptions = { includeAncestors: query.includeAncestors, perPage: 100 };
        const raw =
          scope.kind === 'project'
            ? await api.projectMilestones.all(scope.ref, options)
            : await api.groupMilestones.all(scope.ref, options);
        return raw.map(toMilestone);
      }),

    listMergeRequests: (scope, query: MergeRequestQuery = {}) =>
      call(`cannot list merge requests of ${describeScope(scope)}`, async () => {
        const raw = await allPages((page) =>
          api.mergeRequests.all({
            ...scopeIds(scope),
            state: query.state && query.state !== 'all' ? query.state : undefined,
            milestone: query.milestone,
            labels: list(query.labels),
            updatedAfter: query.updatedAfter,
            authorUsername: query.authorUsername,
            reviewerUsername: query.reviewerUsername,
            scope: 'all',
            perPage: 100,
            page,
            maxPages: 1,
            showExpanded: true,
          }),
        );
        return raw.map(toMergeRequest);
      }),

    getIssueTemplate: (project, name) =>
      orNullOn404(
        `cannot read issue template ${name} of ${project}`,
        async () => (await api.templates.show(project, 'issues', name)).content,
      ),

    listProjectMembers: (project) =>
      call(`cannot list the members of ${project}`, async () =>
        (await api.projectMembers.all(project, { includeInherited: true, perPage: 100 })).map(toUser),
      ),

    // GET /groups/:id/members/all (doc/api/members.md): direct and inherited members, each once, at their highest level.
    findLabel: (scope, name) =>
      orNullOn404(`cannot look up label ${name} in ${describeScope(scope)}`, async () => {
        const label =
          scope.kind === 'project'
            ? await api.projectLabels.show(scope.ref, name, { includeAncestorGroups: true })
            : await api.groupLabels.show(scope.ref, name, { includeAncestorGroups: true });
        // GitLab's find_label takes an id or a title; a label called "42" must not be confused with label 42.
        return label.name === name ? { id: label.id, name: label.name } : null;
      }),

    probeBulkUpdate: async (parent) => {
      // The probe changes nothing (no issue IDs), so a response lost on the way back is simply asked again.
      for (let attempt = 1; ; attempt += 1) {
        try {
          await graphql(BULK_UPDATE, { input: { parentId: parentGlobalId(parent), ids: [] } });
          return { usable: true };
        } catch (error) {
          // GitLab says why in the error: "`bulk_update_issues_mutation` feature flag is disabled.", "Field
          // 'issuesBulkUpdate' doesn't exist on type 'Mutation'" (before 15.9), or no access to a group parent on Free.
          if (error instanceof GraphqlError) return { usable: false, reason: error.message };
          if (error instanceof AmbiguousWriteError && attempt < PROBE_ATTEMPTS) continue;
          // An instance without GraphQL, a proxy that does not pass it, or a GitLab that keeps failing: REST still works.
          return { usable: false, reason: fail(error, 'POST /api/graphql failed').message };
        }
      }
    },

    listGroupMembers: (group) =>
      call(`cannot list the members of group ${group}`, async () =>
        (await api.groupMembers.all(group, { includeInherited: true, perPage: 100 })).map(toMember),
      ),
  };
}

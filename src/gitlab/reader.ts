import type { AllMilestonesOptions } from '@gitbeaker/core';
import type { Connection } from './gitbeaker-adapter.js';
import { keySearchTerm } from './keys.js';
import { toGroup, toIssue, toLinkedIssue, toMergeRequest, toMilestone, toNote, toProject, toUser, toUserStatus } from './mappers.js';
import type { GitLabReader, IssueQuery, MergeRequestQuery, MilestoneQuery, ProjectRef, Scope, TeamIssue } from './port.js';

const list = (labels: string[] | undefined) => (labels && labels.length > 0 ? labels.join(',') : undefined);
const scopeIds = (scope: Scope) => (scope.kind === 'project' ? { projectId: scope.ref } : { groupId: scope.ref });
export const describeScope = (scope: Scope) => `${scope.kind} ${scope.ref}`;

/**
 * GitLab 16.7 renamed the milestone lists' `include_parent_milestones` to `include_ancestors` and
 * deprecated the old name; gitbeaker 43.8's AllMilestonesOptions knows only the old one. gitbeaker
 * sends every option it is given as a query parameter, so the new name is added to its type here.
 */
type MilestoneListOptions = AllMilestonesOptions & { includeAncestors?: boolean; perPage: number };

export function createReader({ api, call, orNullOn404 }: Connection): GitLabReader {
  async function findIssueByKey(project: ProjectRef, key: string, title?: string): Promise<TeamIssue | null> {
    return call(`cannot search ${project} for ${key}`, async () => {
      const search = (text: string, where: 'title' | 'description') => api.issues.all({ projectId: project, search: text, in: where, state: 'all', perPage: 100 });
      // Most instances answer `search` with PostgreSQL full-text search, which matches words: the
      // title's words are sure to be indexed, the key inside an HTML comment less so. Both are asked.
      const found = await Promise.all([search(keySearchTerm(key), 'description'), ...(title ? [search(title, 'title')] : [])]);
      // Search matches loosely (`…/o1` also finds `…/o10`); keep the exact key.
      return found.flat().map(toIssue).find((issue) => issue.key === key) ?? null;
    });
  }

  return {
    currentUser: () => call('cannot read the current user', async () => toUser(await api.users.showCurrentUser())),

    findUser: (name) =>
      call(`cannot look up user ${name}`, async () => {
        const found = await api.users.all({ username: name, perPage: 20, maxPages: 1 });
        const match = found.find((user) => user.username.toLowerCase() === name.toLowerCase());
        return match ? toUser(match) : null;
      }),

    userStatus: (name) => call(`cannot read the status of ${name}`, async () => toUserStatus(await api.users.showStatus({ iDOrUsername: name }))),

    getProject: (ref) => orNullOn404(`cannot read project ${ref}`, async () => toProject(await api.projects.show(ref))),

    getGroup: (ref) => orNullOn404(`cannot read group ${ref}`, async () => toGroup(await api.groups.show(ref))),

    listIssues: (scope, query: IssueQuery = {}) =>
      call(`cannot list issues of ${describeScope(scope)}`, async () => {
        const raw = await api.issues.all({
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
        });
        return raw.map(toIssue);
      }),

    findIssueByKey,

    listIssueLinks: (project, iid) =>
      call(`cannot list the links of issue #${iid} in ${project}`, async () => (await api.links.all(project, iid)).map(toLinkedIssue)),

    listNotes: (project, iid) =>
      call(`cannot list the comments of issue #${iid} in ${project}`, async () => (await api.notes.all(project, iid, { perPage: 100, sort: 'asc' })).map(toNote)),

    listMilestones: (scope, query: MilestoneQuery = {}) =>
      call(`cannot list milestones of ${describeScope(scope)}`, async () => {
        const options: MilestoneListOptions = { includeAncestors: query.includeAncestors, perPage: 100 };
        const raw = scope.kind === 'project' ? await api.projectMilestones.all(scope.ref, options) : await api.groupMilestones.all(scope.ref, options);
        return raw.map(toMilestone);
      }),

    listMergeRequests: (scope, query: MergeRequestQuery = {}) =>
      call(`cannot list merge requests of ${describeScope(scope)}`, async () => {
        const raw = await api.mergeRequests.all({
          ...scopeIds(scope),
          state: query.state && query.state !== 'all' ? query.state : undefined,
          milestone: query.milestone,
          labels: list(query.labels),
          updatedAfter: query.updatedAfter,
          scope: 'all',
          perPage: 100,
        });
        return raw.map(toMergeRequest);
      }),

    getIssueTemplate: (project, name) =>
      orNullOn404(`cannot read issue template ${name} of ${project}`, async () => (await api.templates.show(project, 'issues', name)).content),

    listProjectMembers: (project) =>
      call(`cannot list the members of ${project}`, async () => (await api.projectMembers.all(project, { includeInherited: true, perPage: 100 })).map(toUser)),
  };
}

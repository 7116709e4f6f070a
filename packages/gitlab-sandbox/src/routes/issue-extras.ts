import { canReadProject } from '../access.js';
import type { Handler, Reply, RequestContext } from '../context.js';
import { unauthorized } from '../errors.js';
import { IssueOrderCache, listIssues, parseIssueList, type IssueListKind } from '../issue-filters.js';
import { paginate } from '../pagination.js';
import type { ProjectRecord } from '../records.js';
import type { Router } from '../router.js';
import type { Store } from '../store.js';
import { findGroup, findIssue, findProject } from './lookup.js';
import { closedIssueIids } from './merge-requests.js';

// lib/api/issues.rb: `issues_statistics` (the issue lists' filters, counted by state) and
// `closed_by` (the merge requests that close an issue when merged).

export function registerIssueExtraRoutes(router: Router<Handler>): void {
  const caches = new WeakMap<Store, IssueOrderCache>();
  const cacheFor = (store: Store): IssueOrderCache => {
    let cache = caches.get(store);
    if (!cache) {
      cache = new IssueOrderCache(store);
      caches.set(store, cache);
    }
    return cache;
  };
  router.add('GET', '/issues_statistics', (ctx) => {
    // `authenticate! unless params[:scope] == 'all'`, as for GET /issues.
    if (!ctx.user && ctx.params['scope'] !== 'all') throw unauthorized();
    return statistics(ctx, cacheFor(ctx.store), [...ctx.store.projects.values()], 'global');
  });
  router.add('GET', '/groups/:id/issues_statistics', (ctx) => {
    const group = findGroup(ctx);
    const projects = ctx.store.projectsInGroups(new Set(ctx.store.groupAndDescendants(group).map((g) => g.id)));
    return statistics(ctx, cacheFor(ctx.store), projects, 'group');
  });
  router.add('GET', '/projects/:id/issues_statistics', (ctx) => statistics(ctx, cacheFor(ctx.store), [findProject(ctx)], 'project'));
  router.add('GET', '/projects/:id/issues/:issue_iid/closed_by', closedBy);
}

/** `{"statistics":{"counts":{"all","closed","opened"}}}` for the issues the same filters list. */
function statistics(ctx: RequestContext, cache: IssueOrderCache, projects: readonly ProjectRecord[], kind: IssueListKind): Reply {
  const request = parseIssueList(ctx.store, { ...ctx.params, state: 'all' }, ctx.user, kind);
  const issues = listIssues(ctx.store, cache, projects, ctx.user, request);
  let opened = 0;
  for (const issue of issues) if (issue.state === 'opened') opened += 1;
  return { status: 200, json: { statistics: { counts: { all: issues.length, closed: issues.length - opened, opened } } } };
}

/** MergeRequestsClosingIssues: open or merged merge requests into the default branch whose description closes the issue. */
function closedBy(ctx: RequestContext): Reply {
  const project = findProject(ctx);
  const issue = findIssue(ctx, project);
  const closing = canReadProject(ctx.store, ctx.user, project)
    ? ctx.store
        .projectMergeRequests(project.id)
        .filter(
          (mr) =>
            (mr.state === 'opened' || mr.state === 'merged') &&
            mr.targetBranch === project.defaultBranch &&
            closedIssueIids(mr).includes(issue.iid),
        )
    : [];
  return paginate(ctx, closing, (mr) => ctx.present.mergeRequest(mr));
}

import { canReadGroup, canReadIssue, canReadProject } from '../access.js';
import type { RequestContext } from '../context.js';
import { notFound, paramError, recordNotFound, unauthorized } from '../errors.js';
import type { GroupRecord, IssueRecord, ProjectRecord, UserRecord } from '../records.js';

// The `find_*` helpers of lib/api/helpers.rb. Every /projects/:id/... and /groups/:id/... route
// resolves its parent first, so a bad parent is a Project or Group 404 before any other check.

export function requireUser(ctx: RequestContext): UserRecord {
  if (!ctx.user) throw unauthorized();
  return ctx.user;
}

/** `find_project!`: numeric id, or a full path (only looked up when it contains a slash). */
export function findProject(ctx: RequestContext, id: string = ctx.pathParams['id'] ?? ''): ProjectRecord {
  let project: ProjectRecord | undefined;
  if (/^\d+$/.test(id)) project = ctx.store.projects.get(Number(id));
  else if (id.includes('/')) {
    const found = ctx.store.findByFullPath(id);
    project = found?.kind === 'project' ? ctx.store.projects.get(found.id) : undefined;
  }
  if (!project || !canReadProject(ctx.store, ctx.user, project)) throw notFound('Project');
  return project;
}

/** `find_group!`: numeric id or full path. */
export function findGroup(ctx: RequestContext, id: string = ctx.pathParams['id'] ?? ''): GroupRecord {
  let group: GroupRecord | undefined;
  if (/^\d+$/.test(id)) group = ctx.store.groups.get(Number(id));
  else {
    const found = ctx.store.findByFullPath(id);
    group = found?.kind === 'group' ? ctx.store.groups.get(found.id) : undefined;
  }
  if (!group || !canReadGroup(ctx.store, ctx.user, group)) throw notFound('Group');
  return group;
}

/** `find_project_issue`: a missing iid raises RecordNotFound, i.e. "404 Not found". */
export function findIssue(ctx: RequestContext, project: ProjectRecord): IssueRecord {
  const issue = ctx.store.issueByIid(project.id, integerPathParam(ctx, 'issue_iid'));
  if (!issue || !canReadIssue(ctx.store, ctx.user, project, issue)) throw recordNotFound();
  return issue;
}

/** `find_noteable` for the notes API answers "404 Issue Not Found". */
export function findNoteableIssue(ctx: RequestContext, project: ProjectRecord, param = 'issue_iid'): IssueRecord {
  const issue = ctx.store.issueByIid(project.id, integerPathParam(ctx, param));
  if (!issue || !canReadIssue(ctx.store, ctx.user, project, issue)) throw notFound('Issue');
  return issue;
}

/** Grape validates integer path parameters (`requires :issue_iid, type: Integer`) before the handler runs. */
export function integerPathParam(ctx: RequestContext, name: string): number {
  const text = ctx.pathParams[name] ?? '';
  if (!/^\d+$/.test(text)) throw paramError([`${name} is invalid`]);
  return Number(text);
}

import { canReadIssue, canUpdateIssue } from '../access.js';
import { created, issueScopedWrite, ok, type Handler, type Reply, type RequestContext } from '../context.js';
import type { Json } from '../entities.js';
import { apiError, conflict, forbidden, paramError, recordNotFound } from '../errors.js';
import { declare } from '../params.js';
import type { IssueLinkRecord, IssueRecord, ProjectRecord } from '../records.js';
import type { Router } from '../router.js';
import { findIssue, findProject, integerPathParam, requireUser } from './lookup.js';

// lib/api/issue_links.rb and IssueLinks::CreateService. Links are symmetric; `is_blocked_by` is
// stored as `blocks` with the ends swapped.

export function registerIssueLinkRoutes(router: Router<Handler>): void {
  router.add('GET', '/projects/:id/issues/:issue_iid/links', listLinks);
  router.add('POST', '/projects/:id/issues/:issue_iid/links', issueScopedWrite(createLink));
  router.add('GET', '/projects/:id/issues/:issue_iid/links/:issue_link_id', getLink);
  router.add('DELETE', '/projects/:id/issues/:issue_iid/links/:issue_link_id', issueScopedWrite(deleteLink));
}

/** Not paginated; ordered by link creation; issues the caller cannot see are left out. */
function listLinks(ctx: RequestContext): Reply {
  requireUser(ctx);
  const project = findProject(ctx);
  const issue = findIssue(ctx, project);
  const related: Json[] = [];
  const links = [...ctx.store.issueLinks(issue.id)].sort((a, b) => a.id - b.id);
  for (const link of links) {
    const otherId = link.sourceIssueId === issue.id ? link.targetIssueId : link.sourceIssueId;
    const other = ctx.store.issues.get(otherId);
    const otherProject = other ? ctx.store.projects.get(other.projectId) : undefined;
    if (!other || !otherProject || !canReadIssue(ctx.store, ctx.user, otherProject, other)) continue;
    related.push(ctx.present.relatedIssue(other, link, issue));
  }
  return ok(related);
}

function createLink(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const params = declare(ctx.params, {
    target_project_id: { type: 'string', required: true },
    target_issue_iid: { type: 'string', required: true },
    link_type: {
      type: 'string',
      values: ctx.tier === 'premium' ? ['relates_to', 'blocks', 'is_blocked_by'] : ['relates_to'],
      default: 'relates_to',
    },
  });
  if (!/^\d+$/.test(params.target_issue_iid)) throw paramError(['target_issue_iid is invalid']);
  const project = findProject(ctx);
  const source = findIssue(ctx, project);
  if (!canUpdateIssue(ctx.store, user, project, source)) throw forbidden();

  const targetProject = findProject(ctx, params.target_project_id);
  const target = ctx.store.issueByIid(targetProject.id, Number(params.target_issue_iid));
  if (!target || !canReadIssue(ctx.store, user, targetProject, target)) throw recordNotFound();
  if (!canUpdateIssue(ctx.store, user, targetProject, target)) {
    throw apiError(403, 'Could not link issues. You must be a member of the project or group of both issues.');
  }
  if (target.id === source.id) throw apiError(422, `#${source.iid} cannot be added: cannot be related to itself`);
  const existing = ctx.store.issueLinks(source.id).some((link) => link.sourceIssueId === target.id || link.targetIssueId === target.id);
  if (existing) throw conflict('Issue(s) already assigned');

  const now = ctx.store.timestamp();
  const [from, to] = params.link_type === 'is_blocked_by' ? [target, source] : [source, target];
  const link = ctx.store.addLink({
    sourceIssueId: from.id,
    targetIssueId: to.id,
    linkType: params.link_type === 'relates_to' ? 'relates_to' : 'blocks',
    createdAt: now,
    updatedAt: now,
  });
  writeLinkNotes(ctx, source, target, project, targetProject, user.id, now);
  return created(ctx.present.issueLink(link));
}

/** SystemNoteService.relate_issuable: a note on both sides. */
function writeLinkNotes(
  ctx: RequestContext,
  source: IssueRecord,
  target: IssueRecord,
  sourceProject: ProjectRecord,
  targetProject: ProjectRecord,
  authorId: number,
  at: string,
): void {
  const reference = (issue: IssueRecord, issueProject: ProjectRecord, from: ProjectRecord) =>
    issueProject.id === from.id ? `#${issue.iid}` : `${ctx.store.projectFullPath(issueProject)}#${issue.iid}`;
  const note = (issueId: number, body: string) =>
    ctx.store.addNote({ issueId, body, authorId, createdAt: at, updatedAt: at, system: true, internal: false });
  note(source.id, `marked this issue as related to ${reference(target, targetProject, sourceProject)}`);
  note(target.id, `marked this issue as related to ${reference(source, sourceProject, targetProject)}`);
}

function findLink(ctx: RequestContext, issue: IssueRecord): IssueLinkRecord {
  const id = integerPathParam(ctx, 'issue_link_id');
  const link = ctx.store.links.get(id);
  if (!link || (link.sourceIssueId !== issue.id && link.targetIssueId !== issue.id)) throw recordNotFound();
  return link;
}

function getLink(ctx: RequestContext): Reply {
  requireUser(ctx);
  const project = findProject(ctx);
  const issue = findIssue(ctx, project);
  return ok(ctx.present.issueLink(findLink(ctx, issue)));
}

function deleteLink(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const project = findProject(ctx);
  const issue = findIssue(ctx, project);
  const link = findLink(ctx, issue);
  if (!canUpdateIssue(ctx.store, user, project, issue)) throw forbidden();
  const body = ctx.present.issueLink(link);
  ctx.store.removeLink(link);
  return ok(body);
}

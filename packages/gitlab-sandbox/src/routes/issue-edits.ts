import { canAdminNote, canReadIssue, projectAccessLevel } from '../access.js';
import { ok, type Handler, type Reply, type RequestContext } from '../context.js';
import { badRequest, forbidden, notFound, rubyInspect } from '../errors.js';
import { declare } from '../params.js';
import { AccessLevel, type IssueRecord, type NoteRecord, type ProjectRecord } from '../records.js';
import type { Router } from '../router.js';
import { findNoteableIssue, findProject, integerPathParam, requireUser } from './lookup.js';

// Deleting issues (lib/api/issues.rb), and editing and deleting their notes (lib/api/notes.rb,
// lib/api/helpers/notes_helpers.rb): what a rehearsal needs to leave the organisation as it found it.

const NOTE_MAX = 1_000_000;

export function registerIssueEditRoutes(router: Router<Handler>): void {
  router.add('DELETE', '/projects/:id/issues/:issue_iid', deleteIssue);
  router.add('PUT', '/projects/:id/issues/:issue_iid/notes/:note_id', updateNote);
  router.add('DELETE', '/projects/:id/issues/:issue_iid/notes/:note_id', deleteNote);
}

export const noContent = (): Reply => ({ status: 204 });

/** `authorize!(:destroy_issue, issue)`: project owners (direct or through a group) and administrators. */
function deleteIssue(ctx: RequestContext): Reply {
  const project = findProject(ctx);
  const user = requireUser(ctx);
  const issue = ctx.store.issueByIid(project.id, integerPathParam(ctx, 'issue_iid'));
  if (!issue || !canReadIssue(ctx.store, user, project, issue)) throw notFound('Issue');
  if (projectAccessLevel(ctx.store, user, project) < AccessLevel.owner) throw forbidden();
  ctx.store.removeIssue(issue);
  return noContent();
}

function findNote(ctx: RequestContext, issue: IssueRecord): NoteRecord {
  const note = ctx.store.notes.get(integerPathParam(ctx, 'note_id'));
  if (!note || note.issueId !== issue.id) throw notFound('Note');
  return note;
}

function assertCanAdminNote(ctx: RequestContext, project: ProjectRecord, note: NoteRecord): void {
  if (!canAdminNote(ctx.store, requireUser(ctx), project, note)) throw forbidden();
}

function updateNote(ctx: RequestContext): Reply {
  requireUser(ctx);
  const params = declare(ctx.params, { body: { type: 'string' }, confidential: { type: 'boolean' } });
  const project = findProject(ctx);
  const issue = findNoteableIssue(ctx, project);
  const note = findNote(ctx, issue);
  assertCanAdminNote(ctx, project, note);
  if (params.body !== undefined && params.body !== null) {
    // notes_helpers#update_note: `bad_request!("Failed to save note #{note.errors.messages}")`.
    if (params.body.trim() === '') throw badRequest(`Failed to save note ${rubyInspect({ note: ["can't be blank"] })}`);
    if (params.body.length > NOTE_MAX)
      throw badRequest(`Failed to save note ${rubyInspect({ note: [`is too long (maximum is ${NOTE_MAX} characters)`] })}`);
    note.body = params.body;
    note.updatedAt = ctx.store.timestamp();
  }
  ctx.store.issueChanged(issue);
  ctx.store.entitiesChanged();
  return ok(ctx.present.note(note, issue));
}

function deleteNote(ctx: RequestContext): Reply {
  requireUser(ctx);
  const project = findProject(ctx);
  const issue = findNoteableIssue(ctx, project);
  const note = findNote(ctx, issue);
  assertCanAdminNote(ctx, project, note);
  ctx.store.removeNote(note);
  return noContent();
}

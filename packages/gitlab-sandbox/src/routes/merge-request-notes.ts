import { canAdminNote, projectAccessLevel } from '../access.js';
import { created, ok, type Handler, type Reply, type RequestContext } from '../context.js';
import { badRequest, forbidden, notFound, rubyInspect } from '../errors.js';
import { paginate } from '../pagination.js';
import { declare } from '../params.js';
import { AccessLevel, type MergeRequestNoteRecord, type MergeRequestRecord, type ProjectRecord, type UserRecord } from '../records.js';
import type { Router } from '../router.js';
import { findProject, integerPathParam, requireUser } from './lookup.js';

// lib/api/notes.rb for merge requests: the same list, get, create and edit as for issues, on the
// merge request's comments. `find_noteable` answers "404 MergeRequest Not Found".

const BODY_MAX = 1_000_000;

export function registerMergeRequestNoteRoutes(router: Router<Handler>): void {
  router.add('GET', '/projects/:id/merge_requests/:merge_request_iid/notes', listNotes);
  router.add('POST', '/projects/:id/merge_requests/:merge_request_iid/notes', createNote);
  router.add('GET', '/projects/:id/merge_requests/:merge_request_iid/notes/:note_id', getNote);
  router.add('PUT', '/projects/:id/merge_requests/:merge_request_iid/notes/:note_id', updateNote);
  router.add('DELETE', '/projects/:id/merge_requests/:merge_request_iid/notes/:note_id', deleteNote);
}

export function findMergeRequest(ctx: RequestContext, param = 'merge_request_iid'): { project: ProjectRecord; mr: MergeRequestRecord } {
  const project = findProject(ctx);
  const iid = integerPathParam(ctx, param);
  const mr = ctx.store.projectMergeRequests(project.id).find((candidate) => candidate.iid === iid);
  if (!mr) throw notFound('MergeRequest');
  return { project, mr };
}

function listNotes(ctx: RequestContext): Reply {
  requireUser(ctx);
  const params = declare(ctx.params, {
    sort: { type: 'string', values: ['asc', 'desc'], default: 'desc' },
    order_by: { type: 'string', values: ['created_at', 'updated_at'], default: 'created_at' },
  });
  const { project, mr } = findMergeRequest(ctx);
  const canSeeInternal = projectAccessLevel(ctx.store, ctx.user, project) >= AccessLevel.reporter;
  const key = params.order_by === 'updated_at' ? 'updatedAt' : 'createdAt';
  const direction = params.sort === 'asc' ? 1 : -1;
  const notes = ctx.store
    .mergeRequestNotesOf(mr.id)
    .filter((note) => !note.internal || canSeeInternal)
    .sort((a, b) => direction * (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.id - b.id));
  return paginate(ctx, notes, (note) => ctx.present.mergeRequestNote(note, mr));
}

function findNote(ctx: RequestContext, mr: MergeRequestRecord) {
  const note = ctx.store.mergeRequestNotes.get(integerPathParam(ctx, 'note_id'));
  if (!note || note.mergeRequestId !== mr.id) throw notFound('Note');
  return note;
}

function getNote(ctx: RequestContext): Reply {
  requireUser(ctx);
  const { mr } = findMergeRequest(ctx);
  return ok(ctx.present.mergeRequestNote(findNote(ctx, mr), mr));
}

export function validateNoteBody(body: string): void {
  // lib/api/notes.rb answers model errors with `bad_request!("Note #{note.errors.messages}")`.
  if (body.trim() === '') throw badRequest(`Note ${rubyInspect({ note: ["can't be blank"] })}`);
  if (body.length > BODY_MAX) throw badRequest(`Note ${rubyInspect({ note: [`is too long (maximum is ${BODY_MAX} characters)`] })}`);
}

function createNote(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const params = declare(ctx.params, {
    body: { type: 'string', required: true },
    internal: { type: 'boolean', default: false },
    created_at: { type: 'datetime' },
  });
  const { project, mr } = findMergeRequest(ctx);
  validateNoteBody(params.body);
  const level = projectAccessLevel(ctx.store, user, project);
  const now = ctx.store.timestamp();
  const createdAt = params.created_at && level >= AccessLevel.owner ? params.created_at.toISOString() : now;
  const note = ctx.store.addMergeRequestNote({
    mergeRequestId: mr.id,
    body: params.body,
    authorId: user.id,
    createdAt,
    updatedAt: createdAt,
    system: false,
    internal: params.internal && level >= AccessLevel.reporter,
  });
  mr.updatedAt = now;
  return created(ctx.present.mergeRequestNote(note, mr));
}

function assertCanAdminNote(ctx: RequestContext, user: UserRecord, project: ProjectRecord, note: MergeRequestNoteRecord): void {
  if (!canAdminNote(ctx.store, user, project, note)) throw forbidden();
}

function updateNote(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const params = declare(ctx.params, { body: { type: 'string', required: true } });
  const { project, mr } = findMergeRequest(ctx);
  const note = findNote(ctx, mr);
  assertCanAdminNote(ctx, user, project, note);
  validateNoteBody(params.body);
  note.body = params.body;
  note.updatedAt = ctx.store.timestamp();
  return ok(ctx.present.mergeRequestNote(note, mr));
}

/** `delete_note`: 204, with the note's emoji reactions. */
function deleteNote(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const { project, mr } = findMergeRequest(ctx);
  const note = findNote(ctx, mr);
  assertCanAdminNote(ctx, user, project, note);
  ctx.store.removeMergeRequestNote(note);
  return { status: 204 };
}

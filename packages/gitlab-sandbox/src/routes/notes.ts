import { projectAccessLevel } from '../access.js';
import { created, issueScopedWrite, ok, type Handler, type Reply, type RequestContext } from '../context.js';
import { badRequest, notFound, rubyInspect } from '../errors.js';
import { paginate } from '../pagination.js';
import { declare } from '../params.js';
import { AccessLevel } from '../records.js';
import type { Router } from '../router.js';
import { findNoteableIssue, findProject, integerPathParam, requireUser } from './lookup.js';

// lib/api/notes.rb for issues. The notes API authenticates every method, and its issue lookup
// (`find_noteable`) answers "404 Issue Not Found".

const BODY_MAX = 1_000_000;

export function registerNoteRoutes(router: Router<Handler>): void {
  router.add('GET', '/projects/:id/issues/:issue_iid/notes', listNotes);
  router.add('POST', '/projects/:id/issues/:issue_iid/notes', issueScopedWrite(createNote));
  router.add('GET', '/projects/:id/issues/:issue_iid/notes/:note_id', getNote);
}

function listNotes(ctx: RequestContext): Reply {
  requireUser(ctx);
  const params = declare(ctx.params, {
    sort: { type: 'string', values: ['asc', 'desc'], default: 'desc' },
    order_by: { type: 'string', values: ['created_at', 'updated_at'], default: 'created_at' },
    activity_filter: { type: 'string', values: ['all_notes', 'only_comments', 'only_activity'], default: 'all_notes' },
  });
  const project = findProject(ctx);
  const issue = findNoteableIssue(ctx, project);
  const canSeeInternal = projectAccessLevel(ctx.store, ctx.user, project) >= AccessLevel.reporter;
  let notes = ctx.store.issueNotes(issue.id).filter((note) => !note.internal || canSeeInternal);
  if (params.activity_filter === 'only_comments') notes = notes.filter((note) => !note.system);
  if (params.activity_filter === 'only_activity') notes = notes.filter((note) => note.system);
  const key = params.order_by === 'updated_at' ? 'updatedAt' : 'createdAt';
  const direction = params.sort === 'asc' ? 1 : -1;
  notes = [...notes].sort((a, b) => direction * (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.id - b.id));
  return paginate(ctx, notes, (note) => ctx.present.note(note, issue));
}

function getNote(ctx: RequestContext): Reply {
  requireUser(ctx);
  const project = findProject(ctx);
  const issue = findNoteableIssue(ctx, project);
  const id = integerPathParam(ctx, 'note_id');
  const note = ctx.store.notes.get(id);
  if (!note || note.issueId !== issue.id) throw notFound('Note');
  return ok(ctx.present.note(note, issue));
}

function createNote(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const params = declare(ctx.params, {
    body: { type: 'string', required: true },
    internal: { type: 'boolean', default: false },
    confidential: { type: 'boolean' },
    created_at: { type: 'datetime' },
  });
  const project = findProject(ctx);
  const issue = findNoteableIssue(ctx, project);
  // lib/api/notes.rb answers model errors with `bad_request!("Note #{note.errors.messages}")`.
  if (params.body.trim() === '') throw badRequest(`Note ${rubyInspect({ note: ["can't be blank"] })}`);
  if (params.body.length > BODY_MAX) throw badRequest(`Note ${rubyInspect({ note: [`is too long (maximum is ${BODY_MAX} characters)`] })}`);

  const level = projectAccessLevel(ctx.store, user, project);
  const now = ctx.store.timestamp();
  // `created_at` is honoured for administrators and project owners only.
  const createdAt = params.created_at && level >= AccessLevel.owner ? params.created_at.toISOString() : now;
  const internal = (params.internal || params.confidential === true) && level >= AccessLevel.reporter;
  const note = ctx.store.addNote({
    issueId: issue.id,
    body: params.body,
    authorId: user.id,
    createdAt,
    updatedAt: createdAt,
    system: false,
    internal,
  });
  issue.updatedAt = now;
  ctx.store.issueChanged(issue);
  return created(ctx.present.note(note, issue));
}

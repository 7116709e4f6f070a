import { canAdminNote, projectAccessLevel } from '../access.js';
import { created, ok, type Handler, type Reply, type RequestContext } from '../context.js';
import { isResolvable, type JsonObject } from '../entities.js';
import { badRequest, forbidden, notFound, recordNotFound, routeNotFound } from '../errors.js';
import { paginate } from '../pagination.js';
import { declare, exactlyOneOf } from '../params.js';
import { AccessLevel, type MergeRequestNoteRecord, type NoteRecord, type ProjectRecord, type UserRecord } from '../records.js';
import type { Router } from '../router.js';
import { noContent } from './issue-edits.js';
import { findNoteableIssue, findProject, integerPathParam, requireUser } from './lookup.js';
import { findMergeRequest, validateNoteBody } from './merge-request-notes.js';

// lib/api/discussions.rb for issues and merge requests. A discussion is the notes that share a
// discussion id: a note made through the notes API is an individual note (its own discussion), a
// note made here is a DiscussionNote that starts or joins a thread. Replying to an individual note
// turns it into a DiscussionNote (IndividualNoteDiscussion#convert_to_discussion!). Threads can be
// resolved on merge requests only (Noteable::RESOLVABLE_TYPES), so the resolve route exists only
// there. Every route authenticates (`before { authenticate! }`).

type AnyNote = NoteRecord | MergeRequestNoteRecord;

/** What the routes need of an issue or a merge request and its notes. */
interface Noteable<N extends AnyNote> {
  readonly project: ProjectRecord;
  readonly authorId: number;
  readonly resolvable: boolean;
  notes(): readonly N[];
  note(id: number): N | undefined;
  add(fields: Pick<N, 'body' | 'authorId' | 'createdAt' | 'internal' | 'type' | 'discussionId' | 'resolvedAt' | 'resolvedById'>): N;
  remove(note: N): void;
  present(note: N): JsonObject;
  /** After a note is added, edited or removed. */
  touched(at: string): void;
}

type Finder<N extends AnyNote> = (ctx: RequestContext) => Noteable<N>;

const findIssueNoteable: Finder<NoteRecord> = (ctx) => {
  const project = findProject(ctx);
  const issue = findNoteableIssue(ctx, project, 'noteable_id');
  const { store } = ctx;
  return {
    project,
    authorId: issue.authorId,
    resolvable: false,
    notes: () => store.issueNotes(issue.id),
    note: (id) => {
      const note = store.notes.get(id);
      return note?.issueId === issue.id ? note : undefined;
    },
    add: (fields) => store.addNote({ ...fields, issueId: issue.id, updatedAt: fields.createdAt, system: false }),
    remove: (note) => store.removeNote(note),
    present: (note) => ctx.present.note(note, issue),
    touched: (at) => {
      issue.updatedAt = at;
      store.issueChanged(issue);
    },
  };
};

const findMergeRequestNoteable: Finder<MergeRequestNoteRecord> = (ctx) => {
  const { project, mr } = findMergeRequest(ctx, 'noteable_id');
  const { store } = ctx;
  return {
    project,
    authorId: mr.authorId,
    resolvable: true,
    notes: () => store.mergeRequestNotesOf(mr.id),
    note: (id) => {
      const note = store.mergeRequestNotes.get(id);
      return note?.mergeRequestId === mr.id ? note : undefined;
    },
    add: (fields) => store.addMergeRequestNote({ ...fields, mergeRequestId: mr.id, updatedAt: fields.createdAt, system: false }),
    remove: (note) => store.removeMergeRequestNote(note),
    present: (note) => ctx.present.mergeRequestNote(note, mr),
    touched: (at) => {
      mr.updatedAt = at;
    },
  };
};

export function registerDiscussionRoutes(router: Router<Handler>): void {
  register(router, 'issues', findIssueNoteable);
  register(router, 'merge_requests', findMergeRequestNoteable);
  router.add('PUT', '/projects/:id/merge_requests/:noteable_id/discussions/:discussion_id', resolveDiscussion);
  // Issue threads cannot be resolved: GitLab has no such route, so it answers as for any unknown one.
  router.add('PUT', '/projects/:id/issues/:noteable_id/discussions/:discussion_id', () => {
    throw routeNotFound();
  });
}

function register<N extends AnyNote>(router: Router<Handler>, noteables: string, find: Finder<N>): void {
  const base = `/projects/:id/${noteables}/:noteable_id/discussions`;
  router.add('GET', base, (ctx) => listDiscussions(ctx, find));
  router.add('POST', base, (ctx) => createDiscussion(ctx, find));
  router.add('GET', `${base}/:discussion_id`, (ctx) => getDiscussion(ctx, find));
  router.add('GET', `${base}/:discussion_id/notes`, (ctx) => listDiscussionNotes(ctx, find));
  router.add('POST', `${base}/:discussion_id/notes`, (ctx) => replyToDiscussion(ctx, find));
  router.add('GET', `${base}/:discussion_id/notes/:note_id`, (ctx) => getDiscussionNote(ctx, find));
  router.add('PUT', `${base}/:discussion_id/notes/:note_id`, (ctx) => updateDiscussionNote(ctx, find));
  router.add('DELETE', `${base}/:discussion_id/notes/:note_id`, (ctx) => deleteDiscussionNote(ctx, find));
}

/** `Note#readable_by?`: internal notes need Reporter access. */
function readableNotes<N extends AnyNote>(ctx: RequestContext, noteable: Noteable<N>): N[] {
  const canSeeInternal = projectAccessLevel(ctx.store, ctx.user, noteable.project) >= AccessLevel.reporter;
  return noteable.notes().filter((note) => !note.internal || canSeeInternal);
}

/** Notes oldest first (`fresh`), ties by id. */
function byCreation(a: AnyNote, b: AnyNote): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id;
}

/** `discussion_ids_relation`: one entry per discussion id, ordered by its first note. */
function threads<N extends AnyNote>(notes: readonly N[]): N[][] {
  const byId = new Map<string, N[]>();
  for (const note of notes) {
    const id = note.discussionId ?? '';
    const thread = byId.get(id);
    if (thread) thread.push(note);
    else byId.set(id, [note]);
  }
  const result = [...byId.values()].map((thread) => thread.sort(byCreation));
  return result.sort((a, b) => byCreation(a[0] as AnyNote, b[0] as AnyNote));
}

function findThread<N extends AnyNote>(ctx: RequestContext, noteable: Noteable<N>): N[] {
  const id = ctx.pathParams['discussion_id'] ?? '';
  return readableNotes(ctx, noteable)
    .filter((note) => note.discussionId === id)
    .sort(byCreation);
}

function presentThread<N extends AnyNote>(ctx: RequestContext, noteable: Noteable<N>, thread: readonly N[]): JsonObject {
  return ctx.present.discussion(thread, (note) => noteable.present(note));
}

function listDiscussions<N extends AnyNote>(ctx: RequestContext, find: Finder<N>): Reply {
  requireUser(ctx);
  const noteable = find(ctx);
  return paginate(ctx, threads(readableNotes(ctx, noteable)), (thread) => presentThread(ctx, noteable, thread));
}

function getDiscussion<N extends AnyNote>(ctx: RequestContext, find: Finder<N>): Reply {
  requireUser(ctx);
  const noteable = find(ctx);
  const thread = findThread(ctx, noteable);
  if (thread.length === 0) throw notFound('Discussion');
  return ok(presentThread(ctx, noteable, thread));
}

function listDiscussionNotes<N extends AnyNote>(ctx: RequestContext, find: Finder<N>): Reply {
  requireUser(ctx);
  const noteable = find(ctx);
  const thread = findThread(ctx, noteable);
  if (thread.length === 0) throw notFound('Notes');
  return ok(thread.map((note) => noteable.present(note)));
}

/** `create_note`: `created_at` is kept for administrators and project owners only (`set_note_created_at`). */
function noteTimes(ctx: RequestContext, user: UserRecord, project: ProjectRecord): string {
  const params = declare(ctx.params, { created_at: { type: 'datetime' } });
  const owner = projectAccessLevel(ctx.store, user, project) >= AccessLevel.owner;
  return params.created_at && owner ? params.created_at.toISOString() : ctx.store.timestamp();
}

function createDiscussion<N extends AnyNote>(ctx: RequestContext, find: Finder<N>): Reply {
  const user = requireUser(ctx);
  const { body } = declare(ctx.params, { body: { type: 'string', required: true } });
  const noteable = find(ctx);
  validateNoteBody(body);
  const createdAt = noteTimes(ctx, user, noteable.project);
  const note = noteable.add({
    body,
    authorId: user.id,
    createdAt,
    internal: false,
    type: 'DiscussionNote',
    discussionId: undefined,
    resolvedAt: null,
    resolvedById: null,
  });
  noteable.touched(ctx.store.timestamp());
  return created(presentThread(ctx, noteable, [note]));
}

/** A thread is resolved when it has resolvable notes and none left to resolve (ResolvableDiscussion). */
function threadResolved(thread: readonly AnyNote[], resolvable: boolean): boolean {
  const notes = resolvable ? (thread as MergeRequestNoteRecord[]).filter(isResolvable) : [];
  return notes.length > 0 && notes.every((note) => (note.resolvedAt ?? null) !== null);
}

function replyToDiscussion<N extends AnyNote>(ctx: RequestContext, find: Finder<N>): Reply {
  const user = requireUser(ctx);
  const { body } = declare(ctx.params, { body: { type: 'string', required: true } });
  const noteable = find(ctx);
  const thread = findThread(ctx, noteable);
  const first = thread[0];
  if (!first) throw notFound('Discussion');
  validateNoteBody(body);
  const createdAt = noteTimes(ctx, user, noteable.project);
  const resolved = threadResolved(thread, noteable.resolvable);
  // Issues and merge requests support replying to individual notes: the note becomes a DiscussionNote.
  first.type = 'DiscussionNote';
  const now = ctx.store.timestamp();
  const note = noteable.add({
    body,
    authorId: user.id,
    createdAt,
    // Notes::BuildService: a reply to an internal thread is internal.
    internal: first.internal,
    type: 'DiscussionNote',
    discussionId: first.discussionId,
    // A reply to a resolved thread is resolved by its author (`resolve_without_save`).
    resolvedAt: resolved ? now : null,
    resolvedById: resolved ? user.id : null,
  });
  noteable.touched(now);
  return created(noteable.present(note));
}

/** `noteable.notes.find(note_id)`: any note of the noteable, whatever discussion the path names. */
function findNote<N extends AnyNote>(ctx: RequestContext, noteable: Noteable<N>): N {
  const note = noteable.note(integerPathParam(ctx, 'note_id'));
  if (!note) throw recordNotFound();
  return note;
}

function getDiscussionNote<N extends AnyNote>(ctx: RequestContext, find: Finder<N>): Reply {
  requireUser(ctx);
  const noteable = find(ctx);
  const note = findNote(ctx, noteable);
  if (!readableNotes(ctx, noteable).includes(note)) throw notFound('Note');
  return ok(noteable.present(note));
}

/** `resolve_note`: the note's author, the issue's or merge request's author, and developers. */
function canResolve(ctx: RequestContext, user: UserRecord, noteable: Noteable<AnyNote>, authorId?: number): boolean {
  if (authorId === user.id || noteable.authorId === user.id) return true;
  return projectAccessLevel(ctx.store, user, noteable.project) >= AccessLevel.developer;
}

function updateDiscussionNote<N extends AnyNote>(ctx: RequestContext, find: Finder<N>): Reply {
  const user = requireUser(ctx);
  const params = declare(ctx.params, { body: { type: 'string' }, resolved: { type: 'boolean' } });
  exactlyOneOf(ctx.params, ['body', 'resolved']);
  const noteable = find(ctx);
  const note = findNote(ctx, noteable);
  if (params.resolved === undefined || params.resolved === null) {
    if (!canAdminNote(ctx.store, user, noteable.project, note)) throw forbidden();
    validateNoteBody(params.body ?? '');
    note.body = params.body ?? '';
    note.updatedAt = ctx.store.timestamp();
    noteable.touched(note.updatedAt);
    return ok(noteable.present(note));
  }
  // notes_helpers#resolve_note
  if (!canResolve(ctx, user, noteable, note.authorId)) throw forbidden();
  if (!noteable.resolvable || !isResolvable(note as MergeRequestNoteRecord)) throw badRequest('Note is not resolvable');
  if (params.resolved && (note.resolvedAt ?? null) === null) {
    note.resolvedAt = ctx.store.timestamp();
    note.resolvedById = user.id;
  } else if (!params.resolved) {
    note.resolvedAt = null;
    note.resolvedById = null;
  }
  return ok(noteable.present(note));
}

function deleteDiscussionNote<N extends AnyNote>(ctx: RequestContext, find: Finder<N>): Reply {
  const user = requireUser(ctx);
  const noteable = find(ctx);
  const note = findNote(ctx, noteable);
  if (!canAdminNote(ctx.store, user, noteable.project, note)) throw forbidden();
  noteable.remove(note);
  noteable.touched(ctx.store.timestamp());
  return noContent();
}

/**
 * `resolve_discussion`: `forbidden!` unless the thread is resolvable and the user is the merge
 * request's author or a developer; then every resolvable note is resolved (or unresolved) at once.
 * GitLab fails with a 500 for an unknown discussion id (it calls `can_resolve?` on nil); the
 * sandbox answers 404 Discussion Not Found, as the other discussion routes do.
 */
function resolveDiscussion(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const { resolved } = declare(ctx.params, { resolved: { type: 'boolean', required: true } });
  const noteable = findMergeRequestNoteable(ctx);
  const thread = findThread(ctx, noteable);
  if (thread.length === 0) throw notFound('Discussion');
  const resolvable = thread.filter(isResolvable);
  if (resolvable.length === 0 || !canResolve(ctx, user, noteable)) throw forbidden();
  const now = ctx.store.timestamp();
  for (const note of resolvable) {
    if (resolved && (note.resolvedAt ?? null) === null) {
      note.resolvedAt = now;
      note.resolvedById = user.id;
    } else if (!resolved) {
      note.resolvedAt = null;
      note.resolvedById = null;
    }
  }
  return ok(presentThread(ctx, noteable, thread));
}

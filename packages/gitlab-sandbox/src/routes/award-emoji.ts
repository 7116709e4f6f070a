import { canReadIssue, projectAccessLevel } from '../access.js';
import { created, ok, type Handler, type Reply, type RequestContext } from '../context.js';
import { canonicalEmojiName } from '../emoji.js';
import { notFound, recordNotFound, unauthorized } from '../errors.js';
import { paginate } from '../pagination.js';
import { declare } from '../params.js';
import { AccessLevel, type AwardableType, type AwardEmojiRecord, type ProjectRecord } from '../records.js';
import type { Router } from '../router.js';
import { findProject, integerPathParam, requireUser } from './lookup.js';

// lib/api/award_emoji.rb (emoji reactions) on issues, merge requests and their notes. Reading needs
// no token where the awardable is public; a reaction is `404 Award Emoji Not Found` for whoever cannot
// read what it is on. AwardEmojis::AddService answers its model errors as
// `not_found!("Award Emoji #{errors.to_sentence}")`, so an unknown emoji or a second identical
// reaction is a 404 too. Only the reaction's author or an administrator may delete it (`401`).

interface Awardable {
  readonly type: AwardableType;
  readonly id: number;
  readonly project: ProjectRecord;
  readonly readable: boolean;
  /** Note#emoji_awardable?: system notes take no reactions. */
  readonly awardable: boolean;
  /** After a reaction is added or removed (the issue's `upvotes` and `downvotes` are cached). */
  changed(): void;
}

type Parent = 'issue' | 'merge_request';

export function registerAwardEmojiRoutes(router: Router<Handler>): void {
  for (const parent of ['issue', 'merge_request'] as const) {
    const base = `/projects/:id/${parent}s/:${parent}_iid`;
    for (const onNote of [false, true]) {
      const path = `${base}${onNote ? '/notes/:note_id' : ''}/award_emoji`;
      const find = (ctx: RequestContext) => findAwardable(ctx, parent, onNote);
      router.add('GET', path, (ctx) => listAwards(ctx, find(ctx)));
      router.add('POST', path, (ctx) => createAward(ctx, find(ctx)));
      router.add('GET', `${path}/:award_id`, (ctx) => getAward(ctx, find(ctx)));
      router.add('DELETE', `${path}/:award_id`, (ctx) => deleteAward(ctx, find(ctx)));
    }
  }
}

/** The `awardable` helper: `find_by!(iid:)` and `notes.find(note_id)` answer RecordNotFound's "404 Not found". */
function findAwardable(ctx: RequestContext, parent: Parent, onNote: boolean): Awardable {
  const project = findProject(ctx);
  const { store } = ctx;
  const iid = integerPathParam(ctx, `${parent}_iid`);
  let noteable: { type: 'Issue' | 'MergeRequest'; id: number; readable: boolean; changed: () => void };
  if (parent === 'issue') {
    const issue = store.issueByIid(project.id, iid);
    if (!issue) throw recordNotFound();
    noteable = {
      type: 'Issue',
      id: issue.id,
      readable: canReadIssue(store, ctx.user, project, issue),
      changed: () => store.issueChanged(issue),
    };
  } else {
    const mr = store.projectMergeRequests(project.id).find((candidate) => candidate.iid === iid);
    if (!mr) throw recordNotFound();
    noteable = { type: 'MergeRequest', id: mr.id, readable: true, changed: () => undefined };
  }
  if (!onNote) return { ...noteable, project, awardable: true };

  const noteId = integerPathParam(ctx, 'note_id');
  const note = noteable.type === 'Issue' ? store.notes.get(noteId) : store.mergeRequestNotes.get(noteId);
  const owner = note && ('issueId' in note ? note.issueId : note.mergeRequestId);
  if (!note || owner !== noteable.id) throw recordNotFound();
  const canSeeInternal = projectAccessLevel(store, ctx.user, project) >= AccessLevel.reporter;
  return {
    type: 'Note',
    id: note.id,
    project,
    readable: noteable.readable && (!note.internal || canSeeInternal),
    awardable: !note.system,
    changed: noteable.changed,
  };
}

function findAward(ctx: RequestContext, awardable: Awardable): AwardEmojiRecord {
  const id = integerPathParam(ctx, 'award_id');
  const award = ctx.store.awardsOf(awardable.type, awardable.id).find((candidate) => candidate.id === id);
  if (!award) throw recordNotFound();
  return award;
}

function listAwards(ctx: RequestContext, awardable: Awardable): Reply {
  if (!awardable.readable) throw notFound('Award Emoji');
  return paginate(ctx, ctx.store.awardsOf(awardable.type, awardable.id), (award) => ctx.present.awardEmoji(award));
}

function getAward(ctx: RequestContext, awardable: Awardable): Reply {
  if (!awardable.readable) throw notFound('Award Emoji');
  return ok(ctx.present.awardEmoji(findAward(ctx, awardable)));
}

function createAward(ctx: RequestContext, awardable: Awardable): Reply {
  const user = requireUser(ctx);
  const { name: requested } = declare(ctx.params, { name: { type: 'string', required: true } });
  if (!awardable.readable) throw notFound('Award Emoji');
  if (!awardable.awardable) throw notFound('Award Emoji Awardable cannot be awarded emoji');
  // AwardEmojis::BaseService#normalize_name (`+1` is `thumbsup`), then the model's validations.
  const name = canonicalEmojiName(requested) ?? requested;
  const errors: string[] = [];
  if (name.trim() === '') errors.push("Name can't be blank");
  if (canonicalEmojiName(name) === undefined) errors.push('Name is not a valid emoji name');
  const taken = ctx.store.awardsOf(awardable.type, awardable.id).some((award) => award.userId === user.id && award.name === name);
  if (taken) errors.push('Name has already been taken');
  if (errors.length > 0) throw notFound(`Award Emoji ${toSentence(errors)}`);
  const now = ctx.store.timestamp();
  const award = ctx.store.addAwardEmoji({
    name,
    userId: user.id,
    awardableType: awardable.type,
    awardableId: awardable.id,
    createdAt: now,
    updatedAt: now,
  });
  awardable.changed();
  return created(ctx.present.awardEmoji(award));
}

function deleteAward(ctx: RequestContext, awardable: Awardable): Reply {
  const user = requireUser(ctx);
  const award = findAward(ctx, awardable);
  if (award.userId !== user.id && !user.isAdmin) throw unauthorized();
  ctx.store.removeAwardEmoji(award);
  awardable.changed();
  return { status: 204 };
}

/** ActiveSupport's Array#to_sentence. */
function toSentence(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items.at(-1) ?? ''}`;
}

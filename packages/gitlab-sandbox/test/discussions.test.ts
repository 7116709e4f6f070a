import { IssueDiscussions, IssueNotes, MergeRequestDiscussions, MergeRequestNotes } from '@gitbeaker/rest';
import { beforeEach, describe, expect, it } from 'vitest';
import { api, asArray, asObject, projectPath } from './support/http.js';
import { compose, expectValid } from './support/schemas.js';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';

// Discussions on issues and merge requests (lib/api/discussions.rb), through the real gitbeaker
// client: threads, replies, individual notes, resolving on merge requests, edits and deletions,
// and GitLab's errors.

const APP = 'acme/app';
let sandbox: Sandbox;
const as = (username: string) => ({ host: sandbox.url, token: sandbox.tokenFor(username) });

/** A discussion as Entities::Discussion presents it, its notes as notes.json (corrected, see support/schemas.ts). */
const discussionShape = (ref: (name: string) => { $ref: string }) => ({
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[0-9a-f]{40}$' }, individual_note: { type: 'boolean' }, notes: ref('notes') },
  required: ['id', 'individual_note', 'notes'],
  additionalProperties: false,
});
const discussionSchema = compose(discussionShape);
const discussionsSchema = compose((ref) => ({ type: 'array', items: discussionShape(ref) }));

beforeEach(async () => {
  sandbox = await startSandbox({
    seed: {
      users: [{ username: 'mark.maintainer' }, { username: 'dev.dora' }, { username: 'rita.reporter' }, { username: 'gus.guest' }],
      groups: [
        {
          path: 'acme',
          members: { 'mark.maintainer': 'maintainer', 'dev.dora': 'developer', 'rita.reporter': 'reporter', 'gus.guest': 'guest' },
        },
      ],
      projects: [
        {
          path: APP,
          issues: [
            {
              title: 'Talk about it',
              author: 'dev.dora',
              notes: [
                { body: 'first comment', author: 'dev.dora' },
                { body: 'secret', author: 'rita.reporter', internal: true },
              ],
            },
          ],
          merge_requests: [{ title: 'Review me', author: 'gus.guest', notes: [{ body: 'plain comment', author: 'rita.reporter' }] }],
        },
      ],
    },
  });
});

describe('issue discussions', () => {
  it('shows notes made through the notes API as individual-note discussions, system notes too', async () => {
    await new IssueNotes(as('dev.dora')).create(APP, 1, 'made through the notes API');
    await api(sandbox, `/projects/${projectPath(APP)}/issues/1`, { method: 'PUT', body: { labels: 'bug' } });
    const response = await api(sandbox, `/projects/${projectPath(APP)}/issues/1/discussions`, { token: sandbox.tokenFor('dev.dora') });
    expectValid(discussionsSchema, response.json);
    const discussions = asArray(response.json);
    expect(discussions.map((d) => asArray(d['notes']).map((note) => note['body']))).toEqual([
      ['first comment'],
      ['secret'],
      ['made through the notes API'],
      ['added ~1 label'],
    ]);
    expect(discussions.every((d) => d['individual_note'] === true)).toBe(true);
    expect(asObject(asArray(discussions[3]?.['notes'])[0])).toMatchObject({ system: true, type: null });
    expect(new Set(discussions.map((d) => d['id'])).size).toBe(4);
    expect(response.headers.get('x-total')).toBe('4');

    // A guest does not see the internal note, nor its discussion.
    const asGuest = await new IssueDiscussions(as('gus.guest')).all(APP, 1);
    expect(asGuest.map((d) => d.notes?.[0]?.body)).toEqual(['first comment', 'made through the notes API', 'added ~1 label']);
    const paged = await api(sandbox, `/projects/${projectPath(APP)}/issues/1/discussions?per_page=2&page=2`);
    expect(asArray(paged.json).map((d) => asArray(d['notes'])[0]?.['body'])).toEqual(['made through the notes API', 'added ~1 label']);
  });

  it('creates a thread, replies to it, and lists the replies among the notes', async () => {
    const discussions = new IssueDiscussions(as('dev.dora'));
    const thread = await discussions.create(APP, 1, 'Shall we split this?');
    expectValid(discussionSchema, thread);
    expect(thread).toMatchObject({
      individual_note: false,
      notes: [
        {
          type: 'DiscussionNote',
          body: 'Shall we split this?',
          resolvable: false,
          noteable_type: 'Issue',
          author: { username: 'dev.dora' },
        },
      ],
    });
    expect(thread.notes?.[0]).not.toHaveProperty('resolved');
    const reply = await new IssueDiscussions(as('gus.guest')).addNote(APP, 1, thread.id, 'Yes, in two.');
    expect(reply).toMatchObject({ type: 'DiscussionNote', body: 'Yes, in two.', author: { username: 'gus.guest' } });
    expectValid(discussionSchema, { id: thread.id, individual_note: false, notes: [reply] });

    const shown = await discussions.show(APP, 1, thread.id);
    expect(shown.notes?.map((note) => note.body)).toEqual(['Shall we split this?', 'Yes, in two.']);
    const notes = await new IssueNotes(as('dev.dora')).all(APP, 1, { sort: 'asc' });
    expect(notes.map((note) => note.body)).toEqual(['first comment', 'secret', 'Shall we split this?', 'Yes, in two.']);
    const issue = asObject((await api(sandbox, `/projects/${projectPath(APP)}/issues/1`)).json);
    expect(issue['user_notes_count']).toBe(4);
    const threadNotes = await api(sandbox, `/projects/${projectPath(APP)}/issues/1/discussions/${thread.id}/notes`);
    expect(asArray(threadNotes.json).map((note) => note['id'])).toEqual([thread.notes?.[0]?.id, reply.id]);
  });

  it('turns an individual note into a thread when someone replies to it', async () => {
    const discussions = new IssueDiscussions(as('dev.dora'));
    const [first] = await discussions.all(APP, 1);
    if (!first) throw new Error('no discussion');
    expect(first).toMatchObject({ individual_note: true, notes: [{ type: null, body: 'first comment' }] });
    await discussions.addNote(APP, 1, first.id, 'a reply');
    const after = await discussions.show(APP, 1, first.id);
    expect(after).toMatchObject({
      id: first.id,
      individual_note: false,
      notes: [
        { type: 'DiscussionNote', body: 'first comment' },
        { type: 'DiscussionNote', body: 'a reply' },
      ],
    });
  });

  it('edits and deletes a note of a thread: the author or a maintainer', async () => {
    const discussions = new IssueDiscussions(as('dev.dora'));
    const thread = await discussions.create(APP, 1, 'Typo hree');
    const noteId = thread.notes?.[0]?.id ?? 0;
    const edited = await discussions.editNote(APP, 1, thread.id, noteId, { body: 'Typo here' });
    expect(edited).toMatchObject({ id: noteId, body: 'Typo here' });
    const path = `/projects/${projectPath(APP)}/issues/1/discussions/${thread.id}/notes/${noteId}`;
    const other = await api(sandbox, path, { method: 'PUT', token: sandbox.tokenFor('rita.reporter'), body: { body: 'mine now' } });
    expect(other).toMatchObject({ status: 403, json: { message: '403 Forbidden' } });
    const blank = await api(sandbox, path, { method: 'PUT', body: { body: ' ' } });
    expect(blank).toMatchObject({ status: 400, json: { message: `400 Bad request - Note {:note=>["can't be blank"]}` } });
    const neither = await api(sandbox, path, { method: 'PUT', body: {} });
    expect(neither).toMatchObject({ status: 400, json: { error: 'body, resolved are missing, exactly one parameter must be provided' } });
    const both = await api(sandbox, path, { method: 'PUT', body: { body: 'x', resolved: true } });
    expect(both).toMatchObject({ status: 400, json: { error: 'body, resolved are mutually exclusive' } });
    const resolve = await api(sandbox, path, { method: 'PUT', body: { resolved: true } });
    expect(resolve).toMatchObject({ status: 400, json: { message: '400 Bad request - Note is not resolvable' } });

    await new IssueDiscussions(as('mark.maintainer')).removeNote(APP, 1, thread.id, noteId);
    const gone = await api(sandbox, `/projects/${projectPath(APP)}/issues/1/discussions/${thread.id}`);
    expect(gone).toMatchObject({ status: 404, json: { message: '404 Discussion Not Found' } });
    expect((await new IssueNotes(as('dev.dora')).all(APP, 1)).map((note) => note.id)).not.toContain(noteId);
  });

  it('answers GitLab’s errors', async () => {
    const base = `/projects/${projectPath(APP)}/issues`;
    expect(await api(sandbox, `${base}/1/discussions`, { token: null })).toMatchObject({
      status: 401,
      json: { message: '401 Unauthorized' },
    });
    expect(await api(sandbox, `${base}/99/discussions`)).toMatchObject({ status: 404, json: { message: '404 Issue Not Found' } });
    expect(await api(sandbox, `${base}/1/discussions/${'0'.repeat(40)}/notes`, { method: 'POST', body: { body: 'hi' } })).toMatchObject({
      status: 404,
      json: { message: '404 Discussion Not Found' },
    });
    expect(await api(sandbox, `${base}/1/discussions`, { method: 'POST', body: {} })).toMatchObject({
      status: 400,
      json: { error: 'body is missing' },
    });
    const [first] = asArray((await api(sandbox, `${base}/1/discussions`)).json);
    expect(await api(sandbox, `${base}/1/discussions/${String(first?.['id'])}/notes/9999`)).toMatchObject({
      status: 404,
      json: { message: '404 Not found' },
    });
    // Issue threads cannot be resolved: there is no such route.
    expect(await api(sandbox, `${base}/1/discussions/${String(first?.['id'])}`, { method: 'PUT', body: { resolved: true } })).toMatchObject(
      {
        status: 404,
        json: { error: '404 Not Found' },
      },
    );
    // A system note is no one's to edit.
    await api(sandbox, `${base}/1`, { method: 'PUT', body: { title: 'Renamed' } });
    const system = asArray((await api(sandbox, `${base}/1/notes?sort=desc`)).json)[0];
    const path = `${base}/1/discussions/any/notes/${String(system?.['id'])}`;
    expect(await api(sandbox, path, { method: 'PUT', body: { body: 'rewritten' } })).toMatchObject({ status: 403 });
  });
});

describe('merge request discussions', () => {
  it('creates resolvable threads and resolves and unresolves them', async () => {
    const discussions = new MergeRequestDiscussions(as('rita.reporter'));
    const thread = await discussions.create(APP, 1, 'Please add a test.');
    expectValid(discussionSchema, thread);
    expect(thread.notes?.[0]).toMatchObject({
      type: 'DiscussionNote',
      resolvable: true,
      resolved: false,
      resolved_by: null,
      resolved_at: null,
    });

    // A reporter who is neither the merge request's author nor a developer may not resolve it.
    const denied = await api(sandbox, `/projects/${projectPath(APP)}/merge_requests/1/discussions/${thread.id}`, {
      method: 'PUT',
      token: sandbox.tokenFor('rita.reporter'),
      body: { resolved: true },
    });
    expect(denied).toMatchObject({ status: 403, json: { message: '403 Forbidden' } });

    sandbox.clock.advance(60_000);
    const resolved = await new MergeRequestDiscussions(as('dev.dora')).resolve(APP, 1, thread.id, true);
    expectValid(discussionSchema, resolved);
    expect(resolved.notes?.[0]).toMatchObject({
      resolved: true,
      resolved_by: { username: 'dev.dora' },
      resolved_at: sandbox.clock.now().toISOString(),
    });
    // A reply to a resolved thread is resolved too; the merge request's author may unresolve it.
    const reply = await new MergeRequestDiscussions(as('gus.guest')).addNote(APP, 1, thread.id, 'Added.');
    expect(reply).toMatchObject({ resolvable: true, resolved: true, resolved_by: { username: 'gus.guest' } });
    const reopened = await new MergeRequestDiscussions(as('gus.guest')).resolve(APP, 1, thread.id, false);
    expect(reopened.notes?.map((note) => [note['resolved'], note['resolved_by']])).toEqual([
      [false, null],
      [false, null],
    ]);
    const list = await new MergeRequestNotes(as('dev.dora')).all(APP, 1, { sort: 'asc' });
    expect(list.map((note) => note.body)).toEqual(['plain comment', 'Please add a test.', 'Added.']);
  });

  it('resolves one note, and refuses to resolve individual notes', async () => {
    const discussions = new MergeRequestDiscussions(as('dev.dora'));
    const [individual] = await discussions.all(APP, 1);
    if (!individual) throw new Error('no discussion');
    expect(individual).toMatchObject({ individual_note: true, notes: [{ type: null, resolvable: false }] });
    expect(individual.notes?.[0]).not.toHaveProperty('resolved');
    const refused = await api(sandbox, `/projects/${projectPath(APP)}/merge_requests/1/discussions/${individual.id}`, {
      method: 'PUT',
      body: { resolved: true },
    });
    expect(refused).toMatchObject({ status: 403 });

    const thread = await discussions.create(APP, 1, 'Nit');
    const noteId = thread.notes?.[0]?.id ?? 0;
    const note = await discussions.editNote(APP, 1, thread.id, noteId, { resolved: true });
    expect(note).toMatchObject({ id: noteId, resolved: true, resolved_by: { username: 'dev.dora' } });
    expect((await discussions.show(APP, 1, thread.id)).notes?.[0]).toMatchObject({ resolved: true });
    await discussions.removeNote(APP, 1, thread.id, noteId);
    expect((await discussions.all(APP, 1)).map((d) => d.id)).toEqual([individual.id]);
    const missing = await api(sandbox, `/projects/${projectPath(APP)}/merge_requests/9/discussions`);
    expect(missing).toMatchObject({ status: 404, json: { message: '404 MergeRequest Not Found' } });
  });

  it('deletes a merge request comment through the notes API too: its author or a maintainer', async () => {
    const [comment] = await new MergeRequestNotes(as('rita.reporter')).all(APP, 1);
    const path = `/projects/${projectPath(APP)}/merge_requests/1/notes/${String(comment?.id)}`;
    expect(await api(sandbox, path, { method: 'DELETE', token: sandbox.tokenFor('dev.dora') })).toMatchObject({ status: 403 });
    await new MergeRequestNotes(as('rita.reporter')).remove(APP, 1, comment?.id ?? 0);
    expect(await new MergeRequestDiscussions(as('dev.dora')).all(APP, 1)).toEqual([]);
    expect(asObject((await api(sandbox, `/projects/${projectPath(APP)}/merge_requests/1`)).json)['user_notes_count']).toBe(0);
  });
});

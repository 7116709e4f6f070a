import {
  IssueAwardEmojis,
  IssueNoteAwardEmojis,
  IssueNotes,
  Issues,
  MergeRequestAwardEmojis,
  MergeRequestNoteAwardEmojis,
  MergeRequests,
} from '@gitbeaker/rest';
import { beforeEach, describe, expect, it } from 'vitest';
import { api, asArray, asObject, projectPath } from './support/http.js';
import { expectValid, schema } from './support/schemas.js';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';

// Emoji reactions (lib/api/award_emoji.rb) on issues, merge requests and their notes, through
// gitbeaker's IssueAwardEmojis, MergeRequestAwardEmojis and the note variants; `upvotes` and
// `downvotes` count them.

const APP = 'acme/app';
const OPEN = 'acme/open';
let sandbox: Sandbox;
const as = (username: string) => ({ host: sandbox.url, token: sandbox.tokenFor(username) });

beforeEach(async () => {
  sandbox = await startSandbox({
    seed: {
      users: [{ username: 'dev.dora' }, { username: 'rita.reporter' }, { username: 'gus.guest' }],
      groups: [{ path: 'acme', members: { 'dev.dora': 'developer', 'rita.reporter': 'reporter', 'gus.guest': 'guest' } }],
      projects: [
        {
          path: APP,
          issues: [
            {
              title: 'React to me',
              author: 'dev.dora',
              notes: [
                { body: 'nice', author: 'dev.dora' },
                { body: 'internal', author: 'rita.reporter', internal: true },
              ],
            },
            { title: 'Other' },
          ],
          merge_requests: [{ title: 'Review me', author: 'dev.dora', notes: [{ body: 'looks good', author: 'rita.reporter' }] }],
        },
        { path: OPEN, visibility: 'public', issues: [{ title: 'Public' }] },
      ],
    },
  });
});

function noteIds(notes: Array<{ id: number; body: string }>): Record<string, number> {
  return Object.fromEntries(notes.map((note) => [note.body, note.id]));
}

describe('emoji reactions on issues', () => {
  it('awards, lists, shows and removes reactions, and counts thumbs up and down', async () => {
    const dora = new IssueAwardEmojis(as('dev.dora'));
    const award = await dora.award(APP, 1, 'thumbsup');
    expect(award).toMatchObject({ name: 'thumbsup', user: { username: 'dev.dora' }, awardable_type: 'Issue' });
    const issueId = (await new Issues(as('dev.dora')).show(1, { projectId: APP })).id;
    expect(award.awardable_id).toBe(issueId);
    // `+1` is thumbsup under another name.
    expect(await new IssueAwardEmojis(as('rita.reporter')).award(APP, 1, '+1')).toMatchObject({ name: 'thumbsup' });
    await new IssueAwardEmojis(as('gus.guest')).award(APP, 1, 'thumbsdown');
    await dora.award(APP, 1, 'tada');

    const issue = await new Issues(as('dev.dora')).show(1, { projectId: APP });
    expectValid(schema('issue'), issue);
    expect(issue).toMatchObject({ upvotes: 2, downvotes: 1 });
    const listed = asArray((await api(sandbox, `/projects/${projectPath(APP)}/issues?per_page=100`)).json);
    expect(listed.find((item) => item['iid'] === 1)).toMatchObject({ upvotes: 2, downvotes: 1 });

    expect((await dora.all(APP, 1)).map((item) => [item.name, item.user.username])).toEqual([
      ['thumbsup', 'dev.dora'],
      ['thumbsup', 'rita.reporter'],
      ['thumbsdown', 'gus.guest'],
      ['tada', 'dev.dora'],
    ]);
    expect(await dora.show(APP, 1, award.id)).toMatchObject({ id: award.id, name: 'thumbsup' });
    await dora.remove(APP, 1, award.id);
    expect((await new Issues(as('dev.dora')).show(1, { projectId: APP })).upvotes).toBe(1);
    expect((await dora.all(APP, 1)).map((item) => item.id)).not.toContain(award.id);
  });

  it('answers GitLab’s errors', async () => {
    const path = `/projects/${projectPath(APP)}/issues/1/award_emoji`;
    const post = (body: unknown, username = 'dev.dora') => api(sandbox, path, { method: 'POST', body, token: sandbox.tokenFor(username) });
    expect((await post({ name: 'rocket' })).status).toBe(201);
    expect(await post({ name: 'rocket' })).toMatchObject({
      status: 404,
      json: { message: '404 Award Emoji Name has already been taken Not Found' },
    });
    expect(await post({ name: 'not_an_emoji_at_all' })).toMatchObject({
      status: 404,
      json: { message: '404 Award Emoji Name is not a valid emoji name Not Found' },
    });
    expect(await post({})).toMatchObject({ status: 400, json: { error: 'name is missing' } });
    expect(await api(sandbox, path, { method: 'POST', token: null, body: { name: 'rocket' } })).toMatchObject({ status: 401 });
    expect(await api(sandbox, `/projects/${projectPath(APP)}/issues/99/award_emoji`)).toMatchObject({
      status: 404,
      json: { message: '404 Not found' },
    });
    expect(await api(sandbox, `${path}/9999`)).toMatchObject({ status: 404, json: { message: '404 Not found' } });

    // Only the reaction's author or an administrator removes it.
    const [rocket] = asArray((await api(sandbox, path)).json);
    const other = await api(sandbox, `${path}/${String(rocket?.['id'])}`, { method: 'DELETE', token: sandbox.tokenFor('rita.reporter') });
    expect(other).toMatchObject({ status: 401, json: { message: '401 Unauthorized' } });
    expect((await api(sandbox, `${path}/${String(rocket?.['id'])}`, { method: 'DELETE' })).status).toBe(204);
    expect(asArray((await api(sandbox, path)).json)).toEqual([]);
  });

  it('filters issue lists by the user’s own reactions (my_reaction_emoji)', async () => {
    await new IssueAwardEmojis(as('dev.dora')).award(APP, 1, 'thumbsup');
    await new IssueAwardEmojis(as('rita.reporter')).award(APP, 2, 'thumbsup');
    const iids = async (query: string, username = 'dev.dora') =>
      asArray((await api(sandbox, `/projects/${projectPath(APP)}/issues?${query}`, { token: sandbox.tokenFor(username) })).json).map(
        (item) => item['iid'],
      );
    expect(await iids('my_reaction_emoji=thumbsup')).toEqual([1]);
    expect(await iids('my_reaction_emoji=thumbsup', 'rita.reporter')).toEqual([2]);
    expect(await iids('my_reaction_emoji=Any')).toEqual([1]);
    expect(await iids('my_reaction_emoji=None')).toEqual([2]);
    expect(await iids('my_reaction_emoji=tada')).toEqual([]);
    expect(await iids('not[my_reaction_emoji]=thumbsup')).toEqual([2]);
  });

  it('lets anyone read the reactions on a public issue, without a token', async () => {
    await new IssueAwardEmojis(as('dev.dora')).award(OPEN, 1, 'eyes');
    const anonymous = await api(sandbox, `/projects/${projectPath(OPEN)}/issues/1/award_emoji`, { token: null });
    expect(anonymous.status).toBe(200);
    expect(asArray(anonymous.json).map((item) => item['name'])).toEqual(['eyes']);
    expect(anonymous.headers.get('x-total')).toBe('1');
  });
});

describe('emoji reactions on merge requests and notes', () => {
  it('counts reactions on merge requests', async () => {
    await new MergeRequestAwardEmojis(as('rita.reporter')).award(APP, 1, 'thumbsup');
    await new MergeRequestAwardEmojis(as('gus.guest')).award(APP, 1, '-1');
    expect(await new MergeRequests(as('dev.dora')).show(APP, 1)).toMatchObject({ upvotes: 1, downvotes: 1 });
    expect((await new MergeRequestAwardEmojis(as('dev.dora')).all(APP, 1)).map((item) => [item.name, item.awardable_type])).toEqual([
      ['thumbsup', 'MergeRequest'],
      ['thumbsdown', 'MergeRequest'],
    ]);
  });

  it('reacts to notes, but not to system notes, and hides internal notes’ reactions from guests', async () => {
    const notes = noteIds(await new IssueNotes(as('rita.reporter')).all(APP, 1));
    const onNote = await new IssueNoteAwardEmojis(as('gus.guest')).award(APP, 1, notes['nice'] ?? 0, 'heart');
    expect(onNote).toMatchObject({ name: 'heart', awardable_type: 'Note', awardable_id: notes['nice'] });
    expect((await new IssueNoteAwardEmojis(as('dev.dora')).all(APP, 1, notes['nice'] ?? 0)).map((item) => item.name)).toEqual(['heart']);
    // Reactions on a note are not the issue's.
    expect((await new Issues(as('dev.dora')).show(1, { projectId: APP })).upvotes).toBe(0);
    expect(await new IssueAwardEmojis(as('dev.dora')).all(APP, 1)).toEqual([]);

    const internal = `/projects/${projectPath(APP)}/issues/1/notes/${notes['internal'] ?? 0}/award_emoji`;
    expect(await api(sandbox, internal, { token: sandbox.tokenFor('gus.guest') })).toMatchObject({
      status: 404,
      json: { message: '404 Award Emoji Not Found' },
    });

    await api(sandbox, `/projects/${projectPath(APP)}/issues/1`, { method: 'PUT', body: { title: 'Renamed' } });
    const system = (await new IssueNotes(as('dev.dora')).all(APP, 1, { sort: 'desc' }))[0];
    const refused = await api(sandbox, `/projects/${projectPath(APP)}/issues/1/notes/${String(system?.id)}/award_emoji`, {
      method: 'POST',
      body: { name: 'thumbsup' },
    });
    expect(refused).toMatchObject({ status: 404, json: { message: '404 Award Emoji Awardable cannot be awarded emoji Not Found' } });

    const mrNotes = asArray((await api(sandbox, `/projects/${projectPath(APP)}/merge_requests/1/notes`)).json);
    const mrNoteId = Number(mrNotes[0]?.['id']);
    const mrAward = await new MergeRequestNoteAwardEmojis(as('dev.dora')).award(APP, 1, mrNoteId, 'rocket');
    expect(await new MergeRequestNoteAwardEmojis(as('dev.dora')).show(APP, 1, mrNoteId, mrAward.id)).toMatchObject({ name: 'rocket' });
    await new MergeRequestNoteAwardEmojis(as('dev.dora')).remove(APP, 1, mrNoteId, mrAward.id);
    expect(await new MergeRequestNoteAwardEmojis(as('dev.dora')).all(APP, 1, mrNoteId)).toEqual([]);
  });

  it('moves reactions with a moved issue', async () => {
    await new IssueAwardEmojis(as('dev.dora')).award(APP, 2, 'thumbsup');
    const target = asObject((await api(sandbox, `/projects/${projectPath(OPEN)}`)).json)['id'];
    const moved = await new Issues(as('dev.dora')).move(APP, 2, Number(target));
    expect(moved).toMatchObject({ upvotes: 1 });
    expect((await new IssueAwardEmojis(as('dev.dora')).all(OPEN, moved.iid)).map((item) => item.name)).toEqual(['thumbsup']);
  });
});

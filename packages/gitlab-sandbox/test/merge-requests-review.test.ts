import { IssueStateEvents, MergeRequestNotes, MergeRequests } from '@gitbeaker/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, asArray, asObject, projectPath } from './support/http.js';
import { compose, expectValid, schema } from './support/schemas.js';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';

// Merge requests under review: reviewers and their filters, comments, and merging.

const OMNIBUS = 'distribution/omnibus';
let sandbox: Sandbox;
let ids: Record<string, number>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' });
  const users = asArray((await api(sandbox, '/users?per_page=100')).json);
  ids = Object.fromEntries(users.map((user) => [String(user['username']), Number(user['id'])]));
});

afterAll(async () => {
  await sandbox.stop();
});

const mrNotes = compose((ref) => ({ allOf: [ref('notes')] }));

describe('reviewers', () => {
  it('sets reviewers on create and edit, shows them, and filters by them', async () => {
    const options = { host: sandbox.url, token: sandbox.tokenFor('grace.hopper') };
    const mr = await new MergeRequests(options).create(OMNIBUS, 'review-me', 'main', 'Review me', {
      reviewerIds: [ids['chen.wei'] ?? 0, ids['emeka.eze'] ?? 0],
    });
    expect(mr.reviewers?.map((user) => user.username)).toEqual(['chen.wei', 'emeka.eze']);
    expectValid(schema('merge_request'), mr);
    const edited = await new MergeRequests(options).edit(OMNIBUS, mr.iid, { reviewerIds: [ids['farah.haddad'] ?? 0] });
    expect(edited.reviewers?.map((user) => user.username)).toEqual(['farah.haddad']);

    const iidsOf = async (query: string, token = sandbox.token) =>
      asArray((await api(sandbox, `/projects/${projectPath(OMNIBUS)}/merge_requests?per_page=100&${query}`, { token })).json).map(
        (item) => item['iid'],
      );
    expect(await iidsOf('reviewer_username=farah.haddad')).toContain(mr.iid);
    expect(await iidsOf(`reviewer_id=${ids['farah.haddad'] ?? 0}`)).toContain(mr.iid);
    expect(await iidsOf('reviewer_username=chen.wei')).not.toContain(mr.iid);
    expect(await iidsOf('reviewer_id=None')).toEqual(await iidsOf('state=opened&search=Draft'));
    expect((await iidsOf('reviewer_id=Any')).length + (await iidsOf('reviewer_id=None')).length).toBe((await iidsOf('')).length);
    expect(await iidsOf('scope=reviews_for_me', sandbox.tokenFor('farah.haddad'))).toContain(mr.iid);
    expect(await iidsOf(`not[reviewer_username]=farah.haddad`)).not.toContain(mr.iid);
    const both = await api(sandbox, `/projects/${projectPath(OMNIBUS)}/merge_requests?reviewer_id=1&reviewer_username=root`);
    expect(both).toMatchObject({ status: 400, json: { error: 'reviewer_id, reviewer_username are mutually exclusive' } });
  });

  it('keeps only the first reviewer on Free', async () => {
    const free = await startSandbox({ seed: 'demo', tier: 'free' });
    try {
      const created = await api(free, `/projects/${projectPath(OMNIBUS)}/merge_requests`, {
        method: 'POST',
        body: { source_branch: 'free-review', target_branch: 'main', title: 'Free', reviewer_ids: [ids['chen.wei'], ids['emeka.eze']] },
      });
      expect(asArray(asObject(created.json)['reviewers']).map((user) => user['username'])).toEqual(['chen.wei']);
    } finally {
      await free.stop();
    }
  });

  it('seeds the demo’s merge requests in review with a reviewer and a review comment, drafts without', async () => {
    const all = asArray((await api(sandbox, `/projects/${projectPath(OMNIBUS)}/merge_requests?per_page=100&state=all`)).json);
    const seeded = all.filter((item) => Number(item['iid']) <= 10);
    const drafts = seeded.filter((item) => item['draft'] === true);
    expect(drafts.length).toBeGreaterThan(0);
    for (const item of seeded) {
      const reviewers = asArray(item['reviewers']);
      expect(reviewers.length, String(item['title'])).toBe(item['draft'] === true ? 0 : 1);
      expect(item['user_notes_count']).toBe(item['draft'] === true ? 0 : 1);
    }
    const inReview = seeded.find((item) => item['state'] === 'opened' && item['draft'] === false);
    const notes = await api(sandbox, `/projects/${projectPath(OMNIBUS)}/merge_requests/${String(inReview?.['iid'])}/notes`);
    expectValid(mrNotes, notes.json);
    expect(asArray(notes.json)[0]).toMatchObject({
      noteable_type: 'MergeRequest',
      author: { username: asObject(asArray(inReview?.['reviewers'])[0])['username'] },
    });
  });
});

describe('merge request notes', () => {
  it('lists, creates, shows and edits comments through gitbeaker', async () => {
    const options = { host: sandbox.url, token: sandbox.tokenFor('chen.wei') };
    const notes = new MergeRequestNotes(options);
    const created = await notes.create(OMNIBUS, 8, 'Can you rebase?');
    expect(created).toMatchObject({
      body: 'Can you rebase?',
      noteable_type: 'MergeRequest',
      noteable_iid: 8,
      author: { username: 'chen.wei' },
    });
    expectValid(mrNotes, [created]);
    expect((await notes.show(OMNIBUS, 8, created.id)).body).toBe('Can you rebase?');
    const edited = await notes.edit(OMNIBUS, 8, created.id, { body: 'Can you rebase, please?' });
    expect(edited.body).toBe('Can you rebase, please?');
    expect((await notes.all(OMNIBUS, 8)).map((note) => note.id)).toContain(created.id);

    const other = await api(sandbox, `/projects/${projectPath(OMNIBUS)}/merge_requests/8/notes/${created.id}`, {
      method: 'PUT',
      token: sandbox.tokenFor('emeka.eze'),
      body: { body: 'not mine' },
    });
    expect(other).toMatchObject({ status: 403, json: { message: '403 Forbidden' } });
    const missing = await api(sandbox, `/projects/${projectPath(OMNIBUS)}/merge_requests/999/notes`);
    expect(missing).toMatchObject({ status: 404, json: { message: '404 MergeRequest Not Found' } });
    const blank = await api(sandbox, `/projects/${projectPath(OMNIBUS)}/merge_requests/8/notes`, { method: 'POST', body: { body: ' ' } });
    expect(blank).toMatchObject({ status: 400, json: { message: `400 Bad request - Note {:note=>["can't be blank"]}` } });
  });
});

describe('merging', () => {
  it('merges, closes the issues it closes, and records who merged when', async () => {
    const options = { host: sandbox.url, token: sandbox.tokenFor('grace.hopper') };
    const mr = await new MergeRequests(options).create(OMNIBUS, 'fix-29', 'main', 'Fix SBOMs', { description: 'Closes #29' });
    sandbox.clock.advance(60_000);
    const merged = await new MergeRequests(options).merge(OMNIBUS, mr.iid);
    expectValid(schema('merge_request'), merged);
    const now = sandbox.now().toISOString();
    expect(merged).toMatchObject({
      state: 'merged',
      merged_at: now,
      merged_by: { username: 'grace.hopper' },
      merge_user: { username: 'grace.hopper' },
    });
    expect(merged.merge_commit_sha).toMatch(/^[0-9a-f]{40}$/);
    const issue = asObject((await api(sandbox, `/projects/${projectPath(OMNIBUS)}/issues/29`)).json);
    expect(issue).toMatchObject({ state: 'closed', closed_at: now, closed_by: { username: 'grace.hopper' } });
    const closing = (await new IssueStateEvents(options).all(OMNIBUS, 29)).at(-1);
    expect(closing).toMatchObject({ state: 'closed', source_merge_request_id: mr.id });
    const events = asArray((await api(sandbox, `/projects/${projectPath(OMNIBUS)}/merge_requests/${mr.iid}/resource_state_events`)).json);
    expect(events.map((event) => event['state'])).toEqual(['merged']);
  });

  it('answers 405 for a merged or draft merge request, 401 without push access, 409 for a stale sha', async () => {
    const merge = (iid: number, token = sandbox.token, body: Record<string, unknown> = {}) =>
      api(sandbox, `/projects/${projectPath(OMNIBUS)}/merge_requests/${iid}/merge`, { method: 'PUT', token, body });
    expect(await merge(1)).toMatchObject({ status: 405, json: { message: '405 Method Not Allowed' } });
    const draft = asArray((await api(sandbox, `/projects/${projectPath(OMNIBUS)}/merge_requests?state=opened&search=Draft`)).json)[0];
    expect(await merge(Number(draft?.['iid']))).toMatchObject({ status: 405 });
    const created = asObject(
      (
        await api(sandbox, `/projects/${projectPath(OMNIBUS)}/merge_requests`, {
          method: 'POST',
          body: { source_branch: 'stale', target_branch: 'main', title: 'Stale' },
        })
      ).json,
    );
    const iid = Number(created['iid']);
    // Only maintainers push to the default branch, so a developer may not merge into it.
    expect(await merge(iid, sandbox.tokenFor('chen.wei'))).toMatchObject({ status: 401, json: { message: '401 Unauthorized' } });
    expect(await merge(iid, sandbox.token, { sha: '0'.repeat(40) })).toMatchObject({
      status: 409,
      json: { message: `SHA does not match HEAD of source branch: ${String(created['sha'])}` },
    });
    expect(await merge(999)).toMatchObject({ status: 404, json: { message: '404 Not found' } });
  });
});

describe('issue statistics and closed_by', () => {
  it('counts issues by state with the list filters, for a project, a group and the user', async () => {
    for (const path of [`/projects/${projectPath(OMNIBUS)}`, '/groups/distribution', '']) {
      const counts = asObject(
        asObject(asObject((await api(sandbox, `${path}/issues_statistics?labels=type::bug&scope=all`)).json)['statistics'])['counts'],
      );
      const list = (state: string) => api(sandbox, `${path}/issues?labels=type::bug&scope=all&state=${state}&per_page=100`);
      expect(counts).toEqual({
        all: asArray((await list('all')).json).length,
        closed: asArray((await list('closed')).json).length,
        opened: asArray((await list('opened')).json).length,
      });
    }
    expect(await api(sandbox, '/issues_statistics', { token: null })).toMatchObject({ status: 401 });
  });

  it('lists the merge requests that close an issue', async () => {
    const closing = asArray((await api(sandbox, `/projects/${projectPath(OMNIBUS)}/issues/14/closed_by`)).json);
    expect(closing.map((mr) => [mr['description'], mr['state']])).toEqual([['Closes #14', 'opened']]);
    expect(asArray((await api(sandbox, `/projects/${projectPath(OMNIBUS)}/issues/30/closed_by`)).json)).toEqual([]);
  });
});

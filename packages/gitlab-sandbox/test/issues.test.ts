import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeedDocument } from '../src/index.js';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';
import { api, asArray, asObject, projectPath } from './support/http.js';

// Issue, milestone, label, link and note behaviour on a small, fixed organisation.

const TODAY = new Date('2026-11-18T12:00:00.000Z');
const APP = projectPath('acme/app');

const seed: SeedDocument = {
  users: [{ username: 'alice' }, { username: 'bob' }, { username: 'carol' }],
  groups: [
    {
      path: 'acme',
      members: { alice: 'developer', bob: 'developer', carol: 'reporter' },
      labels: [{ name: 'team::red', color: '#ff0000' }, { name: 'team::blue', color: '#0000ff' }, { name: 'bug' }],
      milestones: [
        { title: 'Past', start_date: '2026-10-01', due_date: '2026-11-01' },
        { title: 'Now', start_date: '2026-11-02', due_date: '2026-11-30' },
        { title: 'Soon', start_date: '2026-12-01', due_date: '2026-12-31' },
        { title: 'Later', start_date: '2027-01-01', due_date: '2027-01-31' },
      ],
    },
  ],
  projects: [
    {
      path: 'acme/app',
      issues: [
        {
          title: 'Crash on start',
          labels: ['bug', 'team::red'],
          assignees: ['alice'],
          milestone: 'Now',
          author: 'bob',
          created_at: '2026-11-01T10:00:00Z',
          description: 'The app crashes when started offline.',
        },
        {
          title: 'Add dark mode',
          labels: ['team::blue'],
          assignees: ['bob'],
          milestone: 'Soon',
          author: 'alice',
          created_at: '2026-11-02T10:00:00Z',
        },
        {
          title: 'Old cleanup',
          milestone: 'Past',
          state: 'closed',
          author: 'alice',
          created_at: '2026-10-02T10:00:00Z',
          closed_at: '2026-10-20T10:00:00Z',
        },
        {
          title: 'Unplanned idea',
          author: 'carol',
          created_at: '2026-11-03T10:00:00Z',
          description: 'Offline support for the crash reporter.',
        },
      ],
    },
  ],
};

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed, now: TODAY.toISOString() });
});

afterAll(async () => {
  await sandbox.stop();
});

async function titles(query: string, token?: string): Promise<string[]> {
  const response = await api(sandbox, `/projects/${APP}/issues?${query}`, { token });
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  return asArray(response.json).map((issue) => String(issue['title']));
}

describe('issue list filters', () => {
  it('lists every state by default, newest first', async () => {
    expect(await titles('')).toEqual(['Unplanned idea', 'Add dark mode', 'Crash on start', 'Old cleanup']);
    expect(await titles('state=opened&sort=asc')).toEqual(['Crash on start', 'Add dark mode', 'Unplanned idea']);
  });

  it('filters by labels (all must match), None, Any and not[labels]', async () => {
    expect(await titles('labels=bug,team::red')).toEqual(['Crash on start']);
    expect(await titles('labels=bug,team::blue')).toEqual([]);
    expect(await titles('labels=None')).toEqual(['Unplanned idea', 'Old cleanup']);
    expect(await titles('labels=Any')).toEqual(['Add dark mode', 'Crash on start']);
    expect(await titles('not%5Blabels%5D=bug')).toEqual(['Unplanned idea', 'Add dark mode', 'Old cleanup']);
    expect(await titles('labels%5B%5D=bug&labels%5B%5D=team::red')).toEqual(['Crash on start']);
  });

  it('filters by milestone title, None, Any, Upcoming and Started', async () => {
    expect(await titles('milestone=Now')).toEqual(['Crash on start']);
    expect(await titles('milestone=None')).toEqual(['Unplanned idea']);
    expect(await titles('milestone=Any')).toEqual(['Add dark mode', 'Crash on start', 'Old cleanup']);
    // Upcoming: the nearest due date after today (Now, due 2026-11-30); Started: start date has passed.
    expect(await titles('milestone_id=Upcoming')).toEqual(['Crash on start']);
    expect(await titles('milestone_id=Started')).toEqual(['Crash on start', 'Old cleanup']);
    expect(await titles('not%5Bmilestone%5D=Now&state=opened')).toEqual(['Unplanned idea', 'Add dark mode']);
  });

  it('treats milestone=Upcoming as a title and only #upcoming, #started and milestone_id as wildcards', async () => {
    // IssuableFinder compares `milestone` with Milestone::Upcoming.name ("#upcoming"), not its title.
    expect(await titles('milestone=Upcoming')).toEqual([]);
    expect(await titles('milestone=Started')).toEqual([]);
    expect(await titles('milestone=%23upcoming')).toEqual(['Crash on start']);
    expect(await titles('milestone=%23started')).toEqual(['Crash on start', 'Old cleanup']);
    expect(await titles('milestone=No+Milestone')).toEqual(['Unplanned idea']);
    expect(await titles('milestone=Any+Milestone')).toEqual(['Add dark mode', 'Crash on start', 'Old cleanup']);
    expect((await api(sandbox, `/projects/${APP}/issues?milestone_id=upcoming`)).json).toEqual({
      error: 'milestone_id does not have a valid value',
    });
  });

  it('filters by assignee, author, iids and search', async () => {
    const bob = asArray((await api(sandbox, '/users?username=bob')).json)[0]?.['id'];
    expect(await titles(`assignee_id=${String(bob)}`)).toEqual(['Add dark mode']);
    expect(await titles('assignee_id=None')).toEqual(['Unplanned idea', 'Old cleanup']);
    expect(await titles('assignee_username%5B%5D=alice')).toEqual(['Crash on start']);
    expect(await titles('author_username=alice')).toEqual(['Add dark mode', 'Old cleanup']);
    expect(await titles('iids%5B%5D=1&iids%5B%5D=4')).toEqual(['Unplanned idea', 'Crash on start']);
    expect(await titles('search=offline')).toEqual(['Unplanned idea', 'Crash on start']);
    expect(await titles('search=offline&in=title')).toEqual([]);
  });

  it('filters by creation and update time, inclusively', async () => {
    expect(await titles('created_after=2026-11-02T10:00:00Z')).toEqual(['Unplanned idea', 'Add dark mode']);
    expect(await titles('created_before=2026-11-01T10:00:00.000Z')).toEqual(['Crash on start', 'Old cleanup']);
    expect(await titles('updated_before=2026-10-31')).toEqual(['Old cleanup']);
    expect((await api(sandbox, `/projects/${APP}/issues?created_after=yesterday`)).json).toEqual({ error: 'created_after is invalid' });
  });

  it('orders by title and due date and ignores unknown parameters', async () => {
    expect(await titles('order_by=title&sort=asc&colour=blue')).toEqual([
      'Add dark mode',
      'Crash on start',
      'Old cleanup',
      'Unplanned idea',
    ]);
  });

  it('scopes GET /issues to the caller’s own issues by default', async () => {
    const mine = await api(sandbox, '/issues', { token: sandbox.tokenFor('alice') });
    expect(asArray(mine.json).map((issue) => issue['title'])).toEqual(['Add dark mode', 'Old cleanup']);
    const assigned = await api(sandbox, '/issues?scope=assigned_to_me', { token: sandbox.tokenFor('alice') });
    expect(asArray(assigned.json).map((issue) => issue['title'])).toEqual(['Crash on start']);
    expect((await api(sandbox, '/issues', { token: null })).status).toBe(401);
  });

  it('lists group issues with references relative to the group', async () => {
    const response = await api(sandbox, '/groups/acme/issues?iids[]=1');
    expect(asArray(response.json)[0]?.['references']).toEqual({ short: '#1', relative: 'app#1', full: 'acme/app#1' });
  });
});

describe('creating and editing issues', () => {
  it('uses per-project iids and global ids, sorts labels, and creates unknown labels as GitLab does', async () => {
    const created = asObject(
      (await api(sandbox, `/projects/${APP}/issues`, { method: 'POST', body: { title: 'New', labels: 'zeta,alpha,bug' } })).json,
    );
    expect(created['iid']).toBe(5);
    expect(created['labels']).toEqual(['alpha', 'bug', 'zeta']);
    expect(created['web_url']).toBe(`${sandbox.url}/acme/app/-/issues/5`);
    const labels = asArray((await api(sandbox, `/projects/${APP}/labels?search=zeta`)).json);
    expect(labels).toEqual([expect.objectContaining({ name: 'zeta', color: '#6699cc', is_project_label: true })]);
  });

  it('accepts form-encoded bodies and comma-separated lists', async () => {
    const response = await fetch(`${sandbox.url}/api/v4/projects/${APP}/issues`, {
      method: 'POST',
      headers: { 'PRIVATE-TOKEN': sandbox.token, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'title=Form+issue&labels=bug%2Cteam%3A%3Ablue&assignee_ids%5B%5D=2&assignee_ids%5B%5D=3',
    });
    const issue = asObject(await response.json());
    expect(response.status).toBe(201);
    expect(issue['title']).toBe('Form issue');
    expect(issue['labels']).toEqual(['bug', 'team::blue']);
    expect(asArray(issue['assignees']).map((user) => user['username'])).toEqual(['alice', 'bob']);
  });

  it('lets an administrator set created_at', async () => {
    const issue = asObject(
      (await api(sandbox, `/projects/${APP}/issues`, { method: 'POST', body: { title: 'Backdated', created_at: '2025-01-02T03:04:05Z' } }))
        .json,
    );
    expect(issue['created_at']).toBe('2025-01-02T03:04:05.000Z');
  });

  it('edits labels with labels, add_labels and remove_labels', async () => {
    const path = `/projects/${APP}/issues/2`;
    expect(asObject((await api(sandbox, path, { method: 'PUT', body: { add_labels: 'bug,extra' } })).json)['labels']).toEqual([
      'bug',
      'extra',
      'team::blue',
    ]);
    expect(asObject((await api(sandbox, path, { method: 'PUT', body: { remove_labels: 'extra,missing' } })).json)['labels']).toEqual([
      'bug',
      'team::blue',
    ]);
    expect(asObject((await api(sandbox, path, { method: 'PUT', body: { labels: '' } })).json)['labels']).toEqual([]);
  });

  it('sets and unsets the milestone with milestone_id, 0 or empty', async () => {
    const milestones = asArray((await api(sandbox, '/groups/acme/milestones?title=Later')).json);
    const laterId = milestones[0]?.['id'];
    const path = `/projects/${APP}/issues/4`;
    const set = asObject((await api(sandbox, path, { method: 'PUT', body: { milestone_id: laterId } })).json);
    expect(asObject(set['milestone'])['title']).toBe('Later');
    expect(asObject((await api(sandbox, path, { method: 'PUT', body: { milestone_id: 0 } })).json)['milestone']).toBeNull();
    await api(sandbox, path, { method: 'PUT', body: { milestone_id: laterId } });
    expect(asObject((await api(sandbox, `${path}?milestone_id=`, { method: 'PUT' })).json)['milestone']).toBeNull();
  });

  it('closes and reopens with state_event, recording closed_at and closed_by', async () => {
    const path = `/projects/${APP}/issues/4`;
    const closed = asObject(
      (await api(sandbox, path, { method: 'PUT', token: sandbox.tokenFor('carol'), body: { state_event: 'close' } })).json,
    );
    expect(closed).toMatchObject({
      state: 'closed',
      closed_at: TODAY.toISOString(),
      closed_by: expect.objectContaining({ username: 'carol' }),
    });
    const reopened = asObject((await api(sandbox, path, { method: 'PUT', body: { state_event: 'reopen' } })).json);
    expect(reopened).toMatchObject({ state: 'opened', closed_at: null, closed_by: null });
  });

  it('writes system notes for changes, listed newest first by default', async () => {
    const notes = asArray((await api(sandbox, `/projects/${APP}/issues/4/notes?sort=asc`)).json);
    expect(notes.map((note) => note['body'])).toEqual([
      'changed milestone to %"Later"',
      'removed milestone %"Later"',
      'changed milestone to %"Later"',
      'removed milestone %"Later"',
      'closed',
      'reopened',
    ]);
    expect(notes.every((note) => note['system'] === true)).toBe(true);
  });
});

describe('scoped labels', () => {
  it('replaces a label of the same scope on Premium', async () => {
    const path = `/projects/${APP}/issues/1`;
    const edited = asObject((await api(sandbox, path, { method: 'PUT', body: { add_labels: 'team::blue' } })).json);
    expect(edited['labels']).toEqual(['bug', 'team::blue']);
    const created = asObject(
      (await api(sandbox, `/projects/${APP}/issues`, { method: 'POST', body: { title: 'Two scopes', labels: 'team::red,team::blue' } }))
        .json,
    );
    expect(created['labels']).toEqual(['team::blue']);
  });

  it('keeps both labels on Free, where scoped labels are plain labels', async () => {
    const free = await startSandbox({ seed, now: TODAY.toISOString(), tier: 'free' });
    try {
      const edited = await api(free, `/projects/${APP}/issues/1`, {
        method: 'PUT',
        body: { add_labels: 'team::blue', assignee_ids: [2, 3] },
      });
      expect(asObject(edited.json)['labels']).toEqual(['bug', 'team::blue', 'team::red']);
      expect(asArray(asObject(edited.json)['assignees'])).toHaveLength(1);
      const blocks = await api(free, `/projects/${APP}/issues/1/links`, {
        method: 'POST',
        body: { target_project_id: 'acme/app', target_issue_iid: 2, link_type: 'blocks' },
      });
      expect(blocks).toMatchObject({ status: 400, json: { error: 'link_type does not have a valid value' } });
    } finally {
      await free.stop();
    }
  });
});

describe('issue links', () => {
  it('links both ways, answers 409 for a duplicate in either direction, and unlinks', async () => {
    const created = await api(sandbox, `/projects/${APP}/issues/1/links`, {
      method: 'POST',
      body: { target_project_id: String(1), target_issue_iid: '2' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ link_type: 'relates_to', source_issue: { iid: 1 }, target_issue: { iid: 2 } });
    const reverse = await api(sandbox, `/projects/${APP}/issues/2/links`, {
      method: 'POST',
      body: { target_project_id: 'acme/app', target_issue_iid: 1 },
    });
    expect(reverse).toMatchObject({ status: 409, json: { message: 'Issue(s) already assigned' } });
    const fromTarget = asArray((await api(sandbox, `/projects/${APP}/issues/2/links`)).json);
    expect(fromTarget.map((issue) => issue['iid'])).toEqual([1]);
    const linkId = fromTarget[0]?.['issue_link_id'];
    expect((await api(sandbox, `/projects/${APP}/issues/2/links/${String(linkId)}`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(sandbox, `/projects/${APP}/issues/1/links`)).json).toEqual([]);
  });

  it('stores is_blocked_by as blocks with the ends swapped', async () => {
    const created = await api(sandbox, `/projects/${APP}/issues/1/links`, {
      method: 'POST',
      body: { target_project_id: 'acme/app', target_issue_iid: 3, link_type: 'is_blocked_by' },
    });
    expect(created.json).toMatchObject({ link_type: 'blocks', source_issue: { iid: 3 }, target_issue: { iid: 1 } });
    const list = asArray((await api(sandbox, `/projects/${APP}/issues/1/links`)).json);
    expect(list[0]).toMatchObject({ iid: 3, link_type: 'is_blocked_by' });
  });

  it('refuses self links with 422 and missing targets with 404', async () => {
    const self = await api(sandbox, `/projects/${APP}/issues/1/links`, {
      method: 'POST',
      body: { target_project_id: 'acme/app', target_issue_iid: 1 },
    });
    expect(self).toMatchObject({ status: 422, json: { message: '#1 cannot be added: cannot be related to itself' } });
    const missing = await api(sandbox, `/projects/${APP}/issues/1/links`, {
      method: 'POST',
      body: { target_project_id: 'acme/app', target_issue_iid: 99 },
    });
    expect(missing).toMatchObject({ status: 404, json: { message: '404 Not found' } });
  });
});

describe('milestones', () => {
  it('computes expired from the sandbox clock and filters by state', async () => {
    const all = asArray((await api(sandbox, '/groups/acme/milestones')).json);
    expect(all.map((m) => [m['title'], m['expired']])).toEqual([
      ['Past', true],
      ['Now', false],
      ['Soon', false],
      ['Later', false],
    ]);
    const closed = await api(sandbox, '/groups/acme/milestones?state=closed');
    expect(closed.json).toEqual([]);
  });

  it('refuses a title already used in the hierarchy', async () => {
    const response = await api(sandbox, `/projects/${APP}/milestones`, { method: 'POST', body: { title: 'Now' } });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      message: 'Failed to create milestone {:title=>["already being used for another group or project milestone."]}',
    });
  });

  it('closes and reactivates with state_event and answers 404 for another parent’s milestone', async () => {
    const id = asArray((await api(sandbox, '/groups/acme/milestones?title=Later')).json)[0]?.['id'];
    const closed = await api(sandbox, `/groups/acme/milestones/${String(id)}`, { method: 'PUT', body: { state_event: 'close' } });
    expect(asObject(closed.json)['state']).toBe('closed');
    const activated = await api(sandbox, `/groups/acme/milestones/${String(id)}`, {
      method: 'PUT',
      body: { state_event: 'activate', due_date: '2027-02-01' },
    });
    expect(activated.json).toMatchObject({ state: 'active', due_date: '2027-02-01' });
    expect((await api(sandbox, `/projects/${APP}/milestones/${String(id)}`)).json).toEqual({ message: '404 Not found' });
  });

  it('lists a project’s milestones with their ancestors on include_ancestors', async () => {
    expect((await api(sandbox, `/projects/${APP}/milestones`)).json).toEqual([]);
    expect(asArray((await api(sandbox, `/projects/${APP}/milestones?include_ancestors=true`)).json)).toHaveLength(4);
  });
});

describe('notes', () => {
  it('creates notes and lists them in the requested order', async () => {
    await api(sandbox, `/projects/${APP}/issues/3/notes`, { method: 'POST', body: { body: 'first' } });
    await api(sandbox, `/projects/${APP}/issues/3/notes`, { method: 'POST', body: { body: 'second' } });
    const desc = asArray((await api(sandbox, `/projects/${APP}/issues/3/notes`)).json).filter((note) => note['system'] === false);
    expect(desc.map((note) => note['body'])).toEqual(['second', 'first']);
    const issue = asObject((await api(sandbox, `/projects/${APP}/issues/3`)).json);
    expect(issue['user_notes_count']).toBe(2);
    expect((await api(sandbox, `/projects/${APP}/issues/3/notes`, { method: 'POST', body: {} })).json).toEqual({
      error: 'body is missing',
    });
    expect((await api(sandbox, `/projects/${APP}/issues/99/notes`)).json).toEqual({ message: '404 Issue Not Found' });
  });
});

describe('user status', () => {
  it('defaults to not_set and PUT replaces the whole status', async () => {
    const token = sandbox.tokenFor('bob');
    expect((await api(sandbox, '/users/bob/status', { token: null })).json).toEqual({
      emoji: null,
      availability: 'not_set',
      message: null,
      message_html: '',
      clear_status_at: null,
    });
    const set = await api(sandbox, '/user/status', {
      method: 'PUT',
      token,
      body: { availability: 'busy', message: 'On leave', clear_status_after: '1_day' },
    });
    expect(set.json).toMatchObject({
      availability: 'busy',
      message: 'On leave',
      emoji: 'speech_balloon',
      clear_status_at: new Date(TODAY.getTime() + 86_400_000).toISOString(),
    });
    const replaced = await api(sandbox, '/user/status', { method: 'PUT', token, body: { emoji: 'coffee' } });
    expect(replaced.json).toMatchObject({ emoji: 'coffee', availability: 'not_set', message: null, clear_status_at: null });
    expect((await api(sandbox, '/user/status', { method: 'PUT', token, body: { availability: 'away' } })).json).toEqual({
      error: 'availability does not have a valid value',
    });
  });
});

import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeedDocument } from '../src/index.js';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';
import { api, asArray, asObject, projectPath } from './support/http.js';

// The sandbox serves issue lists from cached JSON and cached query results. Every change that an
// issue shows, or that a filter looks at, must show up on the next request: each test warms the
// caches first, changes something, then reads again.

const APP = projectPath('acme/app');
const TODAY = '2026-11-18T12:00:00.000Z';

const seed: SeedDocument = {
  users: [{ username: 'alice' }, { username: 'bob' }],
  groups: [
    {
      path: 'acme',
      members: { alice: 'developer', bob: 'developer' },
      labels: [{ name: 'bug', color: '#ff0000' }],
      milestones: [
        { title: 'Now', start_date: '2026-11-02', due_date: '2026-11-20' },
        { title: 'Soon', start_date: '2026-12-01', due_date: '2026-12-31' },
      ],
    },
  ],
  projects: [
    {
      path: 'acme/app',
      issues: [
        { title: 'First', labels: ['bug'], assignees: ['alice'], milestone: 'Now', author: 'bob', created_at: '2026-11-01T10:00:00Z' },
        { title: 'Second', milestone: 'Soon', author: 'alice', created_at: '2026-11-02T10:00:00Z' },
        { title: 'Third', author: 'alice', created_at: '2026-11-03T10:00:00Z' },
      ],
    },
  ],
};

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed, now: TODAY });
});

afterAll(async () => {
  await sandbox.stop();
});

async function list(query = '', token?: string): Promise<Array<Record<string, unknown>>> {
  const response = await api(sandbox, `/projects/${APP}/issues?${query}`, { token });
  expect(response.status, response.text).toBe(200);
  return asArray(response.json);
}

async function issueIn(query: string, iid: number, token?: string): Promise<Record<string, unknown> | undefined> {
  return (await list(query, token)).find((issue) => issue['iid'] === iid);
}

const milestoneTitle = (issue: Record<string, unknown> | undefined) => asObject(issue?.['milestone'])['title'];

describe('cached issue JSON and lists', () => {
  it('show an edited issue in lists and single reads', async () => {
    expect((await issueIn('', 3))?.['title']).toBe('Third');
    expect(asObject((await api(sandbox, `/projects/${APP}/issues/3`)).json)['title']).toBe('Third');
    expect((await list('search=renamed')).length).toBe(0);

    const edited = await api(sandbox, `/projects/${APP}/issues/3`, {
      method: 'PUT',
      body: { title: 'Third, renamed', add_labels: 'fresh' },
    });
    expect(edited.status).toBe(200);

    const listed = await issueIn('', 3);
    expect(listed?.['title']).toBe('Third, renamed');
    expect(listed?.['labels']).toEqual(['fresh']);
    expect(asObject((await api(sandbox, `/projects/${APP}/issues/3`)).json)['title']).toBe('Third, renamed');
    expect((await list('search=renamed')).map((issue) => issue['iid'])).toEqual([3]);
    expect((await list('labels=fresh')).map((issue) => issue['iid'])).toEqual([3]);
    // with_labels_details sees the label the edit created.
    const detailed = await issueIn('with_labels_details=true', 3);
    expect(detailed?.['labels']).toEqual([expect.objectContaining({ name: 'fresh', color: '#6699cc' })]);
  });

  it('show a created issue on the first page and in the totals', async () => {
    const before = await api(sandbox, `/projects/${APP}/issues?per_page=1`);
    const total = Number(before.headers.get('x-total'));
    const created = await api(sandbox, `/projects/${APP}/issues`, { method: 'POST', body: { title: 'Brand new', labels: 'bug' } });
    expect(created.status).toBe(201);
    const after = await api(sandbox, `/projects/${APP}/issues?per_page=1`);
    expect(Number(after.headers.get('x-total'))).toBe(total + 1);
    expect(asArray(after.json)[0]?.['title']).toBe('Brand new');
    expect((await list('labels=bug&state=opened')).map((issue) => issue['title'])).toContain('Brand new');
  });

  it('show a renamed or closed milestone inside issues and in milestone filters', async () => {
    expect(milestoneTitle(await issueIn('', 1))).toBe('Now');
    expect((await list('milestone=Now')).map((issue) => issue['iid'])).toEqual([1]);
    const [now] = asArray((await api(sandbox, '/groups/acme/milestones?title=Now')).json);

    const renamed = await api(sandbox, `/groups/acme/milestones/${String(now?.['id'])}`, {
      method: 'PUT',
      body: { title: 'Current', state_event: 'close' },
    });
    expect(renamed.status).toBe(200);

    const issue = await issueIn('', 1);
    expect(milestoneTitle(issue)).toBe('Current');
    expect(asObject(issue?.['milestone'])['state']).toBe('closed');
    expect(milestoneTitle(asObject((await api(sandbox, `/projects/${APP}/issues/1`)).json))).toBe('Current');
    expect(await list('milestone=Now')).toEqual([]);
    expect((await list('milestone=Current')).map((i) => i['iid'])).toEqual([1]);
    const basic = asArray((await api(sandbox, `/groups/acme/milestones/${String(now?.['id'])}/issues`)).json);
    expect(milestoneTitle(basic[0])).toBe('Current');
  });

  it('show a new user once assigned, and lists follow memberships', async () => {
    const created = await api(sandbox, '/users', {
      method: 'POST',
      body: { username: 'dana', name: 'Dana Scully', email: 'dana@example.com', password: 'correct-horse-battery' },
    });
    expect(created.status).toBe(201);
    const dana = asObject(created.json);
    expect((await api(sandbox, `/projects/${APP}/issues`, { token: sandbox.tokenFor('dana') })).status).toBe(404);
    expect(await list('assignee_username=dana')).toEqual([]);

    expect((await api(sandbox, '/groups/acme/members', { method: 'POST', body: { user_id: dana['id'], access_level: 30 } })).status).toBe(
      201,
    );
    expect((await list('', sandbox.tokenFor('dana'))).length).toBeGreaterThan(0);

    expect((await api(sandbox, `/projects/${APP}/issues/2`, { method: 'PUT', body: { assignee_ids: [dana['id']] } })).status).toBe(200);
    const assigned = await issueIn('', 2, sandbox.tokenFor('dana'));
    expect(asObject(assigned?.['assignee'])).toMatchObject({ username: 'dana', name: 'Dana Scully' });
    expect((await list('assignee_username=dana')).map((issue) => issue['iid'])).toEqual([2]);
  });

  it('show new notes and blocking links in the counts', async () => {
    const before = await issueIn('', 2);
    expect(before?.['user_notes_count']).toBe(0);
    expect(before?.['blocking_issues_count']).toBe(0);

    expect((await api(sandbox, `/projects/${APP}/issues/2/notes`, { method: 'POST', body: { body: 'A comment' } })).status).toBe(201);
    expect((await issueIn('', 2))?.['user_notes_count']).toBe(1);

    const link = await api(sandbox, `/projects/${APP}/issues/2/links`, {
      method: 'POST',
      body: { target_project_id: 'acme/app', target_issue_iid: '1', link_type: 'blocks' },
    });
    expect(link.status).toBe(201);
    expect((await issueIn('', 2))?.['blocking_issues_count']).toBe(1);

    const id = asArray((await api(sandbox, `/projects/${APP}/issues/2/links`)).json)[0]?.['issue_link_id'];
    expect((await api(sandbox, `/projects/${APP}/issues/2/links/${String(id)}`, { method: 'DELETE' })).status).toBe(200);
    expect((await issueIn('', 2))?.['blocking_issues_count']).toBe(0);
  });

  it('follow the sandbox clock into the next day (milestones expire, Upcoming moves on)', async () => {
    const soon = async () => asObject((await issueIn('', 2))?.['milestone']);
    expect((await soon())['expired']).toBe(false);
    const upcoming = (await list('milestone_id=Upcoming')).map((issue) => issue['iid']);
    expect(upcoming).toEqual([2]);

    sandbox.clock.set('2027-01-02T12:00:00.000Z');
    expect((await soon())['expired']).toBe(true);
    expect(await list('milestone_id=Upcoming')).toEqual([]);
    sandbox.clock.reset();
    expect((await soon())['expired']).toBe(false);
  });

  it('build URLs from the Host the client used, whatever was cached for another', async () => {
    expect(String((await issueIn('', 1))?.['web_url'])).toBe(`${sandbox.url}/acme/app/-/issues/1`);
    const body = await new Promise<string>((resolve, reject) => {
      const url = new URL(`${sandbox.url}/api/v4/projects/${APP}/issues`);
      const req = httpRequest(url, { headers: { Host: 'gitlab.example.test', 'PRIVATE-TOKEN': sandbox.token } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    const issue = asArray(JSON.parse(body)).find((candidate) => candidate['iid'] === 1);
    expect(issue?.['web_url']).toBe('http://gitlab.example.test/acme/app/-/issues/1');
  });

  it('serve the same bytes as a fresh rendering: group and global lists agree with the project list', async () => {
    const project = await list('per_page=100');
    const group = asArray((await api(sandbox, '/groups/acme/issues?per_page=100')).json);
    const global = asArray((await api(sandbox, '/issues?scope=all&per_page=100')).json);
    const strip = (issues: Array<Record<string, unknown>>) => issues.map(({ references: _references, ...rest }) => rest);
    expect(strip(group)).toEqual(strip(project));
    expect(strip(global)).toEqual(strip(project));
    expect(asObject(group[0]?.['references'])['relative']).toBe(`app#${String(group[0]?.['iid'])}`);
    expect(asObject(global[0]?.['references'])['relative']).toBe(`#${String(global[0]?.['iid'])}`);
  });
});

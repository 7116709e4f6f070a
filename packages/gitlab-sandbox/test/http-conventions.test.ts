import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type SeedDocument } from '../src/index.js';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';
import { api, asArray, asObject, projectPath } from './support/http.js';

// Pagination headers, error bodies, authentication and sudo, as GitLab does them.

const PROJECT = projectPath('acme/app');

const seed: SeedDocument = {
  users: [{ username: 'dev' }, { username: 'guest' }, { username: 'outsider' }],
  groups: [{ path: 'acme', members: { dev: 'developer', guest: 'guest' } }],
  projects: [
    {
      path: 'acme/app',
      issues: Array.from({ length: 45 }, (_, index) => ({
        title: `Issue ${index + 1}`,
        labels: index % 2 === 0 ? ['even'] : ['odd'],
        created_at: new Date(Date.UTC(2026, 0, 1) + index * 3_600_000).toISOString(),
      })),
    },
    { path: 'acme/public-site', visibility: 'public', issues: [{ title: 'Public issue' }] },
  ],
};

let sandbox: Sandbox;

beforeAll(async () => {
  // Not strict: these tests check what GitLab answers for routes that do not exist.
  sandbox = await startSandbox({ seed, strict: false });
});

afterAll(async () => {
  await sandbox.stop();
});

function links(header: string | null): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of (header ?? '').split(', ')) {
    const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
    if (match?.[1] && match[2]) result[match[2]] = match[1];
  }
  return result;
}

describe('offset pagination', () => {
  it('sends X-Total, X-Total-Pages, X-Page, X-Per-Page, X-Next-Page and an empty X-Prev-Page on the first page', async () => {
    const response = await api(sandbox, `/projects/${PROJECT}/issues?per_page=20`);
    expect(asArray(response.json)).toHaveLength(20);
    expect(
      Object.fromEntries(
        ['x-total', 'x-total-pages', 'x-page', 'x-per-page', 'x-next-page', 'x-prev-page'].map((name) => [
          name,
          response.headers.get(name),
        ]),
      ),
    ).toEqual({
      'x-total': '45',
      'x-total-pages': '3',
      'x-page': '1',
      'x-per-page': '20',
      'x-next-page': '2',
      'x-prev-page': '',
    });
  });

  it('builds Link URLs from the request’s own host, repeating every parameter with page replaced', async () => {
    // fetch may not set Host, so this one goes through node:http.
    const linkHeader = await new Promise<string>((resolve, reject) => {
      const url = new URL(`${sandbox.url}/api/v4/projects/${PROJECT}/issues?labels=even&per_page=5&page=2&not%5Blabels%5D=odd`);
      get(url, { headers: { 'PRIVATE-TOKEN': sandbox.token, Host: 'gitlab.test:8443' } }, (response) => {
        response.resume();
        resolve(String(response.headers['link'] ?? ''));
      }).on('error', reject);
    });
    const rels = links(linkHeader);
    expect(Object.keys(rels)).toEqual(['prev', 'next', 'first', 'last']);
    const next = new URL(rels['next'] ?? '');
    expect(next.origin).toBe('http://gitlab.test:8443');
    expect(next.pathname).toBe('/api/v4/projects/acme%2Fapp/issues');
    expect(Object.fromEntries(next.searchParams)).toEqual({
      id: 'acme/app',
      labels: 'even',
      'not[labels]': 'odd',
      page: '3',
      per_page: '5',
    });
    expect(new URL(rels['last'] ?? '').searchParams.get('page')).toBe('5');
    expect(new URL(rels['first'] ?? '').searchParams.get('page')).toBe('1');
  });

  it('leaves X-Next-Page empty and drops rel="next" on the last page', async () => {
    const response = await api(sandbox, `/projects/${PROJECT}/issues?per_page=20&page=3`);
    expect(asArray(response.json)).toHaveLength(5);
    expect(response.headers.get('x-next-page')).toBe('');
    expect(response.headers.get('x-prev-page')).toBe('2');
    expect(Object.keys(links(response.headers.get('link')))).toEqual(['prev', 'first', 'last']);
  });

  it('returns [] past the end, with that page number', async () => {
    const response = await api(sandbox, `/projects/${PROJECT}/issues?page=9`);
    expect(response.json).toEqual([]);
    expect(response.headers.get('x-page')).toBe('9');
    expect(response.headers.get('x-next-page')).toBe('');
  });

  it('caps per_page at 100 and defaults it to 20', async () => {
    const capped = await api(sandbox, '/users?per_page=500');
    expect(capped.headers.get('x-per-page')).toBe('100');
    const defaulted = await api(sandbox, `/projects/${PROJECT}/issues`);
    expect(defaulted.headers.get('x-per-page')).toBe('20');
  });

  it('reports at least one page for an empty list', async () => {
    const response = await api(sandbox, `/projects/${PROJECT}/issues?labels=missing`);
    expect(response.json).toEqual([]);
    expect(response.headers.get('x-total')).toBe('0');
    expect(response.headers.get('x-total-pages')).toBe('1');
  });
});

describe('error bodies', () => {
  it('answers an unknown route with {"error":"404 Not Found"}', async () => {
    const response = await api(sandbox, '/projects/1/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ error: '404 Not Found' });
  });

  it('in strict mode answers a route it does not emulate with a 501 naming it, and marks it in the request log', async () => {
    // Created directly, not through the test harness, which would turn that log entry into this test's failure.
    const strict = await createSandbox({ strict: true, now: () => sandbox.now() });
    try {
      const response = await api(strict, '/projects/1/no-such-thing?page=2');
      expect(response.status).toBe(501);
      expect(response.json).toEqual({ message: '501 Not Emulated: the sandbox has no route for GET /api/v4/projects/1/no-such-thing' });
      expect(strict.requestLog.at(-1)).toMatchObject({
        method: 'GET',
        path: '/api/v4/projects/1/no-such-thing',
        status: 501,
        notEmulated: true,
      });
      // Routes it does emulate, missing things included, still answer as GitLab does.
      expect((await api(strict, '/projects/999/issues')).json).toEqual({ message: '404 Project Not Found' });
      expect(strict.requestLog.at(-1)?.notEmulated).toBeUndefined();
    } finally {
      await strict.stop();
    }
  });

  it('treats an unencoded slash in :id as an unknown route', async () => {
    const response = await api(sandbox, '/projects/acme/app');
    expect(response.json).toEqual({ error: '404 Not Found' });
  });

  it('answers a missing project with "404 Project Not Found" and a missing issue with "404 Not found"', async () => {
    expect((await api(sandbox, '/projects/999/issues')).json).toEqual({ message: '404 Project Not Found' });
    expect((await api(sandbox, `/projects/${projectPath('acme/nope')}`)).json).toEqual({ message: '404 Project Not Found' });
    const issue = await api(sandbox, `/projects/${PROJECT}/issues/999`);
    expect(issue.status).toBe(404);
    expect(issue.json).toEqual({ message: '404 Not found' });
    expect((await api(sandbox, '/groups/nope')).json).toEqual({ message: '404 Group Not Found' });
    expect((await api(sandbox, '/users/9999')).json).toEqual({ message: '404 User Not Found' });
  });

  it('answers a missing required parameter the Grape way', async () => {
    const response = await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: { description: 'no title' } });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: 'title is missing' });
    const both = await api(sandbox, `/projects/${PROJECT}/labels`, { method: 'POST', body: {} });
    expect(both.json).toEqual({ error: 'name is missing, color is missing' });
  });

  it('answers a value outside the allowed set with "does not have a valid value"', async () => {
    const response = await api(sandbox, `/projects/${PROJECT}/issues/1`, { method: 'PUT', body: { state_event: 'archive' } });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: 'state_event does not have a valid value' });
    expect((await api(sandbox, `/projects/${PROJECT}/issues?milestone_id=12`)).json).toEqual({
      error: 'milestone_id does not have a valid value',
    });
  });

  it('answers model validation failures with {"message":{"field":[...]}}', async () => {
    const blank = await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: { title: '  ' } });
    expect(blank.json).toEqual({ message: { title: ["can't be blank"] } });
    const color = await api(sandbox, `/projects/${PROJECT}/labels`, { method: 'POST', body: { name: 'x', color: 'not-a-colour' } });
    expect(color.json).toEqual({ message: { color: ['must be a valid color code'] } });
  });

  it('answers an edit without any updatable parameter with the at_least_one_of message', async () => {
    const response = await api(sandbox, `/projects/${PROJECT}/issues/1`, { method: 'PUT', body: {} });
    expect(response.status).toBe(400);
    expect(asObject(response.json)['error']).toMatch(
      /^assignee_id, assignee_ids, confidential, .*, title, issue_type, weight, epic_id, epic_iid are missing, at least one parameter must be provided$/,
    );
  });

  it('answers mutually exclusive parameters', async () => {
    const response = await api(sandbox, `/projects/${PROJECT}/issues?milestone=a&milestone_id=None`);
    expect(response.json).toEqual({ error: 'milestone_id, milestone are mutually exclusive' });
  });

  it('answers a duplicate label with 409', async () => {
    await api(sandbox, `/projects/${PROJECT}/labels`, { method: 'POST', body: { name: 'dup', color: '#abc' } });
    const again = await api(sandbox, `/projects/${PROJECT}/labels`, { method: 'POST', body: { name: 'dup', color: '#abc' } });
    expect(again.status).toBe(409);
    expect(again.json).toEqual({ message: 'Label already exists' });
  });

  it('sends JSON with application/json, and RateLimit headers only when a rate limit is set', async () => {
    const response = await api(sandbox, '/version');
    expect(response.headers.get('content-type')).toBe('application/json');
    const names = ['ratelimit-name', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-observed'];
    for (const name of names) expect(response.headers.get(name), name).toBeNull();

    sandbox.setRateLimit({ limit: 100, windowSeconds: 60 });
    const limited = await api(sandbox, '/version');
    for (const name of names.slice(1)) expect(limited.headers.get(name), name).toMatch(/^\d+$/);
    expect(limited.headers.get('ratelimit-name')).toBe('throttle_authenticated_api');
    sandbox.setRateLimit(undefined);
    expect((await api(sandbox, '/version')).headers.get('ratelimit-limit')).toBeNull();
  });

  it('uses ISO 8601 timestamps with milliseconds', async () => {
    const issue = asObject((await api(sandbox, `/projects/${PROJECT}/issues/1`)).json);
    expect(issue['created_at']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('authentication', () => {
  it('answers a bad token with 401 even on a public resource', async () => {
    const response = await api(sandbox, '/user', { token: 'glpat-wrongwrongwrongwrong' });
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ message: '401 Unauthorized' });
    expect((await api(sandbox, `/projects/${projectPath('acme/public-site')}`, { token: 'nope' })).status).toBe(401);
  });

  it('answers a missing token with 401 where one is needed', async () => {
    expect((await api(sandbox, '/user', { token: null })).json).toEqual({ message: '401 Unauthorized' });
    const write = await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', token: null, body: {} });
    expect(write.status).toBe(401);
  });

  it('hides private projects from anonymous callers and non-members with a 404, but shows public ones', async () => {
    expect((await api(sandbox, `/projects/${PROJECT}`, { token: null })).json).toEqual({ message: '404 Project Not Found' });
    expect((await api(sandbox, `/projects/${PROJECT}`, { token: sandbox.tokenFor('outsider') })).json).toEqual({
      message: '404 Project Not Found',
    });
    expect((await api(sandbox, `/projects/${projectPath('acme/public-site')}/issues`, { token: null })).status).toBe(200);
  });

  it('accepts the token as Authorization: Bearer and as private_token', async () => {
    const bearer = await fetch(`${sandbox.url}/api/v4/user`, { headers: { Authorization: `Bearer ${sandbox.tokenFor('dev')}` } });
    expect(asObject(await bearer.json())['username']).toBe('dev');
    const query = await api(sandbox, `/user?private_token=${sandbox.tokenFor('dev')}`, { token: null });
    expect(asObject(query.json)['username']).toBe('dev');
    expect(sandbox.requestLog.at(-1)).toMatchObject({ path: '/api/v4/user', query: 'private_token=[FILTERED]' });
  });

  it('lets only administrators create users', async () => {
    const body = { username: 'someone', name: 'Someone', email: 'someone@example.com', password: 'correct-horse-battery' };
    const denied = await api(sandbox, '/users', { method: 'POST', token: sandbox.tokenFor('dev'), body });
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({ message: '403 Forbidden' });
    expect((await api(sandbox, '/users', { method: 'POST', body })).status).toBe(201);
    const duplicate = await api(sandbox, '/users', { method: 'POST', body: { ...body, email: 'other@example.com' } });
    expect(duplicate).toMatchObject({ status: 409, json: { message: 'Username has already been taken' } });
    const noPassword = await api(sandbox, '/users', { method: 'POST', body: { username: 'x', name: 'X', email: 'x@example.com' } });
    expect(noPassword.json).toEqual({
      error: 'password, reset_password, force_random_password are missing, at least one parameter must be provided',
    });
  });

  it('refuses writes from users without the needed role with 403', async () => {
    const label = await api(sandbox, `/projects/${PROJECT}/labels`, {
      method: 'POST',
      token: sandbox.tokenFor('guest'),
      body: { name: 'g', color: '#fff' },
    });
    expect(label).toMatchObject({ status: 403, json: { message: '403 Forbidden' } });
    const edit = await api(sandbox, `/projects/${PROJECT}/issues/1`, {
      method: 'PUT',
      token: sandbox.tokenFor('guest'),
      body: { title: 'mine now' },
    });
    expect(edit.status).toBe(403);
  });

  it('lets a guest create an issue but silently drops labels, assignees and milestone', async () => {
    const response = await api(sandbox, `/projects/${PROJECT}/issues`, {
      method: 'POST',
      token: sandbox.tokenFor('guest'),
      body: { title: 'From a guest', labels: 'even', assignee_ids: [2] },
    });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({
      title: 'From a guest',
      labels: [],
      assignees: [],
      milestone: null,
      author: { username: 'guest' },
    });
  });
});

describe('sudo', () => {
  it('lets an administrator act as another user with the Sudo header or the sudo parameter', async () => {
    const header = await api(sandbox, '/user', { headers: { Sudo: 'dev' } });
    expect(asObject(header.json)['username']).toBe('dev');
    const devId = String(asObject(header.json)['id']);
    const param = await api(sandbox, `/user?sudo=${devId}`);
    expect(asObject(param.json)['username']).toBe('dev');
    const created = await api(sandbox, `/projects/${PROJECT}/issues`, {
      method: 'POST',
      headers: { Sudo: 'dev' },
      body: { title: 'as dev' },
    });
    expect(asObject(asObject(created.json)['author'])['username']).toBe('dev');
  });

  it('refuses sudo from a non-administrator with 403', async () => {
    const response = await api(sandbox, '/user', { token: sandbox.tokenFor('dev'), headers: { Sudo: 'root' } });
    expect(response.status).toBe(403);
    expect(response.json).toEqual({ message: '403 Forbidden - Must be admin to use sudo' });
  });

  it('answers sudo to an unknown user with 404', async () => {
    const response = await api(sandbox, '/user', { headers: { Sudo: 'ghost' } });
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ message: "404 User with ID or username 'ghost' Not Found" });
  });
});

import { Issues, MergeRequests, Projects, Users } from '@gitbeaker/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedDocument } from '../src/index.js';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';
import { api, asArray, asObject, projectPath } from './support/http.js';

// Details a GitLab client notices: issue weights (Premium), pagination edges, and GitLab's search
// semantics (PostgreSQL full-text search for issues, one column for merge requests, users).

const APP = projectPath('acme/app');
let premium: Sandbox;
let free: Sandbox;

const seed: SeedDocument = {
  users: [
    { username: 'chen.wei', name: 'Chen Wei', email: 'chen@corp.example' },
    { username: 'al', name: 'Al Smith' },
  ],
  groups: [{ path: 'acme', members: { 'chen.wei': 'developer', al: 'developer' } }],
  projects: [
    {
      path: 'acme/app',
      issues: [
        { title: 'Alpha report' },
        { title: 'Metadata cleanup', description: 'Status of the data' },
        { title: 'Tasks for the week' },
        { title: 'Foo bar baz' },
        { title: 'Bar then foo', description: 'nothing else' },
        { title: 'The' },
        { title: 'Jürgen’s idea', description: 'Ærøskøbing trip' },
        { title: '日本語 title', description: 'another english description' },
      ],
      merge_requests: [
        { title: 'Fix login', description: 'Improve the page' },
        { title: 'Login page polish', description: 'CSS only' },
      ],
    },
  ],
};

beforeAll(async () => {
  premium = await startSandbox({ seed });
  free = await startSandbox({ seed, tier: 'free' });
});

afterAll(async () => {
  await premium.stop();
  await free.stop();
});

async function titles(sandbox: Sandbox, query: string): Promise<unknown[]> {
  const response = await api(sandbox, `/projects/${APP}/issues?${query}`);
  expect(response.status, query).toBe(200);
  return asArray(response.json)
    .map((issue) => issue['title'])
    .sort();
}

describe('issue weight', () => {
  it('is stored, returned and filtered on Premium, with None and Any', async () => {
    const issues = new Issues({ host: premium.url, token: premium.token });
    const heavy = await issues.create('acme/app', 'Heavy', { weight: 5 });
    expect(heavy.weight).toBe(5);
    const light = await issues.create('acme/app', 'Light', { weight: 0 });
    expect(light.weight).toBe(0);
    expect((await issues.edit('acme/app', light.iid, { weight: 2 })).weight).toBe(2);
    expect(await titles(premium, 'weight=5')).toEqual(['Heavy']);
    expect(await titles(premium, 'weight=Any')).toEqual(['Heavy', 'Light']);
    expect(await titles(premium, 'weight=None')).toHaveLength(8);
    expect(await titles(premium, 'not[weight]=5&weight=Any')).toEqual(['Light']);
    const ordered = await api(premium, `/projects/${APP}/issues?order_by=weight&sort=desc&per_page=3`);
    expect(asArray(ordered.json).map((issue) => issue['weight'])).toEqual([5, 2, null]);
  });

  it('refuses a negative weight with GitLab’s validation message, and a weight filter that is not a number', async () => {
    const negative = await api(premium, `/projects/${APP}/issues`, { method: 'POST', body: { title: 'Negative', weight: -1 } });
    expect(negative).toMatchObject({ status: 400, json: { message: { weight: ['must be greater than or equal to 0'] } } });
    const filter = await api(premium, `/projects/${APP}/issues?weight=heavy`);
    expect(filter).toMatchObject({ status: 400, json: { error: 'weight is invalid' } });
  });

  it('is ignored on Free, as GitLab ignores the undeclared parameter', async () => {
    const created = await api(free, `/projects/${APP}/issues`, { method: 'POST', body: { title: 'Weighed', weight: 5 } });
    expect(created.status).toBe(201);
    expect(asObject(created.json)).not.toHaveProperty('weight');
    const negative = await api(free, `/projects/${APP}/issues`, { method: 'POST', body: { title: 'Negative', weight: -1 } });
    expect(negative.status).toBe(201);
    expect(await titles(free, 'weight=5')).toHaveLength(10);
  });
});

describe('pagination edges', () => {
  it('answers per_page=0 with 400 per_page has a value not allowed', async () => {
    const response = await api(premium, `/projects/${APP}/issues?per_page=0`);
    expect(response).toMatchObject({ status: 400, json: { error: 'per_page has a value not allowed' } });
  });

  it('sends no X-Prev-Page and no prev link for a page past the end', async () => {
    const response = await api(premium, `/projects/${APP}/issues?per_page=5&page=9`);
    expect(response.json).toEqual([]);
    expect(response.headers.get('x-page')).toBe('9');
    expect(response.headers.get('x-prev-page')).toBe('');
    expect(response.headers.get('x-next-page')).toBe('');
    expect(response.headers.get('link')).not.toContain('rel="prev"');
    const last = await api(premium, `/projects/${APP}/issues?per_page=5&page=2`);
    expect(last.headers.get('x-prev-page')).toBe('1');
    expect(last.headers.get('link')).toContain('rel="prev"');
  });
});

describe('keyset pagination', () => {
  it('pages projects by id with only a rel="next" link carrying id_after, through gitbeaker too', async () => {
    for (const path of ['one', 'two', 'three']) await api(premium, '/projects', { method: 'POST', body: { path } });
    const first = await api(premium, '/projects?pagination=keyset&per_page=2&order_by=id&sort=asc');
    expect(asArray(first.json).map((project) => project['id'])).toEqual([1, 2]);
    expect(first.headers.get('link')).toBe(
      `<${premium.url}/api/v4/projects?pagination=keyset&per_page=2&order_by=id&sort=asc&id_after=2>; rel="next"`,
    );
    for (const header of ['x-total', 'x-total-pages', 'x-page', 'x-next-page']) expect(first.headers.get(header), header).toBeNull();
    const all = await new Projects({ host: premium.url, token: premium.token }).all({
      pagination: 'keyset',
      orderBy: 'id',
      sort: 'desc',
      perPage: 1,
    });
    expect(all.map((project) => project.id)).toEqual([4, 3, 2, 1]);
    const end = await api(premium, '/projects?pagination=keyset&per_page=2&order_by=id&sort=asc&id_after=4');
    expect(end.json).toEqual([]);
    expect(end.headers.get('link')).toBeNull();
  });

  it('pages groups by name for anonymous callers with a cursor, and signed-in callers by offset', async () => {
    for (const name of ['Zeta', 'Alpha', 'Mid']) {
      await api(premium, '/groups', { method: 'POST', body: { name, path: name.toLowerCase(), visibility: 'public' } });
    }
    const first = await api(premium, '/groups?pagination=keyset&order_by=name&sort=asc&per_page=2', { token: null });
    expect(asArray(first.json).map((group) => group['name'])).toEqual(['Alpha', 'Mid']);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1] ?? '';
    expect(next).toContain('cursor=');
    const second = await fetch(next);
    expect(((await second.json()) as Array<{ name: string }>).map((group) => group.name)).toEqual(['Zeta']);
    expect(second.headers.get('link')).toBeNull();
    expect((await api(premium, '/groups?pagination=keyset&order_by=id&sort=asc', { token: null })).status).toBe(405);
    const signedIn = await api(premium, '/groups?pagination=keyset&order_by=name&sort=asc&per_page=2');
    expect(signedIn.headers.get('x-total')).toBe('4');
  });

  it('pages users with a cursor, and refuses orderings GitLab has no keyset for with 405', async () => {
    const users = await new Users({ host: premium.url, token: premium.token }).all({
      pagination: 'keyset',
      orderBy: 'username',
      sort: 'asc',
      perPage: 1,
    });
    expect(users.map((user) => user.username)).toEqual(['al', 'chen.wei', 'root']);
    const refused = await api(premium, '/projects?pagination=keyset&order_by=name&sort=asc');
    expect(refused).toMatchObject({ status: 405, json: { error: 'Keyset pagination is not yet available for this type of request' } });
  });
});

describe('issue search, as PostgreSQL full-text search', () => {
  it('matches word prefixes, not substrings: `ta` finds the one issue with a word starting with "ta"', async () => {
    expect(await titles(premium, 'search=ta')).toEqual(['Tasks for the week']);
  });

  it('stems: `reports` finds "Alpha report"', async () => {
    expect(await titles(premium, 'search=reports')).toEqual(['Alpha report']);
    expect(await titles(premium, 'search=reporting')).toEqual(['Alpha report']);
  });

  it('keeps quoted phrases together and in order, and needs every other word somewhere', async () => {
    expect(await titles(premium, `search=${encodeURIComponent('"foo bar"')}`)).toEqual(['Foo bar baz']);
    expect(await titles(premium, 'search=foo+bar')).toEqual(['Bar then foo', 'Foo bar baz']);
    expect(await titles(premium, `search=${encodeURIComponent('"english description"')}`)).toEqual(['日本語 title']);
    expect(await titles(premium, `search=${encodeURIComponent('"description english"')}`)).toEqual([]);
  });

  it('drops stop words: `the` alone finds nothing', async () => {
    expect(await titles(premium, 'search=the')).toEqual([]);
    expect(await titles(premium, 'search=the+week')).toEqual(['Tasks for the week']);
  });

  it('searches title and description, or only the columns `in` names', async () => {
    expect(await titles(premium, 'search=status')).toEqual(['Metadata cleanup']);
    expect(await titles(premium, 'search=status&in=title')).toEqual([]);
    expect(await titles(premium, 'search=meta&in=title')).toEqual(['Metadata cleanup']);
  });

  it('ignores accents, and falls back to substrings for non-Latin searches', async () => {
    expect(await titles(premium, 'search=jurgen')).toEqual(['Jürgen’s idea']);
    expect(await titles(premium, `search=${encodeURIComponent('Ærøskøbing')}`)).toEqual(['Jürgen’s idea']);
    expect(await titles(premium, `search=${encodeURIComponent('日本')}`)).toEqual(['日本語 title']);
  });

  it('answers the same through gitbeaker', async () => {
    const issues = await new Issues({ host: premium.url, token: premium.token }).all({ projectId: 'acme/app', search: 'reports' });
    expect(issues.map((issue) => issue.title)).toEqual(['Alpha report']);
  });
});

describe('merge request search', () => {
  it('needs every word within one column, title or description', async () => {
    const mrs = new MergeRequests({ host: premium.url, token: premium.token });
    expect((await mrs.all({ projectId: 'acme/app', search: 'login page' })).map((mr) => mr.title)).toEqual(['Login page polish']);
    expect((await mrs.all({ projectId: 'acme/app', search: 'fix improve' })).map((mr) => mr.title)).toEqual([]);
    expect((await mrs.all({ projectId: 'acme/app', search: 'improve page' })).map((mr) => mr.title)).toEqual(['Fix login']);
  });
});

describe('user search', () => {
  it('matches e-mail addresses for administrators only', async () => {
    const asAdmin = await new Users({ host: premium.url, token: premium.token }).all({ search: 'chen@corp.example' });
    expect(asAdmin.map((user) => user.username)).toEqual(['chen.wei']);
    const asUser = await new Users({ host: premium.url, token: premium.tokenFor('al') }).all({ search: 'chen@corp.example' });
    expect(asUser).toEqual([]);
  });

  it('matches terms under 3 characters exactly only', async () => {
    const users = new Users({ host: premium.url, token: premium.token });
    expect((await users.all({ search: 'al' })).map((user) => user.username)).toEqual(['al']);
    expect((await users.all({ search: 'ch' })).map((user) => user.username)).toEqual([]);
    expect((await users.all({ search: 'che' })).map((user) => user.username)).toEqual(['chen.wei']);
  });
});

describe('rate-limit headers', () => {
  it('name the unauthenticated throttle for anonymous requests', async () => {
    premium.setRateLimit({ limit: 100, windowSeconds: 60 });
    try {
      const anonymous = await api(premium, '/projects/acme%2Fapp/issues', { token: null });
      expect(anonymous.headers.get('ratelimit-name')).toBe('throttle_unauthenticated_api');
      const signedIn = await api(premium, '/user');
      expect(signedIn.headers.get('ratelimit-name')).toBe('throttle_authenticated_api');
    } finally {
      premium.setRateLimit(undefined);
    }
  });

  it('count a token in the query string as its user, and a token that names no one as anonymous', async () => {
    premium.setRateLimit({ limit: 100, windowSeconds: 60 });
    try {
      const inQuery = await api(premium, `/user?private_token=${premium.token}`, { token: null });
      expect(inQuery.status).toBe(200);
      expect(inQuery.headers.get('ratelimit-name')).toBe('throttle_authenticated_api');
      expect(inQuery.headers.get('ratelimit-observed')).toBe('1');
      const unknown = await api(premium, '/user', { token: 'glpat-not-a-real-token-00' });
      expect(unknown.status).toBe(401);
      expect(unknown.headers.get('ratelimit-name')).toBe('throttle_unauthenticated_api');
      // Anonymous traffic shares the IP's count: the unknown token was its first request.
      const anonymous = await api(premium, '/version', { token: null });
      expect(anonymous.headers.get('ratelimit-observed')).toBe('2');
    } finally {
      premium.setRateLimit(undefined);
    }
  });
});

describe('ETag and If-None-Match', () => {
  it('tags GET responses as Rack::ETag does, and answers 304 without a body while nothing changed', async () => {
    const path = `/projects/${APP}/issues/1`;
    const first = await api(premium, path);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    const again = await api(premium, path, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    await api(premium, path, { method: 'PUT', body: { description: 'changed' } });
    const changed = await api(premium, path, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const list = await api(premium, `/projects/${APP}/issues`);
    expect((await api(premium, `/projects/${APP}/issues`, { headers: { 'If-None-Match': list.headers.get('etag') ?? '' } })).status).toBe(
      304,
    );
  });

  it('never answers a write with 304', async () => {
    const created = await api(premium, `/projects/${APP}/labels`, { method: 'POST', body: { name: 'etag', color: '#000000' } });
    const etag = created.headers.get('etag') ?? '';
    const edit = await api(premium, `/projects/${APP}/labels/etag`, {
      method: 'PUT',
      body: { color: '#000000' },
      headers: { 'If-None-Match': etag },
    });
    expect(edit.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';
import { api, asArray, projectPath } from './support/http.js';

// Cached issue orderings stay right across creates and edits, and HEAD answers like GET.

const APP = projectPath('acme/app');
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    now: '2026-11-18T12:00:00.000Z',
    strict: false, // the HEAD tests include GitLab's 404 for a route that does not exist
    seed: {
      groups: [{ path: 'acme' }],
      projects: [
        {
          path: 'acme/app',
          files: { 'README.md': '# App' },
          issues: [
            { title: 'one', created_at: '2026-11-01T00:00:00Z' },
            { title: 'two', created_at: '2026-11-02T00:00:00Z' },
            { title: 'three', created_at: '2026-11-03T00:00:00Z' },
          ],
        },
      ],
    },
  });
});

afterAll(async () => {
  await sandbox.stop();
});

async function titles(query: string): Promise<string[]> {
  const response = await api(sandbox, `/projects/${APP}/issues?${query}`);
  expect(response.status).toBe(200);
  return asArray(response.json).map((issue) => String(issue['title']));
}

describe('issue list order after writes', () => {
  it('places new issues and backdated issues where they belong in lists already served', async () => {
    expect(await titles('')).toEqual(['three', 'two', 'one']);
    expect(await titles('sort=asc')).toEqual(['one', 'two', 'three']);

    await api(sandbox, `/projects/${APP}/issues`, { method: 'POST', body: { title: 'old', created_at: '2026-10-01T00:00:00Z' } });
    await api(sandbox, `/projects/${APP}/issues`, { method: 'POST', body: { title: 'middle', created_at: '2026-11-02T12:00:00Z' } });
    await api(sandbox, `/projects/${APP}/issues`, { method: 'POST', body: { title: 'now' } });
    expect(await titles('')).toEqual(['now', 'three', 'middle', 'two', 'one', 'old']);
    expect(await titles('sort=asc')).toEqual(['old', 'one', 'two', 'middle', 'three', 'now']);

    // An edit leaves the creation order alone; changing created_at moves the issue.
    await api(sandbox, `/projects/${APP}/issues/1`, { method: 'PUT', body: { title: 'one (edited)' } });
    expect(await titles('')).toEqual(['now', 'three', 'middle', 'two', 'one (edited)', 'old']);
    await api(sandbox, `/projects/${APP}/issues/1`, { method: 'PUT', body: { created_at: '2026-12-01T00:00:00Z' } });
    expect(await titles('')).toEqual(['one (edited)', 'now', 'three', 'middle', 'two', 'old']);
    expect(await titles('sort=asc')).toEqual(['old', 'two', 'middle', 'three', 'now', 'one (edited)']);
  });
});

describe('HEAD', () => {
  it('answers HEAD on a repository file with the X-Gitlab-* headers and no body', async () => {
    sandbox.setRateLimit({ limit: 100, windowSeconds: 60 });
    const response = await fetch(`${sandbox.url}/api/v4/projects/${APP}/repository/files/README.md?ref=main`, {
      method: 'HEAD',
      headers: { 'PRIVATE-TOKEN': sandbox.token },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-gitlab-file-name')).toBe('README.md');
    expect(response.headers.get('x-gitlab-size')).toBe('5');
    expect(response.headers.get('ratelimit-limit')).not.toBeNull();
    expect(await response.text()).toBe('');
    sandbox.setRateLimit(undefined);
  });

  it('answers HEAD on other GET routes with their status and headers', async () => {
    const list = await fetch(`${sandbox.url}/api/v4/projects/${APP}/issues?per_page=2`, {
      method: 'HEAD',
      headers: { 'PRIVATE-TOKEN': sandbox.token },
    });
    expect(list.status).toBe(200);
    expect(list.headers.get('x-total')).toBe('6');
    const missing = await fetch(`${sandbox.url}/api/v4/projects/acme%2Fnope`, {
      method: 'HEAD',
      headers: { 'PRIVATE-TOKEN': sandbox.token },
    });
    expect(missing.status).toBe(404);
    const unknown = await fetch(`${sandbox.url}/api/v4/nowhere`, { method: 'HEAD' });
    expect(unknown.status).toBe(404);
  });
});

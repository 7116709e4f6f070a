import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../src/index.js';
import { api, asArray, projectPath } from './support/http.js';

// `dataFile`: the state survives a restart, tokens included, and the file is always whole.

const dir = mkdtempSync(join(tmpdir(), 'teamops-sandbox-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('reloads issues, users and tokens after a restart', async () => {
    const dataFile = join(dir, 'state.json');
    const first = await createSandbox({ seed: 'demo', dataFile });
    const rootToken = first.token;
    const chenToken = first.tokenFor('chen.wei');
    const created = await api(first, `/projects/${projectPath('distribution/team-tasks')}/issues`, {
      method: 'POST',
      token: chenToken,
      body: { title: 'Survives a restart', labels: 'brand-new' },
    });
    expect(created.status).toBe(201);
    await first.stop();

    const second = await createSandbox({ seed: 'empty', dataFile });
    try {
      expect(second.token).toBe(rootToken);
      expect(second.tokenFor('chen.wei')).toBe(chenToken);
      const found = await api(second, `/projects/${projectPath('distribution/team-tasks')}/issues?search=restart`, { token: chenToken });
      expect(asArray(found.json).map((issue) => [issue['title'], issue['labels']])).toEqual([['Survives a restart', ['brand-new']]]);
      const next = await api(second, `/projects/${projectPath('distribution/team-tasks')}/issues`, {
        method: 'POST',
        body: { title: 'Next' },
      });
      expect(next.json).toMatchObject({ iid: 11 });
    } finally {
      await second.stop();
    }
  });

  it('writes through a temporary file and leaves no temporary files behind', async () => {
    const dataFile = join(dir, 'atomic.json');
    const sandbox = await createSandbox({ dataFile });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => api(sandbox, '/groups', { method: 'POST', body: { name: `G${i}`, path: `g${i}` } })),
    );
    await sandbox.stop();
    const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as { groups: unknown[] };
    expect(saved.groups).toHaveLength(20);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('saves the seeded state and its tokens at start, before any write', async () => {
    const dataFile = join(dir, 'seeded.json');
    const sandbox = await createSandbox({ seed: 'demo', dataFile });
    try {
      const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as { users: Array<{ username: string; token: string }> };
      expect(saved.users.find((user) => user.username === 'root')?.token).toBe(sandbox.token);
      expect(saved.users.find((user) => user.username === 'chen.wei')?.token).toBe(sandbox.tokenFor('chen.wei'));
    } finally {
      await sandbox.stop();
    }
  });

  it('has every acknowledged write on disk by the time its response arrives', async () => {
    const dataFile = join(dir, 'write-through.json');
    const sandbox = await createSandbox({ seed: 'demo', dataFile });
    try {
      const titles = Array.from({ length: 12 }, (_, i) => `Durable ${i}`);
      await Promise.all(
        titles.map(async (title) => {
          const response = await api(sandbox, `/projects/${projectPath('distribution/team-tasks')}/issues`, {
            method: 'POST',
            body: { title },
          });
          expect(response.status).toBe(201);
          // Read the file before anything else happens: the 201 promises the issue is already there.
          const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as { issues: Array<{ title: string }> };
          expect(saved.issues.map((issue) => issue.title)).toContain(title);
        }),
      );
    } finally {
      await sandbox.stop();
    }
  });
});

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
});

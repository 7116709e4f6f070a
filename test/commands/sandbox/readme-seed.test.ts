import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeedFile } from '@teamops/gitlab-sandbox';
import { startSandbox } from '../../support/sandbox.js';

// The README's seed file example, for `teamops sandbox --seed <file>`, loads as written.

const dir = mkdtempSync(join(tmpdir(), 'teamops-readme-seed-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the README', () => {
  it('has a seed file example that loads', async () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const example = /\*\*Seed files\*\*[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const file = join(dir, 'readme-example.yml');
    writeFileSync(file, example ?? '');
    const documented = await startSandbox({ seed: loadSeedFile(file) });
    try {
      const project = encodeURIComponent('platform/team-tasks');
      const issues = (await documented.api(`/projects/${project}/issues?state=all`)) as Array<{ title: string }>;
      expect(issues.map((issue) => issue.title).sort()).toEqual(['Set up the rotation', 'Write the handbook page']);
      const template = await documented.api(`/projects/${project}/templates/issues/Distribution-DRI`);
      expect(template).toMatchObject({ name: 'Distribution-DRI' });
    } finally {
      await documented.stop();
    }
  });
});

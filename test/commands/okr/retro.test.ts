import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig } from '../../support/run-cli.js';
import { gitlabApi, okrConfig, okrSeed, writeOkrFile } from './fixtures.js';

let sandbox: Sandbox;
let cwd: string;

interface ApiNote {
  id: number;
  body: string;
  system: boolean;
}

const keyResults = [
  { title: 'Pipeline minutes', from: 95, to: 45, unit: 'minutes', assignees: ['amara.okafor'] },
  { title: 'Cache hit rate', from: '40%', to: '80%', assignees: ['bruno.silva'] },
  { title: 'Flaky tests', from: 30, to: 5, unit: 'tests', assignees: ['chen.wei'] },
];
const file = (krs: typeof keyResults) => ({
  quarter: '2027-Q1',
  team: 'distribution',
  objectives: [{ title: 'Faster builds', key_results: krs }],
});

const okr = (args: string[], now = '2027-03-29T09:00:00Z') =>
  runCli(['okr', ...args], { cwd, env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token }, now });
const writesSince = (from: number) => sandbox.requestLog.slice(from).filter((entry) => entry.method !== 'GET');
const api = <T>(path: string) => gitlabApi(sandbox).api<T>(path);
const retroOf = async (iid: number) =>
  (await api<ApiNote[]>(`projects/distribution%2Fomnibus/issues/${iid}/notes?per_page=100`)).filter((n) =>
    n.body.includes('teamops:key=okr-retro/'),
  );
const stateOf = async (project: string, iid: number) =>
  (await api<{ state: string }>(`projects/${encodeURIComponent(project)}/issues/${iid}`)).state;

/** Edits the retrospective comment as a DRI would in GitLab: writing under the headings. */
async function fillIn(iid: number, sections: Record<string, string>): Promise<void> {
  const [note] = await retroOf(iid);
  let body = note!.body;
  for (const [heading, text] of Object.entries(sections)) body = body.replace(new RegExp(`(#### ${heading}\\n\\n)_[^_]+_`), `$1${text}`);
  const response = await fetch(`${sandbox.url}/api/v4/projects/distribution%2Fomnibus/issues/${iid}/notes/${note!.id}`, {
    method: 'PUT',
    headers: { 'PRIVATE-TOKEN': sandbox.token, 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: okrSeed });
  cwd = withConfig(okrConfig);
  writeOkrFile(cwd, file(keyResults));
  expect((await okr(['create', '--file', 'okrs.yml', '--yes'], '2027-01-04T09:00:00Z')).exitCode).toBe(0);
  expect((await okr(['checkin', '--kr', 'distribution/omnibus#1', '--current', '70', '--yes'], '2027-03-22T09:00:00Z')).exitCode).toBe(0);
});
afterAll(async () => {
  await sandbox.stop();
});

describe('okr retro', () => {
  it('posts the Good / Bad / Try skeleton once on each key result, mentioning its assignees, with the final score', async () => {
    const result = await okr(['retro', '--yes']);
    expect(result.exitCode, result.stderr).toBe(0);
    const [retro, ...more] = await retroOf(1);
    expect(more).toEqual([]);
    expect(retro?.body).toContain('### Retrospective, 2027-Q1: Pipeline minutes');
    expect(retro?.body).toContain(
      '@amara.okafor 2027-Q1 is ending: the final score of this key result is **0.5** (from 95 to 45 minutes, now 70 minutes)',
    );
    expect(retro?.body).toMatch(/#### Good\n\n_What went well\?_\n\n#### Bad\n\n.+\n\n#### Try\n\n.+/);
    expect((await retroOf(2))[0]?.body).toContain('@bruno.silva');
    expect((await retroOf(3))[0]?.body).toContain('@chen.wei');

    const from = sandbox.requestLog.length;
    const again = await okr(['retro', '--yes']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(writesSince(from)).toEqual([]);
  });

  it('--close closes only the key results whose retrospective has content in every section, and reports the others', async () => {
    await fillIn(1, { Good: 'Caching landed early.', Bad: 'Runner upgrades slipped.', Try: 'Smaller milestones.' });
    await fillIn(2, { Good: 'Warm caches.', Bad: 'Cold starts.' });
    const result = await okr(['retro', '--close', '--yes']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await stateOf('distribution/omnibus', 1)).toBe('closed');
    expect(await stateOf('distribution/omnibus', 2)).toBe('opened');
    expect(await stateOf('distribution/omnibus', 3)).toBe('opened');
    expect(await stateOf('distribution/okrs', 1)).toBe('opened');
    expect(result.stderr).toContain('waiting for the retrospective of distribution/omnibus#2 "Cache hit rate": Try is empty');
    expect(result.stderr).toContain('waiting for the retrospective of distribution/omnibus#3 "Flaky tests": Good, Bad, Try are empty');
  });

  it('--close --file closes a key result dropped from the file with a comment saying so, and the objective once all are closed', async () => {
    await fillIn(2, { Try: 'Prefetch.' });
    writeOkrFile(cwd, file(keyResults.slice(0, 2)), 'okrs-final.yml');
    const result = await okr(['retro', '--close', '--file', 'okrs-final.yml', '--yes']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await stateOf('distribution/omnibus', 2)).toBe('closed');
    expect(await stateOf('distribution/omnibus', 3)).toBe('closed');
    const notes = await api<ApiNote[]>('projects/distribution%2Fomnibus/issues/3/notes?per_page=100');
    expect(notes.some((n) => n.body.includes('This key result was dropped from the OKR file during 2027-Q1'))).toBe(true);
    expect(await stateOf('distribution/okrs', 1)).toBe('closed');

    const from = sandbox.requestLog.length;
    expect((await okr(['retro', '--close', '--file', 'okrs-final.yml', '--yes'])).exitCode).toBe(0);
    expect(writesSince(from)).toEqual([]);
  });
});

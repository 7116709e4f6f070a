import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedDocument } from '@teamops/gitlab-sandbox';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig } from '../../support/run-cli.js';
import { gitlabApi, okrConfig, okrSeed, writeOkrFile } from './fixtures.js';

// The omnibus project holds four work items (#1–#4); okr create adds the quarter's key results after
// them (#5–#7, in the file's order: --concurrency 1 creates one at a time, where concurrent creates
// would take iids in any order). Milestone 16.6 (January 2027) holds #1–#3, 16.7 holds #4.

const seed: SeedDocument = {
  ...okrSeed,
  groups: [
    {
      ...okrSeed.groups![0]!,
      milestones: [
        { title: '16.6', start_date: '2027-01-04', due_date: '2027-01-31' },
        { title: '16.7', start_date: '2027-02-01', due_date: '2027-02-28' },
      ],
    },
    okrSeed.groups![1]!,
  ],
  projects: okrSeed.projects!.map((project) =>
    project.path === 'distribution/omnibus'
      ? {
          ...project,
          issues: [
            { title: 'Cache layer', milestone: '16.6' },
            { title: 'Cache docs', milestone: '16.6' },
            { title: 'Quarantine flaky specs', milestone: '16.6', assignees: ['chen.wei'] },
            { title: 'Patch release tooling', milestone: '16.7' },
          ],
        }
      : project,
  ),
};

let sandbox: Sandbox;
let cwd: string;

const okr = (args: string[], now = '2027-01-20T09:00:00Z') =>
  runCli(['okr', ...args], { cwd, env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token }, now });
const writesSince = (from: number) => sandbox.requestLog.slice(from).filter((entry) => entry.method !== 'GET');
const api = <T>(path: string) => gitlabApi(sandbox).api<T>(path);
const linksOf = async (iid: number) =>
  (await api<Array<{ references: { full: string }; link_type: string }>>(`projects/distribution%2Fomnibus/issues/${iid}/links`)).map(
    (l) => [l.references.full, l.link_type],
  );
const milestone = async (title: string) =>
  (await api<Array<{ title: string; description: string | null }>>('groups/distribution/milestones')).find((m) => m.title === title);

interface Coverage {
  milestone: { title: string; supports: string[] };
  unsupportedIssues: Array<{ reference: string }>;
  unsupportedKeyResults: Array<{ reference: string }>;
  counts: Record<string, number>;
}
const coverage = async (args: string[] = []) => {
  const result = await okr(['coverage', '--quarter', '2027-Q1', '--json', ...args]);
  expect(result.exitCode, result.stderr).toBe(0);
  return result.json<Coverage>();
};

beforeAll(async () => {
  sandbox = await startSandbox({ seed });
  cwd = withConfig(okrConfig);
  writeOkrFile(cwd, {
    quarter: '2027-Q1',
    team: 'distribution',
    objectives: [
      {
        title: 'Faster builds',
        key_results: [
          { title: 'Cache hit rate', from: '40%', to: '80%' },
          { title: 'Patch release time', from: 5, to: 2, unit: 'days' },
          { title: 'Flaky tests', from: 30, to: 5, unit: 'tests' },
        ],
      },
    ],
  });
  const created = await okr(['create', '--file', 'okrs.yml', '--concurrency', '1', '--yes'], '2027-01-04T09:00:00Z');
  expect(created.exitCode, created.stderr).toBe(0);
});
afterAll(async () => {
  await sandbox.stop();
});

describe('okr link', () => {
  it('links issues to the key result (relates_to), and a rerun writes nothing', async () => {
    const result = await okr(['link', '--kr', 'distribution/omnibus#5', 'distribution/omnibus#1', '#2', '--yes']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await linksOf(5)).toEqual(
      expect.arrayContaining([
        ['distribution/omnibus#1', 'relates_to'],
        ['distribution/omnibus#2', 'relates_to'],
      ]),
    );
    const from = sandbox.requestLog.length;
    const again = await okr(['link', '--kr', 'distribution/omnibus#5', 'distribution/omnibus#1', '#2', '--yes']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(writesSince(from)).toEqual([]);
  });

  it('adds one "Supports:" line to a milestone’s description, once', async () => {
    const result = await okr(['link', '--kr', 'distribution/omnibus#6', '%16.7', '--yes']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect((await milestone('16.7'))?.description).toBe('Supports: distribution/omnibus#6\n');
    const from = sandbox.requestLog.length;
    expect((await okr(['link', '--kr', 'distribution/omnibus#6', 'distribution%"16.7"', '--yes'])).exitCode).toBe(0);
    expect(writesSince(from)).toEqual([]);
    expect((await milestone('16.6'))?.description ?? '').toBe('');
  });

  it('names every target it cannot find, and writes nothing (exit 3)', async () => {
    const from = sandbox.requestLog.length;
    const result = await okr(['link', '--kr', 'distribution/omnibus#5', 'distribution/omnibus#99', '%17.0', '#4', '--yes']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('distribution/omnibus#99: no such issue');
    expect(result.stderr).toContain('%17.0: no milestone of that title in distribution/omnibus');
    const notKr = await okr(['link', '--kr', 'distribution/omnibus#1', '#4', '--yes']);
    expect(notKr.exitCode).toBe(3);
    expect(notKr.stderr).toContain('distribution/omnibus#1 is not a key result of 2027-Q1');
    const nonsense = await okr(['link', '--kr', 'distribution/omnibus#5', 'omnibus', '--yes']);
    expect(nonsense.exitCode).toBe(3);
    expect(writesSince(from)).toEqual([]);
  });
});

describe('okr coverage', () => {
  it('finds exactly the open issues of the current milestone that support no key result, and the key results without work', async () => {
    const document = await coverage();
    expect(document.milestone).toEqual({ title: '16.6', webUrl: expect.any(String), supports: [] });
    expect(document.unsupportedIssues.map((i) => i.reference)).toEqual(['distribution/omnibus#3']);
    // #5 has linked issues, #6 is named by milestone 16.7; #7 has nothing.
    expect(document.unsupportedKeyResults.map((kr) => kr.reference)).toEqual(['distribution/omnibus#7']);
    expect(document.counts).toEqual({ issues: 3, supportedIssues: 2, keyResults: 3, supportedKeyResults: 2 });
  });

  it('counts every issue of a milestone that supports a key result as supporting', async () => {
    const document = await coverage(['--milestone', '16.7']);
    expect(document.milestone.supports).toEqual(['distribution/omnibus#6']);
    expect(document.unsupportedIssues).toEqual([]);
  });

  it('prints the gaps as rows, and nothing is left once the last issue is linked', async () => {
    const table = await okr(['coverage', '--quarter', '2027-Q1']);
    expect(
      table.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t').slice(0, 4)),
    ).toEqual([
      ['ISSUE', 'distribution/omnibus#3', 'Quarantine flaky specs', '@chen.wei'],
      ['KR', 'distribution/omnibus#7', 'Flaky tests', '@grace.hopper @director.lee'],
    ]);
    expect((await okr(['link', '--kr', 'distribution/omnibus#7', '#3', '--yes'])).exitCode).toBe(0);
    const document = await coverage();
    expect(document.unsupportedIssues).toEqual([]);
    expect(document.unsupportedKeyResults).toEqual([]);
  });

  it('needs --milestone when no active milestone contains today', async () => {
    const result = await runCli(['okr', 'coverage', '--quarter', '2027-Q1'], {
      cwd,
      env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token },
      now: '2027-03-15T09:00:00Z',
    });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('no active milestone contains 2027-03-15');
  });
});

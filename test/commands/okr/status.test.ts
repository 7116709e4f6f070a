import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeedDocument } from '@teamops/gitlab-sandbox';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig } from '../../support/run-cli.js';
import { okrConfig, okrSeed } from './fixtures.js';

const progress = (target: string, current: string, score: string) =>
  `Why.\n\n### Measure\n\n- **Target:** ${target}\n- **Current:** ${current}\n- **Score:** ${score}\n`;
const labels = (kind: string, team = 'distribution', quarter = '2027-q1') => [kind, `team:${team}`, quarter];

/** The quarter's OKRs as a team would have them a few weeks in, seeded through the sandbox, not teamops. */
const seed: SeedDocument = {
  ...okrSeed,
  projects: [
    {
      path: 'distribution/okrs',
      visibility: 'internal',
      issues: [
        {
          title: 'Faster builds',
          labels: labels('okr:o'),
          assignees: ['grace.hopper', 'director.lee'],
          updated_at: '2027-01-04T10:00:00Z',
        },
        { title: 'Gitaly objective', labels: labels('okr:o', 'gitaly'), assignees: ['director.lee'], updated_at: '2027-01-05T10:00:00Z' },
        { title: 'Last quarter', labels: labels('okr:o', 'distribution', '2026-q4'), updated_at: '2026-12-01T10:00:00Z' },
      ],
    },
    {
      path: 'distribution/omnibus',
      visibility: 'internal',
      issues: [
        {
          title: 'Pipeline minutes',
          labels: labels('okr:kr'),
          assignees: ['amara.okafor'],
          description: progress('from 95 to 45 minutes', '70 minutes', '0.5'),
          links: ['distribution/okrs#1'],
          updated_at: '2027-01-20T08:00:00Z',
        },
        {
          title: 'Cache hit rate',
          labels: labels('okr:kr'),
          assignees: ['bruno.silva'],
          description: progress('from 40% to 80%', '60%', ''),
          links: ['distribution/okrs#1'],
          state: 'closed',
          updated_at: '2027-01-18T08:00:00Z',
        },
        {
          title: 'Gitaly KR',
          labels: labels('okr:kr', 'gitaly'),
          description: progress('from 1 to 2', '1', '0.0'),
          links: ['distribution/okrs#2'],
          updated_at: '2027-01-06T08:00:00Z',
        },
        { title: 'Orphan KR', labels: labels('okr:kr'), description: 'No measure here.', updated_at: '2027-01-07T08:00:00Z' },
      ],
    },
    { path: 'distribution/team-tasks', visibility: 'internal' },
    { path: 'sales/pipeline', visibility: 'internal' },
  ],
};

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed });
});
afterAll(async () => {
  await sandbox.stop();
});

const status = (args: string[], options: { stdoutTTY?: boolean; columns?: number } = {}) =>
  runCli(['okr', 'status', '--quarter', '2027-Q1', ...args], {
    cwd: withConfig(okrConfig),
    env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token },
    ...options,
  });

describe('okr status', () => {
  it('prints objectives with their key results as tab-separated rows when piped', async () => {
    const result = await status([]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('2027-Q1 (2027-01-01 – 2027-03-31, label 2027-q1): 2 objectives, 4 key results');
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t')),
    ).toEqual([
      // Today (2026-11-16) is before the quarter: 0.00 is expected, and no key result has a check-in yet.
      ['O', 'distribution/okrs#1', 'Faster builds', 'open', '@grace.hopper @director.lee', '', '', '0.5', '2027-01-04', '0.00', '', ''],
      [
        'KR',
        'distribution/omnibus#1',
        'Pipeline minutes',
        'open',
        '@amara.okafor',
        'from 95 to 45 minutes',
        '70 minutes',
        '0.5',
        '2027-01-20',
        '0.00',
        '',
        'overdue',
      ],
      [
        'KR',
        'distribution/omnibus#2',
        'Cache hit rate',
        'closed',
        '@bruno.silva',
        'from 40% to 80%',
        '60%',
        '0.5',
        '2027-01-18',
        '0.00',
        '',
        '',
      ],
      ['O', 'distribution/okrs#2', 'Gitaly objective', 'open', '@director.lee', '', '', '0.0', '2027-01-05', '0.00', '', ''],
      ['KR', 'distribution/omnibus#3', 'Gitaly KR', 'open', '', 'from 1 to 2', '1', '0.0', '2027-01-06', '0.00', '', 'overdue'],
      ['KR?', 'distribution/omnibus#4', 'Orphan KR', 'open', '', '', '', '', '2027-01-07', '0.00', '', 'overdue'],
    ]);
    expect(sandbox.requestLog.filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('aligns columns under a header on a terminal and filters by team', async () => {
    const result = await status(['--team', 'distribution'], { stdoutTTY: true, columns: 200 });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.startsWith('\u001b[1mTYPE')).toBe(true);
    const lines = stripVTControlCharacters(result.stdout).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TYPE +ISSUE +TITLE +STATE +ASSIGNEES +TARGET +CURRENT +SCORE +UPDATED +CHECKED IN$/);
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(
      /^KR +distribution\/omnibus#1 {3,}Pipeline minutes +open +@amara\.okafor +from 95 to 45 minutes +70 minutes +▰{5}▱{5} 0\.5 +2027-01-20 +overdue$/,
    );
    expect(result.stdout).not.toContain('Gitaly');
    expect(lines.at(-1)).toMatch(/^KR\? +distribution\/omnibus#4/);
  });

  it.each([80, 160])('fits a %i-column terminal, cutting what is too long with an ellipsis', async (columns) => {
    const result = await status([], { stdoutTTY: true, columns });
    expect(result.exitCode).toBe(0);
    const lines = stripVTControlCharacters(result.stdout).trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
    expect(lines[0]).toMatch(/^TYPE +ISSUE +TITLE +STATE/);
    if (columns === 160) expect(lines[2]).toContain('from 95 to 45 minutes');
    else expect(result.stdout).toContain('…');
  });

  it('prints one versioned JSON document for pipelines', async () => {
    const result = await status(['--json']);
    expect(result.exitCode).toBe(0);
    const document = result.json<{
      schemaVersion: number;
      quarter: unknown;
      team: null;
      objectives: Array<{ title: string; team: string; keyResults: unknown[] }>;
      unlinkedKeyResults: Array<{ title: string }>;
    }>();
    expect(document).toMatchObject({
      schemaVersion: 1,
      command: 'okr status',
      team: null,
      quarter: { name: '2027-Q1', start: '2027-01-01', end: '2027-03-31', label: '2027-q1' },
    });
    expect(document.objectives.map((o) => [o.title, o.team])).toEqual([
      ['Faster builds', 'distribution'],
      ['Gitaly objective', 'gitaly'],
    ]);
    expect(document.objectives[0]!.keyResults).toEqual([
      expect.objectContaining({
        title: 'Pipeline minutes',
        state: 'opened',
        assignees: ['amara.okafor'],
        target: 'from 95 to 45 minutes',
        current: '70 minutes',
        score: 0.5,
        updatedAt: '2027-01-20T08:00:00.000Z',
        reference: 'distribution/omnibus#1',
      }),
      expect.objectContaining({ title: 'Cache hit rate', state: 'closed', target: 'from 40% to 80%', current: '60%', score: 0.5 }),
    ]);
    expect(document.unlinkedKeyResults.map((kr) => kr.title)).toEqual(['Orphan KR']);
  });

  it('says so when the quarter has no objectives', async () => {
    const result = await status(['--quarter', 'FY30-Q2']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No objectives labelled 2030-q2 found.');
  });

  it('is a usage error, not a crash, when labels.quarter uses an unknown placeholder', async () => {
    const result = await runCli(['okr', 'status', '--quarter', '2027-Q1'], {
      cwd: withConfig(`${okrConfig}labels:\n  quarter: "{year}-q{q}"\n`),
      env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token },
    });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('labels.quarter uses {year}, which is not one of {yyyy}, {yy}, {fy}, {q}');
    expect(result.stderr).not.toContain('internal error');
  });

  it('names every project or group that does not exist, and where it was named (exit 3)', async () => {
    const fromConfig = await runCli(['okr', 'status', '--quarter', '2027-Q1'], {
      cwd: withConfig(okrConfig.replace('project: distribution/omnibus', 'project: distribution/omnibuss')),
      env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token },
    });
    expect(fromConfig.exitCode).toBe(3);
    expect(fromConfig.stderr).toContain(
      'okr.teams.distribution.project: project distribution/omnibuss does not exist, or the token cannot see it',
    );
    expect(fromConfig.stdout).toBe('');

    const fromFlags = await status(['--project', 'distribution/okrs', '--project', 'nope/x']);
    expect(fromFlags.exitCode).toBe(3);
    expect(fromFlags.stderr).toContain('--project: project nope/x does not exist');
    expect(fromFlags.stderr).not.toContain('distribution/okrs does not exist');

    const group = await status(['--group', 'nope']);
    expect(group.exitCode).toBe(3);
    expect(group.stderr).toContain('--group: group nope does not exist');
  });

  it('rejects --group with --project', async () => {
    const result = await status(['--group', 'distribution', '--project', 'distribution/okrs']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('--project and --group cannot be used together');
  });
});

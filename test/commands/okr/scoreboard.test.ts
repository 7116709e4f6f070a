import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig } from '../../support/run-cli.js';
import { okrConfig, okrSeed, writeOkrFile } from './fixtures.js';

// 2027-Q1 has 90 days (January 1 to March 31); the target score is 0.7, so the expected score on
// day d is 0.7 × d / 90: 0.35 on February 14 (day 45), 0.36 on February 15, 0.37 on February 16.

let sandbox: Sandbox;
let cwd: string;

interface Verdict {
  keyResults: number;
  score: number | null;
  expectedScore: number;
  onCourse: boolean;
}
interface StatusDocument {
  objectives: Array<{
    score: number | null;
    keyResults: Array<{ reference: string; score: number; expectedScore: number; lastCheckin: string | null; overdue: boolean }>;
  }>;
  scoreboard: {
    date: string;
    elapsed: number;
    targetScore: number;
    expectedScore: number;
    teams: Array<Verdict & { team: string }>;
    quarter: Verdict;
  };
}

const okr = (args: string[], now: string) =>
  runCli(['okr', ...args], { cwd, env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token }, now });
const scoreboardOn = async (day: string) => {
  const result = await okr(['status', '--quarter', '2027-Q1', '--json'], `${day}T12:00:00Z`);
  expect(result.exitCode, result.stderr).toBe(0);
  return result.json<StatusDocument>();
};

beforeAll(async () => {
  sandbox = await startSandbox({ seed: okrSeed });
  cwd = withConfig(okrConfig);
  writeOkrFile(cwd, {
    quarter: '2027-Q1',
    team: 'distribution',
    objectives: [
      {
        title: 'Ship more often',
        key_results: [
          { title: 'Monthly releases', from: 0, to: 10, unit: 'releases', assignees: ['amara.okafor'] },
          { title: 'Patch releases', from: 0, to: 10, unit: 'releases', assignees: ['bruno.silva'] },
        ],
      },
    ],
  });
  expect((await okr(['create', '--file', 'okrs.yml', '--yes'], '2027-01-04T09:00:00Z')).exitCode).toBe(0);
  for (const [kr, value] of [
    ['distribution/omnibus#1', '4'],
    ['distribution/omnibus#2', '3'],
  ])
    expect((await okr(['checkin', '--kr', kr!, '--current', value!, '--yes'], '2027-02-14T10:00:00Z')).exitCode).toBe(0);
});
afterAll(async () => {
  await sandbox.stop();
});

describe('okr status as the scoreboard', () => {
  it('on course on February 14: an average of 0.35 against 0.35 expected', async () => {
    const document = await scoreboardOn('2027-02-14');
    expect(document.scoreboard).toMatchObject({ date: '2027-02-14', elapsed: 0.5, targetScore: 0.7, expectedScore: 0.35 });
    expect(document.scoreboard.quarter).toEqual({ keyResults: 2, score: 0.35, expectedScore: 0.35, onCourse: true });
    expect(document.scoreboard.teams).toEqual([{ team: 'distribution', keyResults: 2, score: 0.35, expectedScore: 0.35, onCourse: true }]);
    expect(document.objectives[0]?.score).toBe(0.35);
    expect(document.objectives[0]?.keyResults.map((kr) => [kr.reference, kr.score, kr.expectedScore, kr.lastCheckin, kr.overdue])).toEqual([
      ['distribution/omnibus#1', 0.4, 0.35, '2027-02-14', false],
      ['distribution/omnibus#2', 0.3, 0.35, '2027-02-14', false],
    ]);
  });

  it('behind a day later (0.36 expected), and the week-old check-ins are overdue', async () => {
    const document = await scoreboardOn('2027-02-15');
    expect(document.scoreboard.quarter).toEqual({ keyResults: 2, score: 0.35, expectedScore: 0.36, onCourse: false });
    expect(document.objectives[0]?.keyResults.map((kr) => kr.overdue)).toEqual([true, true]);

    const table = await okr(['status', '--quarter', '2027-Q1'], '2027-02-15T12:00:00Z');
    expect(table.stderr).toContain(
      'team distribution: 0.35 on average over 2 key results, 0.36 expected by today for 0.7 at the end: behind',
    );
    expect(table.stderr).toContain(
      '2027-Q1: 0.35 on average over 2 key results, 0.36 expected by today for 0.7 at the end: behind (51% of the quarter passed)',
    );
    expect(table.stdout.split('\n')[1]?.split('\t')).toEqual([
      'KR',
      'distribution/omnibus#1',
      'Monthly releases',
      'open',
      '@amara.okafor',
      'from 0 to 10 releases',
      '4 releases',
      '0.4',
      expect.any(String),
      '0.36',
      '2027-02-14',
      'overdue',
    ]);
  });

  it('on course again once a check-in lifts the average to 0.45 against 0.37', async () => {
    expect((await okr(['checkin', '--kr', 'distribution/omnibus#1', '--current', '6', '--yes'], '2027-02-16T10:00:00Z')).exitCode).toBe(0);
    const document = await scoreboardOn('2027-02-16');
    expect(document.scoreboard.quarter).toEqual({ keyResults: 2, score: 0.45, expectedScore: 0.37, onCourse: true });
  });

  it('draws a progress bar per key result on a terminal', async () => {
    const result = await runCli(['okr', 'status', '--quarter', '2027-Q1', '--no-color'], {
      cwd,
      env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token },
      now: '2027-02-16T12:00:00Z',
      stdoutTTY: true,
      columns: 200,
    });
    expect(result.stdout).toContain('▰▰▰▰▰▰▱▱▱▱ 0.6');
    expect(result.stdout).toContain('▰▰▰▱▱▱▱▱▱▱ 0.3');
  });
});

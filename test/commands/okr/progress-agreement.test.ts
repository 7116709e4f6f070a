import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig } from '../../support/run-cli.js';

// `okr status` and the async updates' `{{ kr.score }}` read a key result's progress with one
// reader. Before, they were two copies that disagreed: `Score: 70` was 0.7 for one and 70 for the
// other, `Score: 0,7` 0.7 and 0. Here both commands read the same issues and must agree.

const QUARTER = '2026-q4';
const KEY_RESULTS = [
  { title: 'KR bare percent', description: '- **Score:** 70', score: 0.7 },
  { title: 'KR comma', description: 'Score: 0,7', score: 0.7 },
  { title: 'KR computed', description: '- **Target:** from 0 to 10 packages\n- **Current:** 4 packages', score: 0.4 },
  { title: 'KR last line', description: 'Score: 0.2\n\nWeek 3:\nScore: 0.5', score: 0.5 },
];

const CONFIG = `timezone: UTC
okr:
  project: acme/okrs
updates:
  project: acme/okrs
`;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    seed: {
      users: [{ username: 'ada' }],
      groups: [{ path: 'acme', members: { ada: 'maintainer' } }],
      projects: [
        {
          path: 'acme/okrs',
          issue_templates: { Scores: '{% for kr in key_results %}{{ kr.title }}={{ kr.score }}\n{% endfor %}' },
          issues: [
            { title: 'Objective', labels: ['okr:o', QUARTER] },
            ...KEY_RESULTS.map((kr) => ({ title: kr.title, labels: ['okr:kr', QUARTER], description: kr.description, links: ['#1'] })),
          ],
        },
      ],
    },
  });
});
afterAll(() => sandbox.stop());

describe('a key result reads the same score in okr status and update print', () => {
  it('agrees on every case the two copies used to disagree on', async () => {
    const cwd = withConfig(CONFIG);
    const status = await runCli(['okr', 'status', '--quarter', '2026-Q4', '--json'], { cwd, env: sandbox.env() });
    expect(status.exitCode, status.stderr).toBe(0);
    const fromStatus = Object.fromEntries(
      status
        .json<{ objectives: Array<{ keyResults: Array<{ title: string; score: number | null }> }> }>()
        .objectives.flatMap((o) => o.keyResults.map((kr) => [kr.title, kr.score])),
    );

    const print = await runCli(['update', 'print', '--template', 'Scores', '--author', 'ada', '--quarter', '2026-Q4'], {
      cwd,
      env: sandbox.env(),
    });
    expect(print.exitCode, print.stderr).toBe(0);
    const fromUpdate = Object.fromEntries(
      print.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('='))
        .map(([title, score]) => [title, Number(score)]),
    );

    const expected = Object.fromEntries(KEY_RESULTS.map((kr) => [kr.title, kr.score]));
    expect(fromStatus).toEqual(expected);
    expect(fromUpdate).toEqual(expected);
  });
});

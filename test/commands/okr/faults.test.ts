import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig } from '../../support/run-cli.js';
import { byKey, gitlabApi, okrConfig, okrSeed, threeByThree, writeOkrFile, type ApiIssue } from './fixtures.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ seed: okrSeed });
});
afterEach(async () => {
  await sandbox.stop();
});

/** Objectives and key results as GitLab has them: issues per key, and each objective's linked key results. */
async function gitlabState() {
  const { api, allIssues } = gitlabApi(sandbox);
  const issues = await allIssues();
  const keyed = byKey(issues);
  const links: Record<string, string[]> = {};
  for (const [key, [objective]] of keyed) {
    if (key.includes('/kr/')) continue;
    const linked = await api<ApiIssue[]>(`projects/${objective!.project_id}/issues/${objective!.iid}/links`);
    links[key] = linked.map((l) => l.title).sort();
  }
  return { issues, byKey: keyed, links };
}

function expectComplete(state: Awaited<ReturnType<typeof gitlabState>>) {
  expect(state.issues).toHaveLength(12);
  expect(state.byKey.size).toBe(12);
  expect([...state.byKey.values()].every((list) => list.length === 1)).toBe(true);
  expect(state.links).toEqual({
    'okr/2027-Q1/distribution/objective-1': ['O1 KR1', 'O1 KR2', 'O1 KR3'],
    'okr/2027-Q1/distribution/objective-2': ['O2 KR1', 'O2 KR2', 'O2 KR3'],
    'okr/2027-Q1/distribution/objective-3': ['O3 KR1', 'O3 KR2', 'O3 KR3'],
  });
  for (const [key, [objective]] of state.byKey) {
    if (!key.includes('/kr/')) expect(objective!.description.match(/^- \[ \] distribution\/\S+#\d+ /gm)).toHaveLength(3);
  }
}

describe('okr create after failures', () => {
  it('finishes a run interrupted by server errors on the next run, with exactly one issue per objective and key result', async () => {
    const cwd = withConfig(okrConfig);
    writeOkrFile(cwd, threeByThree());
    const env = { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token };
    sandbox.setFaults({
      script: [
        // Creating objectives keeps failing, so their links cannot be made either.
        { method: 'POST', path: /okrs\/issues$/, when: 'before', kind: 503, times: 100 },
        // Three key results are created but the responses are lost: a naive retry would duplicate them.
        { method: 'POST', path: /omnibus\/issues$/, when: 'after', kind: 500, times: 2 },
        { method: 'POST', path: /team-tasks\/issues$/, when: 'after', kind: 'drop', times: 1 },
      ],
    });
    const first = await runCli(['okr', 'create', '--yes', '--file', 'okrs.yml'], { cwd, env });
    expect(first.exitCode).toBe(1);
    expect(first.stderr).toContain('3 of 21 changes failed and 9 were not attempted; 9 were applied');
    expect(first.stderr).toContain('hint: run the same command again');
    const halfway = await gitlabState();
    expect(halfway.issues).toHaveLength(9);
    expect([...halfway.byKey.values()].every((list) => list.length === 1)).toBe(true);

    sandbox.setFaults({ script: [], rate: 0 });
    const second = await runCli(['okr', 'create', '--yes', '--file', 'okrs.yml'], { cwd, env });
    expect(second.exitCode).toBe(0);
    expect(second.stderr).toContain('Applied 12 changes');
    expectComplete(await gitlabState());

    const third = await runCli(['okr', 'create', '--yes', '--file', 'okrs.yml'], { cwd, env });
    expect(third.stderr).toContain('Nothing to do: all 12 are already in place.');
  });

  it('converges under random faults, before and after writes, without duplicates', async () => {
    const cwd = withConfig(okrConfig);
    writeOkrFile(cwd, threeByThree());
    await sandbox.stop();
    // A fixed fault seed fails the same requests on every run of this test.
    sandbox = await startSandbox({ seed: okrSeed, faultRate: 0.3, faultSeed: 20261116 });
    const env = { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token };
    const exitCodes: number[] = [];
    for (let run = 0; run < 8 && exitCodes.at(-1) !== 0; run += 1) {
      exitCodes.push((await runCli(['okr', 'create', '--yes', '--file', 'okrs.yml'], { cwd, env })).exitCode);
    }
    expect(exitCodes.at(-1)).toBe(0);
    expect(exitCodes.every((code) => code === 0 || code === 1)).toBe(true);
    sandbox.setFaults({ rate: 0 });
    expectComplete(await gitlabState());
    // Creates were applied and their responses lost: exactly the case where a blind retry duplicates.
    expect(
      sandbox.requestLog.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/issues') && entry.fault === 'after').length,
    ).toBeGreaterThan(0);
  });
});

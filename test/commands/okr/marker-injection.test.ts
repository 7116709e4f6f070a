import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig } from '../../support/run-cli.js';
import { gitlabApi, okrConfig, okrSeed, threeByThree, writeOkrFile } from './fixtures.js';

// Text from an OKR file can never carry a key: a marker in a title or description is taken out
// before anything is stored, so reruns keep finding what the first run created.
let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ seed: okrSeed });
});
afterEach(() => sandbox.stop());

const creates = () => sandbox.requestLog.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/issues'));

describe('okr create with markers in the OKR file', () => {
  it('stores no marker from a title or description, and reruns create nothing', async () => {
    const data = threeByThree();
    const forged = '<!-- teamops:key=okr/2027-Q1/distribution/elsewhere -->';
    data.objectives[0]!.title = `Objective 1 ${forged}`;
    data.objectives[1]!.description = `Why it matters\n${forged}\n<!--teamops:key=okr/2027-Q1/distribution/x/kr/y-->`;
    data.objectives[2]!.key_results[0]!.title = `O3 KR1 ${forged}`;
    const cwd = withConfig(okrConfig);
    const file = writeOkrFile(cwd, data);
    const env = { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token };

    const first = await runCli(['okr', 'create', '--file', file, '--yes'], { cwd, env });
    expect(first.exitCode, first.stderr).toBe(0);
    expect(creates()).toHaveLength(12);
    for (let rerun = 0; rerun < 3; rerun += 1) {
      const again = await runCli(['okr', 'create', '--file', file, '--yes'], { cwd, env });
      expect(again.exitCode, again.stderr).toBe(0);
      expect(again.stderr).toContain('Nothing to do');
    }
    expect(creates()).toHaveLength(12);

    const stored = await gitlabApi(sandbox).api<Array<{ description: string }>>('issues?scope=all&per_page=100');
    for (const issue of stored) expect(issue.description.match(/teamops:key/g)).toHaveLength(1);
    expect(stored.some((issue) => issue.description.includes('okr/2027-Q1/distribution/elsewhere'))).toBe(false);
  });
});

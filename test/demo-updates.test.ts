import { describe, expect, it } from 'vitest';
import { demoSteps } from '../scripts/demo/steps.js';
import { runCli, withDemoConfig } from './support/run-cli.js';
import { startSandbox } from './support/sandbox.js';

// The demo's highlights step collects the seeded updates of the last seven days, from the month they
// fall in on the demo's clock, whatever day the machine running the demo thinks it is: early in a
// month (the 2nd) they are last month's, in the middle (the 16th) this month's.
const SEEDED_HIGHLIGHT = 'ARM64 builds dropped from 47 to 31 minutes';

describe("the demo's update highlights", () => {
  for (const now of ['2026-12-02T09:00:00Z', '2026-11-16T09:00:00Z']) {
    it(`finds the seeded highlights with the sandbox's clock at ${now}`, async () => {
      const sandbox = await startSandbox({ seed: 'demo', now });
      try {
        const step = demoSteps(sandbox.clock.now()).find((candidate) => candidate.title.includes('(teamops update highlights)'))!;
        const collect = step.runs[0]!;
        const result = await runCli(collect.args, { cwd: withDemoConfig(), env: { ...sandbox.env(), CI: 'true' } });
        expect(result.exitCode, result.stderr).toBe(0);
        expect(result.stdout).toContain(SEEDED_HIGHLIGHT);
      } finally {
        await sandbox.stop();
      }
    });
  }
});

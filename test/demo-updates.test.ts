import { describe, expect, it } from 'vitest';
import { demoSteps } from '../scripts/demo/steps.js';
import { runCli, withDemoConfig } from './support/run-cli.js';
import { startSandbox } from './support/sandbox.js';

// The demo's highlights step collects the seeded updates of the seven days before the demo's clock,
// whatever the day: early in a month (the 2nd), in the middle (the 16th), the 5th and 6th (the week
// straddles two months), and late on the last day in UTC, already the 1st in the team's zone.
const SEEDED_HIGHLIGHTS = ['ARM64 builds dropped from 47 to 31 minutes', 'Distribution shipped the PostgreSQL 16 upgrade path'];

describe("the demo's update highlights", () => {
  for (const now of [
    '2026-12-02T09:00:00Z',
    '2026-11-16T09:00:00Z',
    '2026-12-05T09:00:00Z',
    '2026-12-06T09:00:00Z',
    '2026-11-30T23:30:00Z',
  ]) {
    it(`finds the seeded highlights with the sandbox's clock at ${now}`, async () => {
      const sandbox = await startSandbox({ seed: 'demo', now });
      try {
        const step = demoSteps(sandbox.clock.now()).find((candidate) => candidate.title.includes('(teamops update highlights)'))!;
        const collect = step.runs[0]!;
        const result = await runCli(collect.args, { cwd: withDemoConfig(), env: { ...sandbox.env(), CI: 'true' } });
        expect(result.exitCode, result.stderr).toBe(0);
        for (const highlight of SEEDED_HIGHLIGHTS) expect(result.stdout).toContain(highlight);
      } finally {
        await sandbox.stop();
      }
    });
  }
});

import { describe, expect, it } from 'vitest';
import { startSandbox } from '../support/sandbox.js';
import { runCli, withConfig } from '../support/run-cli.js';

const CONFIG = 'dri:\n  project: distribution/team-tasks\n  roster: [amara.okafor, bruno.silva]\n';

describe('what teamops is doing, on a terminal', () => {
  it('shows a spinner on stderr while reading GitLab, and clears it before the output', async () => {
    const sandbox = await startSandbox({ seed: 'demo' });
    try {
      const result = await runCli(['dri', 'schedule', '--weeks', '2'], {
        env: sandbox.env(),
        cwd: withConfig(CONFIG),
        stdoutTTY: true,
        stderrTTY: true,
      });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).toContain(`Reading GitLab at ${new URL(sandbox.url).host}…`);
      // ora clears its line when stopped, so nothing of it is left after the spinner text.
      expect(result.stderr.trimEnd().endsWith('…')).toBe(false);
      expect(result.stdout).toContain('WEEK');
    } finally {
      await sandbox.stop();
    }
  });

  it('shows nothing of the kind on a pipe or under --json', async () => {
    const sandbox = await startSandbox({ seed: 'demo' });
    try {
      const piped = await runCli(['dri', 'schedule', '--weeks', '2'], { env: sandbox.env(), cwd: withConfig(CONFIG) });
      expect(piped.stderr).not.toContain('Reading GitLab');
      const json = await runCli(['dri', 'schedule', '--weeks', '2', '--json'], {
        env: sandbox.env(),
        cwd: withConfig(CONFIG),
        stderrTTY: true,
      });
      expect(json.stderr).not.toContain('Reading GitLab');
    } finally {
      await sandbox.stop();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/create-program.js';
import { createDeps } from '../../src/deps.js';
import { testClock } from '../support/clock.js';
import { runCli, tempDir } from '../support/run-cli.js';
import { ScriptedPrompter } from '../support/scripted-prompter.js';
import { createTestIO } from '../support/test-io.js';

describe('teamops (the program)', () => {
  it('prints help with examples and the exit codes, and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: teamops');
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('3  usage or configuration error');
  });

  it('exits 3 on an unknown command and points at --help', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
    expect(result.stderr).toContain('--help');
  });

  it('exits 3 on an unknown option', async () => {
    const result = await runCli(['config', 'check', '--frob']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain("unknown option '--frob'");
  });

  it('rejects a malformed --date before doing anything', async () => {
    const result = await runCli(['config', 'check', '--date', '2026-13-01'], { env: { GITLAB_TOKEN: 'glpat-test-token-value' } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('--date: 2026-13-01 is not a date: a year has 12 months');
  });

  it.each([
    [['dri', 'rotate', '--week', '2026-02-30'], '--week: 2026-02-30 is not a date: February 2026 has 28 days'],
    [['dri', 'rotate', '--week', '2028-02-30'], '--week: 2028-02-30 is not a date: February 2028 has 29 days'],
    [['update', 'print', '--since', '2026-04-31'], '--since: 2026-04-31 is not a date: April 2026 has 30 days'],
    [['okr', 'status', '--date', '2026-01-00'], '--date: 2026-01-00 is not a date: days of the month start at 1'],
    [['dri', 'rotate', '--week', 'monday'], '--week must be a date as YYYY-MM-DD or "next", got "monday"'],
  ])('names a date that does not exist as such: %j', async (args, message) => {
    const result = await runCli(args, { env: { GITLAB_TOKEN: 'glpat-test-token-value' } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`error: ${message}`);
  });

  it('rejects a malformed TEAMOPS_NOW before doing anything', async () => {
    const result = await runCli(['config', 'check'], { env: { GITLAB_TOKEN: 'glpat-test-token-value', TEAMOPS_NOW: 'monday' } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('TEAMOPS_NOW must be an ISO 8601 date-time such as 2027-03-29T08:00:00Z, got "monday"');
  });

  it('rejects a --concurrency that is not a small whole number', async () => {
    const result = await runCli(['config', 'check', '--concurrency', '0']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('--concurrency must be a whole number from 1 to 64');
  });

  it('exits 4 with a hint when GITLAB_TOKEN is not set', async () => {
    const result = await runCli(['config', 'check']);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('error: GITLAB_TOKEN is not set');
    expect(result.stderr).toContain('hint: create a personal access token with the "api" scope at https://gitlab.com/');
  });

  it('refuses to send the token over plain http to another machine', async () => {
    const result = await runCli(['config', 'check'], {
      env: { GITLAB_HOST: 'http://gitlab.example.com', GITLAB_TOKEN: 'glpat-secret-abcdef123456' },
    });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('refusing to send the GitLab token over plain http to gitlab.example.com');
    expect(result.stderr).toContain('--allow-insecure-http');
  });

  it('prints configuration errors with the file and key, and exits 3', async () => {
    const { withConfig } = await import('../support/run-cli.js');
    const result = await runCli(['config', 'check'], {
      cwd: withConfig('dri:\n  cadence: daily\n'),
      env: { GITLAB_TOKEN: 'glpat-x-123456789' },
    });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/error: teamops\.yml: dri\.cadence: /);
  });

  it('never prints the token, even in a stack trace under --debug', async () => {
    const token = 'glpat-do-not-print-me-123';
    // The token appears in the host on purpose: any output path that echoes the URL must redact it.
    const result = await runCli(['config', 'check', '--debug', '--host', `http://${token}.example.com`], { env: { GITLAB_TOKEN: token } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('[REDACTED]');
    expect(result.stdout + result.stderr).not.toContain(token);
  });
});

describe('registering only the named nouns', () => {
  const program = (argv: string[]) =>
    createProgram(
      createDeps({
        io: createTestIO({ env: {} }).io,
        clock: testClock,
        env: {},
        cwd: tempDir(),
        prompter: new ScriptedPrompter(),
        waitForShutdown: () => Promise.resolve(),
      }),
      argv,
    );

  it('lists the same commands, with their usage, as the whole tree does', async () => {
    // `completion` registers every noun's verbs; `--help` none of them.
    const [lazy, whole] = await Promise.all([program(['--help']), program(['completion'])]);
    expect(whole.commands.find((command) => command.name() === 'okr')!.commands.length).toBeGreaterThan(0);
    expect(lazy.commands.find((command) => command.name() === 'okr')!.commands).toEqual([]);
    expect(lazy.helpInformation()).toBe(whole.helpInformation());
    expect(lazy.helpInformation()).toMatch(/queue \[options\][\s\S]*completion <shell>/);
  });
});

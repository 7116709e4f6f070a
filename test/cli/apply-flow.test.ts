import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ritualWrites, startSandbox, type TestSandbox as Sandbox } from '../support/sandbox.js';
import { runCli, withConfig } from '../support/run-cli.js';
import { ScriptedPrompter } from '../support/scripted-prompter.js';

// The shared plan → confirm → apply → report path, exercised through a ritual that writes one issue.
const CONFIG = 'timezone: Europe/Amsterdam\nupdates:\n  project: distribution/team-tasks\n  group: distribution\n';
const NOW = '2026-11-20T10:00:00Z';
const ARGS = ['update', 'print', '--template', 'em-weekly', '--author', 'grace.hopper', '--create'];

describe('applying a plan', () => {
  let sandbox: Sandbox;
  let env: Record<string, string>;
  beforeEach(async () => {
    sandbox = await startSandbox({ seed: 'demo', now: NOW });
    env = { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token };
  });
  afterEach(() => sandbox.stop());

  const writes = () => sandbox.requestLog.filter((entry) => entry.method !== 'GET');
  const changes = () => ritualWrites(sandbox.requestLog);

  it('asks before applying on a terminal, and a "no" exits 2 with nothing written', async () => {
    const prompter = new ScriptedPrompter({ apply: false });
    const result = await runCli(ARGS, { env, cwd: withConfig(CONFIG), now: NOW, prompter, stdinTTY: true, stdoutTTY: true });
    expect(prompter.asked).toEqual(['apply']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('+ create');
    expect(result.stderr).toContain('cancelled: nothing was written to GitLab');
    expect(writes()).toEqual([]);
  });

  it('applies after a "yes" and prints the created issue URL on stdout', async () => {
    const prompter = new ScriptedPrompter({ apply: true });
    const result = await runCli(ARGS, { env, cwd: withConfig(CONFIG), now: NOW, prompter, stdinTTY: true, stdoutTTY: true });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toMatch(new RegExp(`^${sandbox.url}/distribution/team-tasks/-/issues/\\d+$`));
    // The issue, inside the run lock: a label created first and deleted last.
    expect(writes().map((w) => `${w.method} ${w.path.replace(/^.*\/(labels|issues)(\/.*)?$/, '$1')} ${w.status}`)).toEqual([
      'POST labels 201',
      'POST issues 201',
      'DELETE labels 204',
    ]);
  });

  it('does not ask with --yes, also off a terminal', async () => {
    const yes = await runCli([...ARGS, '--yes'], { env, cwd: withConfig(CONFIG), now: NOW, stdinTTY: true, stdoutTTY: true });
    expect(yes.exitCode).toBe(0);
    expect(changes().map((w) => `${w.method} ${w.status}`)).toEqual(['POST 201']);
    // The scripted prompter throws on any question, so reaching here means none was asked.
    const piped = await runCli([...ARGS, '--yes'], { env: { ...env, CI: 'true' }, cwd: withConfig(CONFIG), now: NOW });
    expect(piped.exitCode).toBe(0);
    expect(piped.stderr).toContain('Nothing to do');
  });

  it.each([
    ['piped stdout', [], { stdinTTY: true, stdoutTTY: false }, {}],
    ['no terminal on stdin', [], { stdinTTY: false, stdoutTTY: true }, {}],
    ['GitLab CI', [], { stdinTTY: true, stdoutTTY: true }, { CI: 'true' }],
    ['--json at a terminal', ['--json'], { stdinTTY: true, stdoutTTY: true }, {}],
    ['--no-input at a terminal', ['--no-input'], { stdinTTY: true, stdoutTTY: true }, {}],
  ])('refuses to write without --yes when not interactive (%s): exit 3, nothing written', async (_, extra, tty, extraEnv) => {
    const result = await runCli([...ARGS, ...extra], { env: { ...env, ...extraEnv }, cwd: withConfig(CONFIG), now: NOW, ...tty });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('error: --yes required when not running interactively; nothing was written to distribution/team-tasks');
    expect(result.stderr).toContain('hint: pass --yes to apply the plan (1 to create), or --dry-run to only show it');
    // Under --json the one document on stdout carries the error; otherwise stdout stays empty.
    if ((extra as string[]).includes('--json')) expect(result.json()).toMatchObject({ command: 'update print', error: { exitCode: 3 } });
    else expect(result.stdout).toBe('');
    expect(sandbox.requestLog.length).toBeGreaterThan(0);
    expect(writes()).toEqual([]);
  });

  it('needs no --yes when there is nothing to do, nor for --dry-run', async () => {
    expect((await runCli([...ARGS, '--yes'], { env, cwd: withConfig(CONFIG), now: NOW })).exitCode).toBe(0);
    const rerun = await runCli(ARGS, { env, cwd: withConfig(CONFIG), now: NOW });
    expect(rerun.exitCode).toBe(0);
    expect(rerun.stderr).toContain('Nothing to do');
    const dryRun = await runCli([...ARGS, '--dry-run', '--json'], { env, cwd: withConfig(CONFIG), now: NOW });
    expect(dryRun.exitCode).toBe(0);
    expect(changes()).toHaveLength(1);
  });

  it('writes nothing on --dry-run and prints the plan on stdout', async () => {
    const result = await runCli([...ARGS, '--dry-run'], { env, cwd: withConfig(CONFIG), now: NOW });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^\+ create/m);
    expect(result.stdout).toContain('Plan: 1 to create.');
    expect(writes()).toEqual([]);
    expect(sandbox.requestLog.length).toBeGreaterThan(0);
  });

  it('prints one versioned JSON document with the plan and the results', async () => {
    const result = await runCli([...ARGS, '--json', '--yes'], { env, cwd: withConfig(CONFIG), now: NOW });
    expect(result.exitCode).toBe(0);
    const document = result.json<{
      schemaVersion: number;
      dryRun: boolean;
      plan: { actions: unknown[] };
      results: Array<{ status: string; issue: { webUrl: string } }>;
      outcome: unknown;
    }>();
    expect(document).toMatchObject({ schemaVersion: 1, dryRun: false, outcome: { done: 1, failed: 0, skipped: 0 } });
    expect(document.plan.actions).toHaveLength(1);
    expect(document.results[0]?.issue.webUrl).toContain('/distribution/team-tasks/-/issues/');
  });

  it('exits 1 and says how to finish when a write fails, and the rerun finishes the job', async () => {
    sandbox.setFaults({ script: [{ method: 'POST', path: /\/issues$/, when: 'before', kind: 500, times: 10 }] });
    const failed = await runCli([...ARGS, '--yes'], { env, cwd: withConfig(CONFIG), now: NOW });
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toContain('run the same command again');
    sandbox.setFaults({ script: [] });
    const rerun = await runCli([...ARGS, '--yes'], { env, cwd: withConfig(CONFIG), now: NOW });
    expect(rerun.exitCode).toBe(0);
    expect(changes().filter((w) => w.status === 201)).toHaveLength(1);
  });
});

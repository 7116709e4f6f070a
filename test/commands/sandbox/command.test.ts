import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../support/clock.js';
import { runCli, withConfig } from '../../support/run-cli.js';
import { registerSandbox, runSandbox, type SandboxOptions } from '../../../src/commands/sandbox/index.js';
import { createDeps, type Deps } from '../../../src/deps.js';
import { UsageError } from '../../../src/errors.js';
import { ScriptedPrompter } from '../../support/scripted-prompter.js';
import { createTestIO, type TestIO } from '../../support/test-io.js';

// `teamops sandbox`: flags, the two lines it prints, and a clean stop on shutdown.

const dir = mkdtempSync(join(tmpdir(), 'teamops-sandbox-command-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function testDeps(waitForShutdown: () => Promise<void> = () => Promise.resolve()): { deps: Deps; test: TestIO } {
  const test = createTestIO();
  const deps = createDeps({
    io: test.io,
    clock: new TestClock(),
    env: {},
    cwd: dir,
    prompter: new ScriptedPrompter(),
    waitForShutdown,
  });
  return { deps, test };
}

async function parse(args: string[]): Promise<SandboxOptions> {
  const { deps } = testDeps();
  let captured: SandboxOptions | undefined;
  const program = new Command('teamops').exitOverride();
  registerSandbox(program, deps, async (options) => {
    captured = options;
  });
  await program.parseAsync(['sandbox', ...args], { from: 'user' });
  if (!captured) throw new Error('the command did not run');
  return captured;
}

describe('teamops sandbox flags', () => {
  it('defaults to a free port on loopback, an empty organisation and Premium', async () => {
    expect(await parse([])).toEqual({
      port: 0,
      bind: '127.0.0.1',
      seed: 'empty',
      dataFile: undefined,
      latencyMs: 0,
      faultRate: 0,
      rateLimit: undefined,
      tier: 'premium',
      now: undefined,
      clock: undefined,
      strict: false,
      features: {},
    });
  });

  it('reads every flag', async () => {
    const options = await parse([
      '--port',
      '8080',
      '--bind',
      '0.0.0.0',
      '--seed',
      'demo',
      '--data',
      'state.json',
      '--latency',
      '25',
      '--fault-rate',
      '0.1',
      '--rate-limit',
      '100',
      '--rate-window',
      '10',
      '--tier',
      'free',
      '--now',
      '2027-03-29T10:00:00+02:00',
      '--clock',
      'running',
      '--strict',
      '--feature',
      'bulk_update_issues_mutation=on',
    ]);
    expect(options).toEqual({
      port: 8080,
      bind: '0.0.0.0',
      seed: 'demo',
      dataFile: 'state.json',
      latencyMs: 25,
      faultRate: 0.1,
      rateLimit: { limit: 100, windowSeconds: 10 },
      tier: 'free',
      now: new Date('2027-03-29T08:00:00Z'),
      clock: 'running',
      strict: true,
      features: { bulk_update_issues_mutation: true },
    });
    expect((await parse(['--rate-limit', '5'])).rateLimit).toEqual({ limit: 5, windowSeconds: 60 });
  });

  it('rejects impossible values with a usage error naming the flag', async () => {
    await expect(parse(['--port', '70000'])).rejects.toThrow(new UsageError('--port must be a whole number from 0 to 65535, got "70000"'));
    await expect(parse(['--fault-rate', '2'])).rejects.toThrow(/--fault-rate must be a number from 0 to 1/);
    await expect(parse(['--rate-window', '5'])).rejects.toThrow('--rate-window needs --rate-limit');
    await expect(parse(['--now', 'next monday'])).rejects.toThrow(
      new UsageError('--now must be an ISO 8601 date-time such as 2027-03-29T08:00:00Z, got "next monday"'),
    );
    await expect(parse(['--now', '2027-02-30T08:00:00Z'])).rejects.toThrow(/--now must be an ISO 8601 date-time/);
    await expect(parse(['--now', '2027-03-29T08:00:00'])).rejects.toThrow(/--now must be an ISO 8601 date-time/); // no zone: ambiguous
    await expect(parse(['--clock', 'running'])).rejects.toThrow('--clock needs --now');
    await expect(parse(['--feature', 'bulk_update_issues_mutation'])).rejects.toThrow(
      new UsageError('--feature must be name=on or name=off, got "bulk_update_issues_mutation"'),
    );
    await expect(parse(['--feature', 'bulk_updates=on'])).rejects.toThrow('--feature bulk_updates: unknown feature flag');
    expect((await parse(['--feature', 'bulk_update_issues_mutation=on', '--feature', 'bulk_update_issues_mutation=off'])).features).toEqual(
      { bulk_update_issues_mutation: false },
    );
  });
});

const BASE: SandboxOptions = {
  port: 0,
  bind: '127.0.0.1',
  seed: 'empty',
  latencyMs: 0,
  faultRate: 0,
  tier: 'premium',
  strict: false,
  features: {},
};

/** Starts `teamops sandbox` in-process and returns what it printed once it serves, and how to stop it. */
async function serve(options: Partial<SandboxOptions>) {
  let shutdown: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    shutdown = resolve;
  });
  const { deps, test } = testDeps(() => stopped);
  const running = runSandbox({ ...BASE, ...options }, deps);
  // The lines are printed once the server listens; the first write of teamops' stdout says so.
  while (!test.stdout().includes('GITLAB_TOKEN=')) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  const env = Object.fromEntries(
    test
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('=', 2) as [string, string]),
  );
  return { env, lines: test.stdout().split('\n').filter(Boolean), stop: async () => (shutdown(), await running) };
}

describe('teamops sandbox', () => {
  it('prints exactly GITLAB_HOST and GITLAB_TOKEN, serves until shutdown, then stops', async () => {
    let shutdown: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => {
      shutdown = resolve;
    });
    const { deps, test } = testDeps(() => stopped);
    const running = runSandbox({ ...BASE, seed: 'demo' }, deps);

    let lines: string[] = [];
    for (let attempt = 0; attempt < 100 && lines.length < 2; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      lines = test.stdout().split('\n').filter(Boolean);
    }
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GITLAB_HOST=http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toMatch(/^GITLAB_TOKEN=glpat-[A-Za-z0-9_-]{20}$/);
    const host = lines[0]?.slice('GITLAB_HOST='.length) ?? '';
    const token = lines[1]?.slice('GITLAB_TOKEN='.length) ?? '';

    const user = await fetch(`${host}/api/v4/user`, { headers: { 'PRIVATE-TOKEN': token } });
    expect(await user.json()).toMatchObject({ username: 'root', is_admin: true });

    shutdown();
    await running;
    expect(test.stdout().split('\n').filter(Boolean)).toHaveLength(2);
    await expect(fetch(`${host}/api/v4/version`)).rejects.toThrow();
  });

  it('switches GitLab feature flags with --feature, default off as in GitLab', async () => {
    const mutation = {
      query: 'mutation { issuesBulkUpdate(input: {parentId: "gid://gitlab/Project/1", ids: []}) { updatedIssueCount errors } }',
    };
    const answer = async (features: Record<string, boolean>) => {
      const served = await serve({ seed: 'demo', features });
      try {
        const response = await fetch(`${served.env['GITLAB_HOST'] ?? ''}/api/graphql`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${served.env['GITLAB_TOKEN'] ?? ''}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(mutation),
        });
        return (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
      } finally {
        await served.stop();
      }
    };
    expect((await answer({})).errors?.map((error) => error.message)).toEqual(['`bulk_update_issues_mutation` feature flag is disabled.']);
    expect(await answer({ bulk_update_issues_mutation: true })).toEqual({
      data: { issuesBulkUpdate: { updatedIssueCount: 0, errors: [] } },
    });
  });

  it('loads a seed file and reports its mistakes by field', async () => {
    const good = join(dir, 'team.yml');
    writeFileSync(
      good,
      'users:\n  - username: ada\ngroups:\n  - path: team\n    members: { ada: maintainer }\nprojects:\n  - path: team/tasks\n    issues:\n      - title: Hello\n        author: ada\n',
    );
    const { deps, test } = testDeps();
    await runSandbox({ ...BASE, seed: good }, deps);
    expect(test.stdout()).toMatch(/^GITLAB_HOST=.*\nGITLAB_TOKEN=.*\n$/);

    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'projects:\n  - path: team/tasks\n    issues:\n      - titel: Hello\n');
    await expect(runSandbox({ ...BASE, seed: bad }, testDeps().deps)).rejects.toThrow(
      /projects\[0\]\.issues\[0\]\.title: .*\n.*projects\[0\]\.issues\[0\]: Unrecognized key.*\(titel\)/,
    );
  });

  it('--now sets the sandbox clock to a moment to rehearse, and prints TEAMOPS_NOW so teamops plans for it too', async () => {
    const sandbox = await serve({ seed: 'demo', now: new Date('2027-03-29T08:00:00Z') });
    try {
      expect(sandbox.lines.map((line) => line.split('=')[0])).toEqual(['GITLAB_HOST', 'GITLAB_TOKEN', 'TEAMOPS_NOW']);
      expect(sandbox.env['TEAMOPS_NOW']).toBe('2027-03-29T08:00:00.000Z');
      const version = await fetch(`${sandbox.env['GITLAB_HOST']}/api/v4/version`, {
        headers: { 'PRIVATE-TOKEN': sandbox.env['GITLAB_TOKEN'] ?? '' },
      });
      expect(version.headers.get('date')).toBe('Mon, 29 Mar 2027 08:00:00 GMT');

      const config = readFileSync(new URL('../../../scripts/demo/teamops.yml', import.meta.url), 'utf8');
      const rotation = await runCli(['dri', 'rotate', '--dry-run'], { env: sandbox.env, cwd: withConfig(config) });
      expect(rotation.exitCode, rotation.stderr).toBe(0);
      expect(rotation.stdout).toContain('+ issue "Distribution DRI rotation week of 2027-03-29" in distribution/team-tasks');
      // Last week's issue, which the demo seed placed around that Monday, is the one handed over.
      expect(rotation.stdout).toContain('- close distribution/team-tasks#2 (week of 2027-03-22, @chen.wei)');
    } finally {
      await sandbox.stop();
    }
  });

  it('--clock running lets the clock run on from --now; a seed file can set the moment too', async () => {
    const file = join(dir, 'timed.yml');
    writeFileSync(file, 'now: 2030-01-07T06:00:00Z\nusers:\n  - username: ada\n');
    const seeded = await serve({ seed: file });
    expect(seeded.env['TEAMOPS_NOW']).toBe('2030-01-07T06:00:00.000Z');
    await seeded.stop();

    const running = await serve({ seed: file, now: new Date('2031-05-05T00:00:00Z'), clock: 'running' });
    const date = async () => (await fetch(`${running.env['GITLAB_HOST']}/api/v4/version`)).headers.get('date');
    expect(await date()).toMatch(/^Mon, 05 May 2031 00:00:0\d GMT$/);
    await running.stop();
  });
});

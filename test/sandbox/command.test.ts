import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { registerSandbox, runSandbox, type SandboxOptions } from '../../src/commands/sandbox/index.js';
import { createDeps, type Deps } from '../../src/deps.js';
import { UsageError } from '../../src/errors.js';
import { ScriptedPrompter } from '../support/scripted-prompter.js';
import { createTestIO, type TestIO } from '../support/test-io.js';

// `teamops sandbox`: flags, the two lines it prints, and a clean stop on shutdown.

const dir = mkdtempSync(join(tmpdir(), 'teamops-sandbox-command-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function testDeps(waitForShutdown: () => Promise<void> = () => Promise.resolve()): { deps: Deps; test: TestIO } {
  const test = createTestIO();
  const deps = createDeps({
    io: test.io,
    clock: fixedClock('2026-11-16T09:00:00Z'),
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
    expect(await parse([])).toEqual({ port: 0, bind: '127.0.0.1', seed: 'empty', dataFile: undefined, latencyMs: 0, faultRate: 0, rateLimit: undefined, tier: 'premium' });
  });

  it('reads every flag', async () => {
    const options = await parse([
      '--port', '8080', '--bind', '0.0.0.0', '--seed', 'demo', '--data', 'state.json', '--latency', '25',
      '--fault-rate', '0.1', '--rate-limit', '100', '--rate-window', '10', '--tier', 'free',
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
    });
    expect((await parse(['--rate-limit', '5'])).rateLimit).toEqual({ limit: 5, windowSeconds: 60 });
  });

  it('rejects impossible values with a usage error naming the flag', async () => {
    await expect(parse(['--port', '70000'])).rejects.toThrow(new UsageError('--port must be a whole number from 0 to 65535, got "70000"'));
    await expect(parse(['--fault-rate', '2'])).rejects.toThrow(/--fault-rate must be a number from 0 to 1/);
    await expect(parse(['--rate-window', '5'])).rejects.toThrow('--rate-window needs --rate-limit');
  });
});

describe('teamops sandbox', () => {
  it('prints exactly GITLAB_HOST and GITLAB_TOKEN, serves until shutdown, then stops', async () => {
    let shutdown: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => {
      shutdown = resolve;
    });
    const { deps, test } = testDeps(() => stopped);
    const running = runSandbox({ port: 0, bind: '127.0.0.1', seed: 'demo', latencyMs: 0, faultRate: 0, tier: 'premium' }, deps);

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

  it('loads a seed file and reports its mistakes by field', async () => {
    const good = join(dir, 'team.yml');
    writeFileSync(good, 'users:\n  - username: ada\ngroups:\n  - path: team\n    members: { ada: maintainer }\nprojects:\n  - path: team/tasks\n    issues:\n      - title: Hello\n        author: ada\n');
    const { deps, test } = testDeps();
    await runSandbox({ port: 0, bind: '127.0.0.1', seed: good, latencyMs: 0, faultRate: 0, tier: 'premium' }, deps);
    expect(test.stdout()).toMatch(/^GITLAB_HOST=.*\nGITLAB_TOKEN=.*\n$/);

    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'projects:\n  - path: team/tasks\n    issues:\n      - titel: Hello\n');
    await expect(runSandbox({ port: 0, bind: '127.0.0.1', seed: bad, latencyMs: 0, faultRate: 0, tier: 'premium' }, testDeps().deps)).rejects.toThrow(
      /projects\[0\]\.issues\[0\]\.title: .*\n.*projects\[0\]\.issues\[0\]: Unrecognized key.*\(titel\)/,
    );
  });
});

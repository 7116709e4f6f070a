import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../support/clock.js';
import { startSandbox, type TestSandbox as Sandbox } from '../support/sandbox.js';

// Ctrl-C is a signal to a real process, so this spawns the built binary (npm test builds first).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'teamops.cjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs teamops; `interrupt` is awaited alongside and may send SIGINT to the child. */
function teamops(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  interrupt?: (child: { kill(signal: NodeJS.Signals): boolean }) => Promise<void>,
) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', TEAMOPS_NOW: testClock.now().toISOString(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    interrupt?.(child).catch(reject);
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 1_000 && !condition(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('timed out waiting');
}

describe('Ctrl-C while applying', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist', 'main.js'))) throw new Error('dist/ is missing: run npm run build (npm test does)');
    sandbox = await startSandbox({ seed: 'demo', latencyMs: 150 });
  });
  afterAll(() => sandbox?.stop());

  it('lets the writes in flight finish, starts no new ones, says what was done, exits 130; a rerun finishes without duplicates', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'teamops-e2e-'));
    writeFileSync(path.join(cwd, 'teamops.yml'), 'milestone:\n  group: distribution\n');
    const args = ['milestone', 'rollover', '--include-mrs', '--yes', '--concurrency', '1'];
    const writes = () => sandbox.requestLog.filter((entry) => entry.method === 'PUT');

    const interrupted = await teamops(args, sandbox.env(), cwd, async (child) => {
      await until(() => writes().length > 0);
      child.kill('SIGINT');
    });
    expect(interrupted.stderr).toContain('Interrupted: letting the changes in flight finish, starting no new ones');
    expect(interrupted.stderr).toMatch(/error: interrupted: \d+ of \d+ changes applied to distribution, \d+ not started/);
    expect(interrupted.stderr).toContain('hint: run the same command again to finish the rest');
    expect(interrupted.code).toBe(130);
    const [, doneText, totalText] = /interrupted: (\d+) of (\d+) changes/.exec(interrupted.stderr)!;
    const firstRun = writes().length;
    // The write in flight when Ctrl-C came finished and is counted; the others were never sent.
    expect(Number(doneText)).toBe(firstRun);
    expect(firstRun).toBeLessThan(Number(totalText));

    sandbox.setLatency(0);
    const rerun = await teamops(args, sandbox.env(), cwd);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain(`Applied ${Number(totalText) - firstRun} change`);
    // Each item was written once in all: nothing the first run did was done again.
    const paths = writes().map((entry) => entry.path);
    expect(paths).toHaveLength(Number(totalText));
    expect(new Set(paths).size).toBe(paths.length);
  });
});

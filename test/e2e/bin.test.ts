import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../support/clock.js';
import { startSandbox, type TestSandbox as Sandbox } from '../support/sandbox.js';

// These spawn the built binary, as users and pipelines run it (npm test builds first).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'teamops.cjs');
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function teamops(args: string[], env: Record<string, string>, options: { tty?: boolean; cwd?: string } = {}): Promise<Outcome> {
  // The child plans for the test clock's moment, the one the sandbox runs on, not the real one.
  const baseEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    TZ: 'UTC',
    TEAMOPS_NOW: testClock.now().toISOString(),
    ...env,
  };
  // `script` gives the child a real terminal, to see what a person at a terminal sees.
  const [file, argv] = options.tty
    ? ['script', ['-qec', [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' '), '/dev/null']]
    : [process.execPath, [bin, ...args]];
  try {
    const { stdout, stderr } = await run(file, argv, { env: baseEnv, cwd: options.cwd ?? root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the teamops binary', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist', 'main.js'))) throw new Error('dist/ is missing: run npm run build (npm test does)');
    sandbox = await startSandbox({ seed: 'demo' });
  });
  afterAll(() => sandbox?.stop());

  it('prints its version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const result = await teamops(['--version'], {});
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('checks the connection with the token from the environment, and exits 0', async () => {
    const result = await teamops(['config', 'check'], { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('token belongs to @root');
    expect(result.stdout).toContain(`GitLab: ${sandbox.url} (from GITLAB_HOST)`);
  });

  it('exits 4 on a token GitLab rejects, without printing the token', async () => {
    const token = 'glpat-wrong-token-0123456789';
    const result = await teamops(['config', 'check', '--debug'], { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: token });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('GitLab returned 401 Unauthorized');
    expect(result.stderr).toContain('hint:');
    expect(result.stdout + result.stderr).not.toContain(token);
  });

  it('exits 1 with one line naming the host and the cause when GitLab cannot be reached', async () => {
    // A refused connection gets one short second chance, not the full backoff (gitlab.max_wait is not needed).
    const cwd = mkdtempSync(path.join(tmpdir(), 'teamops-e2e-'));
    const result = await teamops(
      ['okr', 'status', '--quarter', '2027-Q1', '--project', 'a/b'],
      { GITLAB_HOST: 'http://127.0.0.1:9', GITLAB_TOKEN: 'glpat-0123456789abcdef' },
      { cwd },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: cannot reach 127.0.0.1:9: connection refused\nhint: check GITLAB_HOST (or gitlab.host in teamops.yml) and the network, then run the command again\n',
    );
  });

  it('takes the host from CI_SERVER_URL inside GitLab CI', async () => {
    const result = await teamops(['config', 'check', '--json'], {
      GITLAB_CI: 'true',
      CI: 'true',
      CI_SERVER_URL: sandbox.url,
      GITLAB_TOKEN: sandbox.token,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ host: sandbox.url, hostSource: 'CI_SERVER_URL', user: { username: 'root' } });
  });

  it('colours output on a terminal, and not when piped or when NO_COLOR is set', async () => {
    const env = { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token, TERM: 'xterm' };
    const tty = await teamops(['config', 'check'], env, { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toContain('\u001b[32m✓');
    const piped = await teamops(['config', 'check'], env);
    expect(piped.stdout).not.toContain('\u001b[');
    const noColor = await teamops(['config', 'check'], { ...env, NO_COLOR: '1' }, { tty: true });
    expect(noColor.stdout).not.toContain('\u001b[');
  });

  it('stops quietly when the reader closes the pipe (| head -1), without an EPIPE stack trace', async () => {
    // `teamops config check | head -1`: head exits after the first line, before the lines that follow
    // each GitLab request are written.
    const dir = mkdtempSync(path.join(tmpdir(), 'teamops-e2e-'));
    writeFileSync(path.join(dir, 'teamops.yml'), 'dri:\n  project: distribution/team-tasks\nmilestone:\n  group: distribution\n');
    const child = spawn(process.execPath, [bin, 'config', 'check'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).toBe('');
  });

  it('serves a sandbox that prints exactly two lines, answers GitLab requests and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, 'sandbox', '--seed', 'demo'], { cwd: root, env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address printed; stdout so far: ${stdout}`)), 20_000);
      child.stdout.on('data', () => {
        if (stdout.split('\n').length > 2) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GITLAB_HOST=http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toMatch(/^GITLAB_TOKEN=glpat-\S+$/);
    const host = lines[0]!.slice('GITLAB_HOST='.length);
    const token = lines[1]!.slice('GITLAB_TOKEN='.length);
    const response = await fetch(`${host}/api/v4/projects/distribution%2Fteam-tasks/templates/issues/Distribution-DRI`, {
      headers: { 'PRIVATE-TOKEN': token },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { name: string }).name).toBe('Distribution-DRI');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

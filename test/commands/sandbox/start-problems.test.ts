import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '@teamops/gitlab-sandbox';
import { runCli, tempDir } from '../../support/run-cli.js';

// `teamops sandbox` when it cannot start where it was told: one line naming the flag, exit 3, no "internal error".

let running: Sandbox | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('teamops sandbox cannot start', () => {
  it('names --port when the port is already in use', async () => {
    running = await createSandbox({ seed: 'empty' });
    const port = new URL(running.url).port;

    const result = await runCli(['sandbox', '--port', port]);

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`--port ${port}: the port is already in use`);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stdout).toBe('');
  });

  it('names --bind when the address is not one of this machine', async () => {
    const result = await runCli(['sandbox', '--bind', '999.1.1.1']);

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('--bind 999.1.1.1: not an address of this machine');
    expect(result.stderr).not.toContain('internal error');
  });

  it('names --data when its directory does not exist', async () => {
    const file = path.join(tempDir(), 'missing', 'state.json');

    const result = await runCli(['sandbox', '--data', file]);

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`--data ${file}: the directory ${path.dirname(file)} does not exist`);
    expect(result.stdout).toBe('');
  });

  it.each([
    { name: 'not JSON', content: 'garbage\n', message: 'cannot read the saved sandbox state: not valid JSON' },
    { name: 'JSON of another kind', content: '{"users": []}\n', message: 'not a sandbox state file' },
    { name: 'a directory', content: null, message: 'not a file' },
  ])('names --data when the file is $name', async ({ content, message }) => {
    const file = path.join(tempDir(), 'state.json');
    if (content === null) mkdirSync(file);
    else writeFileSync(file, content);

    const result = await runCli(['sandbox', '--data', file]);

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`--data ${file}: ${message}`);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stdout).toBe('');
  });
});

describe('teamops sandbox restarted from its --data file', () => {
  it('prints its token even when GITLAB_TOKEN already holds it (a shell that loaded the earlier run)', async () => {
    const file = path.join(tempDir(), 'state.json');
    const first = await createSandbox({ seed: 'empty', dataFile: file });
    const token = first.token;
    // A write, so the state (the token with it) is saved.
    const created = await fetch(`${first.url}/api/v4/groups`, {
      method: 'POST',
      headers: { 'PRIVATE-TOKEN': token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Platform', path: 'platform' }),
    });
    expect(created.status).toBe(201);
    await first.stop();

    const result = await runCli(['sandbox', '--data', file], { env: { GITLAB_TOKEN: token } });

    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^GITLAB_HOST=http://127\\.0\\.0\\.1:\\d+\\nGITLAB_TOKEN=${token}\\n$`));
  });

  it('still redacts GITLAB_TOKEN from every other command', async () => {
    const result = await runCli(['config', 'check', '--host', 'http://127.0.0.1:9', '--debug'], {
      env: { GITLAB_TOKEN: 'glpat-secret-0123456789' },
    });
    expect(result.stdout + result.stderr).not.toContain('glpat-secret-0123456789');
  });
});

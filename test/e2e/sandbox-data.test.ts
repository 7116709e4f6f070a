import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testClock } from '../support/clock.js';

// `teamops sandbox --data`: a write the sandbox acknowledged survives kill -9 right after it, and a
// restart from the same file keeps root's token. Spawns the built binary (npm test builds first).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'teamops.cjs');
const dir = mkdtempSync(path.join(tmpdir(), 'teamops-sandbox-kill-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  host: string;
  token: string;
}

async function startSandboxProcess(dataFile: string): Promise<Running> {
  const child = spawn(process.execPath, [bin, 'sandbox', '--seed', 'demo', '--data', dataFile], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', TEAMOPS_NOW: testClock.now().toISOString() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const values: Record<string, string> = {};
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const [name, ...rest] = line.split('=');
    if (name) values[name] = rest.join('=');
    if (values['GITLAB_HOST'] && values['GITLAB_TOKEN']) break;
  }
  return { child, host: values['GITLAB_HOST'] ?? '', token: values['GITLAB_TOKEN'] ?? '' };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function createIssue(sandbox: Running, title: string): Promise<{ status: number; iid: number }> {
  const response = await fetch(`${sandbox.host}/api/v4/projects/distribution%2Fteam-tasks/issues`, {
    method: 'POST',
    headers: { 'PRIVATE-TOKEN': sandbox.token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  const body = (await response.json()) as { iid: number };
  return { status: response.status, iid: body.iid };
}

describe('teamops sandbox --data', () => {
  it('keeps a write acknowledged just before SIGKILL, and the same token, across a restart', async () => {
    const dataFile = path.join(dir, 'state.json');
    const first = await startSandboxProcess(dataFile);
    expect(first.token).toMatch(/^glpat-/);
    const created = await createIssue(first, 'Acknowledged, then killed');
    expect(created.status).toBe(201);
    await killHard(first.child);

    const second = await startSandboxProcess(dataFile);
    try {
      expect(second.token).toBe(first.token);
      const found = await fetch(`${second.host}/api/v4/projects/distribution%2Fteam-tasks/issues/${created.iid}`, {
        headers: { 'PRIVATE-TOKEN': second.token },
      });
      expect(found.status).toBe(200);
      expect(await found.json()).toMatchObject({ iid: created.iid, title: 'Acknowledged, then killed' });
      const next = await createIssue(second, 'After the restart');
      expect(next.iid).toBe(created.iid + 1);
    } finally {
      await killHard(second.child);
    }
  });

  it('keeps the token of a sandbox killed before its first write', async () => {
    const dataFile = path.join(dir, 'untouched.json');
    const first = await startSandboxProcess(dataFile);
    await killHard(first.child);
    const second = await startSandboxProcess(dataFile);
    try {
      expect(second.token).toBe(first.token);
    } finally {
      await killHard(second.child);
    }
  });
});

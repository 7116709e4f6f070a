import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../support/sandbox.js';
import { runCli, tempDir } from '../support/run-cli.js';

// Every ritual checks, before its dry run shows the plan and before it applies it, that the token's
// user may make its changes: a Guest would have GitLab refuse them one by one (403) after the rest
// of the plan was written.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RITUALS: string[][] = [
  ['dri', 'rotate'],
  ['update', 'summary', '--create'],
  ['milestone', 'rollover'],
  ['update', 'print', '--template', 'em-weekly', '--author', 'grace.hopper', '--create'],
  // A quarter far ahead, which the demo has no OKRs or planning issue for yet.
  ['okr', 'create', '--file', 'okrs.yml'],
  ['okr', 'plan', '--quarter', 'FY31-Q1'],
];

let sandbox: Sandbox;
let cwd: string;

async function api(method: string, route: string, body: unknown): Promise<{ id: number }> {
  const response = await fetch(`${sandbox.url}/api/v4${route}`, {
    method,
    headers: { 'PRIVATE-TOKEN': sandbox.token, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, route).toBe(201);
  return (await response.json()) as { id: number };
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' });
  cwd = tempDir();
  copyFileSync(path.join(root, 'scripts', 'demo', 'teamops.yml'), path.join(cwd, 'teamops.yml'));
  const keyResults = [1, 2, 3].map((k) => ({ title: `KR ${k}`, from: 0, to: 10 * k }));
  writeFileSync(
    path.join(cwd, 'okrs.yml'),
    stringify({ quarter: 'FY31-Q1', team: 'distribution', objectives: [{ title: 'Objective', key_results: keyResults }] }),
  );
  const visitor = await api('POST', '/users', {
    username: 'visitor',
    name: 'Visitor',
    email: 'visitor@example.com',
    password: 'a-long-password-1',
  });
  await api('POST', '/groups/distribution/members', { user_id: visitor.id, access_level: 10 });
});
afterAll(() => sandbox.stop());

describe('a token whose user may not write', () => {
  for (const args of RITUALS) {
    it(`${args.slice(0, 2).join(' ')}: the dry run says so and exits 4 with a permission hint; applying writes nothing`, async () => {
      const env = sandbox.env('visitor');
      const from = sandbox.requestLog.length;
      const dry = await runCli([...args, '--dry-run'], { env, cwd });
      expect(dry.exitCode, dry.stderr).toBe(4);
      expect(dry.stderr).toContain("error: the token's user @visitor cannot make these changes; nothing was written to GitLab");
      expect(dry.stderr).toMatch(/- distribution\/[\w-]+: @visitor has the Guest role there; .* needs Planner or higher/);
      expect(dry.stderr).toContain('hint: give @visitor that role in those projects');

      const json = await runCli([...args, '--dry-run', '--json'], { env, cwd });
      expect(json.exitCode).toBe(4);
      expect(json.json<{ error: { exitCode: number; message: string } }>().error).toMatchObject({ exitCode: 4 });

      const apply = await runCli([...args, '--yes'], { env, cwd });
      expect(apply.exitCode, apply.stderr).toBe(4);
      expect(sandbox.requestLog.slice(from).filter((entry) => entry.method !== 'GET')).toEqual([]);
    });
  }

  it('the same rituals plan as usual for a user with the role', async () => {
    const dry = await runCli(['update', 'summary', '--create', '--dry-run'], { env: sandbox.env(), cwd });
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('+ create');
  });
});

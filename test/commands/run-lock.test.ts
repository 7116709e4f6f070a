import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../support/sandbox.js';
import { runCli, withDemoConfig } from '../support/run-cli.js';

// The run lock of every ritual (here: update summary --create, one issue): a label in the
// project the ritual writes to, taken before applying and deleted after.
const PROJECT = encodeURIComponent('distribution/team-tasks');
const LOCK = 'teamops-lock::update-summary';
const ARGS = ['update', 'summary', '--create', '--yes'];

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function api(method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sandbox!.url}/api/v4${route}`, {
    method,
    headers: { 'PRIVATE-TOKEN': sandbox!.token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
}

const lockLabel = async () => (await api('GET', `/projects/${PROJECT}/labels/${encodeURIComponent(LOCK)}`)).status;
// By key: a title search matches words, so it also finds the demo's hand-written "async update" issues.
const summaries = async () =>
  ((await api('GET', `/projects/${PROJECT}/issues?state=all&per_page=100`)).json as Array<{ description: string | null }>).filter((issue) =>
    issue.description?.includes('<!-- teamops:key=async-update-summary/'),
  ).length;
const issueCreates = () => sandbox!.requestLog.filter((e) => e.method === 'POST' && e.path.endsWith('/issues'));

describe('the run lock', () => {
  it('is taken before applying and released afterwards', async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    const result = await runCli(ARGS, { env: sandbox.env(), cwd: withDemoConfig() });
    expect(result.exitCode, result.stderr).toBe(0);
    const labelWrites = sandbox.requestLog.filter((e) => e.method !== 'GET' && e.path.includes('/labels'));
    expect(labelWrites.map((e) => `${e.method} ${e.status}`)).toEqual(['POST 201', 'DELETE 204']);
    expect(await lockLabel()).toBe(404);
  });

  it('is released when applying fails', async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    sandbox.setFaults({ script: [{ method: 'POST', path: /\/issues$/, when: 'before', kind: 500, times: 10 }] });
    const result = await runCli(ARGS, { env: sandbox.env(), cwd: withDemoConfig() });
    expect(result.exitCode).toBe(1);
    expect(await lockLabel()).toBe(404);
  });

  it('left by a killed run is removed once it has expired, saying so, and the run goes on', async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    const expired = new Date(sandbox.clock.now().getTime() - 60_000).toISOString();
    const created = await api('POST', `/projects/${PROJECT}/labels`, {
      name: LOCK,
      color: '#808080',
      description: `teamops run 1234 by @grace.hopper from 2026-11-16T07:00:00.000Z until ${expired}`,
    });
    expect(created.status).toBe(201);

    const result = await runCli(ARGS, { env: sandbox.env(), cwd: withDemoConfig() });

    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain(`removing the expired lock ${LOCK} in project distribution/team-tasks (run 1234 of @grace.hopper`);
    expect(await summaries()).toBe(1);
    expect(await lockLabel()).toBe(404);
  });

  it('held by a live run makes another wait within --max-wait, then fail naming the lock and how to clear it, writing nothing', async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    const until = new Date(sandbox.clock.now().getTime() + 20 * 60_000).toISOString();
    await api('POST', `/projects/${PROJECT}/labels`, {
      name: LOCK,
      color: '#808080',
      description: `teamops run 5678 by @grace.hopper from 2026-11-16T08:55:00.000Z until ${until}`,
    });
    const started = sandbox.clock.now().getTime();

    const result = await runCli([...ARGS, '--max-wait', '20'], { env: sandbox.env(), cwd: withDemoConfig() });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Waiting for another teamops update summary to finish (run 5678 of @grace.hopper');
    expect(result.stderr).toContain(
      `error: another teamops update summary is running in project distribution/team-tasks: the lock ${LOCK} is held by run 5678 of @grace.hopper, since 2026-11-16T08:55:00.000Z and expires at ${until}`,
    );
    expect(result.stderr).toContain(`delete the label ${LOCK} at ${sandbox.url}/distribution/team-tasks/-/labels?search=`);
    // It waited (on the test clock) no longer than it was allowed to.
    const waited = sandbox.clock.now().getTime() - started;
    expect(waited).toBeGreaterThan(5_000);
    expect(waited).toBeLessThanOrEqual(20_000);
    expect(issueCreates()).toEqual([]);
    expect(await lockLabel()).toBe(200);
  });

  it("that is not teamops' own (a label of that name made by hand) is never removed", async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    await api('POST', `/projects/${PROJECT}/labels`, { name: LOCK, color: '#808080', description: 'made by hand' });

    const result = await runCli([...ARGS, '--max-wait', '0'], { env: sandbox.env(), cwd: withDemoConfig() });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`the lock ${LOCK} is held by someone else (the label was not made by teamops)`);
    expect(issueCreates()).toEqual([]);
    expect(await lockLabel()).toBe(200);
  });

  it('is not taken on --dry-run', async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    const result = await runCli(['update', 'summary', '--create', '--dry-run'], { env: sandbox.env(), cwd: withDemoConfig() });
    expect(result.exitCode).toBe(0);
    expect(sandbox.requestLog.filter((e) => e.method !== 'GET')).toEqual([]);
  });
});

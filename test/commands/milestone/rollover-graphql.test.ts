// The rollover through GraphQL's issuesBulkUpdate where GitLab allows it, and REST where it does not.
import { afterEach, describe, expect, it } from 'vitest';
import type { SeedDocument } from '@teamops/gitlab-sandbox';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, type CliResult } from '../../support/run-cli.js';

const milestones = [
  { title: 'M1', start_date: '2026-10-19', due_date: '2026-11-13' },
  { title: 'M2', start_date: '2026-11-16', due_date: '2026-12-11' },
  { title: 'M3', start_date: '2026-12-14', due_date: '2027-01-08' },
];

const seed = (count: number): SeedDocument => ({
  users: [{ username: 'amara' }],
  groups: [{ path: 'acme', members: { amara: 'developer' }, milestones: milestones as never }],
  projects: [
    {
      path: 'acme/app',
      issues: Array.from({ length: count }, (_, i) => ({ title: `Issue ${i + 1}`, milestone: 'M1', labels: i % 2 ? ['keep'] : [] })),
    },
  ],
});

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function start(count: number, bulk: boolean, tier: 'premium' | 'free' = 'premium'): Promise<Sandbox> {
  sandbox = await startSandbox({ seed: seed(count), now: '2026-11-16T09:00:00Z', tier, features: { bulk_update_issues_mutation: bulk } });
  return sandbox;
}

const rollover = (s: Sandbox, args: string[]): Promise<CliResult> =>
  runCli(['milestone', 'rollover', '--group', 'acme', ...args], { env: s.env() });

interface ApiIssue {
  iid: number;
  labels: string[];
  milestone: { title: string } | null;
}

async function issues(s: Sandbox): Promise<ApiIssue[]> {
  const all: ApiIssue[] = [];
  for (let page = 1; ; page += 1) {
    const response = await fetch(`${s.url}/api/v4/projects/acme%2Fapp/issues?state=all&per_page=100&page=${page}`, {
      headers: { 'PRIVATE-TOKEN': s.token },
    });
    const batch = (await response.json()) as ApiIssue[];
    all.push(...batch);
    if (batch.length < 100) return all.sort((a, b) => a.iid - b.iid);
  }
}

/** Every issue in M2, with its own labels kept and the missed label exactly once. */
async function expectAllMoved(s: Sandbox, count: number): Promise<void> {
  const now = await issues(s);
  expect(now).toHaveLength(count);
  for (const issue of now) {
    expect(issue.milestone?.title).toBe('M2');
    expect(issue.labels).toEqual(issue.iid % 2 === 0 ? ['keep', 'missed:M1'] : ['missed:M1']);
  }
}

const requests = (s: Sandbox, method: string, path: RegExp) => s.requestLog.filter((e) => e.method === method && path.test(e.path));

interface Document {
  plan: { context: { api: { path: string; reason: string } }; actions: Array<{ kind: string }> };
  results: Array<{ key: string; status: string; via?: string }>;
}

describe('milestone rollover over GraphQL', () => {
  it('moves 250 issues in 3 mutations, reads them back, and reports every one', async () => {
    const s = await start(250, true);

    const result = await rollover(s, ['--yes', '--debug']);

    expect(result.exitCode, result.stderr).toBe(0);
    await expectAllMoved(s, 250);
    // The probe, then one mutation per 100 issues; no REST write to an issue.
    expect(requests(s, 'POST', /^\/api\/graphql$/)).toHaveLength(4);
    expect(requests(s, 'PUT', /issues/)).toEqual([]);
    // The missed label did not exist: created once, so the mutation can add it by ID.
    expect(requests(s, 'POST', /^\/api\/v4\/groups\/\d+\/labels$/)).toHaveLength(1);
    // Read back: one list per mutation.
    expect(requests(s, 'GET', /^\/api\/v4\/groups\/\d+\/issues$/)).toHaveLength(3);
    const rows = result.stdout.trim().split('\n');
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((row) => row.split('\t')[0])).size).toBe(250);
    expect(result.stderr).toContain('issues move through GraphQL: issuesBulkUpdate');
  });

  it('falls back to REST when the feature flag is off, with the same result, and says why in --json', async () => {
    const s = await start(250, false);

    const result = await rollover(s, ['--yes', '--json']);

    expect(result.exitCode, result.stderr).toBe(0);
    await expectAllMoved(s, 250);
    const document = JSON.parse(result.stdout) as Document;
    expect(document.plan.context.api).toEqual({
      path: 'rest',
      reason: 'issuesBulkUpdate is not available: `bulk_update_issues_mutation` feature flag is disabled.',
    });
    expect(document.results.filter((r) => r.status === 'done')).toHaveLength(250);
    expect(requests(s, 'PUT', /issues/)).toHaveLength(250);
    // The probe only: no label is created (REST's add_labels makes it) and no mutation is sent;
    // the one label created is the run lock's, deleted when the run ends.
    expect(requests(s, 'POST', /./).map((e) => e.path)).toEqual(['/api/graphql', '/api/v4/groups/acme/labels']);
    expect(requests(s, 'DELETE', /labels/)).toHaveLength(1);
  });

  it('finds what a failed mutation left undone and finishes it through REST, doubling no label', async () => {
    const s = await start(250, true);
    // The probe and the first mutation get through; the second is applied but its answer is lost;
    // the third fails before GitLab applies it.
    s.setFaults({
      script: [
        { method: 'POST', path: '/api/graphql', skip: 2, when: 'after', kind: 502 },
        { method: 'POST', path: '/api/graphql', skip: 3, when: 'before', kind: 500 },
      ],
    });

    const result = await rollover(s, ['--yes', '--json']);

    expect(result.exitCode, result.stderr).toBe(0);
    await expectAllMoved(s, 250);
    const document = JSON.parse(result.stdout) as Document;
    const viaRest = document.results.filter((r) => r.via === 'rest');
    const viaGraphql = document.results.filter((r) => r.via === 'graphql');
    // Which chunk failed before being applied depends on which mutation went third: 100 or 50 issues.
    expect([50, 100]).toContain(viaRest.length);
    expect(viaGraphql).toHaveLength(250 - viaRest.length);
    expect(requests(s, 'PUT', /issues/)).toHaveLength(viaRest.length);
    expect(document.results.every((r) => r.status === 'done')).toBe(true);
  });

  it('refuses --api graphql before any write when GitLab cannot do it', async () => {
    const s = await start(3, false);

    const result = await rollover(s, ['--yes', '--api', 'graphql']);

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(
      '--api graphql: GitLab cannot use issuesBulkUpdate for group acme: `bulk_update_issues_mutation` feature flag is disabled.; pass --api rest',
    );
    // Only the probe, which names no issue and changes nothing.
    expect(s.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`)).toEqual(['POST /api/graphql']);
    expect((await issues(s)).every((issue) => issue.milestone?.title === 'M1')).toBe(true);
  });

  it('does not ask about GraphQL for a handful of issues, where REST costs less', async () => {
    const s = await start(4, true);

    const result = await rollover(s, ['--yes']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(requests(s, 'POST', /graphql/)).toEqual([]);
    expect(requests(s, 'PUT', /issues/)).toHaveLength(4);
  });

  it('uses GraphQL for a few issues when told to, with a label that exists already', async () => {
    const s = await start(4, true);
    await fetch(`${s.url}/api/v4/groups/acme/labels`, {
      method: 'POST',
      headers: { 'PRIVATE-TOKEN': s.token, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'missed:M1', color: '#ff0000' }),
    });

    const result = await rollover(s, ['--yes', '--api', 'graphql']);

    expect(result.exitCode, result.stderr).toBe(0);
    await expectAllMoved(s, 4);
    expect(requests(s, 'POST', /graphql/)).toHaveLength(2);
    // The test's own label, and the run lock's (deleted when the run ends): missed:M1 is not made again.
    expect(requests(s, 'POST', /labels/)).toHaveLength(2);
    expect(requests(s, 'DELETE', /labels/)).toHaveLength(1);
  });
});

// milestone rollover --label, --to none, --health and --report-md against the sandbox.
import { readFileSync, existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SeedDocument } from '@teamops/gitlab-sandbox';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, type CliResult } from '../../support/run-cli.js';

const milestones = [
  { title: 'M1', start_date: '2026-10-19', due_date: '2026-11-13' },
  { title: 'M2', start_date: '2026-11-16', due_date: '2026-12-11' },
  { title: 'M3', start_date: '2026-12-14', due_date: '2027-01-08' },
];

const seed = (): SeedDocument => ({
  users: [{ username: 'amara' }],
  groups: [{ path: 'acme', members: { amara: 'developer' }, milestones: milestones as never }],
  projects: [
    {
      path: 'acme/app',
      issues: [
        { title: 'Cache bug', milestone: 'M1', labels: ['backend', 'type::bug'], created_at: '2026-10-19T09:00:00Z' },
        { title: 'Cache docs', milestone: 'M1', labels: ['backend'], created_at: '2026-10-19T09:00:00Z' },
        { title: 'Button colour [ui]', milestone: 'M1', labels: ['frontend'], created_at: '2026-10-19T09:00:00Z' },
      ],
    },
  ],
});

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function start(tier: 'premium' | 'free' = 'premium'): Promise<Sandbox> {
  sandbox = await startSandbox({ seed: seed(), now: '2026-11-16T09:00:00Z', tier });
  return sandbox;
}

const rollover = (s: Sandbox, args: string[], options: { now?: string; cwd?: string } = {}): Promise<CliResult> =>
  runCli(['milestone', 'rollover', '--group', 'acme', ...args], { env: s.env(), ...options });

interface ApiIssue {
  iid: number;
  title: string;
  labels: string[];
  milestone: { title: string } | null;
  health_status?: string | null;
}

async function issues(s: Sandbox): Promise<ApiIssue[]> {
  const response = await fetch(`${s.url}/api/v4/projects/acme%2Fapp/issues?state=all&per_page=100`, {
    headers: { 'PRIVATE-TOKEN': s.token },
  });
  return ((await response.json()) as ApiIssue[]).sort((a, b) => a.iid - b.iid);
}

const where = (list: ApiIssue[]) => list.map((i) => [i.title, i.milestone?.title ?? null, i.labels]);

describe('milestone rollover options', () => {
  it('--label moves only the items carrying every label given', async () => {
    const s = await start();

    const one = await rollover(s, ['--yes', '--label', 'backend', '--label', 'type::bug']);

    expect(one.exitCode, one.stderr).toBe(0);
    expect(one.stderr).toContain('1 issue labelled "backend" and "type::bug" to move');
    expect(where(await issues(s))).toEqual([
      ['Cache bug', 'M2', ['backend', 'missed:M1', 'type::bug']],
      ['Cache docs', 'M1', ['backend']],
      ['Button colour [ui]', 'M1', ['frontend']],
    ]);

    const rest = await rollover(s, ['--yes', '--label', 'backend']);
    expect(rest.exitCode, rest.stderr).toBe(0);
    expect(where(await issues(s)).map(([title, milestone]) => [title, milestone])).toEqual([
      ['Cache bug', 'M2'],
      ['Cache docs', 'M2'],
      ['Button colour [ui]', 'M1'],
    ]);
  });

  it('--to none moves items out of any milestone, still labelled, and a rerun finds them moved', async () => {
    const s = await start();

    const result = await rollover(s, ['--yes', '--to', 'none', '--label', 'frontend']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('to no milestone, add missed:M1');
    expect(where(await issues(s))[2]).toEqual(['Button colour [ui]', null, ['frontend', 'missed:M1']]);

    const rerun = await rollover(s, ['--yes', '--to', 'none', '--label', 'frontend']);
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain('Nothing to do');
  });

  it('--health marks the first slip "needs attention" and the second "at risk" (Premium)', async () => {
    const s = await start();

    const first = await rollover(s, ['--yes', '--health', '--label', 'backend']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect((await issues(s)).map((i) => [i.title, i.health_status])).toEqual([
      ['Cache bug', 'needs_attention'],
      ['Cache docs', 'needs_attention'],
      ['Button colour [ui]', null],
    ]);
    const updates = s.requestLog.filter((e) => e.method === 'POST' && e.path === '/api/graphql');
    expect(updates).toHaveLength(2);

    const second = await rollover(s, ['--yes', '--health', '--label', 'type::bug'], { now: '2026-12-14T09:00:00Z' });
    expect(second.exitCode, second.stderr).toBe(0);
    expect((await issues(s)).map((i) => [i.title, i.milestone?.title, i.health_status])).toEqual([
      ['Cache bug', 'M3', 'at_risk'],
      ['Cache docs', 'M2', 'needs_attention'],
      ['Button colour [ui]', 'M1', null],
    ]);
  });

  it('--health on Free is a usage error that says why, before any write', async () => {
    const s = await start('free');

    const result = await rollover(s, ['--yes', '--health']);

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('--health needs GitLab Premium or Ultimate');
    expect(s.requestLog.filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('--report-md writes the call-outs as Markdown after applying, and nothing under --dry-run', async () => {
    const s = await start();
    const dir = mkdtempSync(join(tmpdir(), 'teamops-report-'));
    const file = join(dir, 'retro.md');

    const dry = await rollover(s, ['--dry-run', '--report-md', file]);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(dry.stderr).toContain('is written only when the rollover is applied');

    expect((await rollover(s, ['--yes'])).exitCode).toBe(0);
    const second = await rollover(s, ['--yes', '--report-md', file], { now: '2026-12-14T09:00:00Z' });
    expect(second.exitCode, second.stderr).toBe(0);
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toContain('## Milestone rollover: M2\n');
    expect(markdown).toContain('On 2026-12-14, 3 items moved from "M2" to "M3", labelled `missed:M2`.');
    expect(markdown).toContain('### Slipped twice: hold a retrospective (3)');
    expect(markdown).toMatch(/- \[acme\/app#3\]\(http[^)]+\/acme\/app\/-\/issues\/3\) Button colour \\\[ui\\\]: missed "M1", "M2"/);
  });
});

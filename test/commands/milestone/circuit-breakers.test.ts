// The handbook's circuit breakers, acted on over three consecutive rollovers: exactly one
// retrospective per item at two slips and one evaluation at three, none on reruns.
import { afterEach, describe, expect, it } from 'vitest';
import type { SeedDocument } from '@teamops/gitlab-sandbox';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';
import { startSandbox, type TestSandbox } from '../../support/sandbox.js';

const milestones = [
  { title: 'M1', start_date: '2026-10-19', due_date: '2026-11-13' },
  { title: 'M2', start_date: '2026-11-16', due_date: '2026-12-11' },
  { title: 'M3', start_date: '2026-12-14', due_date: '2027-01-08' },
  { title: 'M4', start_date: '2027-01-11', due_date: '2027-02-05' },
];

const seed = (): SeedDocument => ({
  users: [{ username: 'amara' }, { username: 'bruno' }, { username: 'section.lead' }],
  groups: [{ path: 'acme', members: { amara: 'developer', bruno: 'developer', 'section.lead': 'reporter' }, milestones }],
  projects: [
    {
      path: 'acme/app',
      issues: [
        { title: 'Keeps slipping', milestone: 'M1', assignees: ['amara'], created_at: '2026-10-19T09:00:00Z' },
        { title: 'Ships in M2', milestone: 'M1', assignees: ['bruno'], created_at: '2026-10-19T09:00:00Z' },
      ],
    },
  ],
});

const config = (extra = '') => `milestone:\n  group: acme\n  circuit_breakers: true\n  section_leaders: [section.lead]\n${extra}`;

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

interface ApiIssue {
  iid: number;
  title: string;
  state: string;
  description: string | null;
  assignees: Array<{ username: string }>;
  references: { full: string };
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${sandbox!.url}/api/v4${path}`, {
    ...init,
    headers: { 'PRIVATE-TOKEN': sandbox!.token, 'content-type': 'application/json' },
  });
  expect(response.ok, `${init.method ?? 'GET'} ${path}`).toBe(true);
  return (await response.json()) as T;
}

const issues = () => api<ApiIssue[]>('/projects/acme%2Fapp/issues?state=all&per_page=100&sort=asc');
const titled = async (prefix: string) => (await issues()).filter((i) => i.title.startsWith(prefix));

function rollover(now: string, extraConfig = '', args: string[] = []): Promise<CliResult> {
  return runCli(['milestone', 'rollover', '--yes', '--close', ...args], { cwd: withConfig(config(extraConfig)), now, env: sandbox!.env() });
}

describe('milestone rollover --circuit-breakers', () => {
  it('opens one retrospective at two slips and one evaluation at three, across rollovers and reruns', async () => {
    sandbox = await startSandbox({ seed: seed(), now: '2026-11-16T09:00:00Z' });

    const first = await rollover('2026-11-16T09:00:00Z');
    expect(first.exitCode, first.stderr).toBe(0);
    expect(await titled('Retrospective')).toEqual([]);
    await api('/projects/acme%2Fapp/issues/2', { method: 'PUT', body: JSON.stringify({ state_event: 'close' }) });

    const second = await rollover('2026-12-14T09:00:00Z');
    expect(second.exitCode, second.stderr).toBe(0);
    const [retro, ...moreRetros] = await titled('Retrospective');
    expect(moreRetros).toEqual([]);
    expect(retro!.title).toBe('Retrospective: "Keeps slipping" missed 2 milestones');
    expect(retro!.assignees.map((a) => a.username)).toEqual(['amara']);
    expect(retro!.description).toContain('acme/app#1 has missed 2 milestones: "M1", "M2".');
    const links = await api<ApiIssue[]>(`/projects/acme%2Fapp/issues/1/links`);
    expect(links.map((l) => l.references.full)).toEqual([retro!.references.full]);
    expect(await titled('Evaluation')).toEqual([]);

    const rerun = await rollover('2026-12-14T10:00:00Z');
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(await titled('Retrospective')).toHaveLength(1);

    const third = await rollover('2027-01-11T09:00:00Z');
    expect(third.exitCode, third.stderr).toBe(0);
    expect(await titled('Retrospective')).toHaveLength(1);
    const [evaluation, ...moreEvaluations] = await titled('Evaluation');
    expect(moreEvaluations).toEqual([]);
    expect(evaluation!.title).toBe('Evaluation: "Keeps slipping" missed 3 milestones');
    expect(evaluation!.description).toContain('@section.lead, please join the evaluation.');
    expect(evaluation!.description).toContain(`Retrospective: ${retro!.references.full}`);

    const again = await rollover('2027-01-11T10:00:00Z');
    expect(again.exitCode, again.stderr).toBe(0);
    expect(await titled('Evaluation')).toHaveLength(1);
  });

  it('evaluation: comment puts the evaluation on the retrospective, once', async () => {
    sandbox = await startSandbox({ seed: seed(), now: '2026-11-16T09:00:00Z' });
    const extra = '  evaluation: comment\n';
    for (const now of ['2026-11-16T09:00:00Z', '2026-12-14T09:00:00Z', '2027-01-11T09:00:00Z', '2027-01-11T10:00:00Z']) {
      const run = await rollover(now, extra);
      expect(run.exitCode, run.stderr).toBe(0);
    }
    expect(await titled('Evaluation')).toEqual([]);
    const [retro] = await titled('Retrospective');
    const notes = await api<Array<{ body: string; system: boolean }>>(`/projects/acme%2Fapp/issues/${retro!.iid}/notes`);
    expect(notes.filter((n) => !n.system && n.body.includes('a larger evaluation should be performed'))).toHaveLength(1);
  });

  it('an unknown section leader is refused before any write', async () => {
    sandbox = await startSandbox({ seed: seed(), now: '2026-11-16T09:00:00Z' });
    const run = await runCli(['milestone', 'rollover', '--yes'], {
      cwd: withConfig('milestone:\n  group: acme\n  circuit_breakers: true\n  section_leaders: [nobody.here]\n'),
      now: '2026-11-16T09:00:00Z',
      env: sandbox.env(),
    });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain('milestone.section_leaders names nobody.here, who is not a GitLab user');
    expect(sandbox.requestLog.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});

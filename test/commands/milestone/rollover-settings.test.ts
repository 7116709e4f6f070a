// milestone rollover --slips and --api, and their teamops.yml keys milestone.slips and milestone.api, against the sandbox.
import { afterEach, describe, expect, it } from 'vitest';
import type { SeedDocument } from '@teamops/gitlab-sandbox';
import { ritualWrites, startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, tempDir, withConfig, type CliResult } from '../../support/run-cli.js';

const milestones = [
  { title: 'M0', start_date: '2026-09-21', due_date: '2026-10-16' },
  { title: 'M1', start_date: '2026-10-19', due_date: '2026-11-13' },
  { title: 'M2', start_date: '2026-11-16', due_date: '2026-12-11' },
];

type IssueSeed = NonNullable<NonNullable<SeedDocument['projects']>[number]['issues']>[number];

/**
 * Two issues whose history and labels disagree. #1 was planned for M0 and moved on to M1 while open
 * after M0's due date (a slip in GitLab's history), but its missed:M0 label was removed by hand; #2
 * has been in M1 from the start, with a missed:M0 label added by hand.
 */
const disagreeing: IssueSeed[] = [
  {
    title: 'Label removed by hand',
    milestone: 'M0',
    created_at: '2026-09-21T09:00:00Z',
    history: [{ at: '2026-10-19T09:00:00Z', milestone: 'M1' }],
  },
  { title: 'Label added by hand', milestone: 'M1', labels: ['missed:M0'], created_at: '2026-10-19T09:00:00Z' },
];
const many = (count: number): IssueSeed[] => Array.from({ length: count }, (_, i) => ({ title: `Issue ${i + 1}`, milestone: 'M1' }));

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function start(issues: IssueSeed[], features: Record<string, boolean> = {}): Promise<Sandbox> {
  sandbox = await startSandbox({
    seed: {
      users: [{ username: 'amara' }],
      groups: [{ path: 'acme', members: { amara: 'developer' }, milestones: milestones as never }],
      projects: [{ path: 'acme/app', issues }],
    },
    now: '2026-11-16T09:00:00Z',
    features,
  });
  return sandbox;
}

/** A rollover of group acme, with teamops.yml's `milestone:` section when given (an empty directory otherwise). */
const rollover = (s: Sandbox, args: string[], milestoneSection = ''): Promise<CliResult> =>
  runCli(['milestone', 'rollover', ...args], {
    env: s.env(),
    cwd: milestoneSection ? withConfig(`milestone:\n  group: acme\n${milestoneSection}`) : tempDir(),
  });
const withGroup = ['--group', 'acme'];

interface Document {
  plan: {
    context: {
      slips: { choice: string; setting: string };
      api: { path: string; reason: string };
      items: Array<{ title: string; slips: number; missed: string[]; slipSource: string }>;
    };
  };
}

const slipsOf = (result: CliResult) =>
  result.json<Document>().plan.context.items.map((item) => [item.title, item.slips, item.missed, item.slipSource]);
const historyReads = (s: Sandbox) => s.requestLog.filter((entry) => entry.path.endsWith('/resource_milestone_events'));

const BY_HISTORY = [
  ['Label removed by hand', 2, ['M0', 'M1'], 'events'],
  ['Label added by hand', 1, ['M1'], 'events'],
];
const BY_LABELS = [
  ['Label removed by hand', 1, ['M1'], 'labels'],
  ['Label added by hand', 2, ['M0', 'M1'], 'labels'],
];

describe('milestone rollover --slips', () => {
  it('counts from the history by default, one read per item', async () => {
    const s = await start(disagreeing);

    const result = await rollover(s, [...withGroup, '--dry-run', '--json']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(slipsOf(result)).toEqual(BY_HISTORY);
    expect(result.json<Document>().plan.context.slips).toEqual({ choice: 'history', setting: 'milestone.slips' });
    expect(historyReads(s)).toHaveLength(2);
  });

  it('--slips labels reads no milestone history and counts the missed labels, and says so', async () => {
    const s = await start(disagreeing);

    const dry = await rollover(s, [...withGroup, '--slips', 'labels', '--dry-run', '--json']);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(slipsOf(dry)).toEqual(BY_LABELS);
    expect(dry.json<Document>().plan.context.slips).toEqual({ choice: 'labels', setting: '--slips' });

    const applied = await rollover(s, [...withGroup, '--slips', 'labels', '--yes']);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stderr).toContain(
      "Slips are counted from the missed labels (chosen by --slips labels); GitLab's milestone history was not read.",
    );
    expect(applied.stderr).not.toContain('keeps no milestone history');
    expect(applied.stdout).toMatch(/^acme\/app#1\t1\t\thttp/m);
    expect(applied.stdout).toMatch(/^acme\/app#2\t2\tretrospective\thttp/m);
    expect(historyReads(s)).toEqual([]);
    expect(ritualWrites(s.requestLog).filter((e) => e.method === 'PUT')).toHaveLength(2);
  });

  it('warns that counting labels cannot see a slip moved without its label', async () => {
    const s = await start(disagreeing);

    const result = await rollover(s, [...withGroup, '--slips', 'labels', '--no-missed-label', '--dry-run']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('This run adds no missed label, so a later rollover that counts labels will not count this slip.');
  });

  it('takes milestone.slips from teamops.yml', async () => {
    const s = await start(disagreeing);

    const result = await rollover(s, ['--dry-run', '--json'], '  slips: labels\n');

    expect(result.exitCode, result.stderr).toBe(0);
    expect(slipsOf(result)).toEqual(BY_LABELS);
    expect(historyReads(s)).toEqual([]);
    const shown = await rollover(s, ['--dry-run'], '  slips: labels\n');
    expect(shown.stderr).toContain('Slips are counted from the missed labels (chosen by milestone.slips: labels)');
  });

  it.each([
    { file: 'labels', flag: 'history', expected: BY_HISTORY, reads: 2 },
    { file: 'history', flag: 'labels', expected: BY_LABELS, reads: 0 },
  ])('--slips $flag wins over milestone.slips: $file', async ({ file, flag, expected, reads }) => {
    const s = await start(disagreeing);

    const result = await rollover(s, ['--slips', flag, '--dry-run', '--json'], `  slips: ${file}\n`);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(slipsOf(result)).toEqual(expected);
    expect(historyReads(s)).toHaveLength(reads);
  });

  it('moves issues through GraphQL without a single history read: --api graphql --slips labels', async () => {
    const s = await start(many(12), { bulk_update_issues_mutation: true });

    const result = await rollover(s, [...withGroup, '--api', 'graphql', '--slips', 'labels', '--yes', '--json']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.json<Document>().plan.context.api.path).toBe('graphql');
    expect(historyReads(s)).toEqual([]);
    expect(ritualWrites(s.requestLog).filter((e) => e.method === 'PUT')).toEqual([]);
  });
});

describe('milestone rollover takes milestone.api from teamops.yml', () => {
  const probes = (s: Sandbox) => s.requestLog.filter((e) => e.method === 'POST' && e.path === '/api/graphql');

  it('milestone.api: rest never asks about GraphQL, and the flag wins over it', async () => {
    const s = await start(many(12), { bulk_update_issues_mutation: true });

    const dry = await rollover(s, ['--dry-run', '--json'], '  api: rest\n');
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.json<Document>().plan.context.api).toEqual({ path: 'rest', reason: 'milestone.api: rest' });
    expect(probes(s)).toEqual([]);

    const flag = await rollover(s, ['--api', 'auto', '--dry-run', '--json'], '  api: rest\n');
    expect(flag.exitCode, flag.stderr).toBe(0);
    expect(flag.json<Document>().plan.context.api.path).toBe('graphql');
    expect(probes(s)).toHaveLength(1);
  });

  it('milestone.api: graphql fails before any write when GitLab cannot do it, naming the key', async () => {
    const s = await start(many(3));

    const result = await rollover(s, ['--yes'], '  api: graphql\n');

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('milestone.api is graphql, but GitLab cannot use issuesBulkUpdate for group acme');
    // Only the probe, which names no issue and changes nothing.
    expect(s.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`)).toEqual(['POST /api/graphql']);
  });

  it('milestone.api: graphql gives way to --to none, which only REST can do', async () => {
    const s = await start(many(3));

    const result = await rollover(s, ['--to', 'none', '--dry-run', '--json'], '  api: graphql\n');

    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.json<Document>().plan.context.api.path).toBe('rest');
    expect(probes(s)).toEqual([]);
  });
});

describe('bad --slips and --api values fail before anything is read or written', () => {
  it.each([
    { name: '--slips events', args: ['--slips', 'events'], section: '', message: '--slips must be history or labels, got "events"' },
    { name: 'milestone.slips: events', args: [], section: '  slips: events\n', message: 'milestone.slips: expected "history" or "labels"' },
    {
      name: 'milestone.api: soap',
      args: [],
      section: '  api: soap\n',
      message: 'milestone.api: expected "rest" or "graphql" or "auto"',
    },
  ])('$name', async ({ args, section, message }) => {
    const s = await start(disagreeing);

    const result = await rollover(s, [...(section ? [] : withGroup), ...args, '--yes'], section);

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(message);
    expect(s.requestLog).toEqual([]);
  });

  it('config check reports a bad milestone.slips', async () => {
    const s = await start([]);

    const result = await runCli(['config', 'check'], { env: s.env(), cwd: withConfig('milestone:\n  group: acme\n  slips: event\n') });

    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/^✗ config: .*milestone\.slips: expected "history" or "labels"/m);
  });
});

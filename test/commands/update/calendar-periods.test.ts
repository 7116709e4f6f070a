import { afterEach, describe, expect, it } from 'vitest';
import { type SeedDocument } from '@teamops/gitlab-sandbox';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';

// A weekly update belongs to the team's week, whichever day it is written on. The week of Monday
// 2026-10-19 ends on Sunday 2026-10-25, the day Amsterdam leaves summer time (UTC+2 → UTC+1).
const CONFIG = `
timezone: Europe/Amsterdam
updates:
  project: ops/updates
  group: ops
`;

type IssueSeed = NonNullable<NonNullable<SeedDocument['projects']>[number]['issues']>[number];

function seedWith(issues: IssueSeed[] = []): SeedDocument {
  return {
    users: [{ username: 'grace', name: 'Grace Hopper' }],
    groups: [{ path: 'ops', members: { grace: 'maintainer' } }],
    projects: [{ path: 'ops/updates', issues }],
  };
}

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

const cwd = withConfig(CONFIG);
function run(s: Sandbox, args: string[], now: string): Promise<CliResult> {
  return runCli(args, { env: s.env(), cwd, now });
}

interface ApiIssue {
  title: string;
  description: string;
}
async function issuesOf(s: Sandbox): Promise<ApiIssue[]> {
  const response = await fetch(`${s.url}/api/v4/projects/ops%2Fupdates/issues?state=all&per_page=100`, {
    headers: { 'PRIVATE-TOKEN': s.token },
  });
  return (await response.json()) as ApiIssue[];
}

// Late evening in Amsterdam on each day of the week: 23:30 is 21:30 UTC in summer time, 22:30 UTC after.
const EVENINGS = [
  '2026-10-19T21:30:00Z',
  '2026-10-20T21:30:00Z',
  '2026-10-21T21:30:00Z',
  '2026-10-22T21:30:00Z',
  '2026-10-23T21:30:00Z',
  '2026-10-24T21:30:00Z',
  '2026-10-25T22:30:00Z',
];
// Just after midnight: 00:30 on Monday 19th is 22:30 UTC on the 18th.
const FIRST_MINUTES = '2026-10-18T22:30:00Z';

describe('calendar periods for updates and summaries', () => {
  it('opens one update and one summary for a week written on every day of it, across the end of summer time', async () => {
    const s = (sandbox = await startSandbox({ seed: seedWith(), now: FIRST_MINUTES }));
    for (const now of [FIRST_MINUTES, ...EVENINGS]) {
      const update = await run(s, ['update', 'print', '--template', 'em-weekly', '--author', 'grace', '--create', '--yes'], now);
      expect(update.exitCode, update.stderr).toBe(0);
      const summary = await run(s, ['update', 'summary', '--create', '--yes'], now);
      expect(summary.exitCode, summary.stderr).toBe(0);
    }
    const issues = await issuesOf(s);
    expect(issues.map((issue) => issue.title).sort()).toEqual([
      'Async updates: week of 2026-10-19',
      'grace: weekly update, week of 2026-10-19',
    ]);
    expect(issues.map((issue) => /teamops:key=(\S+)/.exec(issue.description)?.[1]).sort()).toEqual([
      'async-update-summary/week/2026-10-19',
      'async-update/grace/em-weekly/week/2026-10-19',
    ]);
    expect(issues.find((issue) => issue.title.startsWith('grace'))?.description).toContain('2026-10-19 to 2026-10-25 (2026-W43)');

    // 00:30 on Monday 26th, now UTC+1, is the next week.
    const next = await run(
      s,
      ['update', 'print', '--template', 'em-weekly', '--author', 'grace', '--create', '--dry-run'],
      '2026-10-25T23:30:00Z',
    );
    expect(next.stdout).toContain('+ create "grace: weekly update, week of 2026-10-26"');
  });

  it('names the ISO week of the period it reports on: Tuesday 2026-12-01 is in 2026-W49', async () => {
    const s = (sandbox = await startSandbox({ seed: seedWith(), now: '2026-12-01T09:00:00Z' }));
    const result = await run(s, ['update', 'print', '--template', 'em-weekly', '--author', 'grace'], '2026-12-01T09:00:00Z');
    expect(result.stdout).toContain('2026-11-30 to 2026-12-06 (2026-W49)');
    const last = await run(
      s,
      ['update', 'print', '--template', 'em-weekly', '--author', 'grace', '--period', 'last'],
      '2026-12-01T09:00:00Z',
    );
    expect(last.stdout).toContain('2026-11-23 to 2026-11-29 (2026-W48)');
  });

  it('finds the update and summary an older teamops keyed by a rolling 7 days, and opens none for that week', async () => {
    // Written on Friday 2026-11-27 by a teamops that keyed the 7 days ending that day.
    const legacy: IssueSeed[] = [
      {
        title: 'grace: weekly update, week of 2026-11-23',
        author: 'grace',
        labels: ['OpsSection::AsyncUpdate'],
        created_at: '2026-11-27T10:00:00Z',
        description: 'Old update.\n\n<!-- teamops:key=async-update/grace/em-weekly/2026-11-21/2026-11-27 -->\n',
      },
      {
        // A summary is teamops' own: opened with the token teamops still runs with (root's).
        title: 'Async updates: week of 2026-11-23',
        author: 'root',
        created_at: '2026-11-27T15:00:00Z',
        description: 'Old summary.\n\n<!-- teamops:key=async-update-summary/2026-11-21/2026-11-27 -->\n',
      },
    ];
    const s = (sandbox = await startSandbox({ seed: seedWith(legacy), now: '2026-11-27T16:00:00Z' }));
    const writes = () => s.requestLog.filter((entry) => entry.method !== 'GET').length;
    for (const [now, extra] of [
      ['2026-11-27T16:00:00Z', []],
      ['2026-11-29T16:00:00Z', []],
      ['2026-11-30T08:00:00Z', ['--period', 'last']],
    ] as const) {
      const update = await run(s, ['update', 'print', '--template', 'em-weekly', '--author', 'grace', '--create', ...extra], now);
      expect(update.exitCode, update.stderr).toBe(0);
      expect(update.stderr).toContain('Nothing to do: it is already in place.');
      const summary = await run(s, ['update', 'summary', '--create', ...extra], now);
      expect(summary.exitCode, summary.stderr).toBe(0);
      expect(summary.stderr).toContain('Nothing to do: it is already in place.');
    }
    expect(writes()).toBe(0);

    // The next week has none yet; a custom range makes its own key.
    const nextWeek = await run(
      s,
      ['update', 'print', '--template', 'em-weekly', '--author', 'grace', '--create', '--dry-run'],
      '2026-11-30T08:00:00Z',
    );
    expect(nextWeek.stdout).toContain('+ create "grace: weekly update, week of 2026-11-30"');
    const custom = await run(
      s,
      ['update', 'summary', '--create', '--since', '2026-11-23', '--until', '2026-11-26', '--json', '--dry-run'],
      '2026-11-30T08:00:00Z',
    );
    expect(custom.json<{ plan: { actions: Array<{ key: string }> } }>().plan.actions.map((a) => a.key)).toEqual([
      'async-update-summary/2026-11-23/2026-11-26',
    ]);
  });

  it('rejects --period with --since or --until', async () => {
    const s = (sandbox = await startSandbox({ seed: seedWith(), now: '2026-12-01T09:00:00Z' }));
    const result = await run(s, ['update', 'summary', '--period', 'last', '--since', '2026-11-01'], '2026-12-01T09:00:00Z');
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('--period cannot be combined with --since or --until');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { type SeedDocument } from '@teamops/gitlab-sandbox';
import { startSandbox, type TestSandbox as Sandbox, ritualWrites } from '../../support/sandbox.js';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';

// The group `acme` on Wednesday 2026-11-25, with GitLab's fiscal year (February): FY27-Q4 is
// November 2026 to January 2027, so M1 and M2 are due in FY27-Q4 and M4 in FY28-Q1.
const M1 = { title: 'M1', start_date: '2026-10-19', due_date: '2026-11-13' };
const M2 = { title: 'M2', start_date: '2026-11-16', due_date: '2026-12-11' };
const M4 = { title: 'M4', start_date: '2027-01-11', due_date: '2027-02-05' };

type IssueSeed = NonNullable<NonNullable<SeedDocument['projects']>[number]['issues']>[number];
type MergeRequestSeed = NonNullable<NonNullable<SeedDocument['projects']>[number]['merge_requests']>[number];

const GROUP_LABELS = [
  'group::distribution',
  'group::distribution::build',
  'group::distribution::deploy',
  'FY27::Q3',
  'FY27::Q4',
  'Unplanned',
];
const GOOD = ['group::distribution', 'group::distribution::build', 'FY27::Q4'];
const planned = (title: string, labels: string[], extra: Partial<IssueSeed> = {}): IssueSeed => ({
  title,
  labels,
  milestone: 'M2',
  created_at: '2026-11-10T09:00:00Z',
  ...extra,
});

/** One item breaking each rule once, and items that only look as if they might. */
const ISSUES: IssueSeed[] = [
  planned('Follows every rule', GOOD),
  planned('No group label', ['group::distribution::build', 'FY27::Q4']),
  planned('No subgroup', ['group::distribution', 'FY27::Q4']),
  planned('Last quarter', ['group::distribution', 'group::distribution::deploy', 'FY27::Q3']),
  // Added to M2 two days after it started: unplanned work.
  { title: 'Urgent fix', labels: GOOD, created_at: '2026-11-10T09:00:00Z', history: [{ at: '2026-11-18T10:00:00Z', milestone: 'M2' }] },
  // Carried over from M1 after M2 started (a rollover): it slipped, it is not new work.
  {
    title: 'Slipped from M1',
    labels: GOOD,
    milestone: 'M1',
    created_at: '2026-10-20T09:00:00Z',
    history: [{ at: '2026-11-17T08:00:00Z', milestone: 'M2' }],
  },
  // Its quarter label, FY28::Q1, does not exist: --fix must not create it.
  planned('Next quarter', ['group::distribution', 'group::distribution::build'], { milestone: 'M4' }),
  // Closed items are not checked unless asked.
  planned('Shipped', [], { state: 'closed', closed_at: '2026-11-20T09:00:00Z' }),
  // Without a milestone there is no quarter to check, nor anything unplanned.
  { title: 'Backlog idea', labels: ['group::distribution', 'group::distribution::deploy'], created_at: '2026-11-01T09:00:00Z' },
];

const CONFIG = `
fiscal_year_start_month: 2
labels:
  rules:
    group: acme
    required: [group::distribution]
    one_of:
      - [group::distribution::build, group::distribution::deploy]
    quarter: "FY{fy}::Q{q}"
    unplanned: Unplanned
`;

function organisation(issues: IssueSeed[], mergeRequests: MergeRequestSeed[] = []): SeedDocument {
  return {
    users: [{ username: 'amara' }],
    groups: [
      {
        path: 'acme',
        members: { amara: 'developer' },
        labels: GROUP_LABELS.map((name) => ({ name })),
        milestones: [M1, M2, M4] as never,
      },
    ],
    projects: [{ path: 'acme/app', issues, merge_requests: mergeRequests }],
  };
}

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function start(
  issues: IssueSeed[] = ISSUES,
  mergeRequests: MergeRequestSeed[] = [],
  tier: 'free' | 'premium' = 'premium',
): Promise<Sandbox> {
  sandbox = await startSandbox({ seed: organisation(issues, mergeRequests), now: '2026-11-25T09:00:00Z', tier });
  return sandbox;
}

function check(s: Sandbox, args: string[], config = CONFIG): Promise<CliResult> {
  return runCli(['labels', 'check', ...args], { env: s.env(), cwd: withConfig(config) });
}

async function labelsByTitle(s: Sandbox): Promise<Record<string, string[]>> {
  const issues = await s.api<Array<{ title: string; labels: string[] }>>('/projects/acme%2Fapp/issues?state=all&per_page=100');
  return Object.fromEntries(issues.map((issue) => [issue.title, issue.labels]));
}

const labelNames = async (s: Sandbox) =>
  (await s.api<Array<{ name: string }>>('/projects/acme%2Fapp/labels?per_page=100')).map((label) => label.name).sort();

const writes = (s: Sandbox) => ritualWrites(s.requestLog);

/** stdout's rows (tab-separated when piped): item, rule, problem, fix. */
const rows = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));

describe('teamops labels check', () => {
  it('finds exactly one violation of each rule, says how to fix each, and exits 1', async () => {
    const s = await start();

    const result = await check(s, []);

    expect(result.exitCode, result.stderr).toBe(1);
    expect(rows(result.stdout)).toEqual([
      ['acme/app#2', 'required', 'missing group::distribution', 'add group::distribution'],
      [
        'acme/app#3',
        'one-of',
        'none of group::distribution::build, group::distribution::deploy',
        'choose one of group::distribution::build, group::distribution::deploy',
      ],
      [
        'acme/app#4',
        'quarter',
        'FY27::Q3 instead of FY27::Q4 (milestone M2 is due 2026-12-11, in FY27-Q4)',
        'add FY27::Q4, remove FY27::Q3',
      ],
      ['acme/app#5', 'unplanned', 'missing Unplanned: added to M2 on 2026-11-18, after it started on 2026-11-16', 'add Unplanned'],
      [
        'acme/app#7',
        'quarter',
        'missing FY28::Q1 (milestone M4 is due 2027-02-05, in FY28-Q1)',
        'not applicable: no label FY28::Q1 in acme/app or its groups; create it first',
      ],
    ]);
    expect(result.stderr).toContain(
      '5 violations in 8 items: 3 fixable by --fix, 1 for a person to choose, 1 needing a label created first.',
    );
    expect(result.stderr).toContain('5 label violations found in group acme (required, one-of, quarter, unplanned)');
    expect(writes(s)).toEqual([]);
  });

  // On Premium, adding FY27::Q4 takes FY27::Q3 off by itself (scoped labels are exclusive); on Free only the removal does.
  it.each(['premium', 'free'] as const)(
    '--fix applies the unambiguous fixes, creates no label, and exits 1 for what a person must do (%s)',
    async (tier) => {
      const s = await start(ISSUES, [], tier);
      const labelsBefore = await labelNames(s);

      const result = await check(s, ['--fix', '--yes']);

      expect(result.exitCode, result.stderr).toBe(1);
      expect(await labelsByTitle(s)).toMatchObject({
        'Follows every rule': ['FY27::Q4', 'group::distribution', 'group::distribution::build'],
        'No group label': ['FY27::Q4', 'group::distribution', 'group::distribution::build'],
        'No subgroup': ['FY27::Q4', 'group::distribution'],
        'Last quarter': ['FY27::Q4', 'group::distribution', 'group::distribution::deploy'],
        'Urgent fix': ['FY27::Q4', 'Unplanned', 'group::distribution', 'group::distribution::build'],
        'Slipped from M1': ['FY27::Q4', 'group::distribution', 'group::distribution::build'],
        'Next quarter': ['group::distribution', 'group::distribution::build'],
      });
      // One label change per fixed issue, and no label created (GitLab creates unknown labels given to an issue).
      expect(writes(s).map((w) => `${w.method} ${w.path}`)).toEqual([
        'PUT /api/v4/projects/1/issues/2',
        'PUT /api/v4/projects/1/issues/4',
        'PUT /api/v4/projects/1/issues/5',
      ]);
      expect(await labelNames(s)).toEqual(labelsBefore);
      expect(labelsBefore).not.toContain('FY28::Q1');
      expect(result.stderr).toContain('Applied 3 changes to group acme.');
      expect(result.stderr).toContain('2 label violations remain in group acme (one-of, quarter)');

      const again = await check(s, ['--fix', '--yes']);
      expect(again.exitCode).toBe(1);
      expect(again.stderr).toContain('Nothing to do');
      expect(rows(again.stdout).map((row) => [row[0], row[1]])).toEqual([
        ['acme/app#3', 'one-of'],
        ['acme/app#7', 'quarter'],
      ]);
      expect(writes(s)).toHaveLength(3);
    },
  );

  it('exits 0 when every item follows the rules', async () => {
    const s = await start([ISSUES[0]!, ISSUES[5]!]);

    const result = await check(s, []);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No violations: 2 items follow the label rules.');

    const fixed = await check(s, ['--fix', '--yes']);
    expect(fixed.exitCode, fixed.stderr).toBe(0);
    expect(writes(s)).toEqual([]);
  });

  it('--fix --dry-run shows the changes, writes nothing and still exits 1', async () => {
    const s = await start();

    const result = await check(s, ['--fix', '--dry-run']);

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('~ acme/app#2: add group::distribution');
    expect(result.stdout).toContain('~ acme/app#4: add FY27::Q4, remove FY27::Q3');
    expect(result.stdout).toContain('~ acme/app#5: add Unplanned');
    expect(result.stdout).toContain('Plan: 3 to change.');
    expect(result.stderr).toContain('Dry run: nothing was written to GitLab.');
    expect(writes(s)).toEqual([]);
  });

  it('--json prints the violations as one document; with --fix, the plan and its results', async () => {
    const s = await start();

    const report = await check(s, ['--json']);
    expect(report.exitCode).toBe(1);
    const document = report.json<{
      command: string;
      checked: number;
      violations: Array<{ reference: string; rule: string; fix: unknown; notFixable?: unknown }>;
    }>();
    expect(document.command).toBe('labels check');
    expect(document.checked).toBe(8);
    expect(document.violations.map((v) => [v.reference, v.rule])).toEqual([
      ['acme/app#2', 'required'],
      ['acme/app#3', 'one-of'],
      ['acme/app#4', 'quarter'],
      ['acme/app#5', 'unplanned'],
      ['acme/app#7', 'quarter'],
    ]);
    expect(document.violations[2]).toMatchObject({ fix: { add: ['FY27::Q4'], remove: ['FY27::Q3'] } });
    expect(document.violations[4]).toMatchObject({ notFixable: { reason: 'missing-label', labels: ['FY28::Q1'] } });

    const fixed = await check(s, ['--fix', '--json', '--yes']);
    expect(fixed.exitCode).toBe(1);
    const applied = fixed.json<{ dryRun: boolean; outcome: { done: number }; plan: { actions: Array<{ key: string }> } }>();
    expect(applied.dryRun).toBe(false);
    expect(applied.outcome.done).toBe(3);
    expect(applied.plan.actions.map((a) => a.key)).toEqual([
      'labels-check/acme/app#2',
      'labels-check/acme/app#4',
      'labels-check/acme/app#5',
    ]);
  });

  it('--milestone checks only that milestone, and an unknown one is a usage error', async () => {
    const s = await start();

    const m4 = await check(s, ['--milestone', 'M4']);
    expect(m4.exitCode).toBe(1);
    expect(rows(m4.stdout).map((row) => row[0])).toEqual(['acme/app#7']);

    const unknown = await check(s, ['--milestone', 'M9']);
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toContain('--milestone: group acme has no milestone "M9" (it has "M1", "M2", "M4")');
  });

  it('--include-closed checks closed items too', async () => {
    const s = await start([planned('Shipped', GOOD.slice(1), { state: 'closed', closed_at: '2026-11-20T09:00:00Z' })]);

    expect((await check(s, [])).exitCode).toBe(0);
    const closed = await check(s, ['--include-closed']);
    expect(closed.exitCode).toBe(1);
    expect(rows(closed.stdout)).toEqual([['acme/app#1', 'required', 'missing group::distribution', 'add group::distribution']]);
  });

  it('checks and fixes merge requests with --include-mrs', async () => {
    const s = await start(
      [ISSUES[0]!],
      [
        {
          title: 'Bump the chart',
          labels: ['group::distribution::deploy', 'FY27::Q3'],
          milestone: 'M2',
          created_at: '2026-11-10T09:00:00Z',
        },
      ],
    );

    expect((await check(s, [])).exitCode).toBe(0);
    const result = await check(s, ['--include-mrs', '--fix', '--yes']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(rows(result.stdout).map((row) => [row[0], row[1], row[3]])).toEqual([
      ['acme/app!1', 'required', 'add group::distribution'],
      ['acme/app!1', 'quarter', 'add FY27::Q4, remove FY27::Q3'],
    ]);
    const [mr] = await s.api<Array<{ labels: string[] }>>('/projects/acme%2Fapp/merge_requests');
    expect(mr?.labels).toEqual(['FY27::Q4', 'group::distribution', 'group::distribution::deploy']);
    expect(writes(s).map((w) => `${w.method} ${w.path}`)).toEqual(['PUT /api/v4/projects/1/merge_requests/1']);
  });

  it('refuses to run without labels.rules, and rejects bad rules when loading teamops.yml', async () => {
    const s = await start();

    const none = await check(s, ['--group', 'acme'], 'timezone: UTC\n');
    expect(none.exitCode).toBe(3);
    expect(none.stderr).toContain('labels.rules is not set in teamops.yml');

    const bad = await check(s, [], 'labels:\n  rules:\n    one_of: [[only-one]]\n    quarter: "FY{fy}"\n');
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toContain('a one_of group needs two labels or more');
    expect(bad.stderr).toContain('must contain {q} and a year');
    expect(writes(s)).toEqual([]);
  });
});

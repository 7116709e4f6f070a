import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeedDocument } from '@teamops/gitlab-sandbox';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';
import { addDays } from '../../../src/rituals/common/calendar.js';

// Every cadence kind in one teamops.yml, run every morning of 2027-Q1 as a daily pipeline would.
const CONFIG = `
timezone: Europe/Amsterdam
okr:
  teams:
    build: { project: ops/build, assignees: [grace] }
    deploy: { project: ops/deploy, assignees: [amara] }
dri:
  project: ops/tasks
rituals:
  ops-showcase:                      # monthly, 1st Thursday, one per team, the EM as DRI
    every: month
    on: 1st thursday
    title: "{team} showcase: {month}"
    teams: [build, deploy]
    assignees: [em]
    labels: [showcase]
  key-project-review-prep:           # 48 hours before each review on the 2nd Tuesday at 15:00
    every: month
    on: 2nd tuesday
    before: 48h
    at: "15:00"
    project: ops/tasks
    title: "Key project review prep: {date}"
    assignees: [dri]
  slo-workstream-agenda:             # weekly on Thursday, a day ahead, alternating time zones
    every: week
    on: thursday
    from: 2027-01-07                 # the rotation starts here
    before: 1d
    project: ops/tasks
    title: "SLO workstream {date} {time} {zone}"
    assignees: [host]
    rotation:
      - { zone: Europe/Amsterdam, time: "10:00", host: grace }
      - { zone: America/Los_Angeles, time: "09:00", host: bruno }
  retro:                             # every 2 weeks from a first date
    every: 2 weeks
    from: 2027-01-06
    project: ops/tasks
    title: "Retro {date}"
  ops-review:                        # weekly on Monday
    every: week
    on: monday
    project: ops/tasks
    title: "Ops review week {week}"
  month-end:                         # monthly on a day: the 31st, the last day of shorter months
    every: month
    on: 31
    project: ops/tasks
    title: "Month-end report {yyyy}-{mm}"
`;

const seed: SeedDocument = {
  users: [{ username: 'grace' }, { username: 'amara' }, { username: 'bruno' }],
  groups: [{ path: 'ops', members: { grace: 'maintainer', amara: 'maintainer', bruno: 'developer' } }],
  projects: [
    {
      path: 'ops/tasks',
      issue_templates: { Planning: '## Planning for {{ date }}\n\nFacilitator: @{{ assignees[0] }}\n' },
      issues: [
        {
          title: 'DRI week of 2026-12-28',
          assignees: ['amara'],
          created_at: '2026-12-28T08:00:00Z',
          description: 'DRI.\n\n<!-- teamops:key=dri-rotation/ops/tasks/2026-12-28 -->\n',
        },
        {
          title: 'DRI week of 2027-02-01',
          assignees: ['bruno'],
          created_at: '2026-12-30T08:00:00Z',
          description: 'DRI.\n\n<!-- teamops:key=dri-rotation/ops/tasks/2027-02-01 -->\n',
        },
      ],
    },
    { path: 'ops/build' },
    { path: 'ops/deploy' },
  ],
};

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed, now: '2026-12-31T06:00:00Z' });
});
afterAll(async () => {
  await sandbox.stop();
});

const cwd = withConfig(CONFIG);
const run = (args: string[], now: string): Promise<CliResult> => runCli(['ritual', ...args], { env: sandbox.env(), cwd, now });

interface ApiIssue {
  title: string;
  created_at: string;
  description: string;
  labels: string[];
  assignees: Array<{ username: string }>;
  references: { full: string };
}
async function allIssues(): Promise<ApiIssue[]> {
  const found: ApiIssue[] = [];
  for (const project of ['ops%2Ftasks', 'ops%2Fbuild', 'ops%2Fdeploy']) {
    found.push(...(await sandbox.api<ApiIssue[]>(`/projects/${project}/issues?state=all&per_page=100`)));
  }
  return found.filter((issue) => !issue.title.startsWith('DRI'));
}
const keyOf = (issue: ApiIssue) => /teamops:key=(\S+)/.exec(issue.description)?.[1] ?? '';

// Written by hand from the 2027 calendar. The first run, on 1 January, also opens what was still due from December.
const EXPECTED: Record<string, string[]> = {
  '2027-01-01': [
    'ritual/month-end/2026-12-31',
    'ritual/ops-review/2026-12-28',
    'ritual/ops-showcase/build/2026-12-03',
    'ritual/ops-showcase/deploy/2026-12-03',
  ],
  '2027-01-04': ['ritual/ops-review/2027-01-04'],
  '2027-01-06': ['ritual/retro/2027-01-06', 'ritual/slo-workstream-agenda/2027-01-07'],
  '2027-01-07': ['ritual/ops-showcase/build/2027-01-07', 'ritual/ops-showcase/deploy/2027-01-07'],
  '2027-01-10': ['ritual/key-project-review-prep/2027-01-12'],
  '2027-01-11': ['ritual/ops-review/2027-01-11'],
  '2027-01-13': ['ritual/slo-workstream-agenda/2027-01-14'],
  '2027-01-18': ['ritual/ops-review/2027-01-18'],
  '2027-01-20': ['ritual/retro/2027-01-20', 'ritual/slo-workstream-agenda/2027-01-21'],
  '2027-01-25': ['ritual/ops-review/2027-01-25'],
  '2027-01-27': ['ritual/slo-workstream-agenda/2027-01-28'],
  '2027-01-31': ['ritual/month-end/2027-01-31'],
  '2027-02-01': ['ritual/ops-review/2027-02-01'],
  '2027-02-03': ['ritual/retro/2027-02-03', 'ritual/slo-workstream-agenda/2027-02-04'],
  '2027-02-04': ['ritual/ops-showcase/build/2027-02-04', 'ritual/ops-showcase/deploy/2027-02-04'],
  '2027-02-07': ['ritual/key-project-review-prep/2027-02-09'],
  '2027-02-08': ['ritual/ops-review/2027-02-08'],
  '2027-02-10': ['ritual/slo-workstream-agenda/2027-02-11'],
  '2027-02-15': ['ritual/ops-review/2027-02-15'],
  '2027-02-17': ['ritual/retro/2027-02-17', 'ritual/slo-workstream-agenda/2027-02-18'],
  '2027-02-22': ['ritual/ops-review/2027-02-22'],
  '2027-02-24': ['ritual/slo-workstream-agenda/2027-02-25'],
  '2027-02-28': ['ritual/month-end/2027-02-28'],
  '2027-03-01': ['ritual/ops-review/2027-03-01'],
  '2027-03-03': ['ritual/retro/2027-03-03', 'ritual/slo-workstream-agenda/2027-03-04'],
  '2027-03-04': ['ritual/ops-showcase/build/2027-03-04', 'ritual/ops-showcase/deploy/2027-03-04'],
  '2027-03-07': ['ritual/key-project-review-prep/2027-03-09'],
  '2027-03-08': ['ritual/ops-review/2027-03-08'],
  '2027-03-10': ['ritual/slo-workstream-agenda/2027-03-11'],
  '2027-03-15': ['ritual/ops-review/2027-03-15'],
  '2027-03-17': ['ritual/retro/2027-03-17', 'ritual/slo-workstream-agenda/2027-03-18'],
  '2027-03-22': ['ritual/ops-review/2027-03-22'],
  '2027-03-24': ['ritual/slo-workstream-agenda/2027-03-25'],
  '2027-03-29': ['ritual/ops-review/2027-03-29'],
  '2027-03-31': ['ritual/month-end/2027-03-31', 'ritual/retro/2027-03-31', 'ritual/slo-workstream-agenda/2027-04-01'],
};

describe('teamops ritual run over a quarter', () => {
  it('opens exactly the expected issues on the expected days, and a rerun the same day opens nothing', async () => {
    const opened: Record<string, string[]> = {};
    let seen = 0;
    // 07:00 in Amsterdam: 06:00 UTC in winter, 05:00 UTC from 28 March.
    const morning = (day: string) => (day >= '2027-03-28' ? `${day}T05:00:00Z` : `${day}T06:00:00Z`);
    for (let day = '2027-01-01'; day <= '2027-03-31'; day = addDays(day, 1)) {
      // Planned with --date while the clock still reads the day before, so a run that ignored
      // --date would open each issue a day late; the rerun on the day itself goes by the clock.
      const result = await run(['run', '--yes', '--json', '--date', day], morning(addDays(day, -1)));
      expect(result.exitCode, `${day}: ${result.stderr}`).toBe(0);
      const issues = await allIssues();
      if (issues.length > seen)
        opened[day] = issues
          .map(keyOf)
          .filter((key) => !Object.values(opened).flat().includes(key))
          .sort();
      seen = issues.length;
      if (EXPECTED[day]) {
        const again = await run(['run', '--yes'], morning(day));
        expect(again.exitCode).toBe(0);
        expect(again.stderr).toContain('Nothing to do');
        const check = await run(['check'], morning(day));
        expect(check.exitCode, check.stdout).toBe(0);
      }
    }
    expect((await allIssues()).length).toBe(seen);
    expect(opened).toEqual(EXPECTED);
    expect((await allIssues()).length).toBe(Object.values(EXPECTED).flat().length);
  }, 240_000);

  it('titles, assigns and labels each issue as declared: the EM, the current DRI, the alternating host', async () => {
    const byKey = new Map((await allIssues()).map((issue) => [keyOf(issue), issue]));
    const showcase = byKey.get('ritual/ops-showcase/deploy/2027-02-04');
    expect(showcase?.title).toBe('deploy showcase: February 2027');
    expect(showcase?.references.full).toBe('ops/deploy#3');
    expect(showcase?.assignees.map((a) => a.username)).toEqual(['amara']);
    expect(showcase?.labels).toEqual(['showcase']);
    expect(showcase?.description).toContain('## February 2027 showcase: deploy');
    // The current DRI: amara's week from 2026-12-28, bruno's from 2027-02-01.
    expect(
      ['2027-01-12', '2027-02-09', '2027-03-09'].map((date) =>
        byKey.get(`ritual/key-project-review-prep/${date}`)?.assignees.map((a) => a.username),
      ),
    ).toEqual([['amara'], ['bruno'], ['bruno']]);
    expect(byKey.get('ritual/key-project-review-prep/2027-01-12')?.description).toContain(
      '## Review on 2027-01-12 at 15:00 (Europe/Amsterdam)',
    );
    const hosts = ['2027-01-07', '2027-01-14', '2027-01-21'].map((date) => byKey.get(`ritual/slo-workstream-agenda/${date}`));
    expect(hosts.map((issue) => issue?.title)).toEqual([
      'SLO workstream 2027-01-07 10:00 Europe/Amsterdam',
      'SLO workstream 2027-01-14 09:00 America/Los_Angeles',
      'SLO workstream 2027-01-21 10:00 Europe/Amsterdam',
    ]);
    expect(hosts.map((issue) => issue?.assignees[0]?.username)).toEqual(['grace', 'bruno', 'grace']);
    expect(hosts[1]?.description).toContain('**When:** 09:00 America/Los_Angeles (2027-01-14T17:00:00.000Z)');
    expect(['2026-12-31', '2027-01-31', '2027-02-28', '2027-03-31'].map((date) => byKey.get(`ritual/month-end/${date}`)?.title)).toEqual([
      'Month-end report 2026-12',
      'Month-end report 2027-01',
      'Month-end report 2027-02',
      'Month-end report 2027-03',
    ]);
  });

  it('ritual check lists due, done and missing, and exits 1 when one is missing', async () => {
    const dir = withConfig(`${CONFIG}  new-ritual:\n    every: week\n    on: monday\n    project: ops/tasks\n    title: "New {date}"\n`);
    const result = await runCli(['ritual', 'check', '--json'], { env: sandbox.env(), cwd: dir, now: '2027-03-29T05:00:00Z' });
    expect(result.exitCode).toBe(1);
    const rituals = result.json<{ rituals: Array<{ ritual: string; status: string; date: string | null }> }>().rituals;
    expect(rituals.find((r) => r.ritual === 'new-ritual')).toMatchObject({ status: 'missing', date: '2027-03-29' });
    expect(rituals.find((r) => r.ritual === 'ops-review')).toMatchObject({ status: 'done', date: '2027-03-29' });
    expect(rituals.find((r) => r.ritual === 'key-project-review-prep')).toMatchObject({ status: 'not-due', date: '2027-04-13' });
  });

  it('--dry-run prints what it would open and writes nothing; --json prints the plan', async () => {
    const before = sandbox.requestLog.filter((e) => e.method !== 'GET').length;
    const dry = await run(['run', '--dry-run', '--date', '2027-04-05'], '2027-04-05T05:00:00Z');
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('+ create "Ops review week 2027-W14" in ops/tasks');
    expect(dry.stderr).toContain('key-project-review-prep: nothing due; next opens 2027-04-11 for 2027-04-13');
    const json = await run(['run', '--dry-run', '--json', '--date', '2027-04-05'], '2027-04-05T05:00:00Z');
    const document = json.json<{ dryRun: boolean; plan: { actions: Array<{ key: string }> } }>();
    expect(document.dryRun).toBe(true);
    expect(document.plan.actions.map((action) => action.key)).toContain('ritual/ops-review/2027-04-05');
    expect(sandbox.requestLog.filter((e) => e.method !== 'GET').length).toBe(before);
  });

  it("describes the issue with the project's issue template when the ritual names one", async () => {
    const dir = withConfig(
      `${CONFIG}  planning:\n    every: week\n    on: monday\n    project: ops/tasks\n    title: "Planning {date}"\n    template: Planning\n    assignees: [grace]\n`,
    );
    const result = await runCli(['ritual', 'run', '--ritual', 'planning', '--yes', '--date', '2027-04-05'], {
      env: sandbox.env(),
      cwd: dir,
      now: '2027-04-05T05:00:00Z',
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const planning = (await allIssues()).find((issue) => keyOf(issue) === 'ritual/planning/2027-04-05');
    expect(planning?.title).toBe('Planning 2027-04-05');
    expect(planning?.description).toContain('## Planning for 2027-04-05\n\nFacilitator: @grace');
  });

  it('fails before writing when the rituals cannot be served', async () => {
    const before = sandbox.requestLog.filter((e) => e.method !== 'GET').length;
    const dir = withConfig(
      `${CONFIG}  broken:\n    every: week\n    on: monday\n    project: ops/nowhere\n    title: "Broken {sprint}"\n    assignees: [nobody]\n`,
    );
    const result = await runCli(['ritual', 'run', '--yes'], { env: sandbox.env(), cwd: dir, now: '2027-04-05T05:00:00Z' });
    expect(result.exitCode, result.stderr).toBe(3);
    expect(result.stderr).toContain('rituals.broken: project ops/nowhere does not exist');
    expect(result.stderr).toContain('rituals.broken.assignees: no GitLab user "nobody"');
    expect(result.stderr).toContain('rituals.broken.title uses {sprint}');
    expect(sandbox.requestLog.filter((e) => e.method !== 'GET').length).toBe(before);
  });
});

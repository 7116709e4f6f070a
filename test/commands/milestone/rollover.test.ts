import { afterEach, describe, expect, it } from 'vitest';
import { type SeedDocument } from '@teamops/gitlab-sandbox';
import { ritualWrites, startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';

// Milestones of the group `acme` around the default test day, Monday 2026-11-16.
const M1 = { title: 'M1', start_date: '2026-10-19', due_date: '2026-11-13' };
const M2 = { title: 'M2', start_date: '2026-11-16', due_date: '2026-12-11' };
const M3 = { title: 'M3', start_date: '2026-12-14', due_date: '2027-01-08' };
const M4 = { title: 'M4', start_date: '2027-01-11', due_date: '2027-02-05' };

type IssueSeed = NonNullable<NonNullable<SeedDocument['projects']>[number]['issues']>[number];
type MergeRequestSeed = NonNullable<NonNullable<SeedDocument['projects']>[number]['merge_requests']>[number];

interface Org {
  groupMilestones?: Array<Record<string, string>>;
  appMilestones?: Array<Record<string, string>>;
  app?: IssueSeed[];
  api?: IssueSeed[];
  mergeRequests?: MergeRequestSeed[];
}

function organisation(org: Org): SeedDocument {
  return {
    users: [{ username: 'amara' }, { username: 'bruno' }],
    groups: [
      { path: 'acme', members: { amara: 'developer', bruno: 'developer' }, milestones: (org.groupMilestones ?? [M1, M2, M3, M4]) as never },
    ],
    projects: [
      { path: 'acme/app', milestones: (org.appMilestones ?? []) as never, issues: org.app ?? [], merge_requests: org.mergeRequests ?? [] },
      { path: 'acme/api', issues: org.api ?? [] },
    ],
  };
}

const open = (title: string, extra: Partial<IssueSeed> = {}): IssueSeed => ({ title, milestone: 'M1', ...extra });

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function start(org: Org): Promise<Sandbox> {
  // A fixed fault seed: random faults, but the same ones on every run, so a failure can be replayed.
  sandbox = await startSandbox({ seed: organisation(org), now: '2026-11-16T09:00:00Z', faultSeed: 20261116 });
  return sandbox;
}

function rollover(s: Sandbox, args: string[], options: { cwd?: string; now?: string } = {}): Promise<CliResult> {
  return runCli(['milestone', 'rollover', ...args], { env: { GITLAB_HOST: s.url, GITLAB_TOKEN: s.token }, ...options });
}

interface ApiIssue {
  iid: number;
  title: string;
  state: string;
  labels: string[];
  description: string | null;
  milestone: { title: string } | null;
  assignees: Array<{ username: string }>;
  references: { full: string };
}

async function get<T>(s: Sandbox, path: string): Promise<T> {
  const response = await fetch(`${s.url}/api/v4${path}`, { headers: { 'PRIVATE-TOKEN': s.token } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function issuesOf(s: Sandbox, project = 'acme/app'): Promise<ApiIssue[]> {
  const issues = await get<ApiIssue[]>(s, `/projects/${encodeURIComponent(project)}/issues?state=all&per_page=100&sort=asc`);
  return issues.sort((a, b) => a.iid - b.iid);
}

const where = (issues: ApiIssue[]) => issues.map((i) => [i.title, i.milestone?.title ?? null, i.labels]);

async function milestoneState(s: Sandbox, title: string): Promise<string | undefined> {
  const found = await get<Array<{ title: string; state: string }>>(s, `/groups/acme/milestones?title=${encodeURIComponent(title)}`);
  return found[0]?.state;
}

const writes = (s: Sandbox) => ritualWrites(s.requestLog);

describe('teamops milestone rollover', () => {
  it('moves the open issues of the milestone that ended to the next one, labelled, and leaves closed ones', async () => {
    const s = await start({
      app: [
        open('Ship the cache', { labels: ['backend', 'priority::1'], assignees: ['amara'], description: 'Keep this text.' }),
        open('Fix the flaky test'),
        open('Already shipped', { state: 'closed', closed_at: '2026-11-10T10:00:00Z' }),
        { title: 'Next milestone work', milestone: 'M2' },
      ],
      api: [open('API change', { labels: ['api'] })],
    });

    const result = await rollover(s, ['--yes', '--group', 'acme']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(where(await issuesOf(s))).toEqual([
      ['Ship the cache', 'M2', ['backend', 'missed:M1', 'priority::1']],
      ['Fix the flaky test', 'M2', ['missed:M1']],
      ['Already shipped', 'M1', []],
      ['Next milestone work', 'M2', []],
    ]);
    expect(where(await issuesOf(s, 'acme/api'))).toEqual([['API change', 'M2', ['api', 'missed:M1']]]);
    const [cache] = await issuesOf(s);
    expect(cache?.description).toBe('Keep this text.');
    expect(cache?.assignees.map((a) => a.username)).toEqual(['amara']);
    // Exactly one write per moved issue.
    expect(writes(s).map((w) => w.method)).toEqual(['PUT', 'PUT', 'PUT']);
    expect(result.stderr).toContain('Rollover from "M1" (due 2026-11-13) to "M2" (starts 2026-11-16): 3 issues to move.');
    expect(result.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^acme\/api#1\t1\t\thttp.*\/acme\/api\/-\/issues\/1$/),
      expect.stringMatching(/^acme\/app#1\t1\t\thttp/),
      expect.stringMatching(/^acme\/app#2\t1\t\thttp/),
    ]);
  });

  it('lists issues at one request per 100 and moves each with one write', async () => {
    const s = await start({ app: Array.from({ length: 250 }, (_, i) => open(`Issue ${i + 1}`)) });

    // REST, as on a GitLab without issuesBulkUpdate (rollover-graphql.test.ts has the GraphQL path).
    const result = await rollover(s, ['--yes', '--group', 'acme', '--api', 'rest']);

    expect(result.exitCode, result.stderr).toBe(0);
    const issueLists = s.requestLog.filter((e) => e.method === 'GET' && e.path === '/api/v4/groups/acme/issues');
    // Three pages of open issues in M1, and one of issues an earlier run labelled missed:M1 (none).
    expect(issueLists).toHaveLength(4);
    expect(writes(s)).toHaveLength(250);
    // Besides those: the group, its milestones, and the (empty) page of issues an earlier run moved;
    // each item's milestone history (resource milestone events), which the slips are counted from;
    // the token's user's role in the project the moves are in (one read); and the run lock: the
    // token's user (its holder), the label taken and released.
    expect(s.stats().total).toBe(250 + 3 + 3 + 250 + 1 + 3);
    expect((await issuesOf(s)).every((i) => i.milestone?.title === 'M2')).toBe(true);
  });

  it('finds the next milestone across a gap in the calendar', async () => {
    const s = await start({
      groupMilestones: [M1, { title: 'After the break', start_date: '2027-01-04', due_date: '2027-01-29' }],
      app: [open('Carry on')],
    });

    const result = await rollover(s, ['--group', 'acme', '--yes']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(where(await issuesOf(s))).toEqual([['Carry on', 'After the break', ['missed:M1']]]);
  });

  it('refuses to guess when two milestones ended on the same day, naming both and the flag', async () => {
    const s = await start({
      groupMilestones: [M1, { title: 'M1 platform', start_date: '2026-10-19', due_date: '2026-11-13' }, M2],
      app: [open('Stay put')],
    });

    const result = await rollover(s, ['--yes', '--group', 'acme']);

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/2 active milestones ended on 2026-11-13: "M1" .*"M1 platform"/);
    expect(result.stderr).toContain('pass --from');
    expect(writes(s)).toEqual([]);

    const chosen = await rollover(s, ['--yes', '--group', 'acme', '--from', 'M1 platform']);
    expect(chosen.exitCode, chosen.stderr).toBe(0);
  });

  it('says which milestones exist when none has ended yet', async () => {
    const s = await start({ groupMilestones: [M2, M3], app: [] });

    const result = await rollover(s, ['--yes', '--group', 'acme']);

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('no active milestone in group acme is due on or before 2026-11-16');
    expect(result.stderr).toMatch(/"M2" \(group milestone, starts 2026-11-16, due 2026-12-11\); "M3"/);
    expect(result.stderr).toContain('pass --from TITLE');
  });

  it('works with a project milestone and the milestones of the project group', async () => {
    const s = await start({
      groupMilestones: [M2],
      appMilestones: [{ title: 'app-sprint-7', start_date: '2026-11-02', due_date: '2026-11-13' }],
      app: [{ title: 'Sprint work', milestone: 'app-sprint-7' }],
    });

    const result = await rollover(s, ['--yes', '--project', 'acme/app', '--close']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(where(await issuesOf(s))).toEqual([['Sprint work', 'M2', ['missed:app-sprint-7']]]);
    const sprint = await get<Array<{ state: string }>>(s, '/projects/acme%2Fapp/milestones?title=app-sprint-7');
    expect(sprint[0]?.state).toBe('closed');
  });

  it('refuses --close on a project rollover of a group milestone that other projects still use', async () => {
    const s = await start({ app: [open('Ours')], api: [open('Theirs')] });

    const result = await rollover(s, ['--yes', '--project', 'acme/app', '--close']);

    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('--close: "M1" is a milestone of a group above project acme/app');
    expect(writes(s)).toEqual([]);
    expect(await milestoneState(s, 'M1')).toBe('active');
    expect(where(await issuesOf(s, 'acme/api'))).toEqual([['Theirs', 'M1', []]]);
  });

  // An issue planned for M0 that was still open when it moved to M1, after M0's due date: one slip in GitLab's history.
  const M0 = { title: 'M0', start_date: '2026-09-21', due_date: '2026-10-16' };
  const slippedFromM0 = (title: string, labels: string[]) =>
    open(title, {
      milestone: 'M0',
      labels,
      created_at: '2026-09-21T09:00:00Z',
      history: [{ at: '2026-10-19T09:00:00Z', milestone: 'M1' }],
    });

  it('moves without a label under --no-missed-label, and still counts the slip', async () => {
    const s = await start({ groupMilestones: [M0, M1, M2, M3, M4], app: [slippedFromM0('Unlabelled', ['missed:M0'])] });

    const result = await rollover(s, ['--yes', '--group', 'acme', '--no-missed-label']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(where(await issuesOf(s))).toEqual([['Unlabelled', 'M2', ['missed:M0']]]);
    expect(result.stdout).toMatch(/^acme\/app#1\t2\tretrospective\thttp/m);
    expect(result.stderr).toContain("Slips are counted from GitLab's milestone history (resource milestone events).");
  });

  it('counts slips from the history, not the labels: a label removed by hand, a label added by hand, a move before the due date', async () => {
    const s = await start({
      groupMilestones: [M0, M1, M2, M3, M4],
      app: [
        slippedFromM0('Label removed by hand', []),
        open('Label added by hand', { labels: ['missed:M0'] }),
        // Moved from M0 to M1 before M0 was due: replanning, not a slip.
        open('Replanned early', {
          milestone: 'M0',
          created_at: '2026-09-21T09:00:00Z',
          history: [{ at: '2026-10-01T09:00:00Z', milestone: 'M1' }],
        }),
      ],
    });

    const result = await rollover(s, ['--dry-run', '--group', 'acme', '--json']);

    expect(result.exitCode, result.stderr).toBe(0);
    const items = result.json<{
      plan: { context: { items: Array<{ title: string; slips: number; missed: string[]; slipSource: string }> } };
    }>().plan.context.items;
    expect(items.map((i) => [i.title, i.slips, i.missed, i.slipSource])).toEqual([
      ['Label removed by hand', 2, ['M0', 'M1'], 'events'],
      ['Label added by hand', 1, ['M1'], 'events'],
      ['Replanned early', 1, ['M1'], 'events'],
    ]);
  });

  it('takes the scope and the label pattern from teamops.yml', async () => {
    const s = await start({ app: [open('Configured')] });
    const cwd = withConfig('milestone:\n  project: acme/app\n  missed_label: "slipped::{milestone}"\n');

    const result = await rollover(s, ['--yes', '--yes'], { cwd });

    expect(result.exitCode, result.stderr).toBe(0);
    expect(where(await issuesOf(s))).toEqual([['Configured', 'M2', ['slipped::M1']]]);
  });

  it('moves only the issues of --assignee', async () => {
    const s = await start({ app: [open('Mine', { assignees: ['amara'] }), open('Theirs', { assignees: ['bruno'] }), open('Nobody')] });

    const result = await rollover(s, ['--yes', '--group', 'acme', '--assignee', 'amara']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(where(await issuesOf(s))).toEqual([
      ['Mine', 'M2', ['missed:M1']],
      ['Theirs', 'M1', []],
      ['Nobody', 'M1', []],
    ]);
    expect(result.stderr).toContain('1 issue assigned to @amara to move');
  });

  const mergeRequests: MergeRequestSeed[] = [
    { title: 'Draft: cache', milestone: 'M1', assignees: ['amara'], labels: ['backend'] },
    { title: 'Merged already', milestone: 'M1', state: 'merged', merged_at: '2026-11-12T10:00:00Z' },
    { title: 'Theirs', milestone: 'M1', assignees: ['bruno'] },
  ];

  it('plans open merge requests only with --include-mrs, and only those of --assignee', async () => {
    const s = await start({ app: [open('Issue', { assignees: ['amara'] })], mergeRequests });

    const issuesOnly = await rollover(s, ['--group', 'acme', '--assignee', 'amara', '--dry-run']);
    const withMrs = await rollover(s, ['--group', 'acme', '--assignee', 'amara', '--include-mrs', '--dry-run', '--json']);

    expect(issuesOnly.exitCode, issuesOnly.stderr).toBe(0);
    expect(issuesOnly.stdout).not.toContain('acme/app!');
    const plan = withMrs.json<{ plan: { actions: Array<{ kind: string; key: string }> } }>().plan;
    expect(plan.actions.map((a) => [a.kind, a.key])).toEqual([
      ['update-issue', 'milestone-rollover/issue/acme/app#1'],
      ['update-merge-request', 'milestone-rollover/merge-request/acme/app!1'],
    ]);
    expect(writes(s)).toEqual([]);
  });

  it('moves open merge requests with --include-mrs', async () => {
    const s = await start({ app: [open('Issue')], mergeRequests });
    const mrs = async () =>
      (
        await get<Array<{ title: string; milestone: { title: string } | null; labels: string[] }>>(
          s,
          '/projects/acme%2Fapp/merge_requests?state=all&per_page=100',
        )
      )
        .map((mr) => [mr.title, mr.milestone?.title ?? null, mr.labels])
        .sort();

    const result = await rollover(s, ['--yes', '--group', 'acme', '--assignee', 'amara', '--include-mrs']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(await mrs()).toEqual([
      ['Draft: cache', 'M2', ['backend', 'missed:M1']],
      ['Merged already', 'M1', []],
      ['Theirs', 'M1', []],
    ]);
    expect(result.stdout).toMatch(/^acme\/app!1\t1\t/m);
  });

  it('counts slips across three consecutive rollovers and calls out retrospectives and escalations', async () => {
    const s = await start({ app: [open('Keeps slipping', { labels: ['backend'] }), open('Ships in M2'), open('Ships in M3')] });
    const closeIssue = async (iid: number) => {
      const response = await fetch(`${s.url}/api/v4/projects/acme%2Fapp/issues/${iid}`, {
        method: 'PUT',
        headers: { 'PRIVATE-TOKEN': s.token, 'content-type': 'application/json' },
        body: JSON.stringify({ state_event: 'close' }),
      });
      expect(response.status).toBe(200);
    };

    const first = await rollover(s, ['--yes', '--group', 'acme', '--close', '--json']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.json<{ plan: { context: { counts: object } } }>().plan.context.counts).toEqual({
      toMove: 3,
      alreadyMoved: 0,
      retrospective: 0,
      escalate: 0,
    });
    await closeIssue(2);

    // The clock moves on (teamops and the sandbox share it), so GitLab's history dates each move.
    const second = await rollover(s, ['--yes', '--group', 'acme', '--close'], { now: '2026-12-14T09:00:00Z' });
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stderr).toContain('Slipped twice (handbook: hold a retrospective): 2');
    expect(second.stderr).toMatch(/acme\/app#1 "Keeps slipping" missed "M1", "M2": http.*\/acme\/app\/-\/issues\/1/);
    expect(second.stdout).toMatch(/^acme\/app#1\t2\tretrospective\thttp/m);
    await closeIssue(3);

    const third = await rollover(s, ['--yes', '--group', 'acme', '--close', '--json'], { now: '2027-01-11T09:00:00Z' });
    expect(third.exitCode, third.stderr).toBe(0);
    const report = third.json<{ plan: { context: { from: { title: string }; to: { title: string }; items: object[]; counts: object } } }>()
      .plan.context;
    expect(report.from.title).toBe('M3');
    expect(report.to.title).toBe('M4');
    expect(report.items).toEqual([
      {
        kind: 'issue',
        reference: 'acme/app#1',
        title: 'Keeps slipping',
        webUrl: expect.stringMatching(/\/acme\/app\/-\/issues\/1$/),
        status: 'move',
        slips: 3,
        missed: ['M1', 'M2', 'M3'],
        callOut: 'escalate',
        slipSource: 'events',
      },
    ]);
    expect(report.counts).toEqual({ toMove: 1, alreadyMoved: 0, retrospective: 0, escalate: 1 });

    expect(where(await issuesOf(s))).toEqual([
      ['Keeps slipping', 'M4', ['backend', 'missed:M1', 'missed:M2', 'missed:M3']],
      ['Ships in M2', 'M2', ['missed:M1']],
      ['Ships in M3', 'M3', ['missed:M1', 'missed:M2']],
    ]);
    expect(await Promise.all(['M1', 'M2', 'M3', 'M4'].map((m) => milestoneState(s, m)))).toEqual(['closed', 'closed', 'closed', 'active']);
  });

  it('writes nothing on a dry run, and prints the plan', async () => {
    const s = await start({ groupMilestones: [M0, M1, M2, M3, M4], app: [slippedFromM0('Would move', ['missed:M0'])] });

    const result = await rollover(s, ['--group', 'acme', '--close', '--dry-run']);

    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('~ move acme/app#1 "Would move" from "M1" to "M2", add missed:M1 (2nd slip: retrospective)');
    expect(result.stdout).toContain('- close milestone "M1" once every move has succeeded');
    expect(result.stdout).toContain('Plan: 1 to change, 1 to close.');
    expect(result.stderr).toContain('Dry run: nothing was written to GitLab.');
    expect(writes(s)).toEqual([]);
    expect(where(await issuesOf(s))).toEqual([['Would move', 'M1', ['missed:M0']]]);

    const json = await rollover(s, ['--group', 'acme', '--dry-run', '--json']);
    expect(json.json()).toMatchObject({
      schemaVersion: 1,
      command: 'milestone rollover',
      dryRun: true,
      plan: { context: { counts: { toMove: 1, retrospective: 1 } } },
    });
    expect(writes(s)).toEqual([]);
  });

  it('closes the milestone only after every move succeeded, and a rerun finishes the job', async () => {
    const s = await start({ app: [open('One'), open('Two'), open('Three')] });
    // Every attempt to move #2 fails, retries included.
    s.setFaults({ script: [{ method: 'PUT', path: /\/projects\/\d+\/issues\/2$/, when: 'before', kind: 503, times: 20 }] });

    const failed = await rollover(s, ['--yes', '--group', 'acme', '--close']);

    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toMatch(/skipped: close milestone "M1".*not attempted/);
    // What did move is still reported on stdout; the failed move is not listed as moved.
    expect(failed.stdout).toMatch(/^acme\/app#1\t/m);
    expect(failed.stdout).toMatch(/^acme\/app#3\t/m);
    expect(failed.stdout).not.toContain('acme/app#2');
    expect(await milestoneState(s, 'M1')).toBe('active');
    expect(where(await issuesOf(s))).toEqual([
      ['One', 'M2', ['missed:M1']],
      ['Two', 'M1', []],
      ['Three', 'M2', ['missed:M1']],
    ]);
    expect(s.requestLog.some((e) => e.method === 'PUT' && /milestones/.test(e.path))).toBe(false);

    s.setFaults({ script: [] });
    const rerun = await rollover(s, ['--yes', '--group', 'acme', '--close']);

    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain('= acme/app#1 already moved to "M2" (missed:M1)');
    expect(rerun.stderr).toContain('1 issue to move, 2 moved by an earlier run');
    expect(await milestoneState(s, 'M1')).toBe('closed');
    expect(where(await issuesOf(s)).map(([, milestone]) => milestone)).toEqual(['M2', 'M2', 'M2']);
  });

  it('a rerun after a finished --close run has nothing to do', async () => {
    const s = await start({ app: [open('One'), open('Two')] });
    const first = await rollover(s, ['--yes', '--group', 'acme', '--close']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(await milestoneState(s, 'M1')).toBe('closed');
    const writesBefore = writes(s).length;

    const rerun = await rollover(s, ['--yes', '--group', 'acme', '--close']);

    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain('0 issues to move, 2 moved by an earlier run');
    expect(rerun.stderr).toContain('Nothing to do');
    expect(writes(s).length).toBe(writesBefore);
  });

  it('rides out a 429 storm: waits as told and moves every issue once', async () => {
    const s = await start({ app: Array.from({ length: 40 }, (_, i) => open(`Issue ${i + 1}`, { labels: ['keep'] })) });
    s.setRateLimit({ limit: 40, windowSeconds: 2 });
    const spend = () => fetch(`${s.url}/api/v4/version?storm=1`, { headers: { 'PRIVATE-TOKEN': s.token } }).then((r) => r.arrayBuffer());
    // Someone else on the same account has spent the whole window, so teamops' first requests are
    // refused, and the 40 moves need more than one window even then. Time passes only while teamops
    // waits (the test clock), so the windows fall the same way on every run.
    await Promise.all(Array.from({ length: 40 }, spend));
    const started = s.now().getTime();

    const result = await rollover(s, ['--yes', '--group', 'acme']);

    expect(result.exitCode, result.stderr).toBe(0);
    const teamops = s.requestLog.filter((e) => !e.query.includes('storm'));
    expect(teamops.filter((e) => e.rateLimited).length).toBeGreaterThan(0);
    expect(teamops.filter((e) => e.method === 'PUT' && !e.rateLimited)).toHaveLength(40);
    // It waited for the refused window to end and no longer: at most three more 2-second windows
    // (the moves, the role check and the run lock's label take more than one window's 40 requests).
    expect(s.now().getTime() - started).toBeGreaterThanOrEqual(2_000);
    expect(s.now().getTime() - started).toBeLessThan(10_000);
    for (const issue of await issuesOf(s)) expect([issue.milestone?.title, issue.labels]).toEqual(['M2', ['keep', 'missed:M1']]);
  });

  it('converges on a rerun under injected faults of both kinds, losing no issue and doubling no label', async () => {
    const s = await start({
      app: Array.from({ length: 30 }, (_, i) =>
        open(`Issue ${i + 1}`, { labels: ['keep'], assignees: ['amara'], description: `Body ${i + 1}` }),
      ),
    });
    // #3's update is applied but its response is lost, every time; #5's never gets through.
    // On top of that, 20% of all requests fail at random, before or after being applied.
    s.setFaults({
      rate: 0.2,
      script: [
        { method: 'PUT', path: /\/issues\/3$/, when: 'after', kind: 'drop', times: 20 },
        { method: 'PUT', path: /\/issues\/5$/, when: 'before', kind: 500, times: 20 },
      ],
    });

    const first = await rollover(s, ['--yes', '--group', 'acme']);
    expect(first.exitCode).toBe(1);
    expect(first.stderr).toMatch(/failed: move acme\/app#3/);
    expect(first.stderr).toMatch(/failed: move acme\/app#5/);

    s.setFaults({ script: [] });
    let reruns = 0;
    let last = first;
    while (last.exitCode !== 0 && reruns < 3) {
      reruns += 1;
      last = await rollover(s, ['--yes', '--group', 'acme']);
    }
    expect(last.exitCode, last.stderr).toBe(0);
    expect(reruns).toBe(1);

    s.setFaults({ rate: 0 });
    const issues = await issuesOf(s);
    expect(issues).toHaveLength(30);
    for (const [index, issue] of issues.entries()) {
      expect([issue.milestone?.title, issue.labels, issue.assignees.map((a) => a.username), issue.description]).toEqual([
        'M2',
        ['keep', 'missed:M1'],
        ['amara'],
        `Body ${index + 1}`,
      ]);
    }
    const settled = await rollover(s, ['--yes', '--group', 'acme']);
    expect(settled.stderr).toContain('Nothing to do: all 30 are already in place.');
  });

  describe('fails before any write on bad input', () => {
    it.each([
      {
        name: 'an unknown --from',
        args: ['--group', 'acme', '--from', 'M9'],
        message: /--from "M9": no such milestone in group acme; active milestones: "M1"/,
      },
      { name: '--from equal to --to', args: ['--group', 'acme', '--from', 'M1', '--to', 'M1'], message: /--from and --to are both "M1"/ },
      {
        name: 'a closed --to',
        args: ['--group', 'acme', '--to', 'M0'],
        message: /--to "M0" is closed; reopen it in GitLab or pass an active milestone/,
      },
      {
        name: 'both --project and --group',
        args: ['--group', 'acme', '--project', 'acme/app'],
        message: /--project and --group cannot be used together/,
      },
      { name: 'an unknown group', args: ['--group', 'nope'], message: /group nope does not exist, or the token cannot see it/ },
      { name: 'an unknown assignee', args: ['--group', 'acme', '--assignee', 'zed'], message: /--assignee: no GitLab user is called @zed/ },
      {
        name: 'a label pattern without {milestone}',
        args: ['--group', 'acme', '--missed-label', 'missed'],
        message: /--missed-label must contain \{milestone\}/,
      },
      { name: 'no scope at all', args: [], message: /missing --project or --group/ },
      {
        name: 'teamops.yml naming both a project and a group',
        args: [],
        config: 'milestone:\n  project: acme/app\n  group: acme\n',
        message: /milestone\.group: set either project or group, not both/,
      },
      {
        name: 'a teamops.yml label pattern without {milestone}',
        args: [],
        config: 'milestone:\n  group: acme\n  missed_label: slipped\n',
        message: /milestone\.missed_label: must contain \{milestone\} exactly once/,
      },
    ])('$name', async ({ args, message, config }) => {
      const s = await start({
        groupMilestones: [{ title: 'M0', start_date: '2026-09-21', due_date: '2026-10-16', state: 'closed' }, M1, M2],
        app: [open('Stays')],
      });

      const result = await rollover(s, args, config ? { cwd: withConfig(config) } : {});

      expect(result.exitCode).toBe(3);
      expect(result.stderr).toMatch(message);
      expect(writes(s)).toEqual([]);
      expect(where(await issuesOf(s))).toEqual([['Stays', 'M1', []]]);
    });

    it('lists every problem together', async () => {
      const s = await start({ app: [] });

      const result = await rollover(s, ['--yes', '--group', 'acme', '--from', 'M9', '--to', 'M8', '--assignee', 'zed']);

      expect(result.exitCode).toBe(3);
      expect(result.stderr).toContain('--assignee: no GitLab user is called @zed');
      expect(result.stderr).toContain('--from "M9"');
      expect(result.stderr).toContain('--to "M8"');
      expect(writes(s)).toEqual([]);
    });
  });
});

// `teamops queue` and `teamops claims` against a seeded team. The expected lists are written by hand
// from the seed below and the handbook's table; the clock is Thursday 2026-12-03 12:00 in Amsterdam.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedDocument } from '@teamops/gitlab-sandbox';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';
import { ritualWrites, startSandbox, type TestSandbox } from '../../support/sandbox.js';

const NOW = '2026-12-03T11:00:00Z';
const OMNIBUS = 'distribution/omnibus';
const P1 = 'priority::1';
const P2 = 'priority::2';
const P3 = 'priority::3';
const P4 = 'priority::4';
const DEV = 'workflow::in dev';

const seed: SeedDocument = {
  users: ['amara', 'bruno', 'chen', 'dana'].map((username) => ({ username })),
  groups: [
    {
      path: 'distribution',
      members: { amara: 'developer', bruno: 'developer', chen: 'developer', dana: 'developer' },
      milestones: [
        { title: '17.8', start_date: '2026-11-16', due_date: '2026-12-15' },
        { title: '17.9', start_date: '2026-12-16', due_date: '2027-01-15' },
      ],
    },
  ],
  projects: [
    {
      path: OMNIBUS,
      merge_requests: [
        {
          title: 'Upgrade Ruby',
          author: 'amara',
          reviewers: ['chen'],
          labels: [P1],
          has_conflicts: true,
          created_at: '2026-12-02T08:00:00Z',
        },
        { title: 'Fix the mirror', author: 'bruno', reviewers: ['amara'], labels: [P2], created_at: '2026-11-30T08:00:00Z' },
        { title: 'Docs typo', author: 'chen', reviewers: ['amara'], labels: [P3], created_at: '2026-12-02T05:00:00Z' },
        { title: 'Bump a dependency', author: 'chen', reviewers: ['amara'], labels: [P3], created_at: '2026-12-01T20:00:00Z' },
        { title: 'Draft: new build system', author: 'amara', reviewers: ['chen'], labels: [P1], created_at: '2026-12-01T08:00:00Z' },
        {
          title: 'Refactor the packager',
          author: 'amara',
          reviewers: ['bruno'],
          labels: [P2],
          has_conflicts: true,
          created_at: '2026-12-02T10:00:00Z',
        },
        { title: 'Pipeline speed-up', author: 'bruno', labels: [P1], created_at: '2026-12-01T08:00:00Z' },
      ],
      issues: [
        {
          iid: 1,
          title: 'P1 in progress',
          assignees: ['amara'],
          labels: ['Deliverable', P1, DEV],
          milestone: '17.8',
          created_at: '2026-11-17T08:00:00Z',
        },
        { iid: 2, title: 'P1 available', labels: ['Deliverable', P1], milestone: '17.8', created_at: '2026-11-18T08:00:00Z' },
        {
          iid: 3,
          title: 'P2 claimed by chen',
          labels: ['Deliverable', P2],
          milestone: '17.8',
          created_at: '2026-11-19T08:00:00Z',
          notes: [{ author: 'chen', body: "I'll take this, starting 2026-12-07", created_at: '2026-12-01T09:00:00Z' }],
        },
        {
          iid: 4,
          title: 'P2 with a lapsed claim',
          labels: ['Deliverable', P2],
          milestone: '17.8',
          created_at: '2026-11-20T08:00:00Z',
          notes: [{ author: 'bruno', body: 'I can pick this up on Nov 25', created_at: '2026-11-23T09:00:00Z' }],
        },
        {
          iid: 5,
          title: 'P3 available',
          labels: ['Deliverable', P3],
          milestone: '17.8',
          created_at: '2026-11-21T08:00:00Z',
          notes: [{ author: 'dana', body: "I'd like to take this one", created_at: '2026-11-24T09:00:00Z' }],
        },
        {
          iid: 6,
          title: 'P2 in progress',
          assignees: ['chen'],
          labels: ['Deliverable', P2, DEV],
          milestone: '17.8',
          created_at: '2026-11-22T08:00:00Z',
        },
        {
          iid: 7,
          title: 'P4 in progress',
          assignees: ['amara'],
          labels: ['Deliverable', P4, DEV],
          milestone: '17.8',
          created_at: '2026-11-23T08:00:00Z',
        },
        { iid: 8, title: 'Not a Deliverable', labels: [P1], milestone: '17.8', created_at: '2026-11-23T08:00:00Z' },
        { iid: 9, title: 'Next milestone', labels: ['Deliverable', P1], milestone: '17.9', created_at: '2026-11-23T08:00:00Z' },
        { iid: 10, title: 'No priority yet', labels: ['Deliverable'], milestone: '17.8', created_at: '2026-11-23T08:00:00Z' },
        { iid: 11, title: 'Customer escalation', labels: ['dri::active-request'], created_at: '2026-12-01T08:00:00Z' },
        { iid: 12, title: 'Stale claimed label', labels: ['claimed'], created_at: '2026-11-10T08:00:00Z' },
      ],
    },
    {
      path: 'distribution/team-tasks',
      issues: [
        {
          title: 'Distribution DRI rotation week of 2026-11-30',
          description: 'DRI\n\n<!-- teamops:key=dri-rotation/distribution/team-tasks/2026-11-30 -->',
          assignees: ['dana'],
          labels: ['DRI'],
          created_at: '2026-11-30T08:00:00Z',
        },
      ],
    },
  ],
};

const CONFIG = `timezone: Europe/Amsterdam
team:
  name: Distribution
queue:
  group: distribution
dri:
  project: distribution/team-tasks
  roster: [amara, bruno, chen, dana]
`;

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed, now: NOW });
});
afterAll(() => sandbox.stop());

function run(args: string[], as = 'root'): Promise<CliResult> {
  return runCli(args, { cwd: withConfig(CONFIG), now: NOW, env: as === 'root' ? sandbox.env() : sandbox.env(as) });
}

interface Entry {
  level: number;
  do: string;
  reference: string;
  review?: { state: string };
  claimedFor?: string;
}

async function queueOf(user: string): Promise<{ entries: Entry[]; unplaced: number; dri: unknown }> {
  const result = await run(['queue', '--json'], user);
  expect(result.exitCode, result.stderr).toBe(0);
  return result.json();
}

const line = (e: Entry) =>
  `${e.level} ${e.do} ${e.reference}${e.review ? ` (${e.review.state})` : ''}${e.claimedFor ? ` (claimed ${e.claimedFor})` : ''}`;

describe('teamops queue', () => {
  it("amara's day, in the handbook's order", async () => {
    const queue = await queueOf('amara');
    expect(queue.entries.map(line)).toEqual([
      `1 unblock review ${OMNIBUS}!1`,
      `1 continue ${OMNIBUS}#1`,
      `1 pick up ${OMNIBUS}#2`,
      `2 unblock review ${OMNIBUS}!6`,
      `2 review ${OMNIBUS}!2 (breaching)`,
      `2 review ${OMNIBUS}!4 (near)`,
      `2 pick up ${OMNIBUS}#4`,
      `3 pick up ${OMNIBUS}#5`,
      `3 review ${OMNIBUS}!3 (within)`,
      `4 continue ${OMNIBUS}#7`,
    ]);
    expect(queue.unplaced).toBe(1);
    expect(queue.dri).toBeNull();
  });

  it("chen's day: a priority::1 review first, and the issue chen claimed", async () => {
    const queue = await queueOf('chen');
    expect(queue.entries.map(line)).toEqual([
      `1 review ${OMNIBUS}!1 (within)`,
      `1 pick up ${OMNIBUS}#2`,
      `2 continue ${OMNIBUS}#6`,
      `2 pick up ${OMNIBUS}#3 (claimed 2026-12-07)`,
      `2 pick up ${OMNIBUS}#4`,
      `3 pick up ${OMNIBUS}#5`,
    ]);
  });

  it("bruno's day, chosen with --user by someone else, and --limit", async () => {
    const result = await run(['queue', '--user', 'bruno', '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.json<{ entries: Entry[] }>().entries.map(line)).toEqual([
      `1 pick up ${OMNIBUS}#2`,
      `2 pick up ${OMNIBUS}#4`,
      `3 pick up ${OMNIBUS}#5`,
      `3 review ${OMNIBUS}!6 (within)`,
    ]);
    const limited = await run(['queue', '--user', 'bruno', '--limit', '2']);
    expect(limited.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^1\\tpick up\\t${OMNIBUS}#2\\tP1 available\\t`)),
      expect.stringMatching(new RegExp(`^2\\tpick up\\t${OMNIBUS}#4\\t`)),
    ]);
  });

  it("the DRI's queue is the DRI duties", async () => {
    const result = await run(['queue'], 'dana');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('@dana is DRI this week (distribution/team-tasks#1): the queue is the DRI duties');
    expect(result.stdout).toContain(`${OMNIBUS}#11\tCustomer escalation`);
    expect(result.stdout).not.toContain('pick up');
  });

  it('someone GitLab does not know is an error', async () => {
    const result = await run(['queue', '--user', 'nobody.here']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('--user names nobody.here, who is not a GitLab user');
  });
});

describe('teamops claims', () => {
  it('lists each claim with its state', async () => {
    const result = await run(['claims', '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    const claims = result.json<{ claims: Array<{ issue: string; claimer: string; startDate: string | null; state: string }> }>().claims;
    expect(claims.map((c) => `${c.issue} @${c.claimer} ${c.startDate} ${c.state}`).sort()).toEqual([
      `${OMNIBUS}#3 @chen 2026-12-07 valid`,
      `${OMNIBUS}#4 @bruno 2026-11-25 lapsed`,
      `${OMNIBUS}#5 @dana null not-a-claim`,
    ]);
  });

  it('--sync labels the validly claimed, takes the label off the rest, frees a lapsed claim once, and a rerun writes nothing', async () => {
    const before = sandbox.requestLog.length;
    const sync = await run(['claims', '--sync', '--yes']);
    expect(sync.exitCode, sync.stderr).toBe(0);
    const writes = ritualWrites(sandbox.requestLog.slice(before)).map((r) => `${r.method} ${r.path}`);
    expect(writes.map((w) => w.replace(/ .*\/issues\//, ' /issues/')).sort()).toEqual([
      'POST /issues/4/notes',
      'PUT /issues/12',
      'PUT /issues/3',
    ]);
    const issue = async (iid: number) =>
      (await fetch(`${sandbox.url}/api/v4/projects/${encodeURIComponent(OMNIBUS)}/issues/${iid}`, {
        headers: { 'PRIVATE-TOKEN': sandbox.token },
      }).then((r) => r.json())) as { labels: string[] };
    expect((await issue(3)).labels).toContain('claimed');
    expect((await issue(12)).labels).not.toContain('claimed');
    expect((await issue(4)).labels).not.toContain('claimed');
    const notes = (await fetch(`${sandbox.url}/api/v4/projects/${encodeURIComponent(OMNIBUS)}/issues/4/notes`, {
      headers: { 'PRIVATE-TOKEN': sandbox.token },
    }).then((r) => r.json())) as Array<{ body: string }>;
    expect(notes.filter((n) => n.body.includes('is free to be picked up by anyone again'))).toHaveLength(1);
    expect(notes[0]!.body).toMatch(/^@bruno your claim said you would start on 2026-11-25/);

    const again = sandbox.requestLog.length;
    const rerun = await run(['claims', '--sync', '--yes']);
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(
      sandbox.requestLog
        .slice(again)
        .filter((r) => r.method !== 'GET')
        .map((r) => r.path),
      rerun.stderr,
    ).toEqual([]);
  });
});

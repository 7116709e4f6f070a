import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeedDocument } from '@teamops/gitlab-sandbox';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';

// The default test day is Monday 2026-11-16; the team is in Amsterdam (UTC+1 in November). The
// director's update covers the calendar month, November.
const NOW = '2026-11-16T09:00:00Z';
const CONFIG = `
timezone: Europe/Amsterdam
updates:
  project: ops/updates
  group: ops
`;

type IssueSeed = NonNullable<NonNullable<SeedDocument['projects']>[number]['issues']>[number];

const issues: IssueSeed[] = [
  {
    title: 'Build: async update',
    author: 'grace',
    labels: ['OpsSection::AsyncUpdate', 'team:build'],
    created_at: '2026-11-13T10:00:00Z',
    description: [
      '## Highlights & Accomplishments',
      '',
      'HIGHLIGHT: ARM64 builds dropped from 47 to 31 minutes.',
      '',
      'A quiet week otherwise; HIGHLIGHT: mid-paragraph is not a highlight.',
      '',
      '```text',
      'HIGHLIGHT: inside a fenced code block',
      '```',
      '',
      '    HIGHLIGHT: inside an indented code block',
      '',
      '- HIGHLIGHT: the FIPS pipeline runs on every merge.',
    ].join('\n'),
    notes: [
      { author: 'bruno', body: 'HIGHLIGHT: Bruno adds one in a comment.', created_at: '2026-11-14T10:00:00Z' },
      { author: 'amara', body: 'Nice work!\nHIGHLIGHT: not at the start of the paragraph', created_at: '2026-11-14T11:00:00Z' },
    ],
  },
  {
    title: 'Deploy: weekly update (old label)',
    author: 'amara',
    labels: ['OpsSection::Weekly-Update', 'team:deploy'],
    created_at: '2026-11-11T10:00:00Z',
    description: 'HIGHLIGHT: zero-downtime Gitaly upgrades in the chart.',
  },
  {
    title: 'Director notes',
    author: 'lee',
    labels: ['OpsSection::AsyncUpdate'],
    // Amsterdam is on UTC+1 from 25 October: 23:30 UTC on 2026-10-31 is 00:30 on 1 November
    // there, the first day of the month.
    created_at: '2026-10-31T23:30:00Z',
    description: 'HIGHLIGHT: first day of the period, by the team clock.',
  },
  {
    title: 'Too early',
    author: 'lee',
    labels: ['OpsSection::AsyncUpdate'],
    // 22:30 UTC on 2026-10-31 is 23:30 on the 31st in Amsterdam: the day before the period.
    created_at: '2026-10-31T22:30:00Z',
    description: 'HIGHLIGHT: the day before the period.',
  },
  {
    title: 'Not an update',
    author: 'lee',
    created_at: '2026-11-12T10:00:00Z',
    description: 'HIGHLIGHT: an ordinary issue is not an update.',
  },
];

const seed: SeedDocument = {
  users: [{ username: 'grace' }, { username: 'amara' }, { username: 'bruno' }, { username: 'lee' }],
  groups: [{ path: 'ops', members: { grace: 'maintainer', amara: 'developer', bruno: 'developer', lee: 'owner' } }],
  projects: [{ path: 'ops/updates', issues }, { path: 'ops/other' }],
};

let sandbox: Sandbox;
let cwd: string;
beforeAll(async () => {
  sandbox = await startSandbox({ seed, now: NOW });
  cwd = withConfig(CONFIG);
});
afterAll(async () => {
  await sandbox.stop();
});

function highlights(args: string[], s: Sandbox = sandbox): Promise<CliResult> {
  return runCli(['update', 'highlights', ...args], { env: { GITLAB_HOST: s.url, GITLAB_TOKEN: s.token }, cwd, now: NOW });
}

const url = (iid: number) => `${sandbox.url}/ops/updates/-/issues/${iid}`;

describe('teamops update highlights', () => {
  it("prints the director's section from descriptions and comments, grouped by team, both label forms", async () => {
    const result = await highlights(['--comments']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const notes = (await (
      await fetch(`${sandbox.url}/api/v4/projects/ops%2Fupdates/issues/1/notes?sort=asc`, { headers: { 'PRIVATE-TOKEN': sandbox.token } })
    ).json()) as Array<{ id: number; body: string }>;
    const brunoNote = notes.find((note) => note.body.startsWith('HIGHLIGHT: Bruno'));
    expect(result.stdout).toBe(
      [
        '## Highlights & Accomplishments',
        '',
        '### build',
        '',
        `- ARM64 builds dropped from 47 to 31 minutes. (@grace, [ops/updates#1](${url(1)}))`,
        `- the FIPS pipeline runs on every merge. (@grace, [ops/updates#1](${url(1)}))`,
        `- Bruno adds one in a comment. (@bruno, [ops/updates#1](${url(1)}#note_${brunoNote?.id}))`,
        '',
        '### deploy',
        '',
        `- zero-downtime Gitaly upgrades in the chart. (@amara, [ops/updates#2](${url(2)}))`,
        '',
        '### Other',
        '',
        `- first day of the period, by the team clock. (@lee, [ops/updates#3](${url(3)}))`,
        '',
      ].join('\n'),
    );
    expect(sandbox.requestLog.filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('reads descriptions only unless asked for comments', async () => {
    const result = await highlights([]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('Bruno adds one');
    expect(result.stdout).toContain('ARM64 builds dropped');
  });

  it('takes the period from --since and --until, by the team clock', async () => {
    const result = await highlights(['--since', '2026-10-31', '--until', '2026-10-31', '--json']);
    expect(result.exitCode).toBe(0);
    const document = result.json<{ highlights: Array<{ text: string }>; period: unknown }>();
    expect(document.period).toEqual({ since: '2026-10-31', until: '2026-10-31' });
    expect(document.highlights.map((h) => h.text)).toEqual(['the day before the period.']);
  });

  it('prints one JSON document', async () => {
    const result = await highlights(['--json', '--group', 'ops']);
    expect(result.exitCode).toBe(0);
    const document = result.json<Record<string, unknown>>();
    expect(document).toMatchObject({
      schemaVersion: 1,
      command: 'update highlights',
      scope: { kind: 'group', ref: 'ops' },
      period: { since: '2026-11-01', until: '2026-11-30' },
      labels: ['OpsSection::AsyncUpdate', 'OpsSection::Weekly-Update'],
      comments: false,
      updates: 3,
    });
    expect(document.highlights).toEqual([
      {
        team: 'build',
        author: 'grace',
        text: 'ARM64 builds dropped from 47 to 31 minutes.',
        source: 'description',
        reference: 'ops/updates#1',
        title: 'Build: async update',
        url: url(1),
        createdAt: '2026-11-13T10:00:00.000Z',
      },
      {
        team: 'build',
        author: 'grace',
        text: 'the FIPS pipeline runs on every merge.',
        source: 'description',
        reference: 'ops/updates#1',
        title: 'Build: async update',
        url: url(1),
        createdAt: '2026-11-13T10:00:00.000Z',
      },
      {
        team: 'deploy',
        author: 'amara',
        text: 'zero-downtime Gitaly upgrades in the chart.',
        source: 'description',
        reference: 'ops/updates#2',
        title: 'Deploy: weekly update (old label)',
        url: url(2),
        createdAt: '2026-11-11T10:00:00.000Z',
      },
      {
        team: null,
        author: 'lee',
        text: 'first day of the period, by the team clock.',
        source: 'description',
        reference: 'ops/updates#3',
        title: 'Director notes',
        url: url(3),
        createdAt: '2026-10-31T23:30:00.000Z',
      },
    ]);
    expect(document.markdown).toContain('## Highlights & Accomplishments');
  });

  it('says so when a project has no updates', async () => {
    const result = await highlights(['--project', 'ops/other']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('## Highlights & Accomplishments\n\n_No highlights in the async updates from 2026-11-01 to 2026-11-30._\n');
  });

  it('fails clearly on a group that does not exist', async () => {
    const result = await highlights(['--group', 'nope']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('group nope does not exist, or the token cannot see it');
  });

  it('rejects --project with --group', async () => {
    const result = await highlights(['--group', 'ops', '--project', 'ops/updates']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('--project and --group cannot be used together');
  });
});

describe('teamops update highlights over many updates', () => {
  const COUNT = 130;
  let many: Sandbox;
  beforeAll(async () => {
    const updates: IssueSeed[] = Array.from({ length: COUNT }, (_, index) => ({
      title: `Update ${index + 1}`,
      author: index % 2 === 0 ? 'grace' : 'amara',
      // Enough under one label to need a second page of 100; a few under the old label.
      labels: [index % 13 === 0 ? 'OpsSection::Weekly-Update' : 'OpsSection::AsyncUpdate'],
      created_at: new Date(Date.parse('2026-11-10T08:00:00Z') + index * 60_000).toISOString(),
      description: `Intro.\n\nHIGHLIGHT: result number ${index + 1}.`,
    }));
    many = await startSandbox({ seed: { ...seed, projects: [{ path: 'ops/updates', issues: updates }] }, now: NOW });
  });
  afterAll(async () => {
    await many.stop();
  });

  it('follows GitLab pagination past 100 updates', async () => {
    const result = await highlights(['--json', '--since', '2026-11-10'], many);
    expect(result.exitCode).toBe(0);
    const document = result.json<{ updates: number; highlights: Array<{ text: string }> }>();
    expect(document.updates).toBe(COUNT);
    expect(document.highlights.map((h) => h.text)).toEqual(Array.from({ length: COUNT }, (_, index) => `result number ${index + 1}.`));
    const pages = many.requestLog.filter((entry) => entry.path === '/api/v4/groups/ops/issues' && /(^|&)page=2(&|$)/.test(entry.query));
    expect(pages.length).toBeGreaterThan(0);
  });
});

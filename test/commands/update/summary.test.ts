import { afterEach, describe, expect, it } from 'vitest';
import { type SeedDocument } from '@teamops/gitlab-sandbox';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';

// Sunday 2026-11-15 in Amsterdam (UTC+1): the default period is the team's week, 2026-11-09 to 2026-11-15.
const NOW = '2026-11-15T09:00:00Z';
const CONFIG = `
timezone: Europe/Amsterdam
updates:
  project: ops/updates
  group: ops
  summary_labels: [OpsSection::Summary]
`;

type IssueSeed = NonNullable<NonNullable<SeedDocument['projects']>[number]['issues']>[number];

const weekOfUpdates: IssueSeed[] = [
  {
    title: 'grace: weekly update, week of 2026-11-09',
    author: 'grace',
    labels: ['OpsSection::AsyncUpdate'],
    created_at: '2026-11-13T10:00:00Z',
    description:
      '## Highlights & Accomplishments\n\n<!-- hint -->\nShipped the arm64 packages.\n\nHIGHLIGHT: builds are faster.\n\nMore detail.\nEven more.',
  },
  {
    title: 'Deploy weekly',
    author: 'amara',
    labels: ['OpsSection::Weekly-Update'],
    created_at: '2026-11-08T23:30:00Z',
    description: 'Chart work, first day of the period in Amsterdam.',
  },
  {
    title: 'Last week',
    author: 'amara',
    labels: ['OpsSection::AsyncUpdate'],
    created_at: '2026-11-08T22:30:00Z',
    description: 'Still the 8th in Amsterdam.',
  },
  { title: 'Not an update', author: 'grace', created_at: '2026-11-12T10:00:00Z', description: 'Ordinary issue.' },
];

function seedWith(issues: IssueSeed[]): SeedDocument {
  return {
    users: [{ username: 'grace' }, { username: 'amara' }],
    groups: [{ path: 'ops', members: { grace: 'maintainer', amara: 'developer' } }],
    projects: [{ path: 'ops/updates', issues }, { path: 'ops/reports' }],
  };
}

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function start(issues: IssueSeed[] = weekOfUpdates): Promise<Sandbox> {
  sandbox = await startSandbox({ seed: seedWith(issues), now: NOW });
  return sandbox;
}

const cwd = withConfig(CONFIG);
function summary(s: Sandbox, args: string[]): Promise<CliResult> {
  return runCli(['update', 'summary', ...args], { env: { GITLAB_HOST: s.url, GITLAB_TOKEN: s.token }, cwd, now: NOW });
}

const writes = (s: Sandbox) => s.requestLog.filter((entry) => entry.method !== 'GET');

interface ApiIssue {
  iid: number;
  title: string;
  description: string;
  labels: string[];
}
async function issuesIn(s: Sandbox, project: string): Promise<ApiIssue[]> {
  const response = await fetch(`${s.url}/api/v4/projects/${encodeURIComponent(project)}/issues?state=all&per_page=100`, {
    headers: { 'PRIVATE-TOKEN': s.token },
  });
  return (await response.json()) as ApiIssue[];
}

describe('teamops update summary', () => {
  it("prints the period's updates, both label forms, by the team clock", async () => {
    const s = await start();
    const result = await summary(s, []);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      [
        'Async updates from 2026-11-09 to 2026-11-15: 2 updates.',
        '',
        `- @amara: [Deploy weekly](${s.url}/ops/updates/-/issues/2) (2026-11-09)`,
        '  > Chart work, first day of the period in Amsterdam.',
        `- @grace: [grace: weekly update, week of 2026-11-09](${s.url}/ops/updates/-/issues/1) (2026-11-13)`,
        '  > Shipped the arm64 packages.',
        '  > HIGHLIGHT: builds are faster.',
        '  > More detail.',
        '',
        '## Awaiting feedback',
        '',
        `- @amara: [Deploy weekly](${s.url}/ops/updates/-/issues/2)`,
        `- @grace: [grace: weekly update, week of 2026-11-09](${s.url}/ops/updates/-/issues/1)`,
        '',
      ].join('\n'),
    );
    expect(writes(s)).toEqual([]);
  });

  it('prints one JSON document', async () => {
    const s = await start();
    const result = await summary(s, ['--json', '--since', '2026-11-08', '--until', '2026-11-08']);
    expect(result.exitCode).toBe(0);
    expect(result.json()).toMatchObject({
      schemaVersion: 1,
      command: 'update summary',
      scope: { kind: 'group', ref: 'ops' },
      period: { since: '2026-11-08', until: '2026-11-08' },
      updates: [
        {
          author: 'amara',
          title: 'Last week',
          reference: 'ops/updates#3',
          createdOn: '2026-11-08',
          excerpt: ['Still the 8th in Amsterdam.'],
        },
      ],
    });
  });

  it('creates the summary issue once; a rerun changes nothing and the summary is never summarised', async () => {
    const s = await start();
    const dry = await summary(s, ['--create', '--dry-run']);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toBe('+ create "Async updates: week of 2026-11-09" in ops/updates, listing 2 updates\nPlan: 1 to create.\n');
    expect(writes(s)).toEqual([]);

    const created = await summary(s, ['--create', '--yes']);
    expect(created.exitCode).toBe(0);
    const made = (await issuesIn(s, 'ops/updates')).find((issue) => issue.title === 'Async updates: week of 2026-11-09');
    expect(created.stdout).toBe(`${s.url}/ops/updates/-/issues/${made?.iid}\n`);
    expect(made?.labels).toEqual(['OpsSection::Summary']);
    expect(made?.description).toContain('Async updates from 2026-11-09 to 2026-11-15: 2 updates.');
    expect(made?.description).toContain('<!-- teamops:key=async-update-summary/week/2026-11-09 -->');

    const writesBefore = writes(s).length;
    const again = await summary(s, ['--create', '--yes']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('Nothing to do: it is already in place.');
    expect(writes(s).length).toBe(writesBefore);

    // Even labelled as an update, the summary does not list itself.
    const labelled = await fetch(`${s.url}/api/v4/projects/ops%2Fupdates/issues/${made?.iid}`, {
      method: 'PUT',
      headers: { 'PRIVATE-TOKEN': s.token, 'content-type': 'application/json' },
      body: JSON.stringify({ add_labels: 'OpsSection::AsyncUpdate' }),
    });
    expect(labelled.ok).toBe(true);
    const printed = await summary(s, []);
    expect(printed.stdout).toContain(': 2 updates.');
  });

  it('creates the summary in --project while reading the group', async () => {
    const s = await start();
    const result = await summary(s, ['--create', '--project', 'ops/reports', '--yes']);
    expect(result.exitCode).toBe(0);
    expect((await issuesIn(s, 'ops/reports')).map((i) => i.title)).toEqual(['Async updates: week of 2026-11-09']);
  });

  it('lists more than 100 updates', async () => {
    const many: IssueSeed[] = Array.from({ length: 105 }, (_, index) => ({
      title: `Update ${String(index + 1).padStart(3, '0')}`,
      author: 'grace',
      labels: ['OpsSection::AsyncUpdate'],
      created_at: new Date(Date.parse('2026-11-12T08:00:00Z') + index * 60_000).toISOString(),
      description: `Update ${index + 1}.`,
    }));
    const s = await start(many);
    const result = await summary(s, ['--json']);
    expect(result.exitCode).toBe(0);
    const titles = result.json<{ updates: Array<{ title: string }> }>().updates.map((u) => u.title);
    expect(titles).toHaveLength(105);
    expect(titles.at(-1)).toBe('Update 105');
  });

  it('fails before writing when the summary project does not exist', async () => {
    const s = await start();
    const result = await summary(s, ['--create', '--project', 'ops/nope']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('project ops/nope does not exist, or the token cannot see it');
    expect(writes(s)).toEqual([]);
  });

  it('rejects --project with --group unless creating', async () => {
    const s = await start();
    const result = await summary(s, ['--project', 'ops/updates', '--group', 'ops']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('--project and --group cannot be used together: without --create');
  });
});

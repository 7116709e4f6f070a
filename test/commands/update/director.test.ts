import { afterEach, describe, expect, it } from 'vitest';
import { type SeedDocument } from '@teamops/gitlab-sandbox';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';

// Tuesday 2026-12-01 in Amsterdam: the director writes November's update (--period last).
const NOW = '2026-12-01T08:00:00Z';
const CONFIG = `
timezone: Europe/Amsterdam
updates:
  project: ops/updates
  group: ops
  director: lee
  director_labels: [OpsSection::DirectorUpdate]
`;

const seed: SeedDocument = {
  users: [{ username: 'grace' }, { username: 'amara' }, { username: 'lee' }],
  groups: [{ path: 'ops', members: { grace: 'maintainer', amara: 'maintainer', lee: 'owner' } }],
  projects: [
    {
      path: 'ops/updates',
      issues: [
        {
          title: 'Build weekly',
          author: 'grace',
          labels: ['OpsSection::AsyncUpdate', 'team:build'],
          created_at: '2026-11-10T10:00:00Z',
          description: 'HIGHLIGHT: ARM64 builds dropped from 47 to 31 minutes.',
        },
        {
          title: 'Deploy weekly',
          author: 'amara',
          labels: ['OpsSection::AsyncUpdate', 'team:deploy'],
          created_at: '2026-11-20T10:00:00Z',
          description: 'Chart work.\n\nHIGHLIGHT: zero-downtime Gitaly upgrades.',
        },
        {
          title: 'October weekly',
          author: 'grace',
          labels: ['OpsSection::AsyncUpdate', 'team:build'],
          created_at: '2026-10-20T10:00:00Z',
          description: 'HIGHLIGHT: not this month.',
        },
      ],
    },
  ],
};

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

const cwd = withConfig(CONFIG);
const run = (s: Sandbox, args: string[]): Promise<CliResult> => runCli(['update', 'highlights', ...args], { env: s.env(), cwd, now: NOW });
const writes = (s: Sandbox) => s.requestLog.filter((entry) => entry.method !== 'GET');

interface ApiIssue {
  iid: number;
  title: string;
  description: string;
  labels: string[];
  assignees: Array<{ username: string }>;
}
const api = (s: Sandbox, path: string, init: RequestInit = {}) =>
  fetch(`${s.url}/api/v4/projects/ops%2Fupdates${path}`, {
    ...init,
    headers: { 'PRIVATE-TOKEN': s.token, 'content-type': 'application/json' },
  });
const directorIssues = async (s: Sandbox) =>
  ((await (await api(s, '/issues?state=all&per_page=100')).json()) as ApiIssue[]).filter((i) => i.title.startsWith("Director's"));

describe("update highlights --create: the director's monthly update", () => {
  it('opens the month’s issue once, and a rerun refreshes only its highlights section', async () => {
    const s = (sandbox = await startSandbox({ seed, now: NOW }));
    const dry = await run(s, ['--create', '--period', 'last', '--dry-run']);
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toBe('+ create "Director\'s update: November 2026" in ops/updates with 2 highlights\nPlan: 1 to create.\n');
    expect(writes(s)).toEqual([]);

    const created = await run(s, ['--create', '--period', 'last', '--yes']);
    expect(created.exitCode, created.stderr).toBe(0);
    const [issue] = await directorIssues(s);
    expect(issue?.labels).toEqual(['OpsSection::DirectorUpdate']);
    expect(issue?.assignees.map((a) => a.username)).toEqual(['lee']);
    expect(issue?.description).toContain(
      [
        '## Highlights & Accomplishments',
        '',
        '### build',
        '',
        `- ARM64 builds dropped from 47 to 31 minutes. (@grace, [ops/updates#1](${s.url}/ops/updates/-/issues/1))`,
        '',
        '### deploy',
        '',
        `- zero-downtime Gitaly upgrades. (@amara, [ops/updates#2](${s.url}/ops/updates/-/issues/2))`,
        '',
        '## Themes and decisions',
      ].join('\n'),
    );
    expect(issue?.description).not.toContain('not this month');
    expect(issue?.description).toContain('<!-- teamops:key=director-update/month/2026-11 -->');

    const again = await run(s, ['--create', '--period', 'last', '--yes']);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain('Nothing to do: it is already in place.');

    // The director writes the rest; then a late highlight comes in for November.
    const edited = issue!.description
      .replace('<!-- What the month was about, and what was decided. -->', 'We decided to ship arm64 by default.')
      .replace('## Next month', '## Next month\n\nFIPS everywhere.');
    await api(s, `/issues/${issue!.iid}`, { method: 'PUT', body: JSON.stringify({ description: edited }) });
    await api(s, '/issues', {
      method: 'POST',
      body: JSON.stringify({
        title: 'Late build weekly',
        labels: 'OpsSection::AsyncUpdate,team:build',
        created_at: '2026-11-28T10:00:00Z',
        description: 'HIGHLIGHT: the FIPS pipeline runs on every merge.',
      }),
    });

    const refresh = await run(s, ['--create', '--period', 'last', '--dry-run']);
    expect(refresh.stdout).toContain('~ update the Highlights & Accomplishments of ops/updates#4');
    const applied = await run(s, ['--create', '--period', 'last', '--yes']);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const [after] = await directorIssues(s);
    expect(after?.description).toContain('We decided to ship arm64 by default.');
    expect(after?.description).toContain('## Next month\n\nFIPS everywhere.');
    expect(after?.description).toContain('- the FIPS pipeline runs on every merge.');
    expect(after?.description).toContain('<!-- teamops:key=director-update/month/2026-11 -->');
    // Only the section changed: the description before and after it is the director's, byte for byte.
    const outside = (text: string) => [text.split('## Highlights & Accomplishments')[0], text.split('## Themes and decisions')[1]];
    expect(outside(after!.description)).toEqual(outside(edited));
    expect(await directorIssues(s)).toHaveLength(1);
  });

  it('fails before writing on an unknown director or template', async () => {
    const s = (sandbox = await startSandbox({ seed, now: NOW }));
    const dir = withConfig(`${CONFIG.replace('director: lee', 'director: nobody')}  director_template: Director-Update\n`);
    const result = await runCli(['update', 'highlights', '--create', '--yes'], { env: s.env(), cwd: dir, now: NOW });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('updates.director: no GitLab user "nobody"');
    expect(result.stderr).toContain('project ops/updates has no issue template "Director-Update"');
    expect(writes(s)).toEqual([]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SeedDocument } from '@teamops/gitlab-sandbox';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';
import { ScriptedPrompter } from '../../support/scripted-prompter.js';

// A week in the life of the group `ops`, seen on Sunday 2026-11-15 in Amsterdam. The period is the
// team's week, Monday 2026-11-09 to Sunday 2026-11-15 (team zone), so 2026-11-08T23:30Z (00:30 on
// the 9th in Amsterdam) is inside and 2026-11-08T22:30Z (23:30 on the 8th) is outside.
const NOW = '2026-11-15T09:00:00Z';
const INSIDE_EDGE = '2026-11-08T23:30:00Z';
const OUTSIDE_EDGE = '2026-11-08T22:30:00Z';
// okr.quarters defaults to calendar quarters: November 2026 is 2026-Q4, labelled 2026-q4 by the default pattern.
const QUARTER = '2026-q4';

const CONFIG = `
timezone: Europe/Amsterdam
okr:
  project: ops/okrs
updates:
  project: ops/updates
  group: ops
`;

const seed: SeedDocument = {
  users: [
    { username: 'grace', name: 'Grace Hopper' },
    { username: 'amara', name: 'Amara Okafor' },
    { username: 'bruno', name: 'Bruno Silva' },
  ],
  groups: [{ path: 'ops', members: { grace: 'maintainer', amara: 'developer', bruno: 'developer' } }],
  projects: [
    {
      path: 'ops/app',
      milestones: [{ title: 'M1' }, { title: 'M2' }],
      issues: [
        {
          title: 'Closed mid-week',
          state: 'closed',
          assignees: ['amara'],
          labels: ['type::feature'],
          created_at: '2026-11-01T10:00:00Z',
          closed_at: '2026-11-12T10:00:00Z',
          updated_at: '2026-11-12T10:00:00Z',
        },
        {
          title: 'Closed just after midnight in Amsterdam',
          state: 'closed',
          labels: ['type::bug'],
          created_at: '2026-11-01T10:00:00Z',
          closed_at: INSIDE_EDGE,
          updated_at: INSIDE_EDGE,
        },
        {
          title: 'Closed the evening before',
          state: 'closed',
          created_at: '2026-11-01T10:00:00Z',
          closed_at: OUTSIDE_EDGE,
          updated_at: OUTSIDE_EDGE,
        },
        {
          title: 'Closed last month',
          state: 'closed',
          created_at: '2026-10-01T10:00:00Z',
          closed_at: '2026-10-20T10:00:00Z',
          updated_at: '2026-10-20T10:00:00Z',
        },
        {
          title: 'Being built',
          assignees: ['bruno'],
          milestone: 'M2',
          created_at: '2026-11-01T10:00:00Z',
          updated_at: '2026-11-13T10:00:00Z',
        },
        { title: 'Nobody on it', created_at: '2026-11-01T10:00:00Z', updated_at: '2026-11-13T10:00:00Z' },
        { title: 'Assigned but untouched', assignees: ['amara'], created_at: '2026-10-01T10:00:00Z', updated_at: '2026-10-02T10:00:00Z' },
        {
          title: 'Slipped from M1',
          assignees: ['amara'],
          milestone: 'M2',
          labels: ['missed:M1'],
          created_at: '2026-10-01T10:00:00Z',
          updated_at: '2026-11-14T10:00:00Z',
        },
      ],
      merge_requests: [
        {
          title: 'Merged this week',
          state: 'merged',
          author: 'bruno',
          labels: ['type::maintenance'],
          created_at: '2026-11-05T10:00:00Z',
          merged_at: '2026-11-11T10:00:00Z',
          updated_at: '2026-11-11T10:00:00Z',
        },
        {
          title: 'Merged last month',
          state: 'merged',
          author: 'bruno',
          created_at: '2026-10-05T10:00:00Z',
          merged_at: '2026-10-21T10:00:00Z',
          updated_at: '2026-10-21T10:00:00Z',
        },
        { title: 'Still open', state: 'opened', author: 'amara', created_at: '2026-11-05T10:00:00Z', updated_at: '2026-11-12T10:00:00Z' },
      ],
    },
    {
      path: 'ops/okrs',
      issues: [
        {
          title: 'KR: ship arm64 packages',
          labels: ['okr:kr', QUARTER],
          description: 'Key result.\n\n**Current:** 3 of 5 distributions\n**Score:** 0.6',
          created_at: '2026-11-02T10:00:00Z',
        },
        { title: 'KR: last quarter', labels: ['okr:kr', '2026-q3'], description: '**Score:** 1.0', created_at: '2026-08-02T10:00:00Z' },
      ],
    },
    {
      path: 'ops/updates',
      issue_templates: {
        'Weekly Update':
          '## {{ author.name }}\n\nClosed: {{ issues_closed.size }}. Merged: {{ merge_requests_merged.size }}.\n{% for kr in key_results %}- {{ kr.title }}: {{ kr.score_text }}\n{% endfor %}',
        'em-weekly': 'The team owns its em-weekly: {{ issues_closed.size }} closed.',
        Velocity: 'Velocity: {{ velocity }}',
        Colours: '{% for issue in issues_closed %}{{ issue.colour }}{% endfor %}',
      },
    },
  ],
};

// Without updates.project there is no project to look templates up in, so the bundled ones are used.
const BUNDLED_ONLY = `
timezone: Europe/Amsterdam
okr:
  project: ops/okrs
updates:
  group: ops
`;

let sandbox: Sandbox;
let cwd: string;
let bundledCwd: string;
beforeAll(async () => {
  sandbox = await startSandbox({ seed, now: NOW });
  cwd = withConfig(CONFIG);
  bundledCwd = withConfig(BUNDLED_ONLY);
});
afterAll(async () => {
  await sandbox.stop();
});

function update(args: string[], s: Sandbox = sandbox, dir = cwd): Promise<CliResult> {
  return runCli(['update', 'print', ...args], { env: { GITLAB_HOST: s.url, GITLAB_TOKEN: s.token }, cwd: dir, now: NOW });
}

const writes = (s: Sandbox, from = 0) => s.requestLog.slice(from).filter((entry) => entry.method !== 'GET');

describe('teamops update print with the bundled templates', () => {
  it('fills em-weekly from the seeded week, by the team time zone', async () => {
    const result = await update(['--template', 'em-weekly', '--author', 'grace'], sandbox, bundledCwd);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const out = result.stdout;
    expect(out).toContain('**Grace Hopper** (@grace) · ops · 2026-11-09 to 2026-11-15 (2026-W46)');
    expect(out).toContain('## Highlights & Accomplishments');
    expect(out).toContain('Closed (2):\n\n- Closed mid-week ops/app#1 (@amara)\n- Closed just after midnight in Amsterdam ops/app#2\n');
    expect(out).not.toContain('Closed the evening before');
    expect(out).not.toContain('Closed last month');
    expect(out).toContain('Merged (1):\n\n- Merged this week ops/app!1 (@bruno)\n');
    expect(out).toContain('## Team Projects & Priorities');
    expect(out).toContain('In progress (2):\n\n- Being built ops/app#5 · %"M2" (@bruno)\n- Slipped from M1 ops/app#8 · %"M2" (@amara)\n');
    expect(out).toContain(`Key results, ${QUARTER}:\n\n- KR: ship arm64 packages ops/okrs#1: score 0.6, currently 3 of 5 distributions\n`);
    expect(out).not.toContain('KR: last quarter');
    expect(out).toContain('Slipped (1):\n\n- Slipped from M1 ops/app#8, missed M1\n');
    expect(out).toContain("## What's next");
  });

  it('fills pe-weekly', async () => {
    const result = await update(['--template', 'pe-weekly', '--author', 'amara'], sandbox, bundledCwd);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('**Amara Okafor** (@amara)');
    expect(result.stdout).toContain('Merged (1):\n\n- Merged this week ops/app!1 (@bruno, 2026-11-11)\n');
    expect(result.stdout).toContain('### Technical progress\n\n- Being built ops/app#5 · %"M2"\n- Slipped from M1 ops/app#8 · %"M2"\n');
    expect(result.stdout).toContain('- Slipped from M1 ops/app#8 slipped (missed M1)');
    expect(result.stdout).toContain('KR: ship arm64 packages ops/okrs#1: score 0.6');
  });

  it('fills sem-monthly over a month, with the allocation of focus', async () => {
    const calendarMonth = await update(['--template', 'sem-monthly', '--author', 'grace'], sandbox, bundledCwd);
    expect(calendarMonth.stdout).toContain('November 2026 (2026-11-01 to 2026-11-30)');
    const result = await update(['--template', 'sem-monthly', '--author', 'grace', '--since', '2026-10-17'], sandbox, bundledCwd);
    expect(result.exitCode).toBe(0);
    // A lone --since runs to today: 2026-10-17 to 2026-11-15, so October 20 and 21 are in.
    expect(result.stdout).toContain('October 2026 (2026-10-17 to 2026-11-15)');
    expect(result.stdout).toContain('Issues closed: 4. Merge requests merged: 2.');
    expect(result.stdout).toContain(
      [
        '| Type | Issues | Merge requests | Share |',
        '| --- | ---: | ---: | ---: |',
        '| undefined | 2 | 1 | 50% |',
        '| bug | 1 | 0 | 17% |',
        '| feature | 1 | 0 | 17% |',
        '| maintenance | 0 | 1 | 17% |',
      ].join('\n'),
    );
    expect(result.stdout).toContain('## Milestone Review');
    expect(result.stdout).toContain('- Slipped from M1 ops/app#8, missed M1');
    expect(result.stdout).toContain('### Is the team overcommitted?\n\nIn progress: 2. Slipped: 1. Closed: 4.');
  });

  it('takes the period from --since and --until', async () => {
    const result = await update(
      ['--template', 'sem-monthly', '--author', 'grace', '--since', '2026-10-01', '--until', '2026-10-31'],
      sandbox,
      bundledCwd,
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('October 2026 (2026-10-01 to 2026-10-31)');
    expect(result.stdout).toContain('Issues closed: 1. Merge requests merged: 1.');
  });

  it('points at teamops.yml, not at the template variables, when labels.quarter is wrong', async () => {
    const result = await update(
      ['--template', 'em-weekly', '--author', 'grace'],
      sandbox,
      withConfig(`${BUNDLED_ONLY}labels:\n  quarter: "{year}-q{q}"\n`),
    );
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('labels.quarter uses {year}, which is not one of {yyyy}, {yy}, {fy}, {q}');
    expect(result.stderr).toContain('hint: fix labels.quarter in teamops.yml');
    expect(result.stderr).not.toContain('template variables');
  });

  it("reads another quarter's key results with --quarter", async () => {
    const result = await update(['--template', 'Weekly Update', '--author', 'grace', '--quarter', '2026-Q3']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('- KR: last quarter: 1\n');
    expect(result.stdout).not.toContain('ship arm64');
  });

  it('prints one JSON document with the variables', async () => {
    const result = await update(['--template', 'em-weekly', '--author', 'grace', '--json']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const document = result.json<{
      schemaVersion: number;
      template: unknown;
      period: unknown;
      quarter: string;
      variables: { issues_closed: Array<{ reference: string; closed_on: string }> };
      markdown: string;
    }>();
    expect(document.schemaVersion).toBe(1);
    expect(document.template).toEqual({ name: 'em-weekly', source: 'project' });
    expect(document.period).toEqual({ kind: 'week', since: '2026-11-09', until: '2026-11-15', calendar: true });
    expect(document.quarter).toBe(QUARTER);
    expect(document.variables.issues_closed.map((i) => [i.reference, i.closed_on])).toEqual([
      ['ops/app#1', '2026-11-12'],
      ['ops/app#2', '2026-11-09'],
    ]);
    // The project's own em-weekly wins over the bundled one of the same name.
    expect(document.markdown).toBe('The team owns its em-weekly: 2 closed.\n');
  });
});

describe('teamops update print with a project template', () => {
  it('fetches the template by name through the Project templates API', async () => {
    const result = await update(['--template', 'Weekly Update', '--author', 'grace']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('## Grace Hopper\n\nClosed: 2. Merged: 1.\n- KR: ship arm64 packages: 0.6\n');
    expect(
      sandbox.requestLog.some(
        (entry) => entry.path === '/api/v4/projects/ops%2Fupdates/templates/issues/Weekly%20Update' && entry.status === 200,
      ),
    ).toBe(true);
  });

  it('fails clearly on an unknown template, before reading the week or writing anything', async () => {
    const from = sandbox.requestLog.length;
    const result = await update(['--template', 'Weekly Updates', '--create']);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'project ops/updates has no issue template "Weekly Updates" (.gitlab/issue_templates/Weekly Updates.md), and no bundled template of that name (bundled: em-weekly, pe-weekly, sem-monthly)',
    );
    expect(writes(sandbox, from)).toEqual([]);
    expect(sandbox.requestLog.slice(from).some((entry) => entry.path.endsWith('/merge_requests'))).toBe(false);
  });

  it.each([
    ['Velocity', 'template "Velocity" uses {{ velocity }}, which teamops does not provide'],
    ['Colours', 'template "Colours" uses {{ issue.colour }}, which teamops does not provide'],
  ])('fails clearly on template %s using an unknown variable', async (name, message) => {
    const from = sandbox.requestLog.length;
    const result = await update(['--template', name, '--create']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('available: allocation, author, issues_closed');
    expect(writes(sandbox, from)).toEqual([]);
  });

  it('reads a template from a local file', async () => {
    const dir = withConfig(CONFIG);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/mine.md`, 'Mine: {{ merge_requests_merged.size }} merged in {{ period.label }}.');
    const result = await update(['--template', 'mine.md', '--author', 'grace'], sandbox, dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('Mine: 1 merged in 2026-11-09 to 2026-11-15.\n');
  });

  it('lists every problem at once', async () => {
    const result = await update(['--template', 'nope', '--author', 'nobody', '--group', 'nogroup']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('--author nobody: no GitLab user of that name');
    expect(result.stderr).toContain('group nogroup does not exist, or the token cannot see it');
    expect(result.stderr).toContain('project ops/updates has no issue template "nope"');
  });
});

describe('teamops update print flags', () => {
  it.each([
    [['--template', 'em-weekly', '--project', 'ops/app', '--group', 'ops'], '--project and --group cannot be used together'],
    [['--template', 'em-weekly', '--since', '2026-11-20', '--until', '2026-11-10'], '--since 2026-11-20 is after --until 2026-11-10'],
    [['--template', 'em-weekly', '--since', '2026-13-01'], '--since: 2026-13-01 is not a date: a year has 12 months'],
    [['--template', 'em-weekly', '--since', '2026-11-20'], 'the period is empty: --since 2026-11-20 is after 2026-11-15'],
    [
      ['--template', 'em-weekly', '--quarter', 'Q5'],
      '--quarter must be 2027-Q1 (a calendar quarter) or FY27-Q1 (a fiscal quarter), got "Q5"',
    ],
    [[], 'missing --template'],
  ])('rejects %j', async (args, message) => {
    const from = sandbox.requestLog.length;
    const result = await update(args);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(message);
    expect(sandbox.requestLog.length).toBe(from);
  });

  it('asks for the template on a terminal', async () => {
    const prompter = new ScriptedPrompter({ template: 'pe-weekly' });
    const result = await runCli(['update', 'print', '--author', 'grace'], {
      env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token },
      cwd: bundledCwd,
      now: NOW,
      prompter,
      stdinTTY: true,
      stdoutTTY: true,
    });
    expect(result.exitCode).toBe(0);
    expect(prompter.asked).toEqual(['template']);
    expect(result.stdout).toContain('### Technical progress');
  });

  it('shows real examples in --help', async () => {
    const result = await update(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Examples:\n  teamops update print --template em-weekly > update.md');
  });
});

describe('teamops update print --create', () => {
  let fresh: Sandbox;
  afterEach(async () => {
    await fresh.stop();
  });

  interface ApiIssue {
    iid: number;
    title: string;
    description: string;
    labels: string[];
    assignees: Array<{ username: string }>;
  }
  const updates = async (s: Sandbox) => {
    const response = await fetch(`${s.url}/api/v4/projects/ops%2Fupdates/issues?state=all&per_page=100`, {
      headers: { 'PRIVATE-TOKEN': s.token },
    });
    return (await response.json()) as ApiIssue[];
  };

  it('dry-runs without writing, creates the update once, and a rerun changes nothing and says so', async () => {
    fresh = await startSandbox({ seed, now: NOW });

    const dry = await update(['--template', 'em-weekly', '--author', 'grace', '--create', '--dry-run'], fresh);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toBe('+ create "grace: weekly update, week of 2026-11-09" in ops/updates, assigned to @grace\nPlan: 1 to create.\n');
    expect(writes(fresh)).toEqual([]);

    const created = await update(['--template', 'pe-weekly', '--author', 'grace', '--create', '--yes'], fresh);
    expect(created.exitCode).toBe(0);
    const [issue] = await updates(fresh);
    expect(created.stdout).toBe(`${fresh.url}/ops/updates/-/issues/${issue?.iid}\n`);
    expect(issue?.title).toBe('grace: weekly update, week of 2026-11-09');
    expect(issue?.labels).toEqual(['OpsSection::AsyncUpdate']);
    expect(issue?.assignees.map((a) => a.username)).toEqual(['grace']);
    expect(issue?.description).toContain('- Merged this week ops/app!1 (@bruno, 2026-11-11)');
    expect(issue?.description).toContain('<!-- teamops:key=async-update/grace/pe-weekly/week/2026-11-09 -->');

    const writesBefore = writes(fresh).length;
    const again = await update(['--template', 'pe-weekly', '--author', 'grace', '--create', '--yes'], fresh);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('Nothing to do: it is already in place.');
    expect(writes(fresh).length).toBe(writesBefore);
    expect(await updates(fresh)).toHaveLength(1);

    // Another author's update for the same week is a different update.
    const other = await update(['--template', 'pe-weekly', '--author', 'amara', '--create', '--json', '--yes'], fresh);
    expect(other.exitCode).toBe(0);
    expect(other.json<{ outcome: unknown }>().outcome).toEqual({ done: 1, failed: 0, skipped: 0 });
    expect((await updates(fresh)).map((i) => i.title).sort()).toEqual([
      'amara: weekly update, week of 2026-11-09',
      'grace: weekly update, week of 2026-11-09',
    ]);
  });

  it('needs a project to create the update in', async () => {
    fresh = await startSandbox({ seed, now: NOW });
    const dir = withConfig('timezone: Europe/Amsterdam\nupdates:\n  group: ops\n');
    const result = await update(['--template', 'em-weekly', '--create'], fresh, dir);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('--create needs a project for the update');
    expect(writes(fresh)).toEqual([]);
  });
});

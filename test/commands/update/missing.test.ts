import { afterEach, describe, expect, it } from 'vitest';
import { type SeedDocument } from '@teamops/gitlab-sandbox';
import { ritualWrites, startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';

// Wednesday 2026-11-18 in Amsterdam: the week is Monday 2026-11-16 to Sunday 2026-11-22.
const NOW = '2026-11-18T09:00:00Z';
const CONFIG = `
timezone: Europe/Amsterdam
keys:
  trusted_authors: [bot]   # the pipeline's token that opens updates for people
updates:
  project: ops/updates
  group: ops
  authors:
    em-weekly:
      - { group: ops, role: maintainer }   # the engineering managers
      - dana
    sem-monthly: [lee]
`;

const seed: SeedDocument = {
  users: [
    { username: 'grace', job_title: 'Engineering Manager, Build' },
    { username: 'amara', job_title: 'Senior Engineering Manager' },
    { username: 'bruno', job_title: 'Backend Engineer' },
    { username: 'chen', job_title: 'Staff Backend Engineer' },
    { username: 'dana', job_title: 'Engineering Manager, Deploy' },
    { username: 'lee', job_title: 'Director of Engineering' },
    { username: 'bot' },
  ],
  groups: [
    {
      path: 'ops',
      members: { grace: 'maintainer', amara: 'maintainer', chen: 'maintainer', bruno: 'developer', lee: 'owner', bot: 'developer' },
    },
  ],
  projects: [
    {
      path: 'ops/updates',
      issues: [
        {
          // Opened for grace by a pipeline's token (keys.trusted_authors): the key says whose it is.
          title: 'grace: weekly update, week of 2026-11-16',
          author: 'bot',
          assignees: ['grace'],
          labels: ['OpsSection::AsyncUpdate'],
          created_at: '2026-11-17T08:00:00Z',
          description: 'Grace.\n\n<!-- teamops:key=async-update/grace/em-weekly/week/2026-11-16 -->\n',
          notes: [{ author: 'lee', body: 'Thanks, nice progress.', created_at: '2026-11-17T12:00:00Z' }],
        },
        {
          title: 'Amara weekly',
          author: 'amara',
          labels: ['OpsSection::Weekly-Update'],
          created_at: '2026-11-16T07:00:00Z',
          description: 'Written by hand.',
          notes: [
            { author: 'amara', body: 'Adding a link.', created_at: '2026-11-16T08:00:00Z' },
            { author: 'bruno', body: 'Looks good!', created_at: '2026-11-16T09:00:00Z' },
          ],
        },
        {
          title: 'Chen, last week',
          author: 'chen',
          labels: ['OpsSection::AsyncUpdate'],
          created_at: '2026-11-12T07:00:00Z',
          description: 'Last week.',
        },
        {
          title: 'lee: November',
          author: 'lee',
          labels: ['OpsSection::AsyncUpdate'],
          created_at: '2026-11-02T07:00:00Z',
          description: 'Monthly.\n\n<!-- teamops:key=async-update/lee/sem-monthly/month/2026-11 -->\n',
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

function run(s: Sandbox, args: string[], config = CONFIG): Promise<CliResult> {
  return runCli(args, { env: s.env(), cwd: withConfig(config), now: NOW });
}

const writes = (s: Sandbox) => ritualWrites(s.requestLog);

async function notesOn(s: Sandbox, iid: number): Promise<string[]> {
  const notes = await s.api<Array<{ body: string; system: boolean }>>(`/projects/ops%2Fupdates/issues/${iid}/notes?sort=asc`);
  return notes.filter((n) => !n.system).map((n) => n.body);
}

describe('teamops update missing', () => {
  it('names exactly the expected authors who have not posted, per template and period', async () => {
    const s = (sandbox = await startSandbox({ seed, now: NOW }));
    const result = await run(s, ['update', 'missing']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      [
        'em-weekly, 2026-W47 (2026-11-16 to 2026-11-22): 2 of 4 not yet posted: @chen, @dana',
        'sem-monthly, November 2026 (2026-11-01 to 2026-11-30): all 1 posted',
        '',
      ].join('\n'),
    );
    const json = await run(s, ['update', 'missing', '--template', 'em-weekly', '--json']);
    expect(json.json()).toMatchObject({
      schemaVersion: 1,
      command: 'update missing',
      templates: [
        {
          template: 'em-weekly',
          period: { since: '2026-11-16', until: '2026-11-22', week: '2026-W47' },
          expected: ['amara', 'chen', 'dana', 'grace'],
          posted: [
            { author: 'amara', reference: 'ops/updates#2' },
            { author: 'grace', reference: 'ops/updates#1' },
          ],
          missing: ['chen', 'dana'],
        },
      ],
    });
    // Last week chen posted, nobody else did.
    const last = await run(s, ['update', 'missing', '--template', 'em-weekly', '--period', 'last']);
    expect(last.stdout).toBe('em-weekly, 2026-W46 (2026-11-09 to 2026-11-15): 3 of 4 not yet posted: @amara, @dana, @grace\n');
    expect(writes(s)).toEqual([]);
  });

  it('expects every Engineering Manager of the group by the job title on their profile, whatever their role', async () => {
    const s = (sandbox = await startSandbox({ seed, now: NOW }));
    const config = CONFIG.replace(
      /em-weekly:\n(?: {6}- .*\n)+/,
      'em-weekly:\n      - { group: ops, job_title: engineering manager }\n      - { group: ops, role: maintainer, job_title: Staff }\n',
    );
    expect(config).toContain('job_title: Staff');
    const result = await run(s, ['update', 'missing', '--template', 'em-weekly', '--json'], config);
    expect(result.exitCode, result.stderr).toBe(0);
    // dana is not in the group; bruno and lee have other titles; chen is a Staff engineer and a maintainer.
    expect(result.json()).toMatchObject({ templates: [{ expected: ['amara', 'chen', 'grace'], missing: ['chen'] }] });
    const profiles = s.requestLog.filter((entry) => entry.method === 'GET' && /^\/api\/v4\/users\/\d+$/.test(entry.path));
    expect(profiles).toHaveLength(6);
    expect(writes(s)).toEqual([]);
  });

  it('reminds once per period on the week summary, mentioning who has not posted', async () => {
    const s = (sandbox = await startSandbox({ seed, now: NOW }));
    const early = await run(s, ['update', 'missing', '--template', 'em-weekly', '--remind', '--yes']);
    expect(early.exitCode).toBe(3);
    expect(early.stderr).toContain('no summary issue for 2026-11-16 to 2026-11-22 in ops/updates');
    expect(writes(s)).toEqual([]);

    const summary = await run(s, ['update', 'summary', '--create', '--yes']);
    expect(summary.exitCode, summary.stderr).toBe(0);
    const dry = await run(s, ['update', 'missing', '--template', 'em-weekly', '--remind', '--dry-run']);
    expect(dry.stdout).toBe(
      '+ remind 2 authors on ops/updates#5 of the em-weekly update for 2026-11-16 to 2026-11-22\nPlan: 1 to create.\n',
    );
    const before = writes(s).length;
    const remind = await run(s, ['update', 'missing', '--template', 'em-weekly', '--remind', '--yes']);
    expect(remind.exitCode, remind.stderr).toBe(0);
    expect(writes(s).length).toBe(before + 1);
    expect(await notesOn(s, 5)).toEqual([
      expect.stringMatching(/^@chen @dana: your em-weekly update for 2026-11-16 to 2026-11-22 is not in yet\./) as string,
    ]);
    const again = await run(s, ['update', 'missing', '--template', 'em-weekly', '--remind', '--yes']);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain('Nothing to do');
    expect(writes(s).length).toBe(before + 1);
  });

  it('reminds on updates.reminder_issue when one is set', async () => {
    const s = (sandbox = await startSandbox({ seed, now: NOW }));
    const result = await run(
      s,
      ['update', 'missing', '--template', 'sem-monthly', '--template', 'em-weekly', '--remind', '--yes'],
      `${CONFIG}  reminder_issue: ops/updates#3\n`,
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await notesOn(s, 3)).toEqual([expect.stringMatching(/^@chen @dana: your em-weekly update/) as string]);
  });

  it('fails before writing on unknown authors or groups, and on a template without authors', async () => {
    const s = (sandbox = await startSandbox({ seed, now: NOW }));
    const config = CONFIG.replace('- dana', '- nobody.here').replace('{ group: ops,', '{ group: nogroup,');
    const result = await run(s, ['update', 'missing', '--remind', '--yes'], config);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('updates.authors: group nogroup does not exist');
    expect(result.stderr).toContain('updates.authors: no GitLab user "nobody.here"');
    const unknown = await run(s, ['update', 'missing', '--template', 'pe-weekly']);
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toContain('--template pe-weekly: updates.authors names no authors for it (configured: em-weekly, sem-monthly)');
    expect(writes(s)).toEqual([]);
  });
});

describe('update summary: not yet posted, awaiting feedback', () => {
  it('lists who has not posted and which updates have no comment but their author’s', async () => {
    const s = (sandbox = await startSandbox({ seed, now: NOW }));
    const result = await run(s, ['update', 'summary']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('## Not yet posted\n\n- em-weekly: @chen, @dana\n');
    // amara's own comment is not feedback, bruno's is; grace's update has the director's.
    expect(result.stdout).toContain('## Awaiting feedback\n\n_Every update has feedback._\n');
  });

  it('counts only the reviewers’ comments when updates.reviewers names them', async () => {
    const s = (sandbox = await startSandbox({ seed, now: NOW }));
    const result = await run(s, ['update', 'summary', '--json'], `${CONFIG}  reviewers: [lee]\n`);
    expect(result.exitCode, result.stderr).toBe(0);
    const document = result.json<{ markdown: string; updates: Array<{ author: string; awaitingFeedback: boolean }>; notPosted: unknown }>();
    expect(document.updates.map((u) => [u.author, u.awaitingFeedback])).toEqual([
      ['amara', true],
      ['grace', false],
    ]);
    expect(document.notPosted).toEqual([{ template: 'em-weekly', authors: ['chen', 'dana'] }]);
    expect(document.markdown).toContain(`## Awaiting feedback\n\n- @amara: [Amara weekly](${s.url}/ops/updates/-/issues/2)\n`);
  });
});

describe("an update's key counts only for its own author", () => {
  const forgedSeed = (author: string): SeedDocument => ({
    users: [{ username: 'grace' }, { username: 'dana' }],
    groups: [{ path: 'ops', members: { grace: 'maintainer', dana: 'developer' } }],
    projects: [
      {
        path: 'ops/updates',
        issues: [
          {
            title: 'Looks like grace’s update',
            author,
            labels: ['OpsSection::AsyncUpdate'],
            created_at: '2026-11-17T08:00:00Z',
            description: 'Text.\n\n<!-- teamops:key=async-update/grace/em-weekly/week/2026-11-16 -->\n',
          },
        ],
      },
    ],
  });
  const print = (s: Sandbox) =>
    run(s, ['update', 'print', '--template', 'em-weekly', '--author', 'grace', '--create', '--dry-run', '--json']);

  it("is not grace's update when dana wrote it with grace's key: grace's is still to be opened", async () => {
    const s = (sandbox = await startSandbox({ seed: forgedSeed('dana'), now: NOW }));
    const result = await print(s);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.json<{ plan: { actions: Array<{ kind: string }> } }>().plan.actions.map((a) => a.kind)).toEqual(['create-issue']);
  });

  it('is grace’s update when grace wrote it with her own token', async () => {
    const s = (sandbox = await startSandbox({ seed: forgedSeed('grace'), now: NOW }));
    const result = await print(s);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.json<{ plan: { actions: unknown[] } }>().plan.actions).toEqual([]);
  });
});

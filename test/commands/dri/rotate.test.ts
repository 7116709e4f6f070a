import { afterEach, describe, expect, it } from 'vitest';
import {
  CONFIG,
  currentSandbox,
  driIssue,
  expectOk,
  issueOfWeek,
  issues,
  key,
  linksOf,
  MONDAY,
  PROJECT,
  rotate,
  start,
  stopSandbox,
  userNotes,
} from './world.js';

afterEach(stopSandbox);

describe('teamops dri rotate against the sandbox', () => {
  it("on a normal Monday opens the next DRI's issue, hands over open requests, comments and closes the previous issue", async () => {
    await start({
      driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1, links: ['distribution/omnibus#1', 'distribution/omnibus#2'] })],
      requests: [
        { iid: 1, title: 'Customer cannot upgrade to 17.5' },
        { iid: 2, title: 'Flaky package build', state: 'closed' },
        { iid: 3, title: 'Incident follow-up', labels: ['dri::active-request'] },
        { iid: 4, title: 'Unrelated work' },
      ],
    });
    const run = await rotate(['--yes']);
    expectOk(run);

    const [created, ...others] = await issueOfWeek(MONDAY);
    expect(others).toEqual([]);
    expect(run.stdout.trim()).toBe(created!.web_url);
    expect(created!.assignees.map((a) => a.username)).toEqual(['chen.wei']);
    expect(created!.labels).toEqual(['DRI']);
    expect(created!.description).toContain(`## DRI chen.wei (Chen Wei), ${MONDAY} to 2026-11-22`);
    expect(created!.description).toContain(`Taking over from bruno.silva in ${PROJECT}#1.`);
    expect(created!.description).toContain('- distribution/omnibus#1 Customer cannot upgrade to 17.5');
    expect(created!.description).toContain('- distribution/omnibus#3 Incident follow-up');
    expect(created!.description).not.toContain('omnibus#2');
    expect(created!.description).toContain(key(MONDAY));
    expect(await linksOf(created!.iid)).toEqual(['distribution/omnibus#1', 'distribution/omnibus#3']);

    const [previous] = await issueOfWeek('2026-11-09');
    expect(previous!.state).toBe('closed');
    const notes = await userNotes(1);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain(`@chen.wei is DRI for the week of ${MONDAY}`);
    expect(notes[0]!.body).toContain(created!.references.full);
    expect(notes[0]!.body).toContain(`teamops:key=dri-handover/${PROJECT}/${MONDAY}`);

    expect(run.stderr).toContain(`DRI for the week of ${MONDAY}: @chen.wei (after @bruno.silva)`);
    expect(run.stderr).toContain(`Issue template: "Distribution-DRI" from ${PROJECT}`);
    expect(run.writes.filter((w) => w.endsWith('/issues'))).toHaveLength(1);
  });

  it('does nothing when run again the same week, even later in the week', async () => {
    await start({
      driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1, links: ['distribution/omnibus#1'] })],
      requests: [{ iid: 1, title: 'Open request' }],
    });
    expectOk(await rotate(['--yes']));

    const again = await rotate(['--yes'], { now: '2026-11-19T15:00:00Z' });
    expectOk(again);
    expect(again.writes).toEqual([]);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('Nothing to do');
    expect(await issueOfWeek(MONDAY)).toHaveLength(1);
    expect(await userNotes(1)).toHaveLength(1);
  });

  it("for the first rotation ever assigns the roster's first member, from the bundled template when the project has none", async () => {
    await start({ template: null, requests: [{ iid: 7, title: 'Labelled request', labels: ['dri::active-request'] }] });
    const run = await rotate(['--yes']);
    expectOk(run);
    const [created] = await issueOfWeek(MONDAY);
    expect(created!.assignees.map((a) => a.username)).toEqual(['amara.okafor']);
    expect(created!.description).toContain(`## Distribution DRI for the week of ${MONDAY} to 2026-11-22`);
    expect(created!.description).toContain('**DRI:** @amara.okafor');
    expect(created!.description).toContain('- [ ] distribution/omnibus#7 Labelled request');
    expect(created!.description).not.toContain('Previous DRI');
    expect(await linksOf(created!.iid)).toEqual(['distribution/omnibus#7']);
    expect(run.stderr).toContain('first rotation');
    expect(run.stderr).toContain(`${PROJECT} has no "Distribution-DRI" issue template; using teamops' templates/dri.md`);
  });

  it.each([
    {
      name: 'wraps around after the last roster member',
      previous: 'dana.kowalski',
      world: {},
      expected: 'amara.okafor',
      skipped: [] as string[],
    },
    {
      name: 'skips someone whose GitLab status is Busy',
      previous: 'bruno.silva',
      world: { statuses: { 'chen.wei': { availability: 'busy' as const, message: 'Parental leave' } } },
      expected: 'dana.kowalski',
      skipped: ['@chen.wei: GitLab status is Busy ("Parental leave")'],
    },
    {
      name: 'does not skip a Busy status that clears before the week starts',
      previous: 'bruno.silva',
      world: { statuses: { 'chen.wei': { availability: 'busy' as const, clear_status_at: '2026-11-15T12:00:00Z' } } },
      expected: 'chen.wei',
      skipped: [],
    },
  ])('$name', async ({ previous, world, expected, skipped }) => {
    await start({ ...world, driIssues: [driIssue('2026-11-09', previous)] });
    const run = await rotate(['--dry-run', '--json']);
    expectOk(run);
    expect(run.writes).toEqual([]);
    const document = run.json<{
      dryRun: boolean;
      plan: { context: { dri: string; skipped: Array<{ username: string; reasons: string[] }> } };
    }>();
    expect(document.dryRun).toBe(true);
    expect(document.plan.context.dri).toBe(expected);
    expect(document.plan.context.skipped.map((s) => `@${s.username}: ${s.reasons.join('; ')}`)).toEqual(skipped);
  });

  it('skips someone away during the week (dri.absences) and says why', async () => {
    await start({ driIssues: [driIssue('2026-11-09', 'bruno.silva')] });
    const config = `${CONFIG}  absences:\n    chen.wei:\n      - { from: 2026-11-20, to: 2026-11-27 }\n`;
    const run = await rotate(['--yes'], { config });
    expectOk(run);
    expect(run.stderr).toContain('Skipped @chen.wei: away 2026-11-20 to 2026-11-27');
    const [created] = await issueOfWeek(MONDAY);
    expect(created!.assignees.map((a) => a.username)).toEqual(['dana.kowalski']);
  });

  it('--to assigns a substitute without changing the roster order for the next week', async () => {
    await start({ driIssues: [driIssue('2026-11-09', 'bruno.silva')] });
    const run = await rotate(['--yes', '--to', '@emeka.eze']);
    expectOk(run);
    expect(run.stderr).toContain(`DRI for the week of ${MONDAY}: @emeka.eze, substituting for @chen.wei`);
    const [created] = await issueOfWeek(MONDAY);
    expect(created!.assignees.map((a) => a.username)).toEqual(['emeka.eze']);

    const nextWeek = await rotate(['--yes'], { now: '2026-11-23T08:00:00Z' });
    expectOk(nextWeek);
    const [following] = await issueOfWeek('2026-11-23');
    expect(following!.assignees.map((a) => a.username)).toEqual(['dana.kowalski']);
  });

  it('names only the first and last missed weeks when many were missed', async () => {
    await start({ driIssues: [driIssue('2026-10-26', 'amara.okafor', { iid: 1 })] });
    const run = await rotate(['--dry-run', '--date', '2027-01-04']);
    expectOk(run);
    expect(run.stderr).toContain(
      `Catching up: 9 weeks were missed (2026-11-02, 2026-11-09, 2026-11-16, …, 2026-12-21, 2026-12-28); handing over from ${PROJECT}#1`,
    );
  });

  it('hands over from a DRI issue made by hand, found by its title', async () => {
    await start({
      driIssues: [
        { iid: 4, title: 'Distribution DRI rotation week of 2026-11-09', assignees: ['amara.okafor'], links: ['distribution/omnibus#1'] },
      ],
      requests: [{ iid: 1, title: 'Still open' }],
    });
    expectOk(await rotate(['--yes']));
    const [created] = await issueOfWeek(MONDAY);
    expect(created!.assignees.map((a) => a.username)).toEqual(['bruno.silva']);
    expect(await linksOf(created!.iid)).toEqual(['distribution/omnibus#1']);
    expect((await issueOfWeek('2026-11-09'))[0]!.state).toBe('closed');
  });

  it('catches up after missed weeks: one issue for this week, handed over from the stale one', async () => {
    await start({ driIssues: [driIssue('2026-10-26', 'amara.okafor', { iid: 1 })] });
    const run = await rotate(['--yes']);
    expectOk(run);
    expect(run.stderr).toContain(
      `Catching up: 2 weeks were missed (2026-11-02, 2026-11-09); handing over from ${PROJECT}#1, the week of 2026-10-26`,
    );
    const all = await issues();
    expect(all.map((i) => i.title).sort()).toEqual([
      'Distribution DRI rotation week of 2026-10-26',
      `Distribution DRI rotation week of ${MONDAY}`,
    ]);
    expect((await issueOfWeek(MONDAY))[0]!.assignees.map((a) => a.username)).toEqual(['bruno.silva']);
    expect((await issueOfWeek('2026-10-26'))[0]!.state).toBe('closed');
    expect((await userNotes(1))[0]!.body).toContain('2 rotations were missed');
  });

  it("uses the team's Monday when it has started there but UTC is still on Sunday", async () => {
    await start({ driIssues: [driIssue('2026-11-09', 'bruno.silva')] });
    const berlin = CONFIG.replace('Europe/Amsterdam', 'Europe/Berlin');
    const run = await rotate(['--yes'], { config: berlin, now: '2026-11-15T23:30:00Z' });
    expectOk(run);
    expect(await issueOfWeek(MONDAY)).toHaveLength(1);

    // The same instant in UTC is still the week of the 9th, whose issue exists: nothing to do.
    await currentSandbox().stop();
    await start({ driIssues: [driIssue('2026-11-09', 'bruno.silva')] });
    const utc = await rotate(['--yes'], { config: CONFIG.replace('Europe/Amsterdam', 'UTC'), now: '2026-11-15T23:30:00Z' });
    expectOk(utc);
    expect(utc.writes).toEqual([]);
    expect(await issueOfWeek(MONDAY)).toEqual([]);
  });

  // The loader reads a dri.template ending in .md as a file; the notes and errors once called any
  // template not from the project "teamops' templates/dri.md".
  it('makes the issue from a template file named by dri.template, and names the file', async () => {
    await start({ driIssues: [driIssue('2026-11-09', 'bruno.silva')] });
    const config = `${CONFIG}  template: team-dri.md\n`;
    const run = await rotate(['--yes'], { config, files: { 'team-dri.md': 'Our DRI: @{{ dri }}' } });
    expectOk(run);
    expect(run.stderr).toContain('Issue template: the file team-dri.md');
    const [created] = await issueOfWeek(MONDAY);
    expect(created!.description).toContain('Our DRI: @chen.wei');

    const bad = await rotate(['--yes', '--week', 'next'], { config, files: { 'team-dri.md': 'DRI {{ pager_rota }}' } });
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toContain('cannot rotate the DRI: the template file team-dri.md cannot be filled in');
    expect(bad.stderr).toContain('template "team-dri.md" uses {{ pager_rota }}');
  });

  it("--week next prepares next week's rotation ahead of time", async () => {
    await start({ driIssues: [driIssue(MONDAY, 'chen.wei')] });
    const run = await rotate(['--yes', '--week', 'next'], { now: '2026-11-20T10:00:00Z' });
    expectOk(run);
    const [created] = await issueOfWeek('2026-11-23');
    expect(created!.assignees.map((a) => a.username)).toEqual(['dana.kowalski']);
  });

  it('a lost response to the create is recovered by the key: still one issue', async () => {
    await start({ driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1 })] });
    currentSandbox().setFaults({ script: [{ method: 'POST', path: /\/issues$/, when: 'after', kind: 502, times: 1 }] });
    const run = await rotate(['--yes']);
    expectOk(run);
    expect(await issueOfWeek(MONDAY)).toHaveLength(1);
    expect(await userNotes(1)).toHaveLength(1);
    expect((await issueOfWeek('2026-11-09'))[0]!.state).toBe('closed');
  });

  it('a run that fails after the create is finished by a rerun, with exactly one new issue and one comment', async () => {
    await start({
      driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1, links: ['distribution/omnibus#1'] })],
      requests: [{ iid: 1, title: 'Open request' }],
    });
    currentSandbox().setFaults({
      script: [
        { method: 'POST', path: /\/issues$/, when: 'after', kind: 502, times: 1 },
        { method: 'POST', path: /\/notes$/, when: 'before', kind: 503, times: 1000 },
      ],
    });
    const first = await rotate(['--yes']);
    expect(first.exitCode).toBe(1);
    expect(first.stderr).toContain('run the same command again');
    expect(await issueOfWeek(MONDAY)).toHaveLength(1);
    expect(await userNotes(1)).toHaveLength(0);
    expect((await issueOfWeek('2026-11-09'))[0]!.state).toBe('opened');

    currentSandbox().setFaults({ script: [] });
    const rerun = await rotate(['--yes']);
    expectOk(rerun);
    expect(rerun.writes.filter((w) => w.endsWith('/issues'))).toEqual([]);
    const created = await issueOfWeek(MONDAY);
    expect(created).toHaveLength(1);
    expect(await linksOf(created[0]!.iid)).toEqual(['distribution/omnibus#1']);
    const notes = await userNotes(1);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain(created[0]!.references.full);
    expect((await issueOfWeek('2026-11-09'))[0]!.state).toBe('closed');

    expectOk(await rotate(['--yes']));
    expect(await issueOfWeek(MONDAY)).toHaveLength(1);
    expect(await userNotes(1)).toHaveLength(1);
  });

  it('--json --yes prints one document with the plan, who was chosen and what was done', async () => {
    await start({ driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1 })] });
    const run = await rotate(['--json', '--yes']);
    expectOk(run);
    const document = run.json<{
      schemaVersion: number;
      dryRun: boolean;
      plan: { context: { dri: string; previousDri: string; week: { start: string } } };
      results: Array<{ kind: string; status: string; issue?: { reference: string } }>;
      outcome: { done: number; failed: number };
    }>();
    expect(document).toMatchObject({ schemaVersion: 1, dryRun: false, outcome: { done: 3, failed: 0 } });
    expect(document.plan.context).toMatchObject({ dri: 'chen.wei', previousDri: 'bruno.silva', week: { start: MONDAY } });
    expect(document.results.map((r) => `${r.kind} ${r.status}`)).toEqual(['create-issue done', 'create-note done', 'close-issue done']);
    expect(document.results[0]!.issue!.reference).toBe(`${PROJECT}#2`);
  });

  it('--dry-run prints the plan in order and writes nothing', async () => {
    await start({
      driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1, links: ['distribution/omnibus#1'] })],
      requests: [{ iid: 1, title: 'Open request' }],
    });
    const run = await rotate(['--dry-run']);
    expectOk(run);
    expect(run.writes).toEqual([]);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      `+ issue "Distribution DRI rotation week of ${MONDAY}" in ${PROJECT}, assigned to @chen.wei`,
      '+ link distribution/omnibus#1 "Open request" to the new DRI issue',
      `+ hand-over comment on ${PROJECT}#1 mentioning @chen.wei`,
      `- close ${PROJECT}#1 (week of 2026-11-09, @bruno.silva)`,
      'Plan: 3 to create, 1 to close.',
    ]);
  });
});

describe('teamops dri rotate refuses bad input before any write', () => {
  it.each([
    {
      name: 'a roster member unknown to GitLab, and --to unknown too',
      config: CONFIG.replace('dana.kowalski', 'dana.kowalsky'),
      args: ['--to', 'nobody.here'],
      messages: ['dri.roster names dana.kowalsky, who is not a GitLab user', '--to names nobody.here, who is not a GitLab user'],
    },
    {
      name: '--to someone who is not a member of the project (GitLab would drop the assignee)',
      config: CONFIG,
      args: ['--to', 'outside.contractor'],
      messages: [`--to names outside.contractor, who is not a member of ${PROJECT}`],
    },
    { name: 'an empty roster', config: `dri:\n  project: ${PROJECT}\n  roster: []\n`, args: [], messages: ['dri.roster is empty'] },
    {
      name: 'a project that does not exist',
      config: CONFIG.replace(PROJECT, 'distribution/nope'),
      args: [],
      messages: ['project distribution/nope (dri.project) does not exist'],
    },
    { name: 'no project configured', config: `dri:\n  roster: [amara.okafor]\n`, args: [], messages: ['dri.project is not set'] },
    {
      name: 'an absence for someone not on the roster',
      config: `${CONFIG}  absences:\n    chen.wie: [{ from: 2026-11-16, to: 2026-11-17 }]\n`,
      args: [],
      messages: ['dri.absences names chen.wie, who is not on dri.roster'],
    },
    {
      name: 'a template variable teamops does not provide',
      template: 'DRI {{ dri }} on call {{ pager_rota }}',
      config: CONFIG,
      args: [],
      messages: [
        `the issue template "Distribution-DRI" of ${PROJECT} cannot be filled in`,
        'template "Distribution-DRI" uses {{ pager_rota }}, which teamops does not provide',
      ],
    },
    {
      // Only filling in a hand-over request shows this field is unknown; it must still fail before any write.
      name: 'an unknown field of a hand-over request',
      template: 'DRI {{ dri }}{% for request in handover %}\n- {{ request.colour }}{% endfor %}',
      requests: [{ iid: 1, title: 'Open request', labels: ['dri::active-request'] }],
      config: CONFIG,
      args: [],
      messages: ['template "Distribution-DRI" uses {{ request.colour }}, which teamops does not provide'],
    },
    {
      name: 'a template that is not valid Liquid',
      template: 'DRI {% if dri %}{{ dri }}',
      config: CONFIG,
      args: [],
      messages: ['template "Distribution-DRI" cannot be rendered'],
    },
    {
      name: 'a title without {week_start}',
      config: `${CONFIG}  title: DRI rotation\n`,
      args: [],
      messages: ['dri.title: the title must contain {week_start}'],
    },
    { name: 'an unknown cadence', config: `${CONFIG}  cadence: daily\n`, args: [], messages: ['dri.cadence'] },
    {
      name: 'a bad --week',
      config: CONFIG,
      args: ['--week', 'soon'],
      messages: ['--week must be a date as YYYY-MM-DD or "next", got "soon"'],
    },
  ])('$name', async ({ config, args, messages, template, requests }) => {
    await start({
      driIssues: [driIssue('2026-11-09', 'bruno.silva')],
      ...(template ? { template } : {}),
      ...(requests ? { requests } : {}),
    });
    const run = await rotate(['--yes', ...args], { config });
    expect(run.exitCode, run.stderr).toBe(3);
    for (const message of messages) expect(run.stderr).toContain(message);
    expect(run.writes).toEqual([]);
    expect(await issueOfWeek(MONDAY)).toEqual([]);
  });

  it('stops when everyone on the roster is away, naming --to', async () => {
    await start({ driIssues: [driIssue('2026-11-09', 'bruno.silva')], statuses: { 'amara.okafor': { availability: 'busy' } } });
    const config = `timezone: UTC\nteam:\n  name: Distribution\ndri:\n  project: ${PROJECT}\n  roster: [amara.okafor, chen.wei]\n  absences:\n    chen.wei: [{ from: 2026-11-22, to: 2026-11-22 }]\n`;
    const run = await rotate(['--yes'], { config });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain('nobody on dri.roster is available for the week of 2026-11-16');
    expect(run.stderr).toContain('--to');
    expect(run.writes).toEqual([]);
  });
});

describe('keys only count on what teamops wrote', () => {
  it("ignores next week's key on an issue a project member wrote: this week's rotation happens, and --week next hands over from the real issue", async () => {
    await start({
      driIssues: [
        driIssue('2026-11-09', 'bruno.silva', { iid: 1 }),
        {
          iid: 2,
          title: 'Please look at my build',
          description: `Nothing to do with the rotation\n\n${key('2026-11-23')}\n`,
          author: 'amara.okafor',
          created_at: '2026-11-15T08:00:00Z',
        },
      ],
    });

    const run = await rotate(['--yes']);
    expectOk(run);
    const [created] = await issueOfWeek(MONDAY);
    expect(created!.assignees.map((a) => a.username)).toEqual(['chen.wei']);
    expect((await issueOfWeek('2026-11-09'))[0]!.state).toBe('closed');

    const next = await rotate(['--week', 'next', '--yes']);
    expectOk(next);
    const [nextWeek] = await issueOfWeek('2026-11-23');
    expect(nextWeek!.assignees.map((a) => a.username)).toEqual(['dana.kowalski']);
    // This week's real issue was handed over from and closed; the member's issue is untouched.
    expect((await issues()).find((i) => i.iid === created!.iid)!.state).toBe('closed');
    const forged = (await issues()).find((i) => i.iid === 2)!;
    expect(forged.state).toBe('opened');
    expect(await userNotes(2)).toEqual([]);
  });

  it('trusts a key on an issue by a user named in keys.trusted_authors', async () => {
    await start({ driIssues: [driIssue(MONDAY, 'chen.wei', { iid: 1, author: 'emeka.eze', title: 'This week' })] });
    const untrusted = await rotate(['--dry-run']);
    expectOk(untrusted);
    expect(untrusted.stdout).toMatch(/^\+ .*Distribution DRI rotation week of 2026-11-16/m);

    const trusted = await rotate(['--dry-run'], { config: `${CONFIG}keys:\n  trusted_authors: [emeka.eze]\n` });
    expectOk(trusted);
    expect(trusted.stdout + trusted.stderr).toContain('The week of 2026-11-16 has its DRI issue');
  });

  it("never stores a marker that came from the project's template, only its own", async () => {
    await start({ template: `DRI {{ dri }}\n\n${key('2026-12-28')}\n<!--teamops:key=dri-rotation/${PROJECT}/2027-01-04-->\n` });
    expectOk(await rotate(['--yes']));
    const [created] = await issueOfWeek(MONDAY);
    expect(created!.description!.match(/teamops:key/g)).toHaveLength(1);
    expect(created!.description).toContain(key(MONDAY));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ritualWrites, startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig } from '../../support/run-cli.js';
import { ScriptedPrompter } from '../../support/scripted-prompter.js';
import { gitlabApi, okrConfig, okrSeed, writeOkrFile, type ApiIssue } from './fixtures.js';

// A quarter (2027-Q1) replayed week by week: the clock moves, teamops and the sandbox both follow it.

let sandbox: Sandbox;
let cwd: string;

interface ApiNote {
  id: number;
  body: string;
  system: boolean;
}

const okrFile = {
  quarter: '2027-Q1',
  team: 'distribution',
  objectives: [
    {
      title: 'Faster builds',
      project: 'distribution/okrs',
      key_results: [
        { title: 'Pipeline minutes', from: 95, to: 45, unit: 'minutes', project: 'distribution/omnibus', assignees: ['amara.okafor'] },
        { title: 'Cache hit rate', from: '40%', to: '80%', project: 'distribution/omnibus', assignees: ['bruno.silva'] },
        { title: 'Flaky tests', from: 30, to: 5, unit: 'tests', project: 'distribution/omnibus', assignees: ['bruno.silva', 'chen.wei'] },
      ],
    },
  ],
};

const env = () => ({ GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token });
const okr = (args: string[], now: string, options: Parameters<typeof runCli>[1] = {}) =>
  runCli(['okr', ...args], { cwd, env: env(), now, ...options });
const writesSince = (from: number) => ritualWrites(sandbox.requestLog.slice(from));
const issue = (iid: number) => gitlabApi(sandbox).api<ApiIssue>(`projects/distribution%2Fomnibus/issues/${iid}`);
const comments = async (iid: number) =>
  (await gitlabApi(sandbox).api<ApiNote[]>(`projects/distribution%2Fomnibus/issues/${iid}/notes?sort=asc&per_page=100`)).filter(
    (note) => !note.system,
  );
const checkinsOf = async (iid: number) => (await comments(iid)).filter((note) => note.body.includes('teamops:key=okr-checkin/'));
const remindersOf = async (iid: number) => (await comments(iid)).filter((note) => note.body.includes('teamops:key=okr-checkin-reminder/'));

beforeAll(async () => {
  sandbox = await startSandbox({ seed: okrSeed });
  cwd = withConfig(okrConfig);
  writeOkrFile(cwd, okrFile);
  const created = await okr(['create', '--file', 'okrs.yml', '--yes'], '2027-01-04T09:00:00Z');
  expect(created.exitCode, created.stderr).toBe(0);
});
afterAll(async () => {
  await sandbox.stop();
});

describe('okr checkin, week by week', () => {
  it('week 2: rewrites only the Current and Score lines and comments the value, the change since the start and the note', async () => {
    const before = (await issue(1)).description;
    const result = await okr(
      ['checkin', '--kr', 'distribution/omnibus#1', '--current', '85', '--note', 'cache warm-up landed', '--yes'],
      '2027-01-11T09:00:00Z',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const after = (await issue(1)).description;
    // (85 - 95) / (45 - 95) = 0.2
    expect(after).toBe(
      before.replace('- **Current:** 95 minutes', '- **Current:** 85 minutes').replace('- **Score:** 0.0', '- **Score:** 0.2'),
    );
    expect(after).not.toBe(before);
    const [checkin, ...others] = await checkinsOf(1);
    expect(others).toEqual([]);
    expect(checkin?.body).toContain('**OKR check-in, week 2027-W02** (2027-01-11)');
    expect(checkin?.body).toContain('> cache warm-up landed');
    expect(checkin?.body).toContain('- **Current:** 85 minutes');
    expect(checkin?.body).toContain('- **Change:** −10 minutes since the start of the quarter');
    expect(checkin?.body).toContain('- **Score:** 0.2');
    expect(result.stdout).toContain('distribution/omnibus#1\t85 minutes\t−10 minutes\t0.2\t');
  });

  it('a rerun the same week with the same value writes nothing', async () => {
    const from = sandbox.requestLog.length;
    const result = await okr(['checkin', '--kr', 'distribution/omnibus#1', '--current', '85', '--yes'], '2027-01-13T09:00:00Z');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('Nothing to do');
    expect(writesSince(from)).toEqual([]);
  });

  it('a new value the same week updates that week’s comment and keeps its note', async () => {
    const [first] = await checkinsOf(1);
    const result = await okr(['checkin', '--kr', 'distribution/omnibus#1', '--current', '80', '--yes'], '2027-01-13T10:00:00Z');
    expect(result.exitCode, result.stderr).toBe(0);
    const notes = await checkinsOf(1);
    expect(notes.map((n) => n.id)).toEqual([first?.id]);
    expect(notes[0]?.body).toContain('- **Current:** 80 minutes');
    expect(notes[0]?.body).toContain('- **Change:** −15 minutes since the start of the quarter');
    expect(notes[0]?.body).toContain('> cache warm-up landed');
    // (80 - 95) / (45 - 95) = 0.3
    expect((await issue(1)).description).toContain('- **Score:** 0.3');
  });

  it('week 3: the change is against the last check-in; percentages are read as percentages', async () => {
    const minutes = await okr(['checkin', '--kr', 'distribution/omnibus#1', '--current', '70', '--yes'], '2027-01-18T09:00:00Z');
    expect(minutes.exitCode, minutes.stderr).toBe(0);
    const notes = await checkinsOf(1);
    expect(notes).toHaveLength(2);
    expect(notes[1]?.body).toContain('- **Change:** −10 minutes since the last check-in (80 minutes, 2027-01-13)');
    // (70 - 95) / (45 - 95) = 0.5
    expect((await issue(1)).description).toContain('- **Current:** 70 minutes\n- **Score:** 0.5');

    const percent = await okr(['checkin', '--kr', 'distribution/omnibus#2', '--current', '52%', '--yes'], '2027-01-18T09:00:00Z');
    expect(percent.exitCode, percent.stderr).toBe(0);
    // (52 - 40) / (80 - 40) = 0.3
    expect((await issue(2)).description).toContain('- **Current:** 52%\n- **Score:** 0.3');
    expect((await checkinsOf(2))[0]?.body).toContain('- **Change:** +12% since the start of the quarter');
  });

  it('rejects a value that makes no sense for the key result, naming it, before any write', async () => {
    const from = sandbox.requestLog.length;
    const percent = await okr(['checkin', '--kr', 'distribution/omnibus#1', '--current', '60%'], '2027-01-19T09:00:00Z');
    expect(percent.exitCode).toBe(3);
    expect(percent.stderr).toContain('key result distribution/omnibus#1 "Pipeline minutes": --current "60%" is a percentage');
    const words = await okr(['checkin', '--kr', 'distribution/omnibus#3', '--current', 'lots'], '2027-01-19T09:00:00Z');
    expect(words.exitCode).toBe(3);
    expect(words.stderr).toContain('key result distribution/omnibus#3 "Flaky tests": --current "lots" is not a number');
    const negative = await okr(['checkin', '--kr', 'distribution/omnibus#3', '--current', '-4'], '2027-01-19T09:00:00Z');
    expect(negative.exitCode).toBe(3);
    expect(negative.stderr).toContain('is negative');
    const unknown = await okr(['checkin', '--kr', 'distribution/omnibus#99', '--current', '4'], '2027-01-19T09:00:00Z');
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toContain('distribution/omnibus#99 is not a key result of 2027-Q1');
    expect(writesSince(from)).toEqual([]);
  });

  it('asks on a terminal for each key result assigned to the user, showing the last check-in', async () => {
    const prompter = new ScriptedPrompter({ 'okr.checkin.current': ['62'], 'okr.checkin.note': ['flaky quarantine'] });
    const result = await okr(['checkin', '--yes'], '2027-01-19T09:00:00Z', {
      env: { ...env(), GITLAB_TOKEN: sandbox.tokenFor('chen.wei') },
      stdinTTY: true,
      stdoutTTY: true,
      prompter,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(prompter.asked).toEqual(['okr.checkin.current', 'okr.checkin.note']);
    expect((await checkinsOf(3))[0]?.body).toContain('- **Current:** 62 tests');
  });
});

describe('okr checkin flags', () => {
  it.each([
    [['--remind', '--kr', 'distribution/omnibus#1'], '--remind cannot be used with --kr'],
    [['--kr', 'distribution/omnibus#1'], '--kr needs --current'],
    [['--current', '4'], '--current needs --kr'],
    [['--kr', 'omnibus', '--current', '4'], '--kr must be an issue reference'],
    [[], 'missing --kr and --current'],
  ])('%j is a usage error off a terminal', async (args, message) => {
    const from = sandbox.requestLog.length;
    const result = await okr(['checkin', ...args], '2027-01-19T09:00:00Z');
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(message);
    expect(writesSince(from)).toEqual([]);
  });

  it('takes the issue URL for --kr', async () => {
    const result = await okr(
      ['checkin', '--kr', `${sandbox.url}/distribution/omnibus/-/issues/1`, '--current', '70', '--dry-run', '--json'],
      '2027-01-19T09:00:00Z',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.json<{ plan: { context: { checkins: Array<{ reference: string }> } } }>().plan.context.checkins[0]?.reference).toBe(
      'distribution/omnibus#1',
    );
  });
});

describe('okr checkin --remind', () => {
  it('week 3: reminds only the overdue key results, mentioning each person once a week', async () => {
    // #1 and #2 were checked in on 2027-01-18, #3 by chen.wei on 2027-01-19 (all week 3): nothing is overdue.
    const quiet = await okr(['checkin', '--remind', '--yes'], '2027-01-21T09:00:00Z');
    expect(quiet.exitCode, quiet.stderr).toBe(0);
    expect(await remindersOf(1)).toEqual([]);

    // Week 4: only #1 gets a new check-in; #2 (bruno.silva) and #3 (bruno.silva, chen.wei) are overdue.
    await okr(['checkin', '--kr', 'distribution/omnibus#1', '--current', '66', '--yes'], '2027-01-25T08:00:00Z');
    const from = sandbox.requestLog.length;
    const result = await okr(['checkin', '--remind', '--yes'], '2027-01-25T09:00:00Z');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(writesSince(from).map((w) => `${w.method} ${w.path}`)).toEqual([
      'POST /api/v4/projects/2/issues/2/notes',
      'POST /api/v4/projects/2/issues/3/notes',
    ]);
    expect(await remindersOf(1)).toEqual([]);
    const [two] = await remindersOf(2);
    const [three] = await remindersOf(3);
    expect(two?.body).toMatch(/^@bruno\.silva Please check in/);
    expect(two?.body).toContain('The last check-in was on 2027-01-18.');
    expect(three?.body).toMatch(/^@chen\.wei \(also bruno\.silva, reminded elsewhere this week\)/);
    expect(three?.body).not.toContain('@bruno.silva');
  });

  it('a rerun the same week writes nothing', async () => {
    const from = sandbox.requestLog.length;
    const result = await okr(['checkin', '--remind', '--yes'], '2027-01-27T09:00:00Z');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(writesSince(from)).toEqual([]);
  });

  it("counts a check-in written by hand only from the key result's assignees (or teamops): others cannot silence a reminder", async () => {
    const comment = (username: string, week: string, day: string) =>
      fetch(`${sandbox.url}/api/v4/projects/distribution%2Fomnibus/issues/2/notes`, {
        method: 'POST',
        headers: { 'PRIVATE-TOKEN': sandbox.tokenFor(username), 'content-type': 'application/json' },
        body: JSON.stringify({
          body: `Checked in on ${day}.\n\n- **Current:** 60%\n\n<!-- teamops:key=okr-checkin/distribution/omnibus#2/${week} -->\n`,
        }),
      });
    const overdue = async (now: string) =>
      (await okr(['checkin', '--remind', '--dry-run', '--json'], now))
        .json<{ plan: { context: { reminders: Array<{ reference: string }> } } }>()
        .plan.context.reminders.map((r) => r.reference);

    // amara.okafor is not an assignee of #2 (bruno.silva is).
    expect((await comment('amara.okafor', '2027-W05', '2027-02-01')).status).toBe(201);
    expect(await overdue('2027-02-01T09:00:00Z')).toContain('distribution/omnibus#2');
    expect((await comment('bruno.silva', '2027-W06', '2027-02-08')).status).toBe(201);
    expect(await overdue('2027-02-08T09:00:00Z')).not.toContain('distribution/omnibus#2');
  });
});

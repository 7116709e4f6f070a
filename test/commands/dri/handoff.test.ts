// The handbook's four hand-off options per active request, chosen by label or at the prompt, and
// planned swaps from dri.overrides, as GitLab sees them afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedPrompter } from '../../support/scripted-prompter.js';
import { runCli, withConfig } from '../../support/run-cli.js';
import {
  api,
  CONFIG,
  currentSandbox,
  driIssue,
  encoded,
  expectOk,
  issueOfWeek,
  linksOf,
  MONDAY,
  PROJECT,
  rotate,
  start,
  stopSandbox,
  userNotes,
  type ApiIssue,
} from './world.js';

afterEach(stopSandbox);

const OMNIBUS = 'distribution/omnibus';
const omnibusIssue = (iid: number) => api<ApiIssue>(`/projects/${encoded(OMNIBUS)}/issues/${iid}`);
const omnibusIssues = () => api<ApiIssue[]>(`/projects/${encoded(OMNIBUS)}/issues?per_page=100&state=all`);
const omnibusNotes = async (iid: number) =>
  (await api<Array<{ body: string; system: boolean }>>(`/projects/${encoded(OMNIBUS)}/issues/${iid}/notes?per_page=100`)).filter(
    (n) => !n.system,
  );
const omnibusLinks = async (iid: number) =>
  (await api<ApiIssue[]>(`/projects/${encoded(OMNIBUS)}/issues/${iid}/links`)).map((i) => i.references.full).sort();

const ACTIVE = 'dri::active-request';

describe('dri rotate hands each active request over as its label says', () => {
  async function startWithOneOfEach(): Promise<void> {
    await start({
      driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1 })],
      requests: [
        { iid: 1, title: 'Customer cannot upgrade', labels: [ACTIVE] },
        { iid: 2, title: 'Slow package mirror', labels: [ACTIVE, 'dri-handoff::sme'] },
        {
          iid: 3,
          title: 'Broken nightly build',
          labels: [ACTIVE, 'dri-handoff::close', 'type::bug'],
          notes: [
            { body: 'Looking into it', author: 'bruno.silva', created_at: '2026-11-10T09:00:00Z' },
            { body: 'Mitigation: pinned the builder image to 2026-11-01', author: 'bruno.silva', created_at: '2026-11-12T09:00:00Z' },
          ],
        },
        { iid: 4, title: 'Release checklist questions', labels: [ACTIVE, 'dri-handoff::sync'] },
      ],
    });
  }

  it('next, sme and sync are linked to the new issue; close opens a linked follow-up, comments the mitigation and closes', async () => {
    await startWithOneOfEach();
    const run = await rotate(['--yes']);
    expectOk(run);

    const [created] = await issueOfWeek(MONDAY);
    expect(await linksOf(created!.iid)).toEqual([`${OMNIBUS}#1`, `${OMNIBUS}#2`, `${OMNIBUS}#4`]);
    // The project template places no to_discuss, so the section comes at the end.
    expect(created!.description).toContain(
      `### To discuss\n\nPass these on synchronously at hand-over:\n- [ ] ${OMNIBUS}#4 Release checklist questions`,
    );
    expect(created!.description).not.toContain('Broken nightly build');

    const followUp = (await omnibusIssues()).find((i) => i.title === 'Follow-up: Broken nightly build');
    expect(followUp, 'the follow-up issue').toBeDefined();
    expect(followUp!.state).toBe('opened');
    expect(followUp!.labels).toEqual(['type::bug']);
    expect(followUp!.description).toContain('> pinned the builder image to 2026-11-01');
    expect(await omnibusLinks(3)).toEqual([followUp!.references.full]);

    const closed = await omnibusIssue(3);
    expect(closed.state).toBe('closed');
    // GitLab lists notes newest first.
    const [closingNote] = await omnibusNotes(3);
    expect(closingNote!.body).toContain('Closed at the DRI hand-over (week of 2026-11-16) with this mitigation:');
    expect(closingNote!.body).toContain(`Follow-up: ${followUp!.references.full}`);
    for (const iid of [1, 2, 4]) expect((await omnibusIssue(iid)).state).toBe('opened');

    const [handover] = await userNotes(1);
    expect(handover!.body).toContain(
      `These requests are still active and are now linked to the new issue:\n- ${OMNIBUS}#1 Customer cannot upgrade`,
    );
    expect(handover!.body).toContain(
      `@bruno.silva stays on as subject-matter expert for these (linked to the new issue):\n- ${OMNIBUS}#2 Slow package mirror`,
    );
    expect(handover!.body).toContain(`To discuss synchronously at hand-over`);
    expect(handover!.body).toContain(`- ${OMNIBUS}#3 Broken nightly build (follow-up: ${followUp!.references.full})`);
    expect((await issueOfWeek('2026-11-09'))[0]!.state).toBe('closed');

    const again = await rotate(['--yes']);
    expectOk(again);
    expect(again.writes).toEqual([]);
  });

  it('a run cut off after the follow-up is finished by a rerun with one follow-up', async () => {
    await startWithOneOfEach();
    currentSandbox().setFaults({ script: [{ method: 'POST', path: /\/notes$/, when: 'before', kind: 500, times: 99 }] });
    const failed = await rotate(['--yes', '--concurrency', '1']);
    expect(failed.exitCode).toBe(1);
    expect((await omnibusIssue(3)).state).toBe('opened');
    currentSandbox().setFaults({ script: [] });

    expectOk(await rotate(['--yes']));
    expect((await omnibusIssues()).filter((i) => i.title === 'Follow-up: Broken nightly build')).toHaveLength(1);
    expect((await omnibusIssue(3)).state).toBe('closed');
  });

  it('a close label without a documented mitigation hands the request to the next DRI, with a warning', async () => {
    await start({
      driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1 })],
      requests: [{ iid: 3, title: 'Broken nightly build', labels: [ACTIVE, 'dri-handoff::close'] }],
    });
    const run = await rotate(['--yes']);
    expectOk(run);
    expect(run.stderr).toContain(`${OMNIBUS}#3 is labelled dri-handoff::close but has no "Mitigation:" comment, so it is not closed`);
    expect((await omnibusIssue(3)).state).toBe('opened');
    expect(await linksOf((await issueOfWeek(MONDAY))[0]!.iid)).toEqual([`${OMNIBUS}#3`]);
  });

  it('the hand-off labels are configurable', async () => {
    await start({
      driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1 })],
      requests: [{ iid: 2, title: 'Slow package mirror', labels: [ACTIVE, 'handoff::expert'] }],
    });
    const config = `${CONFIG}  handoff_labels:\n    sme: handoff::expert\n`;
    const run = await rotate(['--dry-run', '--json'], { config });
    expectOk(run);
    const document = run.json<{ plan: { context: { handover: Array<{ reference: string; option: string }> } } }>();
    expect(document.plan.context.handover).toEqual([expect.objectContaining({ reference: `${OMNIBUS}#2`, option: 'sme' })]);
  });

  it('at a terminal it asks for each request without a hand-off label, and for the mitigation of one to close', async () => {
    await start({
      driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1 })],
      requests: [
        { iid: 1, title: 'Customer cannot upgrade', labels: [ACTIVE] },
        { iid: 2, title: 'Slow package mirror', labels: [ACTIVE] },
        { iid: 4, title: 'Release checklist questions', labels: [ACTIVE, 'dri-handoff::sync'] },
      ],
    });
    const prompter = new ScriptedPrompter({
      'dri.handoff': ['close', 'sme'],
      'dri.mitigation': 'Sent the customer the manual upgrade steps',
      apply: true,
    });
    const run = await rotate([], { prompter, stdinTTY: true, stdoutTTY: true });
    expectOk(run);
    expect(prompter.asked).toEqual(['dri.handoff', 'dri.mitigation', 'dri.handoff', 'apply']);
    expect((await omnibusIssue(1)).state).toBe('closed');
    expect((await omnibusNotes(1))[0]!.body).toContain('> Sent the customer the manual upgrade steps');
    const [created] = await issueOfWeek(MONDAY);
    expect(await linksOf(created!.iid)).toEqual([`${OMNIBUS}#2`, `${OMNIBUS}#4`]);
    expect((await userNotes(1))[0]!.body).toContain(`@bruno.silva stays on as subject-matter expert`);
  });
});

describe('planned swaps (dri.overrides)', () => {
  const withSwap = `${CONFIG}  overrides:\n    2026-11-18: emeka.eze\n`;

  it('dri schedule shows the swap, and the roster order continues after it', async () => {
    await start({ driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1 })] });
    const run = await runCli(['dri', 'schedule', '--weeks', '3', '--json'], {
      cwd: withConfig(withSwap),
      env: { GITLAB_HOST: currentSandbox().url, GITLAB_TOKEN: currentSandbox().token },
    });
    expectOk(run);
    const weeks = run.json<{ weeks: Array<{ weekStart: string; dri: string; rotationMember: string; plannedSwap: string | null }> }>()
      .weeks;
    expect(weeks.map((w) => [w.weekStart, w.dri, w.rotationMember, w.plannedSwap])).toEqual([
      ['2026-11-16', 'emeka.eze', 'chen.wei', '2026-11-18'],
      ['2026-11-23', 'dana.kowalski', 'dana.kowalski', null],
      ['2026-11-30', 'amara.okafor', 'amara.okafor', null],
    ]);
  });

  it('dri rotate applies it as --to would, and says so', async () => {
    await start({ driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1 })] });
    const run = await rotate(['--yes'], { config: withSwap });
    expectOk(run);
    const [created] = await issueOfWeek(MONDAY);
    expect(created!.assignees.map((a) => a.username)).toEqual(['emeka.eze']);
    expect(created!.description).toContain('teamops:dri-rotation-member=chen.wei');

    const next = await rotate(['--yes'], { config: withSwap, now: '2026-11-23T08:00:00Z' });
    expectOk(next);
    expect((await issueOfWeek('2026-11-23'))[0]!.assignees.map((a) => a.username)).toEqual(['dana.kowalski']);
  });

  it('--to wins over a planned swap, with a warning', async () => {
    await start({ driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1 })] });
    const run = await rotate(['--dry-run', '--to', 'amara.okafor'], { config: withSwap });
    expectOk(run);
    expect(run.stderr).toContain('--to amara.okafor replaces the planned swap to @emeka.eze (dri.overrides, 2026-11-18)');
  });

  it('a swap to someone who is not a member is refused before any write', async () => {
    await start({ driIssues: [driIssue('2026-11-09', 'bruno.silva', { iid: 1 })] });
    const run = await rotate(['--yes'], { config: `${CONFIG}  overrides:\n    2026-11-18: outside.contractor\n` });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain('dri.overrides names outside.contractor, who is not a member of distribution/team-tasks');
    expect(run.writes).toEqual([]);
  });
});

describe('defaults named after the team', () => {
  it('a team without a name gets "DRI rotation week of …" from the bundled template', async () => {
    await start({ template: null, driIssues: [] });
    const config = CONFIG.replace('team:\n  name: Distribution\n', '');
    const run = await rotate(['--yes'], { config });
    expectOk(run);
    expect(run.stderr).toContain(`${PROJECT} has no "DRI" issue template; using teamops' templates/dri.md`);
    const created = (await api<ApiIssue[]>(`/projects/${encoded(PROJECT)}/issues`)).find(
      (i) => i.title === `DRI rotation week of ${MONDAY}`,
    );
    expect(created!.description).toMatch(/^## DRI for the week of 2026-11-16/);
  });

  it('team.name names the title, the template and the bundled heading', async () => {
    await start({ template: null, driIssues: [] });
    const config = CONFIG.replace('name: Distribution', 'name: Platform');
    const run = await rotate(['--yes'], { config });
    expectOk(run);
    expect(run.stderr).toContain(`${PROJECT} has no "Platform-DRI" issue template`);
    const created = (await api<ApiIssue[]>(`/projects/${encoded(PROJECT)}/issues`)).find(
      (i) => i.title === `Platform DRI rotation week of ${MONDAY}`,
    );
    expect(created!.description).toMatch(/^## Platform DRI for the week of 2026-11-16/);
  });
});

import { describe, expect, it } from 'vitest';
import type { CreateIssueAction, CreateNoteAction, LinkIssuesAction } from '../../../src/plan/plan.js';
import type { DriIssue, DriRotationState, DriSettings } from '../../../src/rituals/dri/model.js';
import { planDriRotation } from '../../../src/rituals/dri/plan-rotation.js';
import { driIssue, MONDAY, PROJECT, request, settings, state } from './fixtures.js';

interface WhoIsNextCase {
  name: string;
  issues: () => DriIssue[];
  absences?: DriSettings['absences'];
  busy?: DriRotationState['busy'];
  expected: string;
  skipped: string[];
}

describe('planDriRotation: who is next', () => {
  it.each<WhoIsNextCase>([
    {
      name: 'normal Monday: the next after the previous DRI',
      issues: () => [driIssue('2026-11-09', 'bruno')],
      expected: 'chen',
      skipped: [],
    },
    { name: "first rotation ever: the roster's first member", issues: () => [], expected: 'amara', skipped: [] },
    { name: 'wrap-around after the last member', issues: () => [driIssue('2026-11-09', 'dana')], expected: 'amara', skipped: [] },
    {
      name: 'after a substitute, the roster order goes on from whose turn it was',
      issues: () => [driIssue('2026-11-09', 'emeka', { rotationMember: 'bruno' })],
      expected: 'chen',
      skipped: [],
    },
    {
      name: 'an absence on any day of the week skips the person',
      issues: () => [driIssue('2026-11-09', 'bruno')],
      absences: { chen: [{ from: '2026-11-22', to: '2026-11-30' }] },
      expected: 'dana',
      skipped: ['chen'],
    },
    {
      name: 'an absence that ended before the week does not',
      issues: () => [driIssue('2026-11-09', 'bruno')],
      absences: { chen: [{ from: '2026-11-02', to: '2026-11-15' }] },
      expected: 'chen',
      skipped: [],
    },
    {
      name: 'a Busy status without an end skips the person',
      issues: () => [driIssue('2026-11-09', 'bruno')],
      busy: { chen: { message: 'On leave', until: null } },
      expected: 'dana',
      skipped: ['chen'],
    },
    {
      name: 'a Busy status that clears before the week does not',
      issues: () => [driIssue('2026-11-09', 'bruno')],
      busy: { chen: { message: null, until: '2026-11-15' } },
      expected: 'chen',
      skipped: [],
    },
    {
      name: 'several people away in a row, wrapping around',
      issues: () => [driIssue('2026-11-09', 'chen')],
      absences: { dana: [{ from: '2026-11-16', to: '2026-11-16' }] },
      busy: { amara: { message: null, until: null } },
      expected: 'bruno',
      skipped: ['dana', 'amara'],
    },
  ])('$name', ({ issues, absences, busy, expected, skipped }) => {
    const plan = planDriRotation(
      state({ settings: settings({ absences: absences ?? {} }), issues: issues(), busy: busy ?? {} }),
      { week: MONDAY },
      MONDAY,
    );
    expect(plan.context.dri).toBe(expected);
    expect(plan.context.skipped.map((s) => s.username)).toEqual(skipped);
    const create = plan.actions.find((a): a is CreateIssueAction => a.kind === 'create-issue');
    expect(create?.issue.assigneeIds).toEqual([['amara', 'bruno', 'chen', 'dana', 'emeka'].indexOf(expected) + 1]);
  });

  it('says why each person was skipped', () => {
    const plan = planDriRotation(
      state({
        settings: settings({ absences: { chen: [{ from: '2026-11-18', to: '2026-11-20' }] } }),
        issues: [driIssue('2026-11-09', 'bruno')],
        busy: { dana: { message: 'Conference', until: '2026-11-17' } },
      }),
      { week: MONDAY },
      MONDAY,
    );
    expect(plan.context.skipped).toEqual([
      { username: 'chen', reasons: ['away 2026-11-18 to 2026-11-20'] },
      { username: 'dana', reasons: ['GitLab status is Busy ("Conference") until 2026-11-17'] },
    ]);
    expect(plan.context.dri).toBe('amara');
  });

  it('--to names a substitute and records whose turn it was', () => {
    const plan = planDriRotation(state({ issues: [driIssue('2026-11-09', 'bruno')] }), { week: MONDAY, substitute: 'emeka' }, MONDAY);
    expect(plan.context).toMatchObject({ dri: 'emeka', rotationMember: 'chen', substituteFor: 'chen' });
    const create = plan.actions[0] as CreateIssueAction;
    expect(create.issue.assigneeIds).toEqual([5]);
    expect(create.issue.description).toContain('<!-- teamops:dri-rotation-member=chen -->');
  });

  it('plans nothing and says so when everyone is away', () => {
    const plan = planDriRotation(
      state({
        settings: settings({ roster: ['amara', 'bruno'], absences: { amara: [{ from: MONDAY, to: MONDAY }] } }),
        busy: { bruno: { message: null, until: null } },
      }),
      { week: MONDAY },
      MONDAY,
    );
    expect(plan.actions).toEqual([]);
    expect(plan.context.outcome).toBe('nobody-available');
    expect(plan.warnings.join('\n')).toContain('pass --to USERNAME');
  });
});

describe('planDriRotation: the hand-over', () => {
  it('creates, links, comments and closes, each step after the one before', () => {
    const previous = driIssue('2026-11-09', 'bruno');
    const plan = planDriRotation(
      state({
        issues: [previous],
        previousLinks: [request(5), request(6, { state: 'closed' })],
        labelledRequests: [request(5), request(9)],
      }),
      { week: MONDAY },
      MONDAY,
    );
    expect(plan.actions.map((a) => a.kind)).toEqual(['create-issue', 'link-issues', 'link-issues', 'create-note', 'close-issue']);
    const [create, link5, link9, note, close] = plan.actions as [
      CreateIssueAction,
      LinkIssuesAction,
      LinkIssuesAction,
      CreateNoteAction,
      LinkIssuesAction,
    ];
    expect(create.key).toBe(`dri-rotation/${PROJECT}/2026-11-16`);
    expect(create.issue).toMatchObject({ title: 'Distribution DRI rotation week of 2026-11-16', labels: ['DRI'], assigneeIds: [3] });
    expect(create.issue.description).toContain('DRI @chen from 2026-11-16, after bruno. distribution/omnibus#5 distribution/omnibus#9');
    expect([link5.target, link9.target]).toEqual([
      { project: 7, iid: 5 },
      { project: 7, iid: 9 },
    ]);
    expect(link5.source).toEqual({ project: PROJECT, createdBy: create.key });
    expect(note.key).toBe(`dri-handover/${PROJECT}/2026-11-16`);
    expect(note.target).toEqual({ project: PROJECT, iid: previous.iid });
    expect(note.body).toContain(`@chen is DRI for the week of 2026-11-16 (until 2026-11-22): {{ref:${create.key}}}`);
    expect(note.after).toEqual([link5.key, link9.key]);
    expect(close.after).toEqual([note.key]);
    expect(plan.context.handover.map((h) => h.reference)).toEqual(['distribution/omnibus#5', 'distribution/omnibus#9']);
  });

  it('does not hand over DRI issues themselves', () => {
    const older = driIssue('2026-11-02', 'amara', { state: 'closed' });
    const previous = driIssue('2026-11-09', 'bruno');
    const plan = planDriRotation(
      state({ issues: [older, previous], previousLinks: [{ ...request(1), id: older.id, reference: older.reference }] }),
      { week: MONDAY },
      MONDAY,
    );
    expect(plan.actions.map((a) => a.kind)).toEqual(['create-issue', 'create-note', 'close-issue']);
  });

  it('finishes an interrupted rotation without creating anything twice', () => {
    const previous = driIssue('2026-11-09', 'bruno');
    const target = driIssue(MONDAY, 'chen');
    const plan = planDriRotation(
      state({ issues: [previous, target], previousLinks: [request(5), request(9)], linkedToTarget: [request(5).id] }),
      { week: MONDAY },
      MONDAY,
    );
    expect(plan.actions.map((a) => `${a.kind} ${a.summary}`)).toEqual([
      `link-issues link distribution/omnibus#9 "request 9" to ${target.reference}`,
      `create-note hand-over comment on ${previous.reference} mentioning @chen`,
      `close-issue close ${previous.reference} (week of 2026-11-09, @bruno)`,
    ]);
    const note = plan.actions[1] as CreateNoteAction;
    expect(note.body).toContain(`: ${target.reference}`);
    expect(plan.unchanged.map((u) => u.summary)).toEqual([
      `DRI issue for the week of 2026-11-16: ${target.reference} (@chen)`,
      `distribution/omnibus#5 is linked to ${target.reference}`,
    ]);
  });

  it('has nothing to do once the week is rotated', () => {
    const previous = driIssue('2026-11-09', 'bruno', { state: 'closed' });
    const target = driIssue(MONDAY, 'chen');
    const plan = planDriRotation(
      state({ issues: [previous, target], labelledRequests: [request(12)], previousNoteKeys: [`dri-handover/${PROJECT}/2026-11-16`] }),
      { week: MONDAY },
      MONDAY,
    );
    expect(plan.actions).toEqual([]);
    expect(plan.context.outcome).toBe('already-rotated');
    expect(plan.unchanged).toHaveLength(3);
  });

  it('catches up after missed weeks: one issue for this week, handed over from the stale one', () => {
    const stale = driIssue('2026-10-26', 'amara');
    const plan = planDriRotation(state({ issues: [stale] }), { week: MONDAY }, MONDAY);
    expect(plan.context.missedRotations).toEqual(['2026-11-02', '2026-11-09']);
    expect(plan.context.dri).toBe('bruno');
    expect(plan.actions.filter((a) => a.kind === 'create-issue')).toHaveLength(1);
    const note = plan.actions.find((a): a is CreateNoteAction => a.kind === 'create-note');
    expect(note?.target).toEqual({ project: PROJECT, iid: stale.iid });
    expect(note?.body).toContain('2 rotations were missed');
  });

  it.each([
    { cadence: 'biweekly', previous: '2026-11-09', outcome: 'rotation-continues', nextHandover: '2026-11-23' },
    { cadence: 'biweekly', previous: '2026-11-02', outcome: 'rotate', nextHandover: '2026-11-30' },
    { cadence: 'monthly', previous: '2026-11-02', outcome: 'rotation-continues', nextHandover: '2026-12-07' },
    { cadence: 'monthly', previous: '2026-10-05', outcome: 'rotate', nextHandover: '2026-12-07' },
  ] as const)('a $cadence rotation from $previous, on 2026-11-16: $outcome', ({ cadence, previous, outcome, nextHandover }) => {
    const plan = planDriRotation(
      state({ settings: settings({ cadence }), issues: [driIssue(previous, 'bruno')] }),
      { week: MONDAY },
      MONDAY,
    );
    expect(plan.context.outcome).toBe(outcome);
    expect(plan.actions.length > 0).toBe(outcome === 'rotate');
    expect(plan.context.nextHandover).toBe(nextHandover);
  });

  it('closes only the previous issue and warns about older ones left open', () => {
    const forgotten = driIssue('2026-11-02', 'amara');
    const plan = planDriRotation(state({ issues: [forgotten, driIssue('2026-11-09', 'bruno')] }), { week: MONDAY }, MONDAY);
    expect(plan.actions.filter((a) => a.kind === 'close-issue')).toHaveLength(1);
    expect(plan.warnings).toEqual([
      `older DRI issues are still open: ${forgotten.reference} (week of 2026-11-02); teamops closes only the previous one, so close these by hand`,
    ]);
  });

  it('refuses to rotate backwards when a later week has its issue already', () => {
    const plan = planDriRotation(
      state({ issues: [driIssue('2026-11-09', 'bruno'), driIssue('2026-11-23', 'chen')] }),
      { week: MONDAY },
      MONDAY,
    );
    expect(plan.actions).toEqual([]);
    expect(plan.context.outcome).toBe('later-issue-exists');
    expect(plan.warnings[0]).toContain('hand over backwards');
  });
});

describe('planDriRotation: the template', () => {
  it('refuses a template it cannot fill in, naming the template and the variable', () => {
    const template = { name: 'Distribution-DRI', source: 'project' as const, text: 'DRI {{ dri }} on call {{ pager_rota }}' };
    expect(() => planDriRotation(state({ template }), { week: MONDAY }, MONDAY)).toThrow(
      `cannot rotate the DRI: the issue template "Distribution-DRI" of ${PROJECT} cannot be filled in`,
    );
    expect(() => planDriRotation(state({ template }), { week: MONDAY }, MONDAY)).toThrow(
      'uses {{ pager_rota }}, which teamops does not provide',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { CreateIssueAction, CreateNoteAction, LinkIssuesAction } from '../../src/plan/plan.js';
import {
  nextRotationStart,
  planDriRotation,
  planDriSchedule,
  recogniseDriIssue,
  resolveWeek,
  titleMatcher,
  type DriIssue,
  type DriRotationState,
  type DriSettings,
  type RequestIssue,
} from '../../src/rituals/dri-rotation.js';

const PROJECT = 'distribution/team-tasks';
const TEMPLATE = 'DRI @{{ dri }} from {{ week_start }}, after {{ previous_dri }}.{% for r in handover %} {{ r.reference }}{% endfor %}';

const settings = (overrides: Partial<DriSettings> = {}): DriSettings => ({
  project: PROJECT,
  roster: ['amara', 'bruno', 'chen', 'dana'],
  templateName: 'Distribution-DRI',
  title: 'Distribution DRI rotation week of {week_start}',
  labels: ['DRI'],
  cadence: 'weekly',
  weekStartsOn: 'monday',
  absences: {},
  activeRequestLabel: 'dri::active-request',
  ...overrides,
});

let nextId = 100;
function driIssue(weekStart: string, assignee: string | null, overrides: Partial<DriIssue> = {}): DriIssue {
  nextId += 1;
  return {
    id: nextId,
    iid: nextId - 100,
    title: `Distribution DRI rotation week of ${weekStart}`,
    weekStart,
    assignee,
    rotationMember: assignee,
    state: 'opened',
    reference: `${PROJECT}#${nextId - 100}`,
    webUrl: `https://gitlab.test/${PROJECT}/-/issues/${nextId - 100}`,
    foundBy: 'key',
    ...overrides,
  };
}

function request(iid: number, overrides: Partial<RequestIssue> = {}): RequestIssue {
  return {
    id: 1000 + iid,
    iid,
    projectId: 7,
    title: `request ${iid}`,
    state: 'opened',
    reference: `distribution/omnibus#${iid}`,
    webUrl: `https://gitlab.test/distribution/omnibus/-/issues/${iid}`,
    ...overrides,
  };
}

function state(overrides: Partial<DriRotationState> = {}): DriRotationState {
  const base = overrides.settings ?? settings();
  return {
    settings: base,
    members: [...base.roster, 'emeka'].map((username, i) => ({ username, id: i + 1, name: username.toUpperCase() })),
    issues: [],
    busy: {},
    template: { name: 'Distribution-DRI', source: 'project', text: TEMPLATE },
    previousLinks: [],
    labelledRequests: [],
    linkedToTarget: [],
    previousNoteKeys: [],
    ...overrides,
  };
}

const MONDAY = '2026-11-16';

describe('resolveWeek', () => {
  it.each([
    { spec: undefined, today: '2026-11-16', weekday: 'monday', expected: '2026-11-16' },
    { spec: undefined, today: '2026-11-22', weekday: 'monday', expected: '2026-11-16' },
    { spec: 'next', today: '2026-11-18', weekday: 'monday', expected: '2026-11-23' },
    { spec: '2026-11-19', today: '2026-11-16', weekday: 'monday', expected: '2026-11-16' },
    { spec: undefined, today: '2026-11-16', weekday: 'sunday', expected: '2026-11-15' },
    { spec: '2027-01-01', today: '2026-11-16', weekday: 'monday', expected: '2026-12-28' },
  ] as const)('$spec on $today (weeks start on $weekday) is the week of $expected', ({ spec, today, weekday, expected }) => {
    expect(resolveWeek(spec, today, weekday)).toBe(expected);
  });
});

describe('nextRotationStart', () => {
  it.each([
    { start: '2026-11-16', cadence: 'weekly', expected: '2026-11-23' },
    { start: '2026-12-28', cadence: 'weekly', expected: '2027-01-04' },
    { start: '2026-11-16', cadence: 'biweekly', expected: '2026-11-30' },
    { start: '2026-11-02', cadence: 'monthly', expected: '2026-12-07' },
    { start: '2026-11-16', cadence: 'monthly', expected: '2026-12-07' },
    { start: '2026-12-07', cadence: 'monthly', expected: '2027-01-04' },
    { start: '2027-01-04', cadence: 'monthly', expected: '2027-02-01' },
  ] as const)('a $cadence rotation from $start hands over on $expected', ({ start, cadence, expected }) => {
    expect(nextRotationStart(start, cadence, 'monday')).toBe(expected);
  });
});

describe('recognising DRI issues', () => {
  const facts = { id: 1, iid: 1, state: 'opened' as const, assignees: ['bruno'], reference: `${PROJECT}#1`, webUrl: 'u', description: 'x' };
  it.each([
    { what: 'teamops key', title: 'anything', key: `dri-rotation/${PROJECT}/2026-11-09`, expected: { weekStart: '2026-11-09', foundBy: 'key' } },
    { what: 'title made by hand', title: 'Distribution DRI rotation week of 2026-11-09', key: null, expected: { weekStart: '2026-11-09', foundBy: 'title' } },
    { what: 'hand-made title naming a Wednesday', title: 'distribution dri rotation week of  2026-11-11 ', key: null, expected: { weekStart: '2026-11-09', foundBy: 'title' } },
    { what: 'key of another project', title: 'x', key: 'dri-rotation/other/project/2026-11-09', expected: null },
    { what: 'unrelated issue', title: 'Distribution DRI rotation notes', key: null, expected: null },
  ])('finds the week from the $what', ({ title, key, expected }) => {
    const found = recogniseDriIssue({ ...facts, title, key }, settings());
    expect(found === null ? null : { weekStart: found.weekStart, foundBy: found.foundBy }).toEqual(expected);
  });

  it('reads whose turn it was from the marker a substitution leaves', () => {
    const found = recogniseDriIssue(
      { ...facts, assignees: ['emeka'], title: 'x', description: 'x\n\n<!-- teamops:dri-rotation-member=chen -->', key: `dri-rotation/${PROJECT}/2026-11-09` },
      settings(),
    );
    expect(found).toMatchObject({ assignee: 'emeka', rotationMember: 'chen' });
  });

  it('matches titles with {week_end} too', () => {
    expect(titleMatcher('DRI {week_start} to {week_end}')('DRI 2026-11-16 to 2026-11-22')).toBe('2026-11-16');
  });
});

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
    { name: 'normal Monday: the next after the previous DRI', issues: () => [driIssue('2026-11-09', 'bruno')], expected: 'chen', skipped: [] },
    { name: 'first rotation ever: the roster\'s first member', issues: () => [], expected: 'amara', skipped: [] },
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
    const plan = planDriRotation(state({ settings: settings({ absences: absences ?? {} }), issues: issues(), busy: busy ?? {} }), { week: MONDAY }, MONDAY);
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
      state({ settings: settings({ roster: ['amara', 'bruno'], absences: { amara: [{ from: MONDAY, to: MONDAY }] } }), busy: { bruno: { message: null, until: null } } }),
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
    const [create, link5, link9, note, close] = plan.actions as [CreateIssueAction, LinkIssuesAction, LinkIssuesAction, CreateNoteAction, LinkIssuesAction];
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
    const plan = planDriRotation(state({ settings: settings({ cadence }), issues: [driIssue(previous, 'bruno')] }), { week: MONDAY }, MONDAY);
    expect(plan.context.outcome).toBe(outcome);
    expect(plan.actions.length > 0).toBe(outcome === 'rotate');
    expect(plan.context.nextHandover).toBe(nextHandover);
  });

  it('closes only the previous issue and warns about older ones left open', () => {
    const forgotten = driIssue('2026-11-02', 'amara');
    const plan = planDriRotation(state({ issues: [forgotten, driIssue('2026-11-09', 'bruno')] }), { week: MONDAY }, MONDAY);
    expect(plan.actions.filter((a) => a.kind === 'close-issue')).toHaveLength(1);
    expect(plan.warnings).toEqual([`older DRI issues are still open: ${forgotten.reference} (week of 2026-11-02); teamops closes only the previous one, so close these by hand`]);
  });

  it('refuses to rotate backwards when a later week has its issue already', () => {
    const plan = planDriRotation(state({ issues: [driIssue('2026-11-09', 'bruno'), driIssue('2026-11-23', 'chen')] }), { week: MONDAY }, MONDAY);
    expect(plan.actions).toEqual([]);
    expect(plan.context.outcome).toBe('later-issue-exists');
    expect(plan.warnings[0]).toContain('hand over backwards');
  });
});

describe('planDriSchedule', () => {
  const rows = (schedule: ReturnType<typeof planDriSchedule>) => schedule.weeks.map((w) => `${w.weekStart} ${w.dri} ${w.source}${w.skipped.length ? ` skipped ${w.skipped.map((s) => s.username).join(',')}` : ''}`);

  it('starts from the current issue and plans the weeks after it, wrapping and skipping', () => {
    const schedule = planDriSchedule(
      state({ settings: settings({ absences: { amara: [{ from: '2026-11-30', to: '2026-12-01' }] } }), issues: [driIssue(MONDAY, 'chen')] }),
      { from: MONDAY, weeks: 5 },
      MONDAY,
    );
    expect(rows(schedule)).toEqual([
      '2026-11-16 chen issue',
      '2026-11-23 dana planned',
      '2026-11-30 bruno planned skipped amara',
      '2026-12-07 chen planned',
      '2026-12-14 dana planned',
    ]);
  });

  it('plans this week as rotate would when nobody has rotated yet, and applies Busy only to the next rotation', () => {
    const schedule = planDriSchedule(state({ issues: [driIssue('2026-11-09', 'bruno')], busy: { chen: { message: null, until: null } } }), { from: MONDAY, weeks: 4 }, MONDAY);
    expect(rows(schedule)).toEqual(['2026-11-16 dana planned skipped chen', '2026-11-23 amara planned', '2026-11-30 bruno planned', '2026-12-07 chen planned']);
  });

  it('keeps a DRI for both weeks of a biweekly rotation and uses issues created ahead', () => {
    const schedule = planDriSchedule(
      state({ settings: settings({ cadence: 'biweekly' }), issues: [driIssue('2026-11-09', 'bruno'), driIssue('2026-11-23', 'emeka', { rotationMember: 'chen' })] }),
      { from: MONDAY, weeks: 5 },
      MONDAY,
    );
    expect(rows(schedule)).toEqual(['2026-11-16 bruno issue', '2026-11-23 emeka issue', '2026-11-30 emeka issue', '2026-12-07 dana planned', '2026-12-14 dana planned']);
    expect(schedule.weeks.map((w) => w.startsRotation)).toEqual([false, true, false, true, false]);
  });
});

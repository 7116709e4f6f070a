import { describe, expect, it } from 'vitest';
import type { CloseMilestoneAction, UpdateIssueAction, UpdateMergeRequestAction } from '../../src/plan/plan.js';
import {
  callOutFor,
  chooseMilestones,
  closeProblem,
  describeRollover,
  missedLabelFor,
  missedMilestones,
  planMilestoneRollover,
  type RolloverItem,
  type RolloverMilestone,
  type RolloverRequest,
  type RolloverState,
} from '../../src/rituals/milestone-rollover.js';

let nextId = 100;
function milestone(title: string, startDate: string | null, dueDate: string | null, extra: Partial<RolloverMilestone> = {}): RolloverMilestone {
  nextId += 1;
  return {
    id: nextId,
    title,
    state: 'active',
    startDate,
    dueDate,
    webUrl: `https://gitlab.test/groups/g/-/milestones/${nextId}`,
    owner: { kind: 'group', id: 7 },
    ...extra,
  };
}

const m165 = milestone('16.5', '2026-10-10', '2026-11-09');
const m166 = milestone('16.6', '2026-11-10', '2026-12-09');
const m167 = milestone('16.7', '2026-12-10', '2027-01-09');
const m164closed = milestone('16.4', '2026-09-10', '2026-10-09', { state: 'closed' });
const scopeName = 'group g';

describe('chooseMilestones', () => {
  const ok = (
    name: string,
    milestones: RolloverMilestone[],
    request: { from?: string; to?: string },
    today: string,
    expected: { from: string; to: string; warning?: RegExp },
  ) => ({ name, milestones, request, today, expected });

  it.each([
    ok('the milestone that ended most recently, then the one starting next', [m164closed, m165, m166, m167], {}, '2026-11-16', { from: '16.5', to: '16.6' }),
    ok('the due date itself counts as ended', [m165, m166], {}, '2026-11-09', { from: '16.5', to: '16.6' }),
    ok('the next milestone even across a gap in the calendar', [m165, milestone('17.0', '2027-01-20', '2027-02-20')], {}, '2026-11-16', { from: '16.5', to: '17.0' }),
    ok('a milestone with only a due date begins on it', [m165, milestone('Nov', null, '2026-11-30'), milestone('Dec', null, '2026-12-31')], {}, '2026-11-16', { from: '16.5', to: 'Nov' }),
    ok('ignores closed milestones for both defaults', [m165, milestone('16.6-old', '2026-11-10', '2026-12-09', { state: 'closed' }), m166], {}, '2026-11-16', { from: '16.5', to: '16.6' }),
    ok('skips a milestone nested inside the ending one', [milestone('Q4', '2026-10-01', '2026-11-13'), milestone('sprint', '2026-10-15', '2026-10-30'), m166], {}, '2026-11-16', { from: 'Q4', to: '16.6' }),
    ok('--from picks the start point for the default --to', [m165, m166, m167], { from: '16.6' }, '2026-11-16', { from: '16.6', to: '16.7' }),
    ok('--to alone keeps the default --from', [m165, m166, m167], { to: '16.7' }, '2026-11-16', { from: '16.5', to: '16.7' }),
    ok('the closed milestone that ended most recently when no active one has (a rerun after --close)', [m164closed, milestone('16.5', '2026-10-12', '2026-11-09', { state: 'closed' }), m166, m167], {}, '2026-11-16', { from: '16.5', to: '16.6' }),
    ok('a closed --from is allowed (rolling over what was left behind)', [m164closed, m165], { from: '16.4', to: '16.5' }, '2026-11-16', { from: '16.4', to: '16.5' }),
    ok('warns about other ended milestones left behind', [milestone('16.3', '2026-08-10', '2026-09-09'), m165, m166], {}, '2026-11-16', { from: '16.5', to: '16.6', warning: /"16\.3".*--from/ }),
    ok('warns when the target is already overdue', [m165, m166], { from: '16.5', to: '16.6' }, '2026-12-20', { from: '16.5', to: '16.6', warning: /"16\.6" is already past its due date/ }),
  ])('$name', ({ milestones, request, today, expected }) => {
    const choice = chooseMilestones(milestones, { ...request, scopeName }, today);
    if (!choice.ok) throw new Error(choice.problems.join('\n'));
    expect({ from: choice.from.title, to: choice.to.title }).toEqual({ from: expected.from, to: expected.to });
    if (expected.warning) expect(choice.warnings.join('\n')).toMatch(expected.warning);
  });

  const fails = (name: string, milestones: RolloverMilestone[], request: { from?: string; to?: string }, today: string, expected: RegExp[]) => ({
    name,
    milestones,
    request,
    today,
    expected,
  });

  it.each([
    fails('no milestone has ended yet', [m166, m167], {}, '2026-11-01', [/no active milestone in group g is due on or before 2026-11-01/, /"16\.6".*"16\.7"/, /pass --from TITLE/]),
    fails('two milestones ended on the same day', [m165, milestone('Team B 16.5', '2026-10-12', '2026-11-09'), m166], {}, '2026-11-16', [
      /2 active milestones ended on 2026-11-09/,
      /"16\.5" \(group milestone/,
      /"Team B 16\.5"/,
      /pass --from/,
    ]),
    fails('two milestones start on the same next day', [m165, m166, milestone('Team B 16.6', '2026-11-10', '2026-12-01')], {}, '2026-11-16', [
      /2 active milestones start on 2026-11-10/,
      /"Team B 16\.6"/,
      /pass --to/,
    ]),
    fails('nothing starts after the ended milestone', [m164closed, m165], {}, '2026-11-16', [/no active milestone in group g starts after "16\.5"/, /create the next milestone or pass --to TITLE/]),
    fails('an unknown --from lists the active milestones', [m165, m166], { from: '16.9' }, '2026-11-16', [/--from "16\.9": no such milestone in group g; active milestones: "16\.5".*"16\.6"/]),
    fails('an unknown --to with a case-only difference suggests the right title', [m165, milestone('Release Train', '2026-11-10', '2026-12-01')], { to: 'release train' }, '2026-11-16', [
      /--to "release train".*did you mean "Release Train"/,
    ]),
    fails('--from equal to --to', [m165, m166], { from: '16.5', to: '16.5' }, '2026-11-16', [/--from and --to are both "16\.5"/]),
    fails('--to equal to the default --from', [m165, m166], { to: '16.5' }, '2026-11-16', [/--from and --to are both "16\.5"/]),
    fails('a closed target milestone', [m164closed, m165], { from: '16.5', to: '16.4' }, '2026-11-16', [/--to "16\.4" is closed; reopen it in GitLab or pass an active milestone/]),
    fails('two milestones with the same title', [m165, milestone('16.6', '2026-11-10', '2026-12-09', { owner: { kind: 'project', id: 3 } }), m166], { to: '16.6' }, '2026-11-16', [
      /--to "16\.6" matches 2 milestones/,
      /project milestone/,
    ]),
    fails('unknown --from and --to are both reported', [m165], { from: 'a', to: 'b' }, '2026-11-16', [/--from "a"/, /--to "b"/]),
  ])('fails clearly when $name', ({ milestones, request, today, expected }) => {
    const choice = chooseMilestones(milestones, { ...request, scopeName }, today);
    expect(choice.ok).toBe(false);
    const text = choice.ok ? '' : choice.problems.join('\n');
    for (const pattern of expected) expect(text).toMatch(pattern);
  });
});

describe('closeProblem', () => {
  const own = (kind: 'project' | 'group', id: number) => milestone('M', '2026-10-10', '2026-11-09', { owner: { kind, id } });

  it.each([
    { name: "a project's own milestone, from the project", from: own('project', 3), scope: { kind: 'project' as const, id: 3, name: 'project g/app' } },
    { name: "a group's own milestone, from the group", from: own('group', 7), scope: { kind: 'group' as const, id: 7, name: 'group g' } },
  ])('lets --close close $name', ({ from, scope }) => {
    expect(closeProblem(from, scope)).toBeNull();
  });

  // Every project below the group can use its milestone; closing it would strand their open issues.
  it.each([
    { name: 'a group milestone, from one of its projects', from: own('group', 7), scope: { kind: 'project' as const, id: 3, name: 'project g/app' } },
    { name: "a parent group's milestone, from a subgroup", from: own('group', 7), scope: { kind: 'group' as const, id: 8, name: 'group g/team' } },
  ])('refuses to close $name', ({ from, scope }) => {
    expect(closeProblem(from, scope)).toBe(
      `--close: "M" is a milestone of a group above ${scope.name}, and projects outside it may still have open issues in it; roll over that group with --group to close it, or leave out --close`,
    );
  });
});

describe('missed labels and slips', () => {
  it.each([
    { pattern: 'missed:{milestone}', labels: ['bug', 'missed:16.3', 'missed:16.4'], expected: ['16.3', '16.4'] },
    { pattern: 'missed:{milestone}', labels: ['missed:', 'missed'], expected: [] },
    { pattern: 'slipped::{milestone}::rollover', labels: ['slipped::16.4::rollover', 'slipped::16.4'], expected: ['16.4'] },
    { pattern: '{milestone}-missed', labels: ['16.4-missed', 'Nov 2026-missed', 'missed'], expected: ['16.4', 'Nov 2026'] },
  ])('reads $expected from $labels with $pattern', ({ pattern, labels, expected }) => {
    expect(missedMilestones(labels, pattern)).toEqual(expected);
  });

  it('fills the pattern with the missed milestone', () => {
    expect(missedLabelFor('missed:{milestone}', '16.5')).toBe('missed:16.5');
  });

  it.each([
    [0, null],
    [1, null],
    [2, 'retrospective'],
    [3, 'escalate'],
    [5, 'escalate'],
  ] as const)('%i slips call for %s', (slips, callOut) => {
    expect(callOutFor(slips)).toBe(callOut);
  });
});

describe('planMilestoneRollover', () => {
  const issue = (iid: number, labels: string[] = [], project = 'g/app'): RolloverItem => ({
    kind: 'issue',
    projectId: project === 'g/app' ? 1 : 2,
    iid,
    reference: `${project}#${iid}`,
    title: `Issue ${iid}`,
    webUrl: `https://gitlab.test/${project}/-/issues/${iid}`,
    labels,
  });
  const mr = (iid: number, labels: string[] = []): RolloverItem => ({
    kind: 'merge-request',
    projectId: 1,
    iid,
    reference: `g/app!${iid}`,
    title: `MR ${iid}`,
    webUrl: `https://gitlab.test/g/app/-/merge_requests/${iid}`,
    labels,
  });
  const state = (open: RolloverItem[], alreadyMoved: RolloverItem[] = [], from = m165): RolloverState => ({ scope: 'g', from, to: m166, open, alreadyMoved });
  const request = (overrides: Partial<RolloverRequest> = {}): RolloverRequest => ({
    missedLabelPattern: 'missed:{milestone}',
    addMissedLabel: true,
    close: false,
    assignee: null,
    includeMergeRequests: false,
    ...overrides,
  });

  it('moves each open item with one update that sets the milestone and adds the missed label', () => {
    const plan = planMilestoneRollover(state([issue(2, ['bug']), mr(4)]), request({ includeMergeRequests: true }), '2026-11-16');
    expect(plan.actions).toHaveLength(2);
    const [moveIssue, moveMr] = plan.actions as [UpdateIssueAction, UpdateMergeRequestAction];
    expect(moveIssue).toMatchObject({ kind: 'update-issue', target: { project: 1, iid: 2 }, change: { milestoneId: m166.id, addLabels: ['missed:16.5'] } });
    // Never the full label set: add_labels keeps labels people added meanwhile.
    expect(moveIssue.change).not.toHaveProperty('labels');
    expect(moveMr).toMatchObject({ kind: 'update-merge-request', project: 1, iid: 4, change: { milestoneId: m166.id, addLabels: ['missed:16.5'] } });
    expect(moveIssue.summary).toBe('move g/app#2 "Issue 2" from "16.5" to "16.6", add missed:16.5 (1st slip)');
  });

  it('adds no label with --no-missed-label but still counts this milestone as a slip', () => {
    const plan = planMilestoneRollover(state([issue(2, ['missed:16.4'])]), request({ addMissedLabel: false }), '2026-11-16');
    expect((plan.actions[0] as UpdateIssueAction).change).toEqual({ milestoneId: m166.id });
    expect(plan.context.items[0]).toMatchObject({ slips: 2, missed: ['16.4', '16.5'], callOut: 'retrospective' });
    expect(plan.context.missedLabel).toBeNull();
  });

  it.each([
    { labels: [], slips: 1, callOut: null },
    { labels: ['missed:16.4'], slips: 2, callOut: 'retrospective' },
    { labels: ['missed:16.3', 'missed:16.4'], slips: 3, callOut: 'escalate' },
    { labels: ['missed:16.2', 'missed:16.3', 'missed:16.4', 'bug'], slips: 4, callOut: 'escalate' },
    // A label for this very milestone (someone added it by hand) is not counted twice.
    { labels: ['missed:16.5'], slips: 1, callOut: null },
  ])('an item labelled $labels is at $slips slips', ({ labels, slips, callOut }) => {
    const plan = planMilestoneRollover(state([issue(1, labels)]), request(), '2026-11-16');
    expect(plan.context.items[0]).toMatchObject({ slips, callOut });
    expect(plan.context.counts).toMatchObject({ retrospective: callOut === 'retrospective' ? 1 : 0, escalate: callOut === 'escalate' ? 1 : 0 });
  });

  it('orders the moves by project and then iid as a number', () => {
    const plan = planMilestoneRollover(state([issue(10), issue(9), issue(1, [], 'g/api'), issue(2)]), request(), '2026-11-16');
    expect(plan.actions.map((a) => a.key)).toEqual([
      'milestone-rollover/issue/g/api#1',
      'milestone-rollover/issue/g/app#2',
      'milestone-rollover/issue/g/app#9',
      'milestone-rollover/issue/g/app#10',
    ]);
  });

  it('shows items moved by an earlier run as unchanged and keeps them in the report', () => {
    const plan = planMilestoneRollover(state([issue(3)], [issue(1, ['missed:16.4', 'missed:16.5'])]), request(), '2026-11-16');
    expect(plan.actions.map((a) => a.key)).toEqual(['milestone-rollover/issue/g/app#3']);
    expect(plan.unchanged).toEqual([
      { key: 'milestone-rollover/issue/g/app#1', summary: 'g/app#1 already moved to "16.6" (missed:16.5)', url: 'https://gitlab.test/g/app/-/issues/1' },
    ]);
    expect(plan.context.items.map((i) => [i.reference, i.status, i.slips])).toEqual([
      ['g/app#1', 'already-moved', 2],
      ['g/app#3', 'move', 1],
    ]);
    expect(plan.context.counts).toEqual({ toMove: 1, alreadyMoved: 1, retrospective: 1, escalate: 0 });
  });

  it('is empty when everything was moved already', () => {
    const plan = planMilestoneRollover(state([], [issue(1, ['missed:16.5'])]), request(), '2026-11-16');
    expect(plan.actions).toEqual([]);
    expect(plan.unchanged).toHaveLength(1);
  });

  it('closes the milestone only after every move, in the milestone owner scope', () => {
    const plan = planMilestoneRollover(state([issue(1), issue(2)]), request({ close: true }), '2026-11-16');
    const close = plan.actions.at(-1) as CloseMilestoneAction;
    expect(close).toMatchObject({ kind: 'close-milestone', scope: { kind: 'group', ref: 7 }, milestoneId: m165.id });
    expect(close.after).toEqual(['milestone-rollover/issue/g/app#1', 'milestone-rollover/issue/g/app#2']);
  });

  it('closes an emptied milestone with nothing to move', () => {
    const plan = planMilestoneRollover(state([]), request({ close: true }), '2026-11-16');
    expect(plan.actions).toMatchObject([{ kind: 'close-milestone', after: [] }]);
  });

  it('does not close an already closed milestone again', () => {
    const plan = planMilestoneRollover(state([], [], m164closed), request({ close: true }), '2026-11-16');
    expect(plan.actions).toEqual([]);
    expect(plan.unchanged).toMatchObject([{ summary: 'milestone "16.4" is already closed' }]);
  });

  it('carries the report as the plan context and the warnings it was given', () => {
    const plan = planMilestoneRollover(state([issue(1, ['missed:16.3', 'missed:16.4'])]), request({ assignee: 'amara', warnings: ['w'] }), '2026-11-16');
    expect(plan).toMatchObject({ command: 'milestone rollover', scope: 'g', date: '2026-11-16', warnings: ['w'] });
    expect(plan.context).toMatchObject({
      from: { id: m165.id, title: '16.5', dueDate: '2026-11-09' },
      to: { id: m166.id, title: '16.6', startDate: '2026-11-10' },
      assignee: 'amara',
      missedLabel: 'missed:16.5',
      items: [{ reference: 'g/app#1', webUrl: 'https://gitlab.test/g/app/-/issues/1', slips: 3, missed: ['16.3', '16.4', '16.5'], callOut: 'escalate' }],
    });
  });

  it('describes the rollover and calls out repeated slips with links', () => {
    const plan = planMilestoneRollover(
      state([issue(1), issue(2, ['missed:16.4']), issue(3, ['missed:16.3', 'missed:16.4']), mr(5)]),
      request({ includeMergeRequests: true, assignee: 'amara' }),
      '2026-11-16',
    );
    expect(describeRollover(plan.context)).toEqual([
      'Rollover from "16.5" (due 2026-11-09) to "16.6" (starts 2026-11-10): 3 issues and 1 merge request assigned to @amara to move.',
      'Slipped twice (handbook: hold a retrospective): 1',
      '  g/app#2 "Issue 2" missed "16.4", "16.5": https://gitlab.test/g/app/-/issues/2',
      'Slipped three or more times (handbook: escalate for a larger evaluation): 1',
      '  g/app#3 "Issue 3" missed "16.3", "16.4", "16.5": https://gitlab.test/g/app/-/issues/3',
    ]);
  });
});

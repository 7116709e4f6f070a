import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import type { CloseMilestoneAction, UpdateIssueAction, UpdateMergeRequestAction } from '../../../src/plan/plan.js';
import type { RolloverItem } from '../../../src/rituals/milestone/model.js';
import { planRollover } from '../../../src/rituals/milestone/plan-rollover.js';
import { issue, m164closed, m165, m166, milestone, mr, request, state } from './fixtures.js';

describe('planRollover', () => {
  it('moves each open item with one update that sets the milestone and adds the missed label', () => {
    const plan = planRollover(state([issue(2, ['bug']), mr(4)]), request({ includeMergeRequests: true }), '2026-11-16');
    expect(plan.actions).toHaveLength(2);
    const [moveIssue, moveMr] = plan.actions as [UpdateIssueAction, UpdateMergeRequestAction];
    expect(moveIssue).toMatchObject({
      kind: 'update-issue',
      target: { project: 1, iid: 2 },
      change: { milestoneId: m166.id, addLabels: ['missed:16.5'] },
    });
    // Never the full label set: add_labels keeps labels people added meanwhile.
    expect(moveIssue.change).not.toHaveProperty('labels');
    expect(moveMr).toMatchObject({
      kind: 'update-merge-request',
      project: 1,
      iid: 4,
      change: { milestoneId: m166.id, addLabels: ['missed:16.5'] },
    });
    expect(moveIssue.summary).toBe('move g/app#2 "Issue 2" from "16.5" to "16.6", add missed:16.5 (1st slip)');
  });

  it('adds no label with --no-missed-label but still counts this milestone as a slip', () => {
    const plan = planRollover(state([issue(2, ['missed:16.4'])]), request({ addMissedLabel: false }), '2026-11-16');
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
    const plan = planRollover(state([issue(1, labels)]), request(), '2026-11-16');
    expect(plan.context.items[0]).toMatchObject({ slips, callOut });
    expect(plan.context.counts).toMatchObject({
      retrospective: callOut === 'retrospective' ? 1 : 0,
      escalate: callOut === 'escalate' ? 1 : 0,
    });
  });

  it('orders the moves by project and then iid as a number', () => {
    const plan = planRollover(state([issue(10), issue(9), issue(1, [], 'g/api'), issue(2)]), request(), '2026-11-16');
    expect(plan.actions.map((a) => a.key)).toEqual([
      'milestone-rollover/issue/g/api#1',
      'milestone-rollover/issue/g/app#2',
      'milestone-rollover/issue/g/app#9',
      'milestone-rollover/issue/g/app#10',
    ]);
  });

  it('shows items moved by an earlier run as unchanged and keeps them in the report', () => {
    const plan = planRollover(state([issue(3)], [issue(1, ['missed:16.4', 'missed:16.5'])]), request(), '2026-11-16');
    expect(plan.actions.map((a) => a.key)).toEqual(['milestone-rollover/issue/g/app#3']);
    expect(plan.unchanged).toEqual([
      {
        key: 'milestone-rollover/issue/g/app#1',
        summary: 'g/app#1 already moved to "16.6" (missed:16.5)',
        url: 'https://gitlab.test/g/app/-/issues/1',
      },
    ]);
    expect(plan.context.items.map((i) => [i.reference, i.status, i.slips])).toEqual([
      ['g/app#1', 'already-moved', 2],
      ['g/app#3', 'move', 1],
    ]);
    expect(plan.context.counts).toEqual({ toMove: 1, alreadyMoved: 1, retrospective: 1, escalate: 0 });
  });

  it('is empty when everything was moved already', () => {
    const plan = planRollover(state([], [issue(1, ['missed:16.5'])]), request(), '2026-11-16');
    expect(plan.actions).toEqual([]);
    expect(plan.unchanged).toHaveLength(1);
  });

  it('closes the milestone only after every move, in the milestone owner scope', () => {
    const plan = planRollover(state([issue(1), issue(2)]), request({ close: true }), '2026-11-16');
    const close = plan.actions.at(-1) as CloseMilestoneAction;
    expect(close).toMatchObject({ kind: 'close-milestone', scope: { kind: 'group', ref: 7 }, milestoneId: m165.id });
    expect(close.after).toEqual(['milestone-rollover/issue/g/app#1', 'milestone-rollover/issue/g/app#2']);
  });

  it('closes an emptied milestone with nothing to move', () => {
    const plan = planRollover(state([]), request({ close: true }), '2026-11-16');
    expect(plan.actions).toMatchObject([{ kind: 'close-milestone', after: [] }]);
  });

  it('does not close an already closed milestone again', () => {
    const plan = planRollover(state([], [], m164closed), request({ close: true }), '2026-11-16');
    expect(plan.actions).toEqual([]);
    expect(plan.unchanged).toMatchObject([{ summary: 'milestone "16.4" is already closed' }]);
  });

  // The planner chooses the milestones now, so the warnings are its own, not ones it is given.
  it('carries the report as the plan context and the warnings from choosing the milestones', () => {
    const leftBehind = milestone('16.3', '2026-08-10', '2026-09-09');
    const ended = { ...state([issue(1, ['missed:16.3', 'missed:16.4'])]), assignee: 'amara', milestones: [leftBehind, m165, m166] };
    const plan = planRollover(ended, request({ assignee: 'amara' }), '2026-11-16');
    expect(plan).toMatchObject({
      command: 'milestone rollover',
      scope: 'g',
      date: '2026-11-16',
      warnings: ['other active milestones ended earlier and are not rolled over in this run: "16.3" (use --from)'],
    });
    expect(plan.context).toMatchObject({
      from: { id: m165.id, title: '16.5', dueDate: '2026-11-09' },
      to: { id: m166.id, title: '16.6', startDate: '2026-11-10' },
      assignee: 'amara',
      missedLabel: 'missed:16.5',
      items: [
        {
          reference: 'g/app#1',
          webUrl: 'https://gitlab.test/g/app/-/issues/1',
          slips: 3,
          missed: ['16.3', '16.4', '16.5'],
          callOut: 'escalate',
        },
      ],
    });
  });

  describe('chooses the milestones and the items from what was read', () => {
    const at = (milestoneTitle: string, item: RolloverItem): RolloverItem => ({ ...item, milestoneTitle });

    it('moves only the open items of the chosen milestone, and counts as moved only the labelled items in the target', () => {
      const read = {
        ...state([]),
        open: [at('16.5', issue(1)), at('Team B 16.5', issue(2))],
        labelled: [at('16.6', issue(3, ['missed:16.5'])), at('16.7', issue(4, ['missed:16.5'])), at('16.6', issue(5, ['missed:16.4']))],
      };
      const plan = planRollover(read, request({ from: '16.5' }), '2026-11-16');
      expect(plan.actions.map((a) => a.key)).toEqual(['milestone-rollover/issue/g/app#1']);
      expect(plan.unchanged.map((u) => u.key)).toEqual(['milestone-rollover/issue/g/app#3']);
    });

    it('lists every problem together: the person, the milestones', () => {
      const plan = () => planRollover({ ...state([]), assignee: null }, request({ from: 'M9', to: 'M8', assignee: 'zed' }), '2026-11-16');
      expect(plan).toThrow(ValidationError);
      expect(problemsOf(plan)).toEqual([
        '--assignee: no GitLab user is called @zed',
        expect.stringMatching(/^--from "M9": no such milestone in group g/),
        expect.stringMatching(/^--to "M8": no such milestone in group g/),
      ]);
    });

    it('names the scope it cannot read, with the person, and nothing about milestones', () => {
      const unreadable = {
        scope: { problem: 'group g does not exist, or the token cannot see it' },
        assignee: null,
        milestones: [],
        open: [],
        labelled: [],
      };
      expect(problemsOf(() => planRollover(unreadable, request({ assignee: 'zed' }), '2026-11-16'))).toEqual([
        'group g does not exist, or the token cannot see it',
        '--assignee: no GitLab user is called @zed',
      ]);
    });

    it('refuses --close of a group milestone from a project', () => {
      const project = { ...state([issue(1)]), scope: { kind: 'project' as const, id: 3, path: 'g/app' } };
      expect(problemsOf(() => planRollover(project, request({ close: true, scopeName: 'project g/app' }), '2026-11-16'))).toEqual([
        expect.stringMatching(/^--close: "16\.5" is a milestone of a group above project g\/app/),
      ]);
    });

    it.each([
      {
        name: 'a comma in the milestone title',
        title: '16.5, late',
        pattern: 'missed:{milestone}',
        problem: /has a comma in its title, so the label "missed:16\.5, late" cannot be added/,
      },
      {
        name: 'a label longer than 255 characters',
        title: '16.5',
        pattern: `${'x'.repeat(252)}{milestone}`,
        problem: /is longer than GitLab's 255 characters; pass a shorter --missed-label/,
      },
    ])('refuses a missed label GitLab would not take: $name', ({ title, pattern, problem }) => {
      const from = milestone(title, '2026-10-10', '2026-11-09');
      const problems = problemsOf(() => planRollover(state([issue(1)], [], from), request({ missedLabelPattern: pattern }), '2026-11-16'));
      expect(problems).toEqual([expect.stringMatching(problem)]);
      // Without a label there is nothing for GitLab to refuse.
      expect(() =>
        planRollover(state([issue(1)], [], from), request({ missedLabelPattern: pattern, addMissedLabel: false }), '2026-11-16'),
      ).not.toThrow();
    });
  });
});

function problemsOf(plan: () => unknown): string[] {
  try {
    plan();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error('planned without a problem');
}

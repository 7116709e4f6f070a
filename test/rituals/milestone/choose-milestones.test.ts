import { describe, expect, it } from 'vitest';
import { chooseMilestones, rolloverCandidates } from '../../../src/rituals/milestone/choose-milestones.js';
import type { RolloverMilestone } from '../../../src/rituals/milestone/model.js';
import { m164closed, m165, m166, m167, milestone, scopeName } from './fixtures.js';

describe('chooseMilestones', () => {
  const ok = (
    name: string,
    milestones: RolloverMilestone[],
    request: { from?: string; to?: string },
    today: string,
    expected: { from: string; to: string; warning?: RegExp },
  ) => ({ name, milestones, request, today, expected });

  it.each([
    ok('the milestone that ended most recently, then the one starting next', [m164closed, m165, m166, m167], {}, '2026-11-16', {
      from: '16.5',
      to: '16.6',
    }),
    ok('the due date itself counts as ended', [m165, m166], {}, '2026-11-09', { from: '16.5', to: '16.6' }),
    ok('the next milestone even across a gap in the calendar', [m165, milestone('17.0', '2027-01-20', '2027-02-20')], {}, '2026-11-16', {
      from: '16.5',
      to: '17.0',
    }),
    ok(
      'a milestone with only a due date begins on it',
      [m165, milestone('Nov', null, '2026-11-30'), milestone('Dec', null, '2026-12-31')],
      {},
      '2026-11-16',
      { from: '16.5', to: 'Nov' },
    ),
    ok(
      'ignores closed milestones for both defaults',
      [m165, milestone('16.6-old', '2026-11-10', '2026-12-09', { state: 'closed' }), m166],
      {},
      '2026-11-16',
      { from: '16.5', to: '16.6' },
    ),
    ok(
      'skips a milestone nested inside the ending one',
      [milestone('Q4', '2026-10-01', '2026-11-13'), milestone('sprint', '2026-10-15', '2026-10-30'), m166],
      {},
      '2026-11-16',
      { from: 'Q4', to: '16.6' },
    ),
    ok('--from picks the start point for the default --to', [m165, m166, m167], { from: '16.6' }, '2026-11-16', {
      from: '16.6',
      to: '16.7',
    }),
    ok('--to alone keeps the default --from', [m165, m166, m167], { to: '16.7' }, '2026-11-16', { from: '16.5', to: '16.7' }),
    ok(
      'the closed milestone that ended most recently when no active one has (a rerun after --close)',
      [m164closed, milestone('16.5', '2026-10-12', '2026-11-09', { state: 'closed' }), m166, m167],
      {},
      '2026-11-16',
      { from: '16.5', to: '16.6' },
    ),
    ok('a closed --from is allowed (rolling over what was left behind)', [m164closed, m165], { from: '16.4', to: '16.5' }, '2026-11-16', {
      from: '16.4',
      to: '16.5',
    }),
    ok('warns about other ended milestones left behind', [milestone('16.3', '2026-08-10', '2026-09-09'), m165, m166], {}, '2026-11-16', {
      from: '16.5',
      to: '16.6',
      warning: /"16\.3".*--from/,
    }),
    ok('warns when the target is already overdue', [m165, m166], { from: '16.5', to: '16.6' }, '2026-12-20', {
      from: '16.5',
      to: '16.6',
      warning: /"16\.6" is already past its due date/,
    }),
  ])('$name', ({ milestones, request, today, expected }) => {
    const choice = chooseMilestones(milestones, { ...request, scopeName }, today);
    if (!choice.ok) throw new Error(choice.problems.join('\n'));
    expect({ from: choice.from.title, to: choice.to.title }).toEqual({ from: expected.from, to: expected.to });
    if (expected.warning) expect(choice.warnings.join('\n')).toMatch(expected.warning);
  });

  const fails = (
    name: string,
    milestones: RolloverMilestone[],
    request: { from?: string; to?: string },
    today: string,
    expected: RegExp[],
  ) => ({
    name,
    milestones,
    request,
    today,
    expected,
  });

  it.each([
    fails('no milestone has ended yet', [m166, m167], {}, '2026-11-01', [
      /no active milestone in group g is due on or before 2026-11-01/,
      /"16\.6".*"16\.7"/,
      /pass --from TITLE/,
    ]),
    fails('two milestones ended on the same day', [m165, milestone('Team B 16.5', '2026-10-12', '2026-11-09'), m166], {}, '2026-11-16', [
      /2 active milestones ended on 2026-11-09/,
      /"16\.5" \(group milestone/,
      /"Team B 16\.5"/,
      /pass --from/,
    ]),
    fails(
      'two milestones start on the same next day',
      [m165, m166, milestone('Team B 16.6', '2026-11-10', '2026-12-01')],
      {},
      '2026-11-16',
      [/2 active milestones start on 2026-11-10/, /"Team B 16\.6"/, /pass --to/],
    ),
    fails('nothing starts after the ended milestone', [m164closed, m165], {}, '2026-11-16', [
      /no active milestone in group g starts after "16\.5"/,
      /create the next milestone or pass --to TITLE/,
    ]),
    fails('an unknown --from lists the active milestones', [m165, m166], { from: '16.9' }, '2026-11-16', [
      /--from "16\.9": no such milestone in group g; active milestones: "16\.5".*"16\.6"/,
    ]),
    fails(
      'an unknown --to with a case-only difference suggests the right title',
      [m165, milestone('Release Train', '2026-11-10', '2026-12-01')],
      { to: 'release train' },
      '2026-11-16',
      [/--to "release train".*did you mean "Release Train"/],
    ),
    fails('--from equal to --to', [m165, m166], { from: '16.5', to: '16.5' }, '2026-11-16', [/--from and --to are both "16\.5"/]),
    fails('--to equal to the default --from', [m165, m166], { to: '16.5' }, '2026-11-16', [/--from and --to are both "16\.5"/]),
    fails('a closed target milestone', [m164closed, m165], { from: '16.5', to: '16.4' }, '2026-11-16', [
      /--to "16\.4" is closed; reopen it in GitLab or pass an active milestone/,
    ]),
    fails(
      'two milestones with the same title',
      [m165, milestone('16.6', '2026-11-10', '2026-12-09', { owner: { kind: 'project', id: 3 } }), m166],
      { to: '16.6' },
      '2026-11-16',
      [/--to "16\.6" matches 2 milestones/, /project milestone/],
    ),
    fails('unknown --from and --to are both reported', [m165], { from: 'a', to: 'b' }, '2026-11-16', [/--from "a"/, /--to "b"/]),
  ])('fails clearly when $name', ({ milestones, request, today, expected }) => {
    const choice = chooseMilestones(milestones, { ...request, scopeName }, today);
    expect(choice.ok).toBe(false);
    const text = choice.ok ? '' : choice.problems.join('\n');
    for (const pattern of expected) expect(text).toMatch(pattern);
  });
});

describe('rolloverCandidates', () => {
  const teamB = milestone('Team B 16.5', '2026-10-12', '2026-11-09');
  const m165closed = milestone('16.5', '2026-10-12', '2026-11-09', { state: 'closed' });

  it.each([
    { name: 'the milestones --from names, closed or not', milestones: [m164closed, m165, m166], from: '16.4', expected: ['16.4'] },
    { name: 'nothing for a --from no milestone has', milestones: [m165, m166], from: '16.9', expected: [] },
    {
      name: 'the active milestone that ended last',
      milestones: [milestone('16.3', '2026-08-10', '2026-09-09'), m165, m166],
      from: undefined,
      expected: ['16.5'],
    },
    {
      name: 'every active milestone that ended last, when they tie',
      milestones: [m165, teamB, m166],
      from: undefined,
      expected: ['16.5', 'Team B 16.5'],
    },
    {
      name: 'the closed milestone that ended last, when no active one has',
      milestones: [m164closed, m165closed, m166],
      from: undefined,
      expected: ['16.5'],
    },
    { name: 'nothing when no milestone has ended', milestones: [m166, m167], from: undefined, expected: [] },
  ])('are $name', ({ milestones, from, expected }) => {
    expect(rolloverCandidates(milestones, from, '2026-11-16').map((m) => m.title)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import type { ExistingIssue } from '../../../src/rituals/updates/model.js';
import {
  checkUpdatePrint,
  planUpdatePrint,
  updateWindow,
  type UpdateFound,
  type UpdatePrintRequest,
  type UpdateWindow,
} from '../../../src/rituals/updates/plan-update.js';
import { week } from './fixtures.js';

const TODAY = '2026-11-16';
/** The team's week holding TODAY, a Monday. */
const thisWeek = { kind: 'week' as const, since: '2026-11-16', until: '2026-11-22', calendar: true as const };

const request: UpdatePrintRequest = {
  templateName: 'em-weekly',
  scope: { kind: 'group', ref: 'distribution' },
  target: 'distribution/team-tasks',
  timeZone: 'Europe/Amsterdam',
  weekStartsOn: 'monday',
  periods: {},
  quarters: { kind: 'calendar', fiscalStartMonth: 2, labelPattern: '{yyyy}-q{q}' },
  missedLabel: 'missed:{milestone}',
  titlePattern: '{author}: weekly update, week of {week_start}',
  labels: ['OpsSection::AsyncUpdate'],
};

const found: UpdateFound = {
  author: { id: 7, username: 'grace.hopper', name: 'Grace Hopper' },
  template: { source: 'bundled', text: 'Body' },
  scopeProblem: null,
  targetFound: true,
};

const windowOf = (r: UpdatePrintRequest): UpdateWindow => {
  const window = updateWindow(r, TODAY);
  if ('problem' in window) throw new Error(window.problem);
  return window;
};

function planned(existing: ExistingIssue | null, r: UpdatePrintRequest = request) {
  const checked = checkUpdatePrint(found, r, windowOf(r));
  if (!checked.ok) throw new Error(checked.problems.join('\n'));
  return planUpdatePrint({ update: checked.value, work: { issues: [], mergeRequests: [], keyResults: [] }, existing }, r, TODAY);
}

function plannedCreate(existing: ExistingIssue | null) {
  const { plan } = planned(existing);
  if (!plan) throw new Error('no plan under --create');
  return plan;
}

describe('updateWindow', () => {
  it('takes the period by the template and the quarter holding its last day', () => {
    expect(updateWindow(request, TODAY)).toEqual({ period: thisWeek, quarter: '2026-q4' });
    expect(updateWindow({ ...request, since: week.since, until: week.until }, TODAY)).toEqual({ period: week, quarter: '2026-q4' });
    expect(updateWindow({ ...request, templateName: 'sem-monthly', quarter: 'FY27-Q1' }, TODAY)).toEqual({
      period: { kind: 'month', since: '2026-11-01', until: '2026-11-30', calendar: true },
      quarter: '2027-q1',
    });
  });

  it.each([
    {
      name: 'an empty period',
      change: { since: '2026-11-20' },
      problem: 'the period is empty: --since 2026-11-20 is after 2026-11-16',
      hint: 'pass an earlier --since, or a later --until',
    },
    {
      name: 'a quarter it cannot read',
      change: { quarter: 'Q5' },
      problem: '--quarter must be 2027-Q1 (a calendar quarter) or FY27-Q1 (a fiscal quarter), got "Q5"',
      hint: undefined,
    },
    {
      name: 'a bad quarter label',
      change: { quarters: { ...request.quarters, labelPattern: '{year}-q{q}' } },
      problem: expect.stringContaining('labels.quarter uses {year}') as string,
      hint: 'fix labels.quarter in teamops.yml',
    },
  ])('refuses $name before GitLab is read', ({ change, problem, hint }) => {
    expect(updateWindow({ ...request, ...change }, TODAY)).toEqual({ problem, hint });
  });
});

describe('checkUpdatePrint', () => {
  it('lists every problem at once', () => {
    const checked = checkUpdatePrint(
      {
        author: null,
        template: 'no template "nope"',
        scopeProblem: 'group nogroup does not exist, or the token cannot see it',
        targetFound: false,
      },
      { ...request, author: 'nobody', titlePattern: '{author} {sprint}' },
      windowOf(request),
    );
    expect(checked).toEqual({
      ok: false,
      summary: 'cannot create the em-weekly update',
      problems: [
        '--author nobody: no GitLab user of that name',
        'group nogroup does not exist, or the token cannot see it',
        'project distribution/team-tasks (where the update is created) does not exist, or the token cannot see it',
        'no template "nope"',
        expect.stringContaining('updates.title uses {sprint}') as string,
      ],
    });
  });

  it('checks the template on sample values', () => {
    const checked = checkUpdatePrint(
      { ...found, template: { source: 'file', text: '{{ velocity }}' } },
      { ...request, target: undefined },
      windowOf(request),
    );
    expect(checked).toMatchObject({
      ok: false,
      summary: 'cannot print the em-weekly update',
      problems: [expect.stringMatching(/^template "em-weekly" uses \{\{ velocity \}\}/)],
    });
  });
});

describe('planUpdatePrint', () => {
  it('creates the update, assigned to its author, with a stable key', () => {
    const plan = plannedCreate(null);
    expect(plan.actions).toEqual([
      {
        kind: 'create-issue',
        key: 'async-update/grace.hopper/em-weekly/week/2026-11-16',
        summary: 'create "grace.hopper: weekly update, week of 2026-11-16" in distribution/team-tasks, assigned to @grace.hopper',
        project: 'distribution/team-tasks',
        issue: {
          title: 'grace.hopper: weekly update, week of 2026-11-16',
          description: 'Body\n',
          labels: ['OpsSection::AsyncUpdate'],
          assigneeIds: [7],
        },
      },
    ]);
  });

  it('changes nothing when the update exists', () => {
    const plan = plannedCreate({ title: 'T', reference: 'd/t#3', webUrl: 'https://x/3' });
    expect(plan.actions).toEqual([]);
    expect(plan.unchanged).toEqual([
      {
        key: 'async-update/grace.hopper/em-weekly/week/2026-11-16',
        summary: expect.stringContaining('exists: d/t#3') as string,
        url: 'https://x/3',
      },
    ]);
  });

  it('plans nothing without --create, and prints the update with what it was filled from', () => {
    const { plan, document } = planned(null, { ...request, target: undefined });
    expect(plan).toBeNull();
    expect(document).toMatchObject({
      command: 'update print',
      template: { name: 'em-weekly', source: 'bundled' },
      author: 'grace.hopper',
      period: thisWeek,
      quarter: '2026-q4',
      markdown: 'Body\n',
    });
    expect(document.variables.author).toEqual({ username: 'grace.hopper', name: 'Grace Hopper' });
  });
});

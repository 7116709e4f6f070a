import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import type { MilestoneChange } from '../../../src/rituals/milestone/model.js';
import type { CheckedItem, LabelRules, LabelsCheckState } from '../../../src/rituals/labels/model.js';
import { planLabelsCheck } from '../../../src/rituals/labels/plan-check.js';

const RULES: LabelRules = {
  required: ['group::distribution'],
  oneOf: [['group::distribution::build', 'group::distribution::deploy']],
  quarter: { pattern: 'FY{fy}::Q{q}', kind: 'fiscal', fiscalStartMonth: 2 },
  unplanned: 'Unplanned',
};
const M2 = { title: 'M2', startDate: '2026-11-16', dueDate: '2026-12-11' };
const GOOD = ['group::distribution', 'group::distribution::build', 'FY27::Q4'];
const ALL_LABELS = [...GOOD, 'group::distribution::deploy', 'FY27::Q3', 'Unplanned'];

let iid = 0;
function item(labels: string[], extra: Partial<CheckedItem> = {}): CheckedItem {
  iid += 1;
  return {
    kind: 'issue',
    projectId: 1,
    iid,
    reference: `acme/app#${iid}`,
    title: `Issue ${iid}`,
    webUrl: `https://gitlab.example.com/acme/app/-/issues/${iid}`,
    labels,
    milestone: M2,
    ...extra,
  };
}

const add = (milestone: string | null, day: string, dueDate: string | null = null): MilestoneChange => ({
  action: 'add',
  milestone,
  dueDate,
  open: true,
  day,
});

function plan(items: CheckedItem[], options: { fix?: boolean; rules?: LabelRules; available?: string[] } = {}) {
  const state: LabelsCheckState = { scope: { path: 'acme' }, items, availableLabels: { 1: options.available ?? ALL_LABELS } };
  return planLabelsCheck(state, { rules: options.rules ?? RULES, fix: options.fix ?? false, scopeName: 'group acme' }, '2026-11-25');
}

const found = (items: CheckedItem[], options?: Parameters<typeof plan>[1]) =>
  plan(items, options).context.violations.map((v) => [v.rule, v.problem, v.fixText]);

describe('planLabelsCheck', () => {
  it('finds nothing on an item that follows every rule', () => {
    expect(found([item(GOOD, { history: [add('M2', '2026-11-10', '2026-12-11')] })])).toEqual([]);
  });

  it('reports more than one label of a one-of group and never fixes it', () => {
    const result = plan([item([...GOOD, 'group::distribution::deploy'])], { fix: true });
    expect(result.context.violations.map((v) => [v.rule, v.problem, v.fixText])).toEqual([
      [
        'one-of',
        'more than one of group::distribution::build, group::distribution::deploy: group::distribution::build, group::distribution::deploy',
        'keep one of group::distribution::build, group::distribution::deploy',
      ],
    ]);
    expect(result.actions).toEqual([]);
  });

  it('removes a second quarter label next to the right one', () => {
    expect(found([item([...GOOD, 'FY27::Q3'])])).toEqual([
      ['quarter', 'FY27::Q3 instead of FY27::Q4 (milestone M2 is due 2026-12-11, in FY27-Q4)', 'remove FY27::Q3'],
    ]);
  });

  it('counts calendar quarters when asked, and checks no quarter without a due date', () => {
    const calendar: LabelRules = { ...RULES, quarter: { pattern: '{yyyy}-q{q}', kind: 'calendar', fiscalStartMonth: 2 } };
    expect(found([item(['group::distribution', 'group::distribution::build'])], { rules: calendar, available: ['2026-q4'] })).toEqual([
      ['quarter', 'missing 2026-q4 (milestone M2 is due 2026-12-11, in 2026-Q4)', 'add 2026-q4'],
    ]);
    expect(
      found([
        item(['group::distribution', 'group::distribution::build'], { milestone: { title: 'Someday', startDate: null, dueDate: null } }),
      ]),
    ).toEqual([]);
  });

  it('calls work added after the start unplanned, but not work carried over from an earlier milestone', () => {
    const fromBacklog = item(GOOD, { history: [add('M2', '2026-11-17')] });
    const createdLate = item(GOOD, { history: [add('M2', '2026-11-20', '2026-12-11')] });
    const onTheFirstDay = item(GOOD, { history: [add('M2', '2026-11-16')] });
    const carriedOver = item(GOOD, { history: [add('M1', '2026-10-20', '2026-11-13'), add('M2', '2026-11-17', '2026-12-11')] });
    const pulledBack = item(GOOD, {
      history: [add('M1', '2026-10-20', '2026-11-13'), { ...add(null, '2026-11-01'), action: 'remove' }, add('M2', '2026-11-18')],
    });
    expect(plan([fromBacklog, createdLate, onTheFirstDay, carriedOver, pulledBack]).context.violations.map((v) => v.reference)).toEqual([
      fromBacklog.reference,
      createdLate.reference,
      pulledBack.reference,
    ]);
  });

  it('warns where GitLab keeps no milestone history, and checks the other rules', () => {
    const result = plan([item(['group::distribution::build', 'FY27::Q4'], { history: null })]);
    expect(result.warnings).toEqual([
      `GitLab keeps no milestone history for 1 item (${result.context.violations[0]!.reference}): the Unplanned rule was not checked for it`,
    ]);
    expect(result.context.violations.map((v) => v.rule)).toEqual(['required']);
  });

  it('makes one change per item with every fix, and none with a label that does not exist', () => {
    const two = item(['group::distribution::build', 'FY27::Q3'], { history: [add('M2', '2026-11-18')] });
    const result = plan([two], { fix: true });
    expect(result.actions).toEqual([
      {
        kind: 'update-issue',
        key: `labels-check/${two.reference}`,
        summary: `${two.reference}: add group::distribution, FY27::Q4, Unplanned, remove FY27::Q3`,
        target: { project: 1, iid: two.iid },
        change: { addLabels: ['group::distribution', 'FY27::Q4', 'Unplanned'], removeLabels: ['FY27::Q3'] },
      },
    ]);
    const missing = plan([item(['group::distribution::build', 'FY27::Q4'])], { fix: true, available: GOOD.slice(1) });
    expect(missing.actions).toEqual([]);
    expect(missing.context.violations[0]).toMatchObject({ notFixable: { reason: 'missing-label', labels: ['group::distribution'] } });
  });

  it('lists every problem together before reading on', () => {
    const state: LabelsCheckState = {
      scope: { problem: 'group nope does not exist, or the token cannot see it' },
      items: [],
      availableLabels: {},
    };
    const noRules: LabelRules = { required: [], oneOf: [], quarter: null, unplanned: null };
    expect(() => planLabelsCheck(state, { rules: noRules, fix: false, scopeName: 'group nope' }, '2026-11-25')).toThrow(ValidationError);
    try {
      planLabelsCheck(state, { rules: noRules, fix: false, scopeName: 'group nope' }, '2026-11-25');
    } catch (error) {
      expect((error as ValidationError).problems).toEqual([
        'labels.rules sets no rule: give required, one_of, quarter or unplanned',
        'group nope does not exist, or the token cannot see it',
      ]);
    }
  });
});

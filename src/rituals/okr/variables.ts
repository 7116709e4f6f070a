// What the objective and key result templates can use: the quarter's fields in both; the key
// result's target, current value and score (the one progress rule of okr status); the objective's
// key results and their checklist.
import { checklistBlock, checklistLine } from './checklist.js';
import { formatTarget, parseMeasure, withUnit } from './measure.js';
import type { KeyResultSpec, ObjectiveSpec } from './model.js';
import { formatScore, scoreOf } from './progress.js';
import type { OkrQuarter } from './quarter.js';

/** Every template also gets the quarter's fields. */
function quarterVariables({ quarter, label }: OkrQuarter): Record<string, unknown> {
  return { quarter: quarter.name, quarter_label: label, quarter_start: quarter.start, quarter_end: quarter.end };
}

export function keyResultVariables(quarter: OkrQuarter, objective: ObjectiveSpec, kr: KeyResultSpec): Record<string, unknown> {
  return {
    ...quarterVariables(quarter),
    title: kr.title,
    description: kr.description,
    objective: objective.title,
    team: objective.team,
    assignees: kr.assignees,
    from: kr.from.text,
    to: kr.to.text,
    unit: kr.unit,
    target: formatTarget(kr.from, kr.to, kr.unit),
    current: withUnit(kr.current, kr.unit),
    score: formatScore(scoreOf(kr.from.value, kr.to.value, kr.current.value)),
  };
}

/** `references[i]` names key result i: `group/project#12`, or `{{ref:KEY}}` for one this plan creates. */
export function objectiveVariables(quarter: OkrQuarter, objective: ObjectiveSpec, references: string[]): Record<string, unknown> {
  return {
    ...quarterVariables(quarter),
    title: objective.title,
    description: objective.description,
    team: objective.team,
    assignees: objective.assignees,
    key_results: objective.keyResults.map((kr, i) => ({
      title: kr.title,
      reference: references[i]!,
      target: formatTarget(kr.from, kr.to, kr.unit),
      project: kr.project,
    })),
    key_results_checklist: checklistBlock(objective.keyResults.map((kr, i) => checklistLine(references[i]!, kr))),
  };
}

const SAMPLE_KEY_RESULT: KeyResultSpec = {
  slug: 'sample',
  title: 'A key result',
  project: 'group/project',
  from: parseMeasure(10)!,
  to: parseMeasure(20)!,
  current: parseMeasure(15)!,
  unit: 'things',
  assignees: ['someone'],
  description: 'Why it matters.',
};
const SAMPLE_OBJECTIVE: ObjectiveSpec = {
  slug: 'sample',
  title: 'An objective',
  team: 'team',
  project: 'group/project',
  assignees: ['someone'],
  description: 'Why.',
  keyResults: [SAMPLE_KEY_RESULT],
};
const SAMPLE_QUARTER: OkrQuarter = {
  quarter: { kind: 'calendar', year: 2027, number: 1, name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' },
  label: 'OKR::2027-Q1',
};

/**
 * The variables each template gets, with made-up values and one key result in every list, so
 * that templates can be checked (loop bodies included) before anything is written.
 */
export function sampleOkrVariables(): { objective: Record<string, unknown>; keyResult: Record<string, unknown> } {
  return {
    objective: objectiveVariables(SAMPLE_QUARTER, SAMPLE_OBJECTIVE, ['group/project#2']),
    keyResult: keyResultVariables(SAMPLE_QUARTER, SAMPLE_OBJECTIVE, SAMPLE_KEY_RESULT),
  };
}

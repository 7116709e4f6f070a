// The label check as a plan: every rule on every item, and with --fix one label change per item that
// adds and removes what the rules say, where each label to add exists already (GitLab would create an
// unknown label on the spot, unasked). A one-of group is never fixed: which label is right is a person's call.
import { ValidationError } from '../../errors.js';
import { createPlan, type Action, type Plan } from '../../plan/plan.js';
import type { IsoDate } from '../common/calendar.js';
import { quarterPatternProblem } from '../common/quarter.js';
import { counted } from '../common/text.js';
import type { Finding } from './finding.js';
import type { CheckedItem, LabelRules, LabelsCheckRequest, LabelsCheckState, LabelsReport, Violation } from './model.js';
import { checkOneOf } from './one-of.js';
import { checkQuarter } from './quarter-label.js';
import { checkRequired } from './required.js';
import { checkUnplanned, needsHistory } from './unplanned.js';

const RULES = [checkRequired, checkOneOf, checkQuarter, checkUnplanned];

/** Every rule's findings on every item, item by item in the order given. */
export function findViolations(items: CheckedItem[], rules: LabelRules): Finding[] {
  return items.flatMap((item) => RULES.flatMap((check) => check(item, rules)));
}

/** The labels fixes would add, by project id: each must exist there before --fix may add it. */
export function labelsToAdd(findings: Finding[]): Map<number, string[]> {
  const byProject = new Map<number, string[]>();
  for (const finding of findings) {
    const known = byProject.get(finding.projectId) ?? [];
    byProject.set(finding.projectId, [...new Set([...known, ...(finding.fix?.add ?? [])])]);
  }
  return new Map([...byProject].filter(([, names]) => names.length > 0));
}

/** What is wrong with the rules themselves (an unusable labels.quarter), before anything is read. */
export function rulesProblems(rules: LabelRules): string[] {
  const problems: string[] = [];
  const quarterProblem = rules.quarter ? quarterPatternProblem(rules.quarter.pattern) : null;
  if (quarterProblem) problems.push(`labels.quarter ${quarterProblem}; got "${rules.quarter!.pattern}"`);
  const noRules = rules.required.length === 0 && rules.oneOf.length === 0 && !rules.quarter && !rules.unplanned;
  if (noRules) problems.push('labels.rules sets no rule: give required, one_of, quarter or unplanned');
  return problems;
}

export function planLabelsCheck(state: LabelsCheckState, request: LabelsCheckRequest, today: IsoDate): Plan<LabelsReport> {
  const problems = [
    ...rulesProblems(request.rules),
    ...('problem' in state.scope ? [state.scope.problem] : []),
    ...(state.milestoneProblem ? [state.milestoneProblem] : []),
  ];
  if (problems.length > 0) {
    throw new ValidationError(`cannot check labels: found ${counted(problems.length, 'problem')}`, problems, {
      hint: 'nothing was written to GitLab; fix these and run again',
    });
  }
  const violations = findViolations([...state.items].sort(byReference), request.rules).map((finding) =>
    settle(finding, state.availableLabels),
  );
  const withoutHistory = state.items.filter((item) => needsHistory(item, request.rules) && item.history === null).map((i) => i.reference);
  const actions = request.fix ? fixActions(violations) : [];
  const warnings =
    withoutHistory.length > 0
      ? [
          `GitLab keeps no milestone history for ${counted(withoutHistory.length, 'item')} (${withoutHistory.join(', ')}): the ${request.rules.unplanned} rule was not checked for ${withoutHistory.length === 1 ? 'it' : 'them'}`,
        ]
      : [];
  return createPlan({
    command: 'labels check',
    scope: request.scopeName,
    date: today,
    actions,
    warnings,
    context: { checked: state.items.length, violations, withoutHistory },
  });
}

/** Project by project, issues before merge requests, by number. */
function byReference(a: CheckedItem, b: CheckedItem): number {
  const project = (item: CheckedItem) => item.reference.replace(/[#!]\d+$/, '');
  return project(a).localeCompare(project(b)) || a.kind.localeCompare(b.kind) || a.iid - b.iid;
}

/** The violation as reported: whether --fix can set it right here, and how. */
function settle(finding: Finding, availableLabels: Record<number, string[]>): Violation {
  const { advice, ...violation } = finding;
  const { fix } = finding;
  if (!fix) return { ...violation, notFixable: { reason: 'ambiguous' }, fixText: advice ?? 'a person must choose' };
  const available = new Set(availableLabels[finding.projectId] ?? []);
  const missing = fix.add.filter((label) => !available.has(label));
  if (missing.length > 0) {
    const project = finding.reference.replace(/[#!]\d+$/, '');
    return {
      ...violation,
      notFixable: { reason: 'missing-label', labels: missing },
      fixText: `not applicable: no label ${missing.join(', ')} in ${project} or its groups; create it first`,
    };
  }
  return { ...violation, fixText: describeFix(fix.add, fix.remove) };
}

/** `add group::distribution, remove FY26::Q3` */
function describeFix(add: string[], remove: string[]): string {
  return [add.length > 0 ? `add ${add.join(', ')}` : '', remove.length > 0 ? `remove ${remove.join(', ')}` : ''].filter(Boolean).join(', ');
}

export const fixKey = (reference: string) => `labels-check/${reference}`;

/** One change per item, with every fixable violation's labels. */
function fixActions(violations: Violation[]): Action[] {
  const byItem = new Map<string, Violation[]>();
  for (const violation of violations) {
    if (!violation.fix || violation.notFixable) continue;
    byItem.set(violation.reference, [...(byItem.get(violation.reference) ?? []), violation]);
  }
  return [...byItem.values()].map((found) => {
    const [first] = found as [Violation, ...Violation[]];
    const add = [...new Set(found.flatMap((v) => v.fix!.add))];
    const remove = [...new Set(found.flatMap((v) => v.fix!.remove))].filter((label) => !add.includes(label));
    const key = fixKey(first.reference);
    const summary = `${first.reference}: ${describeFix(add, remove)}`;
    const change = { ...(add.length > 0 ? { addLabels: add } : {}), ...(remove.length > 0 ? { removeLabels: remove } : {}) };
    return first.kind === 'issue'
      ? { kind: 'update-issue', key, summary, target: { project: first.projectId, iid: first.iid }, change }
      : { kind: 'update-merge-request', key, summary, project: first.projectId, iid: first.iid, change };
  });
}

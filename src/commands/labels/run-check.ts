import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { ConfigError, TeamopsError } from '../../errors.js';
import type { Scope } from '../../gitlab/port.js';
import { printJson, printTable, status, success, warn } from '../../io/output.js';
import type { ApplyResult } from '../../plan/apply-plan.js';
import type { Plan } from '../../plan/plan.js';
import type { LabelRules, LabelsReport, Violation } from '../../rituals/labels/model.js';
import { fixKey, planLabelsCheck } from '../../rituals/labels/plan-check.js';
import { counted } from '../../rituals/common/text.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import { pickScope, scopeName } from '../common/scope.js';
import type { LabelsCheckOptions } from './check.js';
import { readLabelsState } from './read-state.js';

export async function runLabelsCheck(options: LabelsCheckOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { scope, rules, includeMergeRequests } = settingsFrom(options, context.config);
  const state = await readLabelsState(context.reader(), scope, rules, {
    milestone: options.milestone,
    includeMergeRequests,
    includeClosed: options.includeClosed,
    timezone: context.config.timezone,
  });
  const plan = planLabelsCheck(state, { rules, fix: options.fix, scopeName: scopeName(scope) }, context.today);
  const { violations } = plan.context;
  if (!options.globals.json) printViolations(deps, violations);
  if (!options.fix) {
    if (options.globals.json) printJson(deps.io, checkDocument(plan));
    else for (const warning of plan.warnings) warn(deps.io, warning);
    return finish(deps, plan, violations, options);
  }
  const result = await emitAndApply(plan, context, deps, {
    lock: scope,
    notes: [describeFindings(plan.context)],
    target: scopeName(scope),
  });
  finish(deps, plan, remainingAfter(violations, result), options);
}

/** Flags over teamops.yml: where to check, and the rules. */
function settingsFrom(
  options: LabelsCheckOptions,
  config: TeamopsConfig,
): { scope: Scope; rules: LabelRules; includeMergeRequests: boolean } {
  const section = config.labels.rules;
  if (!section) {
    throw new ConfigError('labels.rules is not set in teamops.yml: there is nothing to check', {
      hint: 'add labels.rules with required, one_of, quarter or unplanned (README, "teamops labels check")',
    });
  }
  // A flag for either kind of scope overrides teamops.yml's setting for either kind.
  const scope = pickScope(
    [
      ['project', options.project],
      ['group', options.group],
      ['project', section.project],
      ['group', section.group],
      ['project', config.milestone.project],
      ['group', config.milestone.group],
    ],
    { flags: '--project or --group', configKeys: 'labels.rules.project or labels.rules.group (or milestone.project or milestone.group)' },
  );
  const pattern = section.quarter === true ? config.labels.quarter : section.quarter;
  const rules: LabelRules = {
    required: section.required,
    oneOf: section.one_of,
    // {fy} names a fiscal year: such labels count fiscal quarters unless teamops.yml says otherwise.
    quarter:
      pattern === undefined
        ? null
        : {
            pattern,
            kind: section.quarters ?? (pattern.includes('{fy}') ? 'fiscal' : config.okr.quarters),
            fiscalStartMonth: config.fiscal_year_start_month,
          },
    unplanned: section.unplanned ?? null,
  };
  return { scope, rules, includeMergeRequests: options.includeMrs ?? section.include_mrs };
}

/** The product of a check: one row per violation, with its rule and its fix, on stdout. */
function printViolations(deps: Deps, violations: Violation[]): void {
  if (violations.length === 0) return;
  printTable(
    deps.io,
    ['ITEM', 'RULE', 'PROBLEM', 'FIX'],
    violations.map((v) => [v.reference, v.rule, v.problem, v.fixText]),
    { shrink: [2, 3] },
  );
}

/** `4 violations in 12 items: 2 fixable by --fix, 1 for a person to choose, 1 needing a label created` */
function describeFindings(report: LabelsReport): string {
  const { violations, checked } = report;
  if (violations.length === 0) return `No violations: ${counted(checked, 'item')} follow the label rules.`;
  const ambiguous = violations.filter((v) => v.notFixable?.reason === 'ambiguous').length;
  const missingLabel = violations.filter((v) => v.notFixable?.reason === 'missing-label').length;
  const fixable = violations.length - ambiguous - missingLabel;
  const parts = [
    fixable > 0 ? `${fixable} fixable by --fix` : '',
    ambiguous > 0 ? `${ambiguous} for a person to choose` : '',
    missingLabel > 0 ? `${missingLabel} needing a label created first` : '',
  ].filter(Boolean);
  return `${counted(violations.length, 'violation')} in ${counted(checked, 'item')}: ${parts.join(', ')}.`;
}

/** What is still wrong in GitLab once the fixes ran: nothing was fixed under --dry-run. */
function remainingAfter(violations: Violation[], result: ApplyResult | undefined): Violation[] {
  if (!result) return violations;
  const done = new Set(result.results.filter((r) => r.status === 'done').map((r) => r.key));
  return violations.filter((v) => v.notFixable || !done.has(fixKey(v.reference)));
}

/** A pipeline fails while violations remain: exit 1, saying how many and what would help. */
function finish(deps: Deps, plan: Plan<LabelsReport>, remaining: Violation[], options: LabelsCheckOptions): void {
  if (!options.globals.json && !options.fix) status(deps.io, describeFindings(plan.context));
  if (remaining.length === 0) {
    if (!options.globals.json && options.fix && plan.context.violations.length > 0) success(deps.io, 'Every violation is fixed.');
    return;
  }
  const fixable = remaining.filter((v) => !v.notFixable).length;
  const by = [...new Set(remaining.map((v) => v.rule))].join(', ');
  throw new TeamopsError(`${counted(remaining.length, 'label violation')} ${options.fix ? 'remain' : 'found'} in ${plan.scope} (${by})`, {
    hint:
      fixable === remaining.length
        ? `teamops labels check ${options.fix ? '--fix --yes' : '--fix'} fixes them`
        : fixable > 0
          ? `teamops labels check ${options.fix ? '--fix --yes' : '--fix'} fixes ${fixable} of them; the fix column says what the others need`
          : 'the fix column says what each needs: a person to choose a label, or a label created first',
  });
}

/** --json without --fix: the findings as one document. */
function checkDocument(plan: Plan<LabelsReport>) {
  const { checked, violations, withoutHistory } = plan.context;
  return {
    schemaVersion: plan.schemaVersion,
    command: plan.command,
    scope: plan.scope,
    date: plan.date,
    checked,
    violations,
    withoutHistory,
    warnings: plan.warnings,
  };
}

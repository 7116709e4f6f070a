import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import type { Scope } from '../../gitlab/port.js';
import { printTable } from '../../io/output.js';
import type { ApplyResult } from '../../plan/apply-plan.js';
import type { RolloverRequest } from '../../rituals/milestone/model.js';
import { moveKey } from '../../rituals/milestone/move-items.js';
import { planRollover } from '../../rituals/milestone/plan-rollover.js';
import { describeRollover, type RolloverReport } from '../../rituals/milestone/report.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { openContext } from '../shared/context.js';
import { pickScope, scopeName } from '../shared/scope.js';
import { readRolloverState } from './read-state.js';
import type { MilestoneRolloverOptions } from './rollover.js';

export async function runMilestoneRollover(options: MilestoneRolloverOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { scope, request } = settingsFrom(options, context.config);
  const state = await readRolloverState(context.reader(), scope, request, {
    today: context.today,
    timezone: context.config.timezone,
    retrospectiveTemplate: context.config.milestone.retrospective_template,
    cwd: deps.cwd,
  });
  const plan = planRollover(state, request, context.today);
  await emitAndApply(plan, context, deps, {
    notes: describeRollover(plan.context),
    target: scopeName(scope),
    lock: scope,
    report: (result) => printMoved(deps, plan.context, result),
  });
}

/** Flags over teamops.yml: where to roll over, and the planner's request. */
function settingsFrom(options: MilestoneRolloverOptions, config: TeamopsConfig): { scope: Scope; request: RolloverRequest } {
  const section = config.milestone;
  // A flag for either kind of scope overrides teamops.yml's setting for either kind.
  const scope = pickScope(
    [
      ['project', options.project],
      ['group', options.group],
      ['project', section.project],
      ['group', section.group],
    ],
    { flags: '--project or --group', configKeys: 'milestone.project or milestone.group' },
  );
  const request: RolloverRequest = {
    scopeName: scopeName(scope),
    from: options.from,
    to: options.to,
    assignee: options.assignee ?? null,
    includeMergeRequests: options.includeMrs ?? section.include_mrs,
    missedLabelPattern: typeof options.missedLabel === 'string' ? options.missedLabel : section.missed_label,
    addMissedLabel: options.missedLabel !== false,
    close: options.close,
    circuitBreakers: {
      enabled: options.circuitBreakers ?? section.circuit_breakers,
      sectionLeaders: section.section_leaders,
      evaluation: section.evaluation,
    },
  };
  return { scope, request };
}

/** The product of a rollover on stdout: one row per item this run moved (not those whose move failed), with its slips, the handbook's call-out and a link. */
function printMoved(deps: Deps, report: RolloverReport, result: ApplyResult): void {
  const done = new Set(result.results.filter((r) => r.status === 'done').map((r) => r.key));
  const moved = report.items.filter((item) => item.status === 'move' && done.has(moveKey(item)));
  if (moved.length === 0) return;
  printTable(
    deps.io,
    ['MOVED', 'SLIPS', 'HANDBOOK', 'URL'],
    moved.map((item) => [item.reference, String(item.slips), item.callOut ?? '', item.webUrl]),
    // Links stay whole, so they can be clicked; the call-out is cut first.
    { shrink: [2] },
  );
}

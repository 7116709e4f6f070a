import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import type { Scope } from '../../gitlab/port.js';
import { printTable, status } from '../../io/output.js';
import { renderReportMarkdown } from '../../rituals/milestone/report-markdown.js';
import type { ApplyResult } from '../../plan/apply-plan.js';
import { isEmpty, type Plan } from '../../plan/plan.js';
import type { RolloverRequest } from '../../rituals/milestone/model.js';
import { moveKey } from '../../rituals/milestone/move-items.js';
import { planRollover } from '../../rituals/milestone/plan-rollover.js';
import { describeRollover, type RolloverReport } from '../../rituals/milestone/report.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import { pickScope, scopeName } from '../common/scope.js';
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
  const { api } = plan.context;
  context.debug(`issues move through ${api.path === 'graphql' ? 'GraphQL' : 'REST'}: ${api.reason}`);
  const reportMd = options.reportMd;
  if (reportMd !== undefined && context.globals.dryRun)
    status(deps.io, `Dry run: ${reportMd} is written only when the rollover is applied.`);
  await emitAndApply(plan, context, deps, {
    notes: describeRollover(plan.context),
    target: scopeName(scope),
    lock: scope,
    report: (result) => printMoved(deps, plan.context, result),
    applied: (result) => reportMd !== undefined && writeReportMarkdown(reportMd, plan, result, deps),
  });
  // Nothing left to do (a rerun) is applied too: the file then lists what earlier runs moved.
  if (reportMd !== undefined && !context.globals.dryRun && isEmpty(plan))
    writeReportMarkdown(reportMd, plan, { results: [], done: 0, failed: 0, skipped: 0, interrupted: false }, deps);
}

/**
 * --report-md: written once the plan was applied (also when some moves failed: it lists what moved),
 * never under --dry-run, which writes nothing anywhere; the call-outs are in the dry run's notes.
 */
function writeReportMarkdown(file: string, plan: Plan<RolloverReport>, result: ApplyResult, deps: Deps): void {
  const report = plan.context;
  const done = new Set(result.results.filter((r) => r.status === 'done').map((r) => r.key));
  const moved = new Set(report.items.filter((item) => done.has(moveKey(item))).map((item) => item.reference));
  const path = resolve(deps.cwd, file);
  writeFileSync(path, renderReportMarkdown(report, moved, plan.date));
  status(deps.io, `Wrote the call-outs to ${file}.`);
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
    api: options.api ?? section.api,
    apiSetting: options.api ? '--api' : 'milestone.api',
    slips: options.slips ?? section.slips,
    slipsSetting: options.slips ? '--slips' : 'milestone.slips',
    toNone: options.toNone,
    labels: options.labels,
    health: options.health,
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

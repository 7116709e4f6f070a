import type { Deps } from '../../deps.js';
import { RECALIBRATE_PLANNING } from '../../rituals/slo/chart.js';
import { planSloRecalibrate } from '../../rituals/slo/plan-recalibrate.js';
import { assigneesOf, usernamesOf } from '../../rituals/slo/settings.js';
import { parseQuarter, quarterContaining } from '../../rituals/common/quarter.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import { planningInstant } from '../common/planning-instant.js';
import { readSloIssues, readSloPeople, sloProject } from './read-state.js';
import type { SloRecalibrateOptions } from './recalibrate.js';
import { unchangedNotes, openPrometheus, readBudgets } from './shared.js';
import { loadSloStep } from './step.js';

export async function runSloRecalibrate(options: SloRecalibrateOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { config } = context;
  const doing = 'cannot open the SLO recalibration';
  const { settings, services, step, people } = loadSloStep(context, doing, options.service, RECALIBRATE_PLANNING);
  const project = sloProject(settings);
  const quarter = options.quarter
    ? parseQuarter(options.quarter, config.fiscal_year_start_month)!
    : quarterContaining(context.today, config.okr.quarters, config.fiscal_year_start_month);
  const at = planningInstant(context, deps);
  const statuses = settings.prometheus.url ? await readBudgets(openPrometheus(context, deps, settings), settings, services, at) : null;
  const userIds = await readSloPeople(context, doing, project, usernamesOf(people), [...new Set(people.flatMap(assigneesOf))]);
  const entries = await Promise.all(
    services.map(async (service, i) => ({
      service,
      existing: await readSloIssues(context, project, service),
      status: statuses?.[i] ?? null,
      people: people[i]!,
    })),
  );
  const plan = planSloRecalibrate({ project, at, services: entries, userIds }, { quarter, step }, context.today);
  await emitAndApply(plan, context, deps, { lock: { kind: 'project', ref: project }, notes: unchangedNotes(plan, context) });
}

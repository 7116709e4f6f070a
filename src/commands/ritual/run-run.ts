import type { Deps } from '../../deps.js';
import { planRituals } from '../../rituals/recurring/plan-rituals.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import { readRitualsState } from './read-state.js';
import type { RitualRunOptions } from './run.js';

export async function runRitualRun(options: RitualRunOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { targets, occurrences, state } = await readRitualsState(context, deps.cwd, options.rituals);
  const plan = planRituals(targets, occurrences, state, context.today, 'ritual run');
  const notDue = plan.context.rituals.filter((r) => r.status === 'not-due');
  await emitAndApply(plan, context, deps, {
    // The first ritual's project, by teamops.yml: the same for every run of the same rituals.
    lock: { kind: 'project', ref: targets[0]?.project ?? plan.scope },
    notes: notDue.map(
      (r) => `${r.ritual}${r.team ? ` (${r.team})` : ''}: nothing due; next opens ${r.opensOn ?? 'never'} for ${r.date ?? '-'}`,
    ),
  });
}

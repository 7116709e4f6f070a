import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerSloBudget } from './budget.js';
import { registerSloInit } from './init.js';
import { registerSloRecalibrate } from './recalibrate.js';
import { registerSloStatus } from './status.js';

export function registerSlo(program: Command, deps: Deps): void {
  const slo = program
    .command('slo')
    .description(
      'SLO rituals: the lifecycle as issues (RACI chart), error budgets from Prometheus, the budget policy, quarterly recalibration',
    );
  registerSloInit(slo, deps);
  registerSloStatus(slo, deps);
  registerSloBudget(slo, deps);
  registerSloRecalibrate(slo, deps);
}

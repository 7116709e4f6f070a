import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerSloBudget } from './budget.js';
import { registerSloInit } from './init.js';
import { registerSloRecalibrate } from './recalibrate.js';
import { registerSloStatus } from './status.js';
import { nounCommand } from '../nouns.js';

export function registerSlo(program: Command, deps: Deps): void {
  const slo = nounCommand(program, 'slo');
  registerSloInit(slo, deps);
  registerSloStatus(slo, deps);
  registerSloBudget(slo, deps);
  registerSloRecalibrate(slo, deps);
}

import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerOkrCheckin } from './checkin.js';
import { registerOkrCoverage } from './coverage.js';
import { registerOkrCreate } from './create.js';
import { registerOkrLink } from './link.js';
import { registerOkrPlan } from './plan.js';
import { registerOkrRetro } from './retro.js';
import { registerOkrStatus } from './status.js';
import { nounCommand } from '../nouns.js';

export function registerOkr(program: Command, deps: Deps): void {
  const okr = nounCommand(program, 'okr');
  registerOkrCreate(okr, deps);
  registerOkrStatus(okr, deps);
  registerOkrCheckin(okr, deps);
  registerOkrLink(okr, deps);
  registerOkrCoverage(okr, deps);
  registerOkrRetro(okr, deps);
  registerOkrPlan(okr, deps);
}

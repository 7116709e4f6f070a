import type { Command } from 'commander';
import type { Deps } from '../deps.js';
import { registerCompletion } from './completion/index.js';
import { registerConfig } from './config/index.js';
import { registerDri } from './dri/index.js';
import { registerLabels } from './labels/index.js';
import { registerMilestone } from './milestone/index.js';
import { registerClaims } from './claims/index.js';
import { registerOkr } from './okr/index.js';
import { registerQueue } from './queue/index.js';
import { registerRitual } from './ritual/index.js';
import { registerSandbox } from './sandbox/index.js';
import { registerSlo } from './slo/index.js';
import { registerUpdate } from './update/index.js';

/** The noun groups, in the order `teamops --help` lists them: the rituals by cadence, then the tools. */
export function registerCommands(program: Command, deps: Deps): void {
  registerOkr(program, deps);
  registerDri(program, deps);
  registerMilestone(program, deps);
  registerLabels(program, deps);
  registerUpdate(program, deps);
  registerQueue(program, deps);
  registerClaims(program, deps);
  registerRitual(program, deps);
  registerSlo(program, deps);
  registerSandbox(program, deps);
  registerConfig(program, deps);
  registerCompletion(program, deps);
}

import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerMilestoneRollover } from './rollover.js';

export function registerMilestone(program: Command, deps: Deps): void {
  const milestone = program.command('milestone').description('end-of-milestone rituals: roll unfinished work over to the next milestone');
  registerMilestoneRollover(milestone, deps);
}

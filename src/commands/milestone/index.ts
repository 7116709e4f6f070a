import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerMilestoneRollover } from './rollover.js';
import { nounCommand } from '../nouns.js';

export function registerMilestone(program: Command, deps: Deps): void {
  const milestone = nounCommand(program, 'milestone');
  registerMilestoneRollover(milestone, deps);
}

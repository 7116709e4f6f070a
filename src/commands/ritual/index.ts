import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerRitualCheck } from './check.js';
import { registerRitualRun } from './run.js';
import { nounCommand } from '../nouns.js';

export function registerRitual(program: Command, deps: Deps): void {
  const ritual = nounCommand(program, 'ritual');
  registerRitualRun(ritual, deps);
  registerRitualCheck(ritual, deps);
}

import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerLabelsCheck } from './check.js';
import { nounCommand } from '../nouns.js';

export function registerLabels(program: Command, deps: Deps): void {
  const labels = nounCommand(program, 'labels');
  registerLabelsCheck(labels, deps);
}

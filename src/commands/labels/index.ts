import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerLabelsCheck } from './check.js';

export function registerLabels(program: Command, deps: Deps): void {
  const labels = program.command('labels').description("hold every item to the team's label rules (labels.rules in teamops.yml)");
  registerLabelsCheck(labels, deps);
}

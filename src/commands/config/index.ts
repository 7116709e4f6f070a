import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerConfigCheck } from './check.js';
import { registerConfigInit } from './init.js';
import { nounCommand } from '../nouns.js';

export function registerConfig(program: Command, deps: Deps): void {
  const config = nounCommand(program, 'config');
  registerConfigCheck(config, deps);
  registerConfigInit(config, deps);
}

import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerConfigCheck } from './check.js';
import { registerConfigInit } from './init.js';

export function registerConfig(program: Command, deps: Deps): void {
  const config = program.command('config').description('write a starter teamops.yml, and check it and the GitLab connection');
  registerConfigCheck(config, deps);
  registerConfigInit(config, deps);
}

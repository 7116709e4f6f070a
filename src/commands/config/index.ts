import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { registerConfigCheck } from './check.js';

export function registerConfig(program: Command, deps: Deps): void {
  const config = program.command('config').description('check teamops.yml and the GitLab connection');
  registerConfigCheck(config, deps);
}

import type { Command } from 'commander';
import type { Deps } from '../deps.js';
import { registerConfig } from './config/index.js';

/** The noun groups, in the order `teamops --help` lists them. */
export function registerCommands(program: Command, deps: Deps): void {
  registerConfig(program, deps);
}

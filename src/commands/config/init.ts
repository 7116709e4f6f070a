import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { examples, globalsOf, type GlobalOptions } from '../common/global-options.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface ConfigInitOptions {
  globals: GlobalOptions;
  /** Replace a file that exists. */
  force: boolean;
}

const runConfigInit = runOnFirstUse(async () => (await import('./run-init.js')).runConfigInit);

export function registerConfigInit(parent: Command, deps: Deps, run: Run<ConfigInitOptions> = runConfigInit): Command {
  return parent
    .command('init')
    .description('write a commented starter teamops.yml in this directory (or at --config)')
    .option('--force', 'replace the file if it exists')
    .addHelpText('after', examples('teamops config init', 'teamops config init --config ops/teamops.yml --force'))
    .action((flags: { force?: boolean }, command: Command) =>
      run({ globals: globalsOf(command, deps), force: flags.force === true }, deps),
    );
}

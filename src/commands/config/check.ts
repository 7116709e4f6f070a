import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface ConfigCheckOptions {
  globals: GlobalOptions;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runConfigCheck = runOnFirstUse<ConfigCheckOptions>(async () => (await import('./run-check.js')).runConfigCheck);

export function registerConfigCheck(parent: Command, deps: Deps, run: Run<ConfigCheckOptions> = runConfigCheck): Command {
  return parent
    .command('check')
    .description('validate teamops.yml, show who GITLAB_TOKEN belongs to, and check that the projects and groups it names exist')
    .addHelpText(
      'after',
      examples(
        'teamops config check',
        'teamops config check --config ops/teamops.yml',
        'GITLAB_HOST=https://gitlab.example.com teamops config check --json',
      ),
    )
    .action(async (_options, command: Command) => run({ globals: globalsOf(command, deps) }, deps));
}

import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { examples, globalsOf, type GlobalOptions } from '../common/global-options.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface SloInitOptions {
  globals: GlobalOptions;
  service: string;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runSloInit = runOnFirstUse<SloInitOptions>(async () => (await import('./run-init.js')).runSloInit);

export function registerSloInit(parent: Command, deps: Deps, run: Run<SloInitOptions> = runSloInit): Command {
  return parent
    .command('init')
    .argument('<service>', 'the service of slo.services whose lifecycle to open')
    .description(
      "open a service's SLO lifecycle as issues, one per step of the RACI chart, labelled by phase, linked in order, assigned to the Responsible people",
    )
    .addHelpText('after', examples('teamops slo init login --dry-run', 'teamops slo init login --yes', 'teamops slo init login --json'))
    .action(async (service: string, _flags: unknown, command: Command) => {
      await run({ globals: globalsOf(command, deps), service }, deps);
    });
}

import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { examples, globalsOf, type GlobalOptions } from '../common/global-options.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface SloStatusOptions {
  globals: GlobalOptions;
  /** One service; every service in slo.services when absent. */
  service?: string;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runSloStatus = runOnFirstUse<SloStatusOptions>(async () => (await import('./run-status.js')).runSloStatus);

export function registerSloStatus(parent: Command, deps: Deps, run: Run<SloStatusOptions> = runSloStatus): Command {
  return parent
    .command('status')
    .argument('[service]', 'one service of slo.services (default: all)')
    .description(
      "each service's SLI over its window, error budget (total, spent, left, as events and as time) and burn rates, from Prometheus",
    )
    .addHelpText(
      'after',
      examples(
        'teamops slo status',
        'teamops slo status login',
        'teamops slo status login --date 2026-11-30',
        "teamops slo status --json | jq '.services[] | {service, sli, budget}'",
      ),
    )
    .action(async (service: string | undefined, _flags: unknown, command: Command) => {
      await run({ globals: globalsOf(command, deps), service }, deps);
    });
}

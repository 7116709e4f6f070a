import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { examples, globalsOf, type GlobalOptions } from '../common/global-options.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';
import { quarterName } from '../common/parsers.js';

export interface SloRecalibrateOptions {
  globals: GlobalOptions;
  service?: string;
  /** 2027-Q1 or FY27-Q1; the quarter containing today (okr.quarters says which kind) when absent. */
  quarter?: string;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runSloRecalibrate = runOnFirstUse<SloRecalibrateOptions>(async () => (await import('./run-recalibrate.js')).runSloRecalibrate);

export function registerSloRecalibrate(parent: Command, deps: Deps, run: Run<SloRecalibrateOptions> = runSloRecalibrate): Command {
  return parent
    .command('recalibrate')
    .argument('[service]', 'one service of slo.services (default: all)')
    .description("open the quarter's Recalibrate/Planning issue for each service, once per quarter, assigned as the RACI chart says")
    .addOption(
      new Option('--quarter <quarter>', "the quarter to plan (default: today's, by okr.quarters)").argParser(quarterName('--quarter')),
    )
    .addHelpText(
      'after',
      examples(
        'teamops slo recalibrate --dry-run',
        'teamops slo recalibrate login --yes',
        'teamops slo recalibrate --quarter 2027-Q1 --yes',
      ),
    )
    .action(async (service: string | undefined, flags: { quarter?: string }, command: Command) => {
      await run({ globals: globalsOf(command, deps), service, quarter: flags.quarter }, deps);
    });
}

import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { QUARTER_EXAMPLES } from '../../rituals/common/quarter.js';
import { examples, globalsOf, type GlobalOptions } from '../common/global-options.js';
import { quarterName } from '../common/parsers.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface OkrPlanOptions {
  globals: GlobalOptions;
  /** The quarter to plan; default: the one after today's. */
  quarter?: string;
  team?: string;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runOkrPlan = runOnFirstUse<OkrPlanOptions>(async () => (await import('./run-plan.js')).runOkrPlan);

export function registerOkrPlan(parent: Command, deps: Deps, run: Run<OkrPlanOptions> = runOkrPlan): Command {
  return parent
    .command('plan')
    .description("open next quarter's OKR planning issue: the handbook's dated timeline, the planners, and a draft OKR file")
    .addOption(
      new Option('--quarter <quarter>', `the quarter to plan, ${QUARTER_EXAMPLES} (default: the one after today's)`).argParser(
        quarterName('--quarter'),
      ),
    )
    .option('--team <team>', 'the team (default: the only one in okr.teams)')
    .addHelpText(
      'after',
      examples('teamops okr plan --dry-run', 'teamops okr plan --team distribution --yes', 'teamops okr plan --quarter FY28-Q1 --json'),
    )
    .action(async (flags: { quarter?: string; team?: string }, command: Command) => {
      await run({ globals: globalsOf(command, deps), quarter: flags.quarter, team: flags.team }, deps);
    });
}

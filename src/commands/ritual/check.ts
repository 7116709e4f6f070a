import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';
import { collect } from './run.js';

export interface RitualCheckOptions {
  globals: GlobalOptions;
  rituals: string[];
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runRitualCheck = runOnFirstUse<RitualCheckOptions>(async () => (await import('./run-check.js')).runRitualCheck);

export function registerRitualCheck(parent: Command, deps: Deps, run: Run<RitualCheckOptions> = runRitualCheck): Command {
  return parent
    .command('check')
    .description('list each ritual issue due today (or --date) as done or missing, and when the next one opens; exit 1 when any is missing')
    .option('--ritual <name>', 'only this ritual (repeatable)', collect)
    .addHelpText('after', examples('teamops ritual check', 'teamops ritual check --date 2027-01-05 --json'))
    .action(async (raw: Record<string, unknown>, cmd: Command) => {
      await run({ globals: globalsOf(cmd, deps), rituals: (raw.ritual as string[] | undefined) ?? [] }, deps);
    });
}

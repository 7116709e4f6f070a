import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface RitualRunOptions {
  globals: GlobalOptions;
  /** --ritual, repeatable; none: every ritual of teamops.yml. */
  rituals: string[];
}

export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runRitualRun = runOnFirstUse<RitualRunOptions>(async () => (await import('./run-run.js')).runRitualRun);

export function registerRitualRun(parent: Command, deps: Deps, run: Run<RitualRunOptions> = runRitualRun): Command {
  return parent
    .command('run')
    .description('open every ritual issue due today (or --date) that is not there yet; a rerun opens nothing')
    .option('--ritual <name>', 'only this ritual (repeatable; default: every ritual in teamops.yml)', collect)
    .addHelpText(
      'after',
      examples(
        'teamops ritual run --dry-run',
        'teamops ritual run --yes                      # daily, from a scheduled pipeline',
        'teamops ritual run --ritual ops-showcase --date 2027-01-07 --json',
      ),
    )
    .action(async (raw: Record<string, unknown>, cmd: Command) => {
      await run({ globals: globalsOf(cmd, deps), rituals: (raw.ritual as string[] | undefined) ?? [] }, deps);
    });
}

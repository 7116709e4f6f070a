import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { examples, globalsOf, type GlobalOptions } from '../common/global-options.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface SloBudgetOptions {
  globals: GlobalOptions;
  service?: string;
  /** Open a Handle error budget issue per new episode, comment when one ends. */
  applyPolicy: boolean;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runSloBudget = runOnFirstUse<SloBudgetOptions>(async () => (await import('./run-budget.js')).runSloBudget);

export function registerSloBudget(parent: Command, deps: Deps, run: Run<SloBudgetOptions> = runSloBudget): Command {
  return parent
    .command('budget')
    .argument('[service]', 'one service of slo.services (default: all)')
    .description(
      'check each error budget against the policy; --apply-policy opens a "Handle error budget" issue once per episode and comments when the budget recovers',
    )
    .option('--apply-policy', 'open and close budget episodes in GitLab as the policy says (for a scheduled pipeline)')
    .addHelpText(
      'after',
      examples('teamops slo budget', 'teamops slo budget --apply-policy --dry-run', 'teamops slo budget --apply-policy --yes --json'),
    )
    .action(async (service: string | undefined, flags: { applyPolicy?: boolean }, command: Command) => {
      await run({ globals: globalsOf(command, deps), service, applyPolicy: flags.applyPolicy === true }, deps);
    });
}

import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import type { PeriodChoice } from '../../rituals/updates/period.js';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface UpdateMissingOptions {
  globals: GlobalOptions;
  /** --template, repeatable; none: every template of updates.authors. */
  templates: string[];
  period?: PeriodChoice;
  remind: boolean;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runUpdateMissing = runOnFirstUse<UpdateMissingOptions>(async () => (await import('./run-missing.js')).runUpdateMissing);

export function registerUpdateMissing(parent: Command, deps: Deps, run: Run<UpdateMissingOptions> = runUpdateMissing): Command {
  return parent
    .command('missing')
    .description("who of the expected authors (updates.authors) has not posted this period's update; --remind mentions them in a comment")
    .option(
      '--template <name>',
      'only this template (repeatable; default: every template in updates.authors)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addOption(new Option('--period <which>', 'the week (month) holding today, or the one before').choices(['current', 'last']))
    .option('--remind', "comment once per period on the week's summary issue (or updates.reminder_issue), mentioning who has not posted")
    .addHelpText(
      'after',
      examples(
        'teamops update missing',
        'teamops update missing --template em-weekly --period last --json',
        'teamops update missing --remind --dry-run',
        'teamops update missing --remind --yes',
      ),
    )
    .action(async (raw: Record<string, unknown>, cmd: Command) => {
      await run(
        {
          globals: globalsOf(cmd, deps),
          templates: (raw.template as string[] | undefined) ?? [],
          period: raw.period as PeriodChoice | undefined,
          remind: raw.remind === true,
        },
        deps,
      );
    });
}

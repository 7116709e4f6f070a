import { Option, type Command } from 'commander';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import type { Deps } from '../../deps.js';
import { wholeNumber } from '../common/parsers.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface DriScheduleOptions {
  globals: GlobalOptions;
  weeks: number;
}

export const DEFAULT_SCHEDULE_WEEKS = 8;

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runDriSchedule = runOnFirstUse<DriScheduleOptions>(async () => (await import('./run-schedule.js')).runDriSchedule);

export function registerDriSchedule(parent: Command, deps: Deps, run: Run<DriScheduleOptions> = runDriSchedule): Command {
  return parent
    .command('schedule')
    .description('show who is DRI each coming week, and who is skipped and why (reads GitLab, writes nothing)')
    .addOption(
      new Option('--weeks <n>', `how many weeks to show, from the week containing today (default ${DEFAULT_SCHEDULE_WEEKS})`).argParser(
        wholeNumber('--weeks', 1, 104),
      ),
    )
    .addHelpText(
      'after',
      examples('teamops dri schedule', 'teamops dri schedule --weeks 12', "teamops dri schedule --json | jq -r '.weeks[0].dri'"),
    )
    .action(async (flags: { weeks?: number }, command: Command) => {
      await run({ globals: globalsOf(command, deps), weeks: flags.weeks ?? DEFAULT_SCHEDULE_WEEKS }, deps);
    });
}

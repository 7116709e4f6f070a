import { Option, type Command } from 'commander';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import type { Deps } from '../../deps.js';
import { printJson, printTable, warn } from '../../io/output.js';
import { planDriSchedule } from '../../rituals/dri/plan-schedule.js';
import { SCHEDULE_HEADER, scheduleRows } from '../../rituals/dri/schedule-table.js';
import { driSettings } from '../../rituals/dri/settings.js';
import { globalsOf, openContext } from '../shared/context.js';
import { wholeNumber } from '../shared/parsers.js';
import { readDriState } from './read-state.js';

export interface DriScheduleOptions {
  globals: GlobalOptions;
  weeks: number;
}

export const DEFAULT_SCHEDULE_WEEKS = 8;

export function registerDriSchedule(parent: Command, deps: Deps, run = runDriSchedule): Command {
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

export async function runDriSchedule(options: DriScheduleOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const state = await readDriState(context, driSettings(context.config.dri, context.config.team), {
    doing: 'cannot show the DRI schedule',
  });
  const schedule = planDriSchedule(state, { weeks: options.weeks }, context.today);
  if (options.globals.json) {
    printJson(deps.io, { schemaVersion: 1, command: 'dri schedule', date: context.today, ...schedule });
    return;
  }
  for (const warning of schedule.warnings) warn(deps.io, warning);
  printTable(deps.io, SCHEDULE_HEADER, scheduleRows(schedule));
}

import type { Deps } from '../../deps.js';
import { printJson, printTable, warn } from '../../io/output.js';
import { planDriSchedule } from '../../rituals/dri/plan-schedule.js';
import { SCHEDULE_HEADER, scheduleRows } from '../../rituals/dri/schedule-table.js';
import { driSettings } from '../../rituals/dri/settings.js';
import { openContext } from '../common/context.js';
import { readDriState } from './read-state.js';
import type { DriScheduleOptions } from './schedule.js';

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
  printTable(deps.io, SCHEDULE_HEADER, scheduleRows(schedule), { shrink: [3] });
}

import type { Deps } from '../../deps.js';
import { startOfTeamDay } from '../../rituals/common/calendar.js';
import type { CommandContext } from './context.js';

/**
 * The moment a command works at, where it needs one and not only a day (the queue's working hours,
 * the instant Prometheus is asked about): noon of --date in the team's zone, or TEAMOPS_NOW, or the
 * clock. --date wins, as it does for the day (context.today).
 */
export function planningInstant(context: CommandContext, deps: Deps): Date {
  if (context.globals.date) return new Date(Date.parse(startOfTeamDay(context.globals.date, context.config.timezone)) + 12 * 3_600_000);
  return context.globals.now ?? deps.clock.now();
}

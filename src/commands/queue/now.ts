import type { Deps } from '../../deps.js';
import { startOfTeamDay } from '../../rituals/common/calendar.js';
import type { CommandContext } from '../common/context.js';

/** The moment to plan for: TEAMOPS_NOW or the clock, or noon of --date in the team's zone. */
export function planningInstant(context: CommandContext, deps: Deps): string {
  if (context.globals.date)
    return new Date(Date.parse(startOfTeamDay(context.globals.date, context.config.timezone)) + 12 * 3_600_000).toISOString();
  return (context.globals.now ?? deps.clock.now()).toISOString();
}

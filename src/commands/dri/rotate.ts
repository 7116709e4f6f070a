import { Option, type Command } from 'commander';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import type { Deps } from '../../deps.js';
import { ConfigError, UsageError } from '../../errors.js';
import { planDriRotation } from '../../rituals/dri/plan-rotation.js';
import { nobodyAvailable, rotationNotes } from '../../rituals/dri/rotation-notes.js';
import { driSettings } from '../../rituals/dri/settings.js';
import { resolveWeek } from '../../rituals/dri/week.js';
import { isIsoDate } from '../../rituals/shared/calendar.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { globalsOf, openContext } from '../shared/context.js';
import { readDriRotationState } from './read-state.js';

export interface DriRotateOptions {
  globals: GlobalOptions;
  /** `YYYY-MM-DD` (any day of the week) or `next`; the week containing today when absent. */
  week?: string;
  /** A substitute for this rotation; the roster order is unchanged. */
  to?: string;
}

function weekFlag(value: string): string {
  if (value !== 'next' && !isIsoDate(value)) throw new UsageError(`--week must be a date as YYYY-MM-DD or "next", got "${value}"`);
  return value;
}

function usernameFlag(value: string): string {
  const username = value.trim().replace(/^@/, '');
  if (!username) throw new UsageError('--to needs a GitLab username');
  return username;
}

export function registerDriRotate(parent: Command, deps: Deps, run = runDriRotate): Command {
  return parent
    .command('rotate')
    .description(
      "hand the DRI role to the next person on the roster: open the week's issue, hand over active requests, close the previous issue",
    )
    .addOption(
      new Option(
        '--week <YYYY-MM-DD|next>',
        'the week to rotate to: any day of it, or "next" (default: the week containing today)',
      ).argParser(weekFlag),
    )
    .addOption(new Option('--to <username>', 'a substitute for this rotation; the roster order stays as it is').argParser(usernameFlag))
    .addHelpText(
      'after',
      examples(
        'teamops dri rotate --dry-run',
        'teamops dri rotate --yes',
        'teamops dri rotate --week next --to emeka.eze',
        'teamops dri rotate --json --yes',
      ),
    )
    .action(async (flags: { week?: string; to?: string }, command: Command) => {
      await run({ globals: globalsOf(command, deps), week: flags.week, to: flags.to }, deps);
    });
}

export async function runDriRotate(options: DriRotateOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const configured = driSettings(context.config.dri);
  const week = resolveWeek(options.week, context.today, configured.settings.weekStartsOn);
  const state = await readDriRotationState(context, configured, {
    doing: 'cannot rotate the DRI',
    week,
    substitute: options.to,
    cwd: deps.cwd,
  });
  const plan = planDriRotation(state, { week, substitute: options.to }, context.today);
  if (plan.context.outcome === 'nobody-available') {
    const { message, hint } = nobodyAvailable(plan.context);
    throw new ConfigError(message, { hint });
  }
  await emitAndApply(plan, context, deps, { notes: rotationNotes(plan.context, state.settings.project) });
}

import type { Command } from 'commander';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import type { Deps } from '../../deps.js';
import { ConfigError, UsageError } from '../../errors.js';
import { isIsoDate } from '../../rituals/shared/calendar.js';
import type { DriRotationContext } from '../../rituals/dri/model.js';
import { planDriRotation } from '../../rituals/dri/plan-rotation.js';
import { resolveWeek } from '../../rituals/dri/week.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { globalsOf, openContext } from '../shared/context.js';
import { driSettings } from '../../rituals/dri/settings.js';
import { BUNDLED_DRI_TEMPLATE } from '../../rituals/dri/template.js';
import { readDriRotationState, readDriState } from './read-state.js';

export interface DriRotateOptions {
  globals: GlobalOptions;
  /** `YYYY-MM-DD` (any day of the week) or `next`; the week containing today when absent. */
  week?: string;
  /** A substitute for this rotation; the roster order is unchanged. */
  to?: string;
}

export function registerDriRotate(parent: Command, deps: Deps, run = runDriRotate): Command {
  return parent
    .command('rotate')
    .description('hand the DRI role to the next person on the roster: open the week\'s issue, hand over active requests, close the previous issue')
    .option('--week <YYYY-MM-DD|next>', 'the week to rotate to: any day of it, or "next" (default: the week containing today)')
    .option('--to <username>', 'a substitute for this rotation; the roster order stays as it is')
    .addHelpText(
      'after',
      examples('teamops dri rotate --dry-run', 'teamops dri rotate --yes', 'teamops dri rotate --week next --to emeka.eze', 'teamops dri rotate --json --yes'),
    )
    .action(async (flags: { week?: string; to?: string }, command: Command) => {
      if (flags.week !== undefined && flags.week !== 'next' && !isIsoDate(flags.week)) {
        throw new UsageError(`--week must be a date as YYYY-MM-DD or "next", got "${flags.week}"`);
      }
      const to = flags.to?.trim().replace(/^@/, '');
      if (flags.to !== undefined && !to) throw new UsageError('--to needs a GitLab username');
      await run({ globals: globalsOf(command, deps), week: flags.week, to }, deps);
    });
}

export async function runDriRotate(options: DriRotateOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { settings, problems } = driSettings(context.config.dri);
  const week = resolveWeek(options.week, context.today, settings.weekStartsOn);
  const read = { doing: 'cannot rotate the DRI', timezone: context.config.timezone, busyCountsAsAway: context.config.dri.busy_counts_as_away, substitute: options.to };
  const reader = context.reader();
  const base = await readDriState(reader, settings, problems, read);
  const state = await readDriRotationState(reader, base, week, read);
  const plan = planDriRotation(state, { week, substitute: options.to }, context.today);
  if (plan.context.outcome === 'nobody-available') {
    throw new ConfigError(`nobody on dri.roster is available for the week of ${week}: ${plan.context.skipped.map((s) => `@${s.username} (${s.reasons.join('; ')})`).join(', ')}`, {
      hint: 'pass --to USERNAME to name a substitute, or check dri.absences; nothing was written to GitLab',
    });
  }
  await emitAndApply(plan, context, deps, { notes: rotationNotes(plan.context, settings.project) });
}

/** What people want to know besides the plan: who, why others were skipped, what was missed. */
function rotationNotes(context: DriRotationContext, project: string): string[] {
  const notes: string[] = [];
  if (context.outcome === 'already-rotated') {
    notes.push(`The week of ${context.week.start} has its DRI issue already${context.dri ? `: @${context.dri}` : ''}.`);
  }
  if (context.outcome === 'rotation-continues') {
    notes.push(`No hand-over this week: the ${context.cadence} rotation of ${context.dri ? `@${context.dri}` : 'the current DRI'} runs until the week of ${context.nextHandover}.`);
  }
  if (context.outcome === 'rotate') {
    const after = context.previousDri ? ` (after @${context.previousDri})` : ' (first rotation: no earlier DRI issue found)';
    const instead = context.substituteFor ? `, substituting for @${context.substituteFor}` : '';
    notes.push(`DRI for the week of ${context.week.start}: @${context.dri}${instead}${after}`);
    notes.push(
      context.template.source === 'project'
        ? `Issue template: "${context.template.name}" from ${project}`
        : `Issue template: ${project} has no "${context.template.name}" issue template; using teamops' templates/${BUNDLED_DRI_TEMPLATE}`,
    );
  }
  for (const skipped of context.skipped) notes.push(`Skipped @${skipped.username}: ${skipped.reasons.join('; ')}`);
  if (context.missedRotations.length > 0 && context.previousIssue) {
    const n = context.missedRotations.length;
    const unit = context.cadence === 'weekly' ? 'week' : 'rotation';
    // A rehearsal far ahead (--date) can miss hundreds of weeks: name the first and the last few.
    const missed = n <= 6 ? context.missedRotations : [...context.missedRotations.slice(0, 3), '…', ...context.missedRotations.slice(-2)];
    notes.push(
      `Catching up: ${n} ${unit}${n === 1 ? ' was' : 's were'} missed (${missed.join(', ')}); handing over from ${context.previousIssue.reference}, the week of ${context.previousIssue.weekStart}`,
    );
  }
  return notes;
}

import { Option, type Command } from 'commander';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import type { Deps } from '../../deps.js';
import { ConfigError, UsageError } from '../../errors.js';
import { HANDOFF_DESCRIPTIONS, labelledOption } from '../../rituals/dri/handoff.js';
import { pendingHandoffs } from '../../rituals/dri/handover.js';
import { HANDOFF_OPTIONS, type DriRotationState, type HandoffChoice } from '../../rituals/dri/model.js';
import { planDriRotation } from '../../rituals/dri/plan-rotation.js';
import { issuesAround } from '../../rituals/dri/rotation-issues.js';
import type { Prompter } from '../../prompts/prompter.js';
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
      ) +
        `
Hand-off options, per active request (a label on it, or a question at a terminal):
  dri-handoff::next   hand it to the next DRI in the hand-over comment (the default)
  dri-handoff::sme    the outgoing DRI stays on as subject-matter expert
  dri-handoff::close  open a follow-up issue, post the request's "Mitigation:" comment, close it
  dri-handoff::sync   pass it on synchronously: listed under "To discuss" in the new issue
The labels are set in dri.handoff_labels; planned swaps in dri.overrides.
`,
    )
    .action(async (flags: { week?: string; to?: string }, command: Command) => {
      await run({ globals: globalsOf(command, deps), week: flags.week, to: flags.to }, deps);
    });
}

export async function runDriRotate(options: DriRotateOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const configured = driSettings(context.config.dri, context.config.team);
  const week = resolveWeek(options.week, context.today, configured.settings.weekStartsOn);
  const state = await readDriRotationState(context, configured, {
    doing: 'cannot rotate the DRI',
    week,
    substitute: options.to,
    cwd: deps.cwd,
  });
  // At a terminal the outgoing DRI picks an option for each request whose label names none.
  const asking = context.canPrompt && !options.globals.yes && !options.globals.dryRun;
  const handoffChoices = asking ? await askHandoffs(deps.prompter, state, week) : {};
  const plan = planDriRotation({ ...state, handoffChoices }, { week, substitute: options.to }, context.today);
  if (plan.context.outcome === 'nobody-available') {
    const { message, hint } = nobodyAvailable(plan.context);
    throw new ConfigError(message, { hint });
  }
  await emitAndApply(plan, context, deps, { notes: rotationNotes(plan.context, state.settings.project) });
}

async function askHandoffs(prompter: Prompter, state: DriRotationState, week: string): Promise<Record<string, HandoffChoice>> {
  const choices: Record<string, HandoffChoice> = {};
  const pending = pendingHandoffs(state, week, issuesAround(state.issues, week).target);
  for (const request of pending.filter((r) => labelledOption(r, state.settings.handoffLabels) === null)) {
    const option = await prompter.select(
      'dri.handoff',
      `How do you hand over ${request.reference} "${request.title}"?`,
      HANDOFF_OPTIONS.map((value) => ({ value, name: `${value}: ${HANDOFF_DESCRIPTIONS[value]}` })),
    );
    if (option !== 'close') {
      choices[request.reference] = { option };
      continue;
    }
    const documented = state.mitigations[request.reference];
    const mitigation = await prompter.input(
      'dri.mitigation',
      `The mitigation for ${request.reference} (posted on it before it is closed)`,
      {
        ...(documented ? { defaultValue: documented } : {}),
        validate: (value) => (value.trim() ? true : 'describe the mitigation: what was done instead of solving it'),
      },
    );
    choices[request.reference] = { option, mitigation };
  }
  return choices;
}

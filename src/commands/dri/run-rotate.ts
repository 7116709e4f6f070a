import type { Deps } from '../../deps.js';
import { ConfigError } from '../../errors.js';
import { HANDOFF_DESCRIPTIONS, labelledOption } from '../../rituals/dri/handoff.js';
import { pendingHandoffs } from '../../rituals/dri/handover.js';
import { HANDOFF_OPTIONS, type DriRotationState, type HandoffChoice } from '../../rituals/dri/model.js';
import { planDriRotation } from '../../rituals/dri/plan-rotation.js';
import { issuesAround } from '../../rituals/dri/rotation-issues.js';
import type { Prompter } from '../../prompts/prompter.js';
import { nobodyAvailable, rotationNotes } from '../../rituals/dri/rotation-notes.js';
import { driSettings } from '../../rituals/dri/settings.js';
import { resolveWeek } from '../../rituals/dri/week.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import { readDriRotationState } from './read-state.js';
import type { DriRotateOptions } from './rotate.js';

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
  await emitAndApply(plan, context, deps, {
    notes: rotationNotes(plan.context, state.settings.project),
    lock: { kind: 'project', ref: state.settings.project },
  });
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

import type { Deps } from '../../deps.js';
import { ConfigError } from '../../errors.js';
import { planDriRotation } from '../../rituals/dri/plan-rotation.js';
import { nobodyAvailable, rotationNotes } from '../../rituals/dri/rotation-notes.js';
import { driSettings } from '../../rituals/dri/settings.js';
import { resolveWeek } from '../../rituals/dri/week.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { openContext } from '../shared/context.js';
import { readDriRotationState } from './read-state.js';
import type { DriRotateOptions } from './rotate.js';

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

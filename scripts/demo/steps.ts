import { driSteps } from './dri.js';
import type { DemoStep } from './harness.js';
import { labelSteps } from './labels.js';
import { milestoneSteps } from './milestone.js';
import { okrSteps } from './okr.js';
import { queueSteps } from './queue.js';
import { ritualSteps } from './rituals.js';
import { updateSteps } from './updates.js';

/**
 * The demo's parts in order, for the demo's clock: `now` is the sandbox's, which its seed is dated by.
 * Each ritual adds its own file and one line here.
 */
export function demoSteps(now: Date): DemoStep[] {
  return [
    {
      title: 'Check the configuration and the token',
      runs: [{ args: ['config', 'check'] }],
    },
    ...okrSteps,
    ...driSteps,
    ...milestoneSteps,
    ...labelSteps,
    ...updateSteps(now),
    ...ritualSteps,
    ...queueSteps,
  ];
}

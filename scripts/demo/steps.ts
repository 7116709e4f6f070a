import { driSteps } from './dri.js';
import type { DemoStep } from './harness.js';
import { labelSteps } from './labels.js';
import { milestoneSteps } from './milestone.js';
import { okrSteps } from './okr.js';
import { queueSteps } from './queue.js';
import { ritualSteps } from './rituals.js';
import { updateSteps } from './updates.js';

/** The demo's parts in order. Each ritual adds its own file and one line here. */
export const demoSteps: DemoStep[] = [
  {
    title: 'Check the configuration and the token',
    runs: [{ args: ['config', 'check'] }],
  },
  ...okrSteps,
  ...driSteps,
  ...milestoneSteps,
  ...labelSteps,
  ...updateSteps,
  ...ritualSteps,
  ...queueSteps,
];

import type { DemoStep } from './harness.js';

/** The daily queue and claims: amara.okafor's list, the claims on unassigned Deliverables, and their sync. */
export const queueSteps: DemoStep[] = [
  {
    title: "What to work on today, by the handbook's table (teamops queue, teamops claims)",
    runs: [
      { args: ['queue', '--user', 'amara.okafor'], note: "amara's list: unblock, review, continue, pick up, by priority and review SLO" },
      { args: ['claims'], note: 'The claims left in comments: valid, lapsed, or no claim without a date' },
      { args: ['claims', '--sync', '--yes'], note: 'Label the valid claim, free the lapsed one with a comment' },
      { args: ['claims', '--sync', '--yes'], note: 'Run again: nothing to do' },
    ],
  },
];

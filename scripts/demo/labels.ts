import type { DemoStep } from './harness.js';

/** The label rules (labels.rules in the demo's teamops.yml) on distribution/omnibus, after the rollover. */
export const labelSteps: DemoStep[] = [
  {
    title: "Hold every item to the team's label rules",
    runs: [
      {
        note: 'Which items break a rule, and the fix for each; exit 1, so a pipeline fails on them',
        args: ['labels', 'check'],
        exitCode: 1,
      },
      {
        note: 'What --fix would change: the quarter label of each milestone due date, Unplanned from the milestone history',
        args: ['labels', 'check', '--fix', '--dry-run'],
        exitCode: 1,
      },
      { note: 'Fix them: one label change per item, creating no label', args: ['labels', 'check', '--fix', '--yes'] },
      { note: 'Check again: every item follows the rules (exit 0)', args: ['labels', 'check'] },
    ],
  },
];

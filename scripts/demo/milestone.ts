import type { DemoStep } from './harness.js';

/** The milestone rollover against the demo group's past, current and next milestones (real clock). */
export const milestoneSteps: DemoStep[] = [
  {
    title: 'Roll over the milestone that ended',
    runs: [
      {
        note: 'Which milestone ended, what did not ship, what keeps slipping, and the health status each moved issue gets (nothing is written)',
        args: ['milestone', 'rollover', '--include-mrs', '--health', '--dry-run'],
      },
      {
        note: 'Move it: one update per issue or merge request, run concurrently; the call-outs go to retrospective.md for the retrospective',
        args: ['milestone', 'rollover', '--include-mrs', '--health', '--report-md', 'retrospective.md', '--yes'],
      },
      { note: 'Run it again: everything has moved, nothing is labelled twice', args: ['milestone', 'rollover', '--include-mrs'] },
    ],
  },
];

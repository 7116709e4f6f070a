import type { DemoStep } from './harness.js';

/**
 * The recurring ritual issues of `rituals:` in the demo's teamops.yml, on today's date: the monthly
 * showcase and the fortnightly retrospective are always due; the review prep and the meeting agenda
 * only in their lead time, so on most days they show when they open next.
 */
export const ritualSteps: DemoStep[] = [
  {
    title: 'Recurring ritual issues (teamops ritual run, ritual check)',
    runs: [
      { note: 'Before the run: due and missing, so it exits 1 (a pipeline alert)', args: ['ritual', 'check'], exitCode: 1 },
      { note: 'What is due today and not there yet; the rest with the day it opens next', args: ['ritual', 'run', '--dry-run'] },
      { note: 'Open them (a daily pipeline runs exactly this)', args: ['ritual', 'run', '--yes'] },
      { note: 'Run it again: every due issue is there', args: ['ritual', 'run'] },
      { note: 'After it: due and done, or upcoming; exit 0', args: ['ritual', 'check'] },
    ],
  },
];

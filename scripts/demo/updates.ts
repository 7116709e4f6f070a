import type { DemoStep } from './harness.js';

/** Async updates from the demo's last seven days in distribution/team-tasks (real clock). */
export const updateSteps: DemoStep[] = [
  {
    title: "Write this week's async update (teamops update print)",
    runs: [
      {
        note: "grace.hopper's weekly update, filled from the group's week: closed, merged, in progress, slipped",
        args: ['update', 'print', '--template', 'em-weekly', '--author', 'grace.hopper'],
      },
      {
        note: 'Open it as an issue instead: the plan first',
        args: ['update', 'print', '--template', 'em-weekly', '--author', 'grace.hopper', '--create', '--dry-run'],
      },
      {
        note: 'Create it, labelled OpsSection::AsyncUpdate and assigned to her',
        args: ['update', 'print', '--template', 'em-weekly', '--author', 'grace.hopper', '--create', '--yes'],
      },
      {
        note: 'Run it again: her update for this week exists, so there is nothing to do',
        args: ['update', 'print', '--template', 'em-weekly', '--author', 'grace.hopper', '--create'],
      },
    ],
  },
  {
    title: "Collect the month's highlights for the director (teamops update highlights)",
    runs: [
      {
        note: 'Every HIGHLIGHT: paragraph, from both label forms; code blocks and mid-sentence mentions are skipped',
        args: ['update', 'highlights', '--comments'],
      },
    ],
  },
  {
    title: "Summarise the week's updates (teamops update summary)",
    runs: [
      { note: 'The summary issue it would create', args: ['update', 'summary', '--create', '--dry-run'] },
      { args: ['update', 'summary', '--create', '--yes'] },
      { note: 'Run it again: one summary per week', args: ['update', 'summary', '--create'] },
    ],
  },
];

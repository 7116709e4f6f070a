import type { DemoStep } from './harness.js';

/**
 * Async updates of the demo's week in distribution/team-tasks, on the demo's clock (the sandbox's,
 * which seeded them): write, collect, summarise, chase.
 */
export function updateSteps(now: Date): DemoStep[] {
  // The demo's updates are from the last seven days; early in a month they belong to the month before,
  // so the director's update is then last month's (as on the 1st, from a pipeline).
  const highlightsMonth = now.getUTCDate() <= 4 ? ['--period', 'last'] : [];
  return [
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
          args: ['update', 'highlights', '--comments', ...highlightsMonth],
        },
        {
          note: "Open the director's monthly update with them in its Highlights & Accomplishments section",
          args: ['update', 'highlights', '--create', ...highlightsMonth, '--yes'],
        },
        {
          note: 'Run it again: the month has its update and no highlight is new, so nothing changes',
          args: ['update', 'highlights', '--create', ...highlightsMonth],
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
    {
      title: 'Who has not posted this week (teamops update missing)',
      runs: [
        {
          note: "The expected authors of updates.authors (the group's Engineering Managers, the staff engineer) against the week",
          args: ['update', 'missing'],
        },
        { note: "Mention them once on the week's summary issue", args: ['update', 'missing', '--remind', '--yes'] },
        { note: 'Run it again: the reminder for this week is there', args: ['update', 'missing', '--remind'] },
      ],
    },
  ];
}

import type { DemoStep } from './harness.js';

/**
 * Async updates of the demo's week in distribution/team-tasks, on the demo's clock (the sandbox's,
 * which seeded them): write, collect, summarise, chase.
 */
export function updateSteps(now: Date): DemoStep[] {
  // The demo's updates are from the seven days before its clock's now, which a calendar month (of the
  // team's zone, not UTC) may cut in two: the highlights steps name that week as a range of their own.
  const day = (offsetDays: number) => new Date(now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const seededWeek = ['--since', day(-7), '--until', day(0)];
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
          args: ['update', 'highlights', '--comments', ...seededWeek],
        },
        {
          note: "Open the director's update for that week with them in its Highlights & Accomplishments section",
          args: ['update', 'highlights', '--create', ...seededWeek, '--yes'],
        },
        {
          note: 'Run it again: the week has its update and no highlight is new, so nothing changes',
          args: ['update', 'highlights', '--create', ...seededWeek],
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

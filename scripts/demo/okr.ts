import { fileURLToPath } from 'node:url';
import type { DemoStep } from './harness.js';

// The example OKR file that ships with teamops: three objectives with three key results each.
const okrFile = fileURLToPath(new URL('../../templates/okrs.example.yml', import.meta.url));

export const okrSteps: DemoStep[] = [
  {
    title: "OKRs: the quarter's objectives and key results as linked issues",
    runs: [
      {
        note: 'Preview: 3 objectives and 9 key results, each key result linked to its objective',
        args: ['okr', 'create', '--file', okrFile, '--dry-run'],
      },
      { note: 'Create them', args: ['okr', 'create', '--file', okrFile, '--yes'] },
      { note: 'Run it again: everything is already in place', args: ['okr', 'create', '--file', okrFile] },
      {
        note: 'The quarter at a glance: targets, current values and scores read from the key results',
        args: ['okr', 'status', '--quarter', 'FY27-Q1'],
      },
    ],
  },
  {
    title: 'OKRs through the quarter: weekly check-ins, reminders, the scoreboard, linked work, the retrospective',
    runs: [
      {
        note: 'Week 2 (replayed with --date): the DRIs check in; only the Current and Score lines of each key result change',
        args: [
          'okr',
          'checkin',
          '--quarter',
          'FY27-Q1',
          '--date',
          '2026-02-09',
          '--kr',
          'distribution/omnibus#35',
          '--current',
          '85',
          '--note',
          'remote cache enabled',
          '--yes',
        ],
      },
      {
        args: [
          'okr',
          'checkin',
          '--quarter',
          'FY27-Q1',
          '--date',
          '2026-02-09',
          '--kr',
          'distribution/omnibus#36',
          '--current',
          '52%',
          '--yes',
        ],
      },
      {
        note: 'Week 3, the day before the staff meeting: remind the assignees of every key result without a check-in this week',
        args: ['okr', 'checkin', '--remind', '--quarter', 'FY27-Q1', '--date', '2026-02-16', '--dry-run'],
      },
      { args: ['okr', 'checkin', '--remind', '--quarter', 'FY27-Q1', '--date', '2026-02-16', '--yes'] },
      {
        note: 'Week 3: a new check-in; its comment gives the change since week 2’s (a second run this week would update it)',
        args: [
          'okr',
          'checkin',
          '--quarter',
          'FY27-Q1',
          '--date',
          '2026-02-17',
          '--kr',
          'distribution/omnibus#35',
          '--current',
          '70',
          '--yes',
        ],
      },
      {
        note: 'The scoreboard: expected score by today (0.7 reached linearly), last check-in, overdue, on course or behind',
        args: ['okr', 'status', '--quarter', 'FY27-Q1', '--date', '2026-02-17'],
      },
      {
        note: 'Link the work that supports a key result, then see the milestone’s issues that support none',
        args: ['okr', 'link', '--quarter', 'FY27-Q1', '--kr', 'distribution/omnibus#35', 'distribution/omnibus#19', '--yes'],
      },
      { args: ['okr', 'coverage', '--quarter', 'FY27-Q1', '--group', 'distribution'] },
      {
        note: 'The last month: open next quarter’s planning issue with the handbook’s dated timeline and a draft OKR file',
        args: ['okr', 'plan', '--quarter', 'FY27-Q2', '--date', '2026-04-01', '--yes'],
      },
      {
        note: 'Quarter end: a Good / Bad / Try retrospective on each key result, then close those filled in (none yet)',
        args: ['okr', 'retro', '--quarter', 'FY27-Q1', '--date', '2026-04-27', '--yes'],
      },
      { args: ['okr', 'retro', '--close', '--quarter', 'FY27-Q1', '--date', '2026-04-30', '--dry-run'] },
    ],
  },
];

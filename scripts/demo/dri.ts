import type { DemoStep } from './harness.js';

/** The weekly DRI hand-over: last week's DRI is chen.wei, and dana.kowalski is on leave (GitLab status Busy). */
export const driSteps: DemoStep[] = [
  {
    title: 'The weekly DRI hand-over (teamops dri rotate)',
    runs: [
      { args: ['dri', 'schedule', '--weeks', '6'], note: 'Who is DRI the coming weeks, and who is skipped and why' },
      { args: ['dri', 'rotate', '--dry-run'], note: 'The plan: the new issue, the requests to hand over, the comment, the close' },
      { args: ['dri', 'rotate', '--yes'], note: 'Apply it (a Monday pipeline runs exactly this)' },
      { args: ['dri', 'rotate'], note: 'Run again: this week is rotated already, so there is nothing to do' },
    ],
  },
];

// `dri schedule` as a table: one row per week with its DRI, the issue that says so (or "planned"),
// and why: a rotation continuing, a substitute, who was skipped.
import type { DriSchedule, DriScheduleWeek } from './plan-schedule.js';

export const SCHEDULE_HEADER = ['WEEK', 'DRI', 'SOURCE', 'NOTES'];

export function scheduleRows(schedule: DriSchedule): string[][] {
  return schedule.weeks.map((week) => [
    week.weekStart,
    week.dri ? `@${week.dri}` : '(nobody available)',
    week.issue ? week.issue.reference : 'planned',
    notesOf(week),
  ]);
}

function notesOf(week: DriScheduleWeek): string {
  const notes: string[] = [];
  if (!week.startsRotation) notes.push('rotation continues');
  if (week.plannedSwap) notes.push(`planned swap (dri.overrides, ${week.plannedSwap})`);
  if (week.rotationMember && week.dri && week.rotationMember !== week.dri) notes.push(`substituting for @${week.rotationMember}`);
  for (const skipped of week.skipped) notes.push(`skipped @${skipped.username}: ${skipped.reasons.join('; ')}`);
  return notes.join('; ');
}

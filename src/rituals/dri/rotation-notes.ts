// Besides the plan, people want to know who is DRI and after whom, why others were skipped, which
// template the issue comes from, and what was missed.
import type { DriRotationContext } from './model.js';
import { templateNote } from './template.js';

export function rotationNotes(context: DriRotationContext, project: string): string[] {
  return [
    ...outcomeNotes(context, project),
    ...context.skipped.map((s) => `Skipped @${s.username}: ${s.reasons.join('; ')}`),
    ...catchingUp(context),
  ];
}

function outcomeNotes(context: DriRotationContext, project: string): string[] {
  const dri = context.dri ? `@${context.dri}` : null;
  switch (context.outcome) {
    case 'already-rotated':
      return [`The week of ${context.week.start} has its DRI issue already${dri ? `: ${dri}` : ''}.`];
    case 'rotation-continues':
      return [
        `No hand-over this week: the ${context.cadence} rotation of ${dri ?? 'the current DRI'} runs until the week of ${context.nextHandover}.`,
      ];
    case 'rotate': {
      const after = context.previousDri ? ` (after @${context.previousDri})` : ' (first rotation: no earlier DRI issue found)';
      const instead = context.substituteFor ? `, substituting for @${context.substituteFor}` : '';
      return [`DRI for the week of ${context.week.start}: @${context.dri}${instead}${after}`, templateNote(context.template, project)];
    }
    default:
      return [];
  }
}

function catchingUp(context: DriRotationContext): string[] {
  const missed = context.missedRotations;
  if (missed.length === 0 || !context.previousIssue) return [];
  const n = missed.length;
  const unit = context.cadence === 'weekly' ? 'week' : 'rotation';
  // A rehearsal far ahead (--date) can miss hundreds of weeks: name the first and the last few.
  const named = n <= 6 ? missed : [...missed.slice(0, 3), '…', ...missed.slice(-2)];
  return [
    `Catching up: ${n} ${unit}${n === 1 ? ' was' : 's were'} missed (${named.join(', ')}); handing over from ${context.previousIssue.reference}, the week of ${context.previousIssue.weekStart}`,
  ];
}

/** Why `dri rotate` stops when everyone on the roster is away, and what to do about it. */
export function nobodyAvailable(context: DriRotationContext): { message: string; hint: string } {
  const skipped = context.skipped.map((s) => `@${s.username} (${s.reasons.join('; ')})`).join(', ');
  return {
    message: `nobody on dri.roster is available for the week of ${context.week.start}: ${skipped}`,
    hint: 'pass --to USERNAME to name a substitute, or check dri.absences; nothing was written to GitLab',
  };
}

// A moved item is labelled with the milestone it missed (`missed:16.5`), and its slips are read back from those labels.
import { fillPattern, labelPatternProblem, readPatternAll } from '../shared/pattern.js';

/** What is wrong with a missed-label pattern (from a flag or teamops.yml), or null. */
export function missedLabelPatternProblem(pattern: string): string | null {
  // Slip counts are read back from these labels, so each missed milestone needs its own label.
  return labelPatternProblem(pattern, 'milestone');
}

export function missedLabelFor(pattern: string, milestoneTitle: string): string {
  return fillPattern(pattern, { milestone: milestoneTitle }, 'milestone.missed_label');
}

/** The milestone titles an item's labels say it missed, for a pattern such as `missed:{milestone}`. */
export function missedMilestones(labels: readonly string[], pattern: string): string[] {
  return readPatternAll(pattern, 'milestone', labels);
}

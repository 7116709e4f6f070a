// A moved item is labelled with the milestone it missed (`missed:16.5`), and its slips are read back from those labels.
import { fillPattern, labelPatternProblem, readPatternAll } from '../common/pattern.js';
import type { RolloverRequest } from './model.js';

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

/** The label for items that missed this milestone, or null with --no-missed-label. */
export function missedLabel(
  request: Pick<RolloverRequest, 'missedLabelPattern' | 'addMissedLabel'>,
  milestoneTitle: string,
): string | null {
  return request.addMissedLabel ? missedLabelFor(request.missedLabelPattern, milestoneTitle) : null;
}

/** Why GitLab would not take the missed label of `from`: a comma, or more than its 255 characters. */
export function missedLabelProblems(label: string | null, fromTitle: string): string[] {
  if (label === null) return [];
  const problems: string[] = [];
  if (label.includes(',')) {
    problems.push(
      `milestone "${fromTitle}" has a comma in its title, so the label "${label}" cannot be added (GitLab separates labels with commas); rename the milestone or pass --no-missed-label`,
    );
  }
  if (label.length > 255) {
    problems.push(`the missed label "${label.slice(0, 40)}…" is longer than GitLab's 255 characters; pass a shorter --missed-label`);
  }
  return problems;
}

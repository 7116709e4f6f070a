// Work added to a milestone after it started carries `Unplanned` (Distribution's rule for urgent work),
// so a milestone's report tells planned from unplanned work. When the item joined comes from GitLab's
// milestone history (resource milestone events), not from labels or creation dates. An item carried
// straight over from an earlier milestone (a rollover) slipped; it is not new work.
import { compareDates } from '../common/iso-date.js';
import type { MilestoneChange } from '../milestone/model.js';
import type { CheckedItem, LabelRules } from './model.js';
import { violationOf, type Finding } from './finding.js';

/** Whether the rule needs the item's milestone history: it is in a milestone with a start date, without the label. */
export function needsHistory(item: CheckedItem, rules: LabelRules): boolean {
  return rules.unplanned !== null && item.milestone?.startDate != null && !item.labels.includes(rules.unplanned);
}

export function checkUnplanned(item: CheckedItem, rules: LabelRules): Finding[] {
  if (!needsHistory(item, rules) || !item.history) return [];
  const milestone = item.milestone!;
  const joined = lastJoined(item.history, milestone.title);
  if (!joined || compareDates(joined.change.day, milestone.startDate!) <= 0) return [];
  const before = joined.before;
  const carriedOver =
    before !== null && before.dueDate !== null && (milestone.dueDate === null || compareDates(before.dueDate, milestone.dueDate) < 0);
  if (carriedOver) return [];
  const label = rules.unplanned!;
  return [
    violationOf(
      item,
      'unplanned',
      `missing ${label}: added to ${milestone.title} on ${joined.change.day}, after it started on ${milestone.startDate}`,
      {
        add: [label],
        remove: [],
      },
    ),
  ];
}

/** The last time the item entered the milestone, and the milestone it was in just before (null: none). */
function lastJoined(history: MilestoneChange[], title: string): { change: MilestoneChange; before: MilestoneChange | null } | null {
  let found: { change: MilestoneChange; before: MilestoneChange | null } | null = null;
  let current: MilestoneChange | null = null;
  for (const change of history) {
    if (change.action === 'add' && change.milestone === title) found = { change, before: current };
    current = change.action === 'add' && change.milestone !== null ? change : null;
  }
  return found;
}

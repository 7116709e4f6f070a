// Labels every item must carry (Distribution: `group::distribution`). A missing one is simply added.
import type { CheckedItem, LabelRules } from './model.js';
import { violationOf, type Finding } from './finding.js';

export function checkRequired(item: CheckedItem, rules: LabelRules): Finding[] {
  return rules.required
    .filter((label) => !item.labels.includes(label))
    .map((label) => violationOf(item, 'required', `missing ${label}`, { add: [label], remove: [] }));
}

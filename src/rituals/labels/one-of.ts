// Groups of labels of which an item carries exactly one (Distribution's `group::distribution::build` or
// `::deploy`). On GitLab Free scoped labels are not exclusive, so nothing else enforces it. Which one
// is right is a person's call: teamops reports the item and never picks a label for it.
import type { CheckedItem, LabelRules } from './model.js';
import { violationOf, type Finding } from './finding.js';

export function checkOneOf(item: CheckedItem, rules: LabelRules): Finding[] {
  return rules.oneOf.flatMap((group) => {
    const carried = group.filter((label) => item.labels.includes(label));
    if (carried.length === 1) return [];
    const problem = carried.length === 0 ? `none of ${group.join(', ')}` : `more than one of ${group.join(', ')}: ${carried.join(', ')}`;
    const advice = carried.length === 0 ? `choose one of ${group.join(', ')}` : `keep one of ${carried.join(', ')}`;
    return [violationOf(item, 'one-of', problem, null, advice)];
  });
}

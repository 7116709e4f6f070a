// An item's quarter label (`FY27::Q4`) names the quarter its milestone is due in, counted as the team
// counts quarters (fiscal or calendar, from fiscal_year_start_month). An item without a milestone due
// date has no quarter to check; one with a wrong quarter label gets the right one and loses the wrong.
import { isQuarterLabel, quarterContaining, quarterLabel } from '../common/quarter.js';
import type { CheckedItem, LabelRules } from './model.js';
import { violationOf, type Finding } from './finding.js';

export function checkQuarter(item: CheckedItem, rules: LabelRules): Finding[] {
  const { quarter } = rules;
  const dueDate = item.milestone?.dueDate;
  if (!quarter || !dueDate) return [];
  const due = quarterContaining(dueDate, quarter.kind, quarter.fiscalStartMonth);
  const expected = quarterLabel(due, quarter.pattern);
  const carried = item.labels.filter((label) => isQuarterLabel(label, quarter.pattern));
  const wrong = carried.filter((label) => label !== expected);
  if (carried.includes(expected) && wrong.length === 0) return [];
  const why = `milestone ${item.milestone!.title} is due ${dueDate}, in ${due.name}`;
  const problem = wrong.length === 0 ? `missing ${expected} (${why})` : `${wrong.join(', ')} instead of ${expected} (${why})`;
  return [violationOf(item, 'quarter', problem, { add: carried.includes(expected) ? [] : [expected], remove: wrong })];
}

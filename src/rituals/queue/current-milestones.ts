// The milestones a team is working in today: active ones whose dates include today. A milestone
// without dates says nothing about when it runs, so it is not "current".
import type { IsoDate } from '../common/calendar.js';
import { compareDates } from '../common/iso-date.js';

export interface DatedMilestone {
  title: string;
  state: 'active' | 'closed';
  startDate: string | null;
  dueDate: string | null;
}

export function currentMilestones<M extends DatedMilestone>(milestones: M[], today: IsoDate): M[] {
  return milestones.filter(
    (m) =>
      m.state === 'active' &&
      (m.startDate !== null || m.dueDate !== null) &&
      (m.startDate === null || compareDates(m.startDate, today) <= 0) &&
      (m.dueDate === null || compareDates(today, m.dueDate) <= 0),
  );
}

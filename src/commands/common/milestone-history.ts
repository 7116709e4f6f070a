import type { GitLabReader, ProjectRef } from '../../gitlab/port.js';
import type { MilestoneChange } from '../../rituals/milestone/model.js';
import { toTeamDate } from '../../rituals/common/calendar.js';

/** An item's milestone history (resource milestone events) on the team's calendar; null where GitLab keeps none. */
export async function readMilestoneHistory(
  reader: GitLabReader,
  item: { projectId: ProjectRef; kind: 'issue' | 'merge-request'; iid: number },
  timezone: string,
): Promise<MilestoneChange[] | null> {
  const events = await reader.listMilestoneEvents(item.projectId, item.kind, item.iid);
  return (
    events?.map((event) => ({
      action: event.action,
      milestone: event.milestoneTitle,
      dueDate: event.milestoneDueDate,
      open: event.state !== 'closed' && event.state !== 'merged',
      day: toTeamDate(new Date(event.createdAt), timezone),
    })) ?? null
  );
}

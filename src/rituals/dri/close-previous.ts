// Once the hand-over comment is written, the previous rotation's issue is closed; older rotation
// issues still open are left to people, with a warning.
import { closeIssueKey } from './markers.js';
import type { DriIssue, PlanPart } from './model.js';

export function closePrevious(project: string, previous: DriIssue, after: string[]): PlanPart {
  const key = closeIssueKey(project, previous.weekStart);
  if (previous.state === 'closed') {
    return { unchanged: [{ key, summary: `${previous.reference} (week of ${previous.weekStart}) is closed`, url: previous.webUrl }] };
  }
  return {
    actions: [
      {
        kind: 'close-issue',
        key,
        summary: `close ${previous.reference} (week of ${previous.weekStart}${previous.assignee ? `, @${previous.assignee}` : ''})`,
        target: { project, iid: previous.iid },
        after,
      },
    ],
  };
}

/** A warning about open rotation issues older than the previous one. */
export function forgottenIssues(issues: DriIssue[], previous: DriIssue | undefined): PlanPart {
  const forgotten = issues.filter((i) => i.state === 'opened' && previous && i.weekStart < previous.weekStart);
  if (forgotten.length === 0) return {};
  const list = forgotten.map((i) => `${i.reference} (week of ${i.weekStart})`).join(', ');
  return { warnings: [`older DRI issues are still open: ${list}; teamops closes only the previous one, so close these by hand`] };
}

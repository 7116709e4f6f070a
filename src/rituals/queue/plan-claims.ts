/**
 * `claims --sync`: the claims label (claims.label) sits on validly claimed, unassigned issues only,
 * and a lapsed claim gets one comment saying the item is free again, mentioning the claimer (its
 * hidden key names the claim's comment, so a rerun, or a later run, never says it twice).
 */
import { createPlan, type Action, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import type { ProjectRef } from '../../gitlab/port.js';
import type { IsoDate } from '../common/calendar.js';
import type { Claim } from './model.js';

export interface ClaimedIssue {
  project: ProjectRef;
  iid: number;
  reference: string;
  title: string;
  webUrl: string;
  labels: string[];
  assignees: string[];
  claims: Claim[];
  /** Keys of the comments already on the issue. */
  noteKeys: string[];
}

export interface ClaimsState {
  scope: string;
  label: string;
  issues: ClaimedIssue[];
}

export interface ClaimsContext {
  claims: Array<Claim & { title: string; webUrl: string }>;
}

export function lapsedNoteKey(reference: string, noteId: number): string {
  return `claim-lapsed/${reference}/${noteId}`;
}

const hasLabel = (labels: string[], label: string) => labels.some((l) => l.toLowerCase() === label.toLowerCase());

export function planClaimsSync(state: ClaimsState, today: IsoDate): Plan<ClaimsContext> {
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  for (const issue of state.issues) {
    const target = { project: issue.project, iid: issue.iid };
    const claimed = issue.assignees.length === 0 && issue.claims.some((c) => c.state === 'valid');
    const labelled = hasLabel(issue.labels, state.label);
    const labelKey = `claim-label/${issue.reference}`;
    if (claimed && !labelled) {
      const who = issue.claims.find((c) => c.state === 'valid')!;
      actions.push({
        kind: 'update-issue',
        key: labelKey,
        summary: `label ${issue.reference} "${issue.title}" ${state.label} (claimed by @${who.claimer} from ${who.startDate})`,
        target,
        change: { addLabels: [state.label] },
      });
    } else if (!claimed && labelled) {
      actions.push({
        kind: 'update-issue',
        key: labelKey,
        summary: `take ${state.label} off ${issue.reference} "${issue.title}" (${issue.assignees.length > 0 ? 'assigned' : 'no valid claim'})`,
        target,
        change: { removeLabels: [state.label] },
      });
    } else if (claimed) {
      unchanged.push({ key: labelKey, summary: `${issue.reference} is labelled ${state.label}`, url: issue.webUrl });
    }
    if (issue.assignees.length > 0) continue;
    for (const claim of issue.claims.filter((c) => c.state === 'lapsed')) {
      const key = lapsedNoteKey(issue.reference, claim.noteId);
      const summary = `comment on ${issue.reference} that @${claim.claimer}'s claim from ${claim.startDate} has lapsed`;
      if (issue.noteKeys.includes(key)) {
        unchanged.push({ key, summary, url: issue.webUrl });
        continue;
      }
      actions.push({
        kind: 'create-note',
        key,
        summary,
        target,
        body: `@${claim.claimer} your claim said you would start on ${claim.startDate}, which has passed, and the issue is not assigned to you: it is free to be picked up by anyone again. To keep it, assign it to yourself, or comment with a new start date.`,
      });
    }
  }
  const claims = state.issues.flatMap((issue) => issue.claims.map((c) => ({ ...c, title: issue.title, webUrl: issue.webUrl })));
  return createPlan({ command: 'claims --sync', scope: state.scope, date: today, actions, unchanged, context: { claims } });
}

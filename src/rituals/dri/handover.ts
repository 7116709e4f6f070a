// At hand-over the requests still open (linked to the previous issue, or labelled with
// dri.active_request_label) are handed over as each one's hand-off option says (see handoff.ts):
// linked to the new issue, or closed with a follow-up; then a comment on the previous issue says who
// took over and what happened to each request.
import type { Action, IssueTarget, UnchangedEntry } from '../../plan/plan.js';
import type { IsoDate } from '../common/calendar.js';
import { closeWithFollowUp, type HandedOff } from './handoff.js';
import { handoverLinkKey, handoverNoteKey } from './markers.js';
import type { DateRange, DriIssue, DriRotationState, PlanPart, RequestIssue } from './model.js';

/** The requests to hand over: open ones that are not rotation issues themselves, by project and iid. */
export function handoverRequests(state: DriRotationState, target: DriIssue | undefined): RequestIssue[] {
  const rotationIssueIds = new Set(state.issues.map((i) => i.id));
  const byId = new Map<number, RequestIssue>();
  for (const request of [...state.previousLinks, ...state.labelledRequests]) {
    if (request.state !== 'opened' || rotationIssueIds.has(request.id) || request.id === target?.id) continue;
    byId.set(request.id, request);
  }
  return [...byId.values()].sort((a, b) => a.projectId - b.projectId || a.iid - b.iid);
}

/**
 * The requests a hand-over still has to decide on: none once this week's issue exists and the
 * hand-over comment is written (the hand-over is complete).
 */
export function pendingHandoffs(state: DriRotationState, week: IsoDate, target: DriIssue | undefined): RequestIssue[] {
  const complete = target !== undefined && state.previousNoteKeys.includes(handoverNoteKey(state.settings.project, week));
  return complete ? [] : handoverRequests(state, target);
}

/** This rotation's issue: the one that exists, or the one this plan creates. */
export interface RotationIssue {
  /** Its reference, or a placeholder for the one this plan creates. */
  reference: string;
  source: IssueTarget;
  existing?: DriIssue;
}

export interface HandoverFacts {
  rotation: DateRange;
  dri: string | null;
  issue: RotationIssue;
  previous: DriIssue | undefined;
  handoffs: HandedOff[];
  missedRotations: IsoDate[];
}

export interface Handover extends PlanPart {
  /** The requests handed over: none once the hand-over was completed. */
  listed: HandedOff[];
  /** What closing the previous issue waits for. */
  closeAfter: string[];
}

export function handOver(state: DriRotationState, facts: HandoverFacts): Handover {
  const { project } = state.settings;
  const noteKey = handoverNoteKey(project, facts.rotation.from);
  const noteDone = facts.previous !== undefined && state.previousNoteKeys.includes(noteKey);
  // The comment is written after every link, so the hand-over was completed; requests labelled
  // since then belong to the current DRI and are handed over at the next rotation.
  const listed = facts.issue.existing && noteDone ? [] : facts.handoffs;
  const staying = listed.filter((h) => h.option !== 'close').map((h) => h.request);
  const links = linkRequests(project, facts.rotation.from, staying, facts.issue, state.linkedToTarget);
  const closings = listed.filter((h) => h.option === 'close').map((h) => ({ ...h, ...closeWithFollowUp(state, facts.rotation.from, h) }));
  const closingActions = closings.flatMap((c) => c.actions ?? []);
  const linkKeys = [...links.actions, ...closingActions].map((a) => a.key);
  const followUps = Object.fromEntries(closings.map((c) => [c.request.reference, c.followUp]));
  const note = facts.previous
    ? handoverNote(project, facts.previous, { key: noteKey, done: noteDone, after: linkKeys }, { ...facts, handoffs: listed }, followUps)
    : {};
  return {
    actions: [...links.actions, ...closingActions, ...(note.actions ?? [])],
    unchanged: [...links.unchanged, ...closings.flatMap((c) => c.unchanged ?? []), ...(note.unchanged ?? [])],
    listed,
    closeAfter: noteDone ? linkKeys : [noteKey],
  };
}

/** The comment on the previous issue, after every link; or that it is there already. */
function handoverNote(
  project: string,
  previous: DriIssue,
  note: { key: string; done: boolean; after: string[] },
  facts: HandoverFacts,
  followUps: Record<string, string>,
): PlanPart {
  const summary = `hand-over comment on ${previous.reference}`;
  if (note.done) return { unchanged: [{ key: note.key, summary }] };
  return {
    actions: [
      {
        kind: 'create-note',
        key: note.key,
        summary: `${summary}${facts.dri ? ` mentioning @${facts.dri}` : ''}`,
        target: { project, iid: previous.iid },
        body: handoverNoteBody(facts, followUps),
        after: note.after,
      },
    ],
  };
}

function linkRequests(
  project: string,
  week: IsoDate,
  requests: RequestIssue[],
  issue: RotationIssue,
  alreadyLinked: number[],
): { actions: Action[]; unchanged: UnchangedEntry[] } {
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  for (const active of requests) {
    const key = handoverLinkKey(project, week, active.reference);
    if (issue.existing && alreadyLinked.includes(active.id)) {
      unchanged.push({ key, summary: `${active.reference} is linked to ${issue.existing.reference}`, url: active.webUrl });
      continue;
    }
    actions.push({
      kind: 'link-issues',
      key,
      summary: `link ${active.reference} "${active.title}" to ${issue.existing ? issue.existing.reference : 'the new DRI issue'}`,
      source: issue.source,
      target: { project: active.projectId, iid: active.iid },
    });
  }
  return { actions, unchanged };
}

function handoverNoteBody(facts: HandoverFacts, followUps: Record<string, string>): string {
  const { rotation, handoffs, missedRotations: missed } = facts;
  const who = facts.dri ? `@${facts.dri} is DRI` : 'a new DRI issue is open';
  const lines = [`Handing over: ${who} for the week of ${rotation.from} (until ${rotation.to}): ${facts.issue.reference}`, ''];
  const item = (h: HandedOff) => `- ${h.request.reference} ${h.request.title}`;
  const of = (option: HandedOff['option']) => handoffs.filter((h) => h.option === option);
  const previousDri = facts.previous?.assignee ? `@${facts.previous.assignee}` : 'The previous DRI';
  const sections: Array<[string, string[]]> = [
    ['These requests are still active and are now linked to the new issue:', of('next').map(item)],
    [`${previousDri} stays on as subject-matter expert for these (linked to the new issue):`, of('sme').map(item)],
    ['To discuss synchronously at hand-over (listed under "To discuss" in the new issue):', of('sync').map(item)],
    [
      'Closed with a documented mitigation, each with a follow-up issue:',
      of('close').map((h) => `${item(h)} (follow-up: ${followUps[h.request.reference] ?? 'opened'})`),
    ],
  ];
  const present = sections.filter(([, items]) => items.length > 0);
  if (present.length === 0) lines.push('No active requests to hand over.');
  present.forEach(([heading, items], index) => lines.push(...(index > 0 ? [''] : []), heading, ...items));
  if (missed.length > 0) {
    lines.push(
      '',
      `${missed.length} rotation${missed.length === 1 ? ' was' : 's were'} missed since this issue (week${missed.length === 1 ? '' : 's'} of ${missed.join(', ')}).`,
    );
  }
  return lines.join('\n');
}

// The Distribution handbook gives the outgoing DRI four options per request still active at
// hand-over: close it with a documented mitigation and a follow-up issue, hand it to the next DRI in
// a comment, stay on as subject-matter expert, or pass it on synchronously. The option is a label on
// the request (dri.handoff_labels) or an answer at the prompt; without either it goes to the next DRI.
import type { Action, IssueTarget, UnchangedEntry } from '../../plan/plan.js';
import type { IsoDate } from '../common/calendar.js';
import { truncate } from '../common/text.js';
import { followUpKey, followUpLinkKey, requestCloseKey, requestNoteKey } from './markers.js';
import { HANDOFF_OPTIONS, type DriRotationState, type HandoffOption, type PlanPart, type RequestIssue } from './model.js';

export interface HandedOff {
  request: RequestIssue;
  option: HandoffOption;
  /** For `close`. */
  mitigation?: string;
}

export const HANDOFF_DESCRIPTIONS: Record<HandoffOption, string> = {
  next: 'hand it to the next DRI in the hand-over comment',
  sme: 'I stay on as subject-matter expert (it stays assigned to me)',
  close: 'close it with a documented mitigation and open a follow-up issue',
  sync: 'pass it on synchronously: list it under "To discuss" in the new issue',
};

/** The option a request's labels name, or null; two option labels on one request are a contradiction. */
export function labelledOption(request: RequestIssue, labels: Record<HandoffOption, string>): HandoffOption | null | 'conflict' {
  const named = HANDOFF_OPTIONS.filter((option) => request.labels.some((l) => l.toLowerCase() === labels[option].toLowerCase()));
  if (named.length > 1) return 'conflict';
  return named[0] ?? null;
}

/** Each request with how it is handed over; what cannot be done as asked falls back to `next`, with a warning. */
export function chooseHandoffs(state: DriRotationState, requests: RequestIssue[]): { handoffs: HandedOff[]; warnings: string[] } {
  const { handoffLabels } = state.settings;
  const warnings: string[] = [];
  const handoffs = requests.map((request): HandedOff => {
    const chosen = state.handoffChoices[request.reference];
    const labelled = chosen ? chosen.option : labelledOption(request, handoffLabels);
    if (labelled === 'conflict') {
      warnings.push(
        `${request.reference} carries more than one hand-off label (${Object.values(handoffLabels).join(', ')}); handing it to the next DRI`,
      );
      return { request, option: 'next' };
    }
    const option = labelled ?? 'next';
    if (option !== 'close') return { request, option };
    const mitigation = (chosen?.mitigation ?? state.mitigations[request.reference] ?? '').trim();
    if (mitigation) return { request, option, mitigation };
    warnings.push(
      `${request.reference} is labelled ${handoffLabels.close} but has no "Mitigation:" comment, so it is not closed; handing it to the next DRI (document the mitigation in a comment starting with "Mitigation:" and run again)`,
    );
    return { request, option: 'next' };
  });
  return { handoffs, warnings };
}

/**
 * Closing a request: the follow-up issue first (in the request's project, with its labels, linked to
 * it), then the comment with the mitigation, then the close, so that an interrupted run never leaves a
 * request closed without its follow-up.
 */
export function closeWithFollowUp(state: DriRotationState, week: IsoDate, handoff: HandedOff): PlanPart & { followUp: string } {
  const { project, handoffLabels, activeRequestLabel } = state.settings;
  const { request, mitigation = '' } = handoff;
  const key = followUpKey(project, week, request.reference);
  const existing = state.followUps[key];
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  let followUp: IssueTarget;
  if (existing) {
    followUp = { project: existing.projectId, iid: existing.iid };
    unchanged.push({ key, summary: `follow-up ${existing.reference} of ${request.reference} is open`, url: existing.webUrl });
  } else {
    followUp = { project: request.projectId, createdBy: key };
    // The follow-up is planned work, not an active request: the hand-off labels and the active-request label stay behind.
    const dropped = new Set([...Object.values(handoffLabels), activeRequestLabel].map((l) => l.toLowerCase()));
    // GitLab refuses titles over 255 characters (Issuable: `validates :title, length: { maximum: 255 }`).
    const title = truncate(`Follow-up: ${request.title}`, 255);
    actions.push({
      kind: 'create-issue',
      key,
      summary: `follow-up issue "${title}" for ${request.reference}`,
      project: request.projectId,
      issue: {
        title,
        description: [
          `Follow-up of ${request.reference}, closed at the DRI hand-over of the week of ${week} with this mitigation:`,
          '',
          quote(mitigation),
        ].join('\n'),
        labels: request.labels.filter((l) => !dropped.has(l.toLowerCase())),
      },
    });
  }
  const target = { project: request.projectId, iid: request.iid };
  const followUpRef = existing ? existing.reference : `{{ref:${key}}}`;
  actions.push({
    kind: 'link-issues',
    key: followUpLinkKey(project, week, request.reference),
    summary: `link the follow-up to ${request.reference}`,
    source: followUp,
    target,
  });
  const noteKey = requestNoteKey(project, week, request.reference);
  if (state.requestNoteKeys.includes(noteKey)) {
    unchanged.push({ key: noteKey, summary: `closing comment on ${request.reference}`, url: request.webUrl });
  } else {
    actions.push({
      kind: 'create-note',
      key: noteKey,
      summary: `closing comment on ${request.reference} with the mitigation`,
      target,
      body: [
        `Closed at the DRI hand-over (week of ${week}) with this mitigation:`,
        '',
        quote(mitigation),
        '',
        `Follow-up: ${followUpRef}`,
      ].join('\n'),
      after: [followUpLinkKey(project, week, request.reference)],
    });
  }
  actions.push({
    kind: 'close-issue',
    key: requestCloseKey(project, week, request.reference),
    summary: `close ${request.reference} "${request.title}" (mitigated; follow-up ${existing ? existing.reference : 'opened'})`,
    target,
    after: [noteKey],
  });
  return { actions, unchanged, followUp: followUpRef };
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

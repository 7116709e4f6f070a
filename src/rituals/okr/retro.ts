// The quarter-end retrospective, as Ops asks of every KR DRI: a Good / Bad / Try comment on each key
// result, posted once (its hidden key), mentioning the assignees and giving the final score. People
// fill it in by editing the comment; a key result is closed once each section has content, and an
// objective once all its key results are closed. Key results dropped from the OKR file during the
// quarter get a comment saying so, and are closed without a retrospective.
import { createPlan, type Action, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import type { IsoDate } from '../common/calendar.js';
import { compareText } from '../common/text.js';
import { mention, type KeyResultIssue } from './key-result-issue.js';
import { issueId } from './model.js';
import { formatScore, readKeyResultProgress } from './progress.js';
import type { OkrQuarter } from './quarter.js';

export const RETRO_SECTIONS = ['Good', 'Bad', 'Try'] as const;
export type RetroSection = (typeof RETRO_SECTIONS)[number];

const PROMPTS: Record<RetroSection, string> = {
  Good: '_What went well?_',
  Bad: '_What did not go well?_',
  Try: '_What will we try next quarter?_',
};

export function retroKey(quarter: string, reference: string): string {
  return `okr-retro/${quarter}/${reference}`;
}

function droppedKey(quarter: string, reference: string): string {
  return `okr-retro-dropped/${quarter}/${reference}`;
}

export function retroSkeleton(kr: KeyResultIssue, quarter: string): string {
  const progress = readKeyResultProgress(kr.description);
  const score = progress.score === null ? 'not scored' : `**${formatScore(progress.score)}**`;
  const measure = [progress.target, progress.current ? `now ${progress.current}` : ''].filter(Boolean).join(', ');
  const who = kr.assignees.length > 0 ? `${mention(kr.assignees)} ` : '';
  return [
    `### Retrospective, ${quarter}: ${kr.title}`,
    '',
    `${who}${quarter} is ending: the final score of this key result is ${score}${measure ? ` (${measure})` : ''}. ` +
      'Please reflect on it by editing this comment: write something under each heading. ' +
      '`teamops okr retro --close` closes the key result once all three have content.',
    ...RETRO_SECTIONS.flatMap((section) => ['', `#### ${section}`, '', PROMPTS[section]]),
  ].join('\n');
}

const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;

/** The sections of a retrospective comment that are still empty (only the skeleton's prompt, or nothing). */
export function emptySections(body: string): RetroSection[] {
  const content = new Map<RetroSection, string[]>();
  let current: RetroSection | undefined;
  for (const line of body.split(/\r?\n/)) {
    const heading = HEADING.exec(line);
    if (heading) {
      current = RETRO_SECTIONS.find((s) => heading[1]!.replace(/[*_:]/g, '').trim().toLowerCase() === s.toLowerCase());
      if (current) content.set(current, []);
      continue;
    }
    if (current) content.get(current)!.push(line);
  }
  return RETRO_SECTIONS.filter((section) => {
    const text = (content.get(section) ?? []).join('\n').replace(PROMPTS[section], '').trim();
    return text === '';
  });
}

export interface RetroState {
  /** The quarter's key results with their comments. */
  keyResults: KeyResultIssue[];
  /** The quarter's objectives, each with the key results linked to it (by `issueId`). */
  objectives: Array<{
    projectId: number;
    iid: number;
    reference: string;
    title: string;
    state: 'opened' | 'closed';
    webUrl: string;
    keyResults: string[];
  }>;
}

export interface RetroRequest {
  quarter: OkrQuarter;
  close: boolean;
  /** The keys of the key results in the OKR file (--file), to find those dropped; undefined: not known. */
  fileKeys?: Set<string>;
}

export interface RetroPlanContext {
  quarter: string;
  skeletons: Array<{ reference: string; title: string; score: number | null }>;
  closing: Array<{ reference: string; title: string }>;
  waiting: Array<{ reference: string; title: string; webUrl: string; emptySections: RetroSection[] }>;
  dropped: Array<{ reference: string; title: string }>;
  closingObjectives: Array<{ reference: string; title: string }>;
}

const isDropped = (kr: KeyResultIssue, request: RetroRequest) =>
  request.fileKeys !== undefined && kr.key !== null && kr.key.includes('/kr/') && !request.fileKeys.has(kr.key);

export function planRetro(state: RetroState, request: RetroRequest, today: IsoDate): Plan<RetroPlanContext> {
  const quarter = request.quarter.quarter.name;
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  const context: RetroPlanContext = { quarter, skeletons: [], closing: [], waiting: [], dropped: [], closingObjectives: [] };
  const closedAfterPlan = new Set(state.keyResults.filter((kr) => kr.state === 'closed').map(issueId));
  const closeActionOf = new Map<string, string>();
  const open = state.keyResults.filter((kr) => kr.state === 'opened').sort((a, b) => compareText(a.reference, b.reference));

  for (const kr of open) {
    const target = { project: kr.projectId, iid: kr.iid };
    const key = retroKey(quarter, kr.reference);
    if (isDropped(kr, request)) {
      if (!request.close) continue;
      const note = droppedKey(quarter, kr.reference);
      if (!kr.notes.some((n) => n.key === note))
        actions.push({
          kind: 'create-note',
          key: note,
          summary: `comment on ${kr.reference} "${kr.title}" that it was dropped from the OKR file`,
          target,
          body: `${mention(kr.assignees)} This key result was dropped from the OKR file during ${quarter}; teamops closes it without a retrospective.`.trim(),
        });
      actions.push({
        kind: 'close-issue',
        key: `${note}/close`,
        summary: `close ${kr.reference} "${kr.title}" (dropped)`,
        target,
        after: actions.some((a) => a.key === note) ? [note] : [],
      });
      closeActionOf.set(issueId(kr), `${note}/close`);
      closedAfterPlan.add(issueId(kr));
      context.dropped.push({ reference: kr.reference, title: kr.title });
      continue;
    }
    const retro = kr.notes.find((n) => n.key === key);
    if (!retro) {
      actions.push({
        kind: 'create-note',
        key,
        summary: `post the Good / Bad / Try retrospective on ${kr.reference} "${kr.title}"`,
        target,
        body: retroSkeleton(kr, quarter),
      });
      context.skeletons.push({ reference: kr.reference, title: kr.title, score: readKeyResultProgress(kr.description).score });
    } else if (!request.close) {
      unchanged.push({ key, summary: `${kr.reference} "${kr.title}" has its retrospective`, url: kr.webUrl });
    }
    if (!request.close) continue;
    const empty = retro ? emptySections(retro.body) : [...RETRO_SECTIONS];
    if (empty.length > 0) {
      context.waiting.push({ reference: kr.reference, title: kr.title, webUrl: kr.webUrl, emptySections: empty });
      continue;
    }
    actions.push({
      kind: 'close-issue',
      key: `${key}/close`,
      summary: `close ${kr.reference} "${kr.title}": its retrospective is filled in`,
      target,
    });
    closeActionOf.set(issueId(kr), `${key}/close`);
    closedAfterPlan.add(issueId(kr));
    context.closing.push({ reference: kr.reference, title: kr.title });
  }

  if (request.close) {
    for (const objective of state.objectives) {
      if (objective.state !== 'opened' || objective.keyResults.length === 0) continue;
      if (!objective.keyResults.every((id) => closedAfterPlan.has(id))) continue;
      actions.push({
        kind: 'close-issue',
        key: `okr-retro/${quarter}/${objective.reference}/close`,
        summary: `close objective ${objective.reference} "${objective.title}": all its key results are closed`,
        target: { project: objective.projectId, iid: objective.iid },
        after: objective.keyResults.flatMap((id) => closeActionOf.get(id) ?? []),
      });
      context.closingObjectives.push({ reference: objective.reference, title: objective.title });
    }
  }
  return createPlan<RetroPlanContext>({
    command: request.close ? 'okr retro --close' : 'okr retro',
    scope: `${quarter} key results`,
    date: today,
    actions,
    unchanged,
    context,
  });
}

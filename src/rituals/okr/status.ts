// okr status: the quarter's objectives, each with the key results linked to it (wherever they
// live), and the key results of the quarter linked to none. Each key result shows its target,
// current value and score as people keep them in its description (the one progress rule).
import { readPatternAll } from '../shared/pattern.js';
import { issueId } from './model.js';
import { readKeyResultProgress } from './progress.js';
import type { OkrQuarter } from './quarter.js';

/** An objective or key result issue, as far as the status reads it. */
export interface OkrIssue {
  projectId: number;
  iid: number;
  reference: string;
  webUrl: string;
  title: string;
  description: string;
  state: 'opened' | 'closed';
  labels: string[];
  assignees: string[];
  updatedAt: string;
  /** The hidden idempotency key, when teamops created the issue. */
  key?: string | null;
}

export interface OkrStatusState {
  /** The quarter's objectives and key results in the places looked at, each once. */
  objectives: OkrIssue[];
  keyResults: OkrIssue[];
  /** The issues linked to each objective, by `issueId(objective)`. */
  links: Record<string, OkrIssue[]>;
}

export interface OkrStatusRequest {
  quarter: OkrQuarter;
  /** The team asked for, if any. */
  team: string | null;
  /** labels.key_result, and labels.team to read an objective's team back. */
  labels: { keyResult: string; teamPattern: string };
}

interface IssueSummary {
  reference: string;
  webUrl: string;
  title: string;
  state: 'opened' | 'closed';
  assignees: string[];
  updatedAt: string;
}

export interface KeyResultStatus extends IssueSummary {
  target: string | null;
  current: string | null;
  score: number | null;
}

export interface ObjectiveStatus extends IssueSummary {
  team: string | null;
  keyResults: KeyResultStatus[];
}

export interface OkrStatusDocument {
  schemaVersion: 1;
  command: 'okr status';
  quarter: { name: string; start: string; end: string; label: string };
  team: string | null;
  objectives: ObjectiveStatus[];
  /** Key results of the quarter that are not linked to any objective found. */
  unlinkedKeyResults: KeyResultStatus[];
}

const byReference = (a: { reference: string }, b: { reference: string }) => a.reference.localeCompare(b.reference, 'en', { numeric: true });

function summarise(issue: OkrIssue): IssueSummary {
  return {
    reference: issue.reference,
    webUrl: issue.webUrl,
    title: issue.title,
    state: issue.state,
    assignees: issue.assignees,
    updatedAt: issue.updatedAt,
  };
}

function keyResultStatus(issue: OkrIssue): KeyResultStatus {
  const progress = readKeyResultProgress(issue.description);
  return { ...summarise(issue), target: progress.target, current: progress.current, score: progress.score };
}

export function summariseOkrs(state: OkrStatusState, request: OkrStatusRequest): OkrStatusDocument {
  const { quarter, label } = request.quarter;
  const keyResults = new Map(state.keyResults.map((kr) => [issueId(kr), kr]));
  const linked = new Set<string>();
  const objectives = state.objectives.map((objective): ObjectiveStatus => {
    // A key result in a project outside the places read still shows: the link carries the whole issue.
    const krs = (state.links[issueId(objective)] ?? [])
      .filter((l) => l.labels.includes(request.labels.keyResult))
      .map((link) => keyResults.get(issueId(link)) ?? link);
    for (const kr of krs) linked.add(issueId(kr));
    const team = readPatternAll(request.labels.teamPattern, 'team', objective.labels)[0] ?? null;
    return { ...summarise(objective), team, keyResults: krs.map(keyResultStatus).sort(byReference) };
  });
  return {
    schemaVersion: 1,
    command: 'okr status',
    quarter: { name: quarter.name, start: quarter.start, end: quarter.end, label },
    team: request.team,
    objectives: objectives.sort(byReference),
    unlinkedKeyResults: [...keyResults.values()]
      .filter((kr) => !linked.has(issueId(kr)))
      .map(keyResultStatus)
      .sort(byReference),
  };
}

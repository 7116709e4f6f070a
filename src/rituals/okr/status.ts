// okr status: the quarter's objectives, each with the key results linked to it (wherever they
// live), and the key results of the quarter linked to none. Each key result shows its target,
// current value and score as people keep them in its description (the one progress rule), and the
// scoreboard: the expected score by today, the last check-in, and whether each team and the quarter
// are on course for the target score.
import type { IsoDate } from '../common/calendar.js';
import { readPatternAll } from '../common/pattern.js';
import { isOverdue, readCheckins, type CheckinCadence, type OkrNote } from './checkins.js';
import { issueId } from './model.js';
import { readKeyResultProgress } from './progress.js';
import type { OkrQuarter } from './quarter.js';
import { averageScore, elapsedShare, expectedScore, verdictOf, type Verdict } from './scoreboard.js';

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
  /** The comments of each key result, by `issueId`, for its check-ins; none read means none known. */
  notes?: Record<string, OkrNote[]>;
}

export interface OkrStatusRequest {
  quarter: OkrQuarter;
  /** The team asked for, if any. */
  team: string | null;
  /** labels.key_result, and labels.team to read an objective's team back. */
  labels: { keyResult: string; teamPattern: string };
  scoring: { today: IsoDate; targetScore: number; cadence: CheckinCadence };
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
  /** What the score should be by today to reach the target score at the quarter's end. */
  expectedScore: number;
  lastCheckin: IsoDate | null;
  /** Open, and no check-in in the current period of okr.checkin_cadence. */
  overdue: boolean;
}

export interface ObjectiveStatus extends IssueSummary {
  team: string | null;
  /** The average of its key results' scores. */
  score: number | null;
  keyResults: KeyResultStatus[];
}

export interface Scoreboard {
  date: IsoDate;
  /** The share of the quarter passed by the end of the day, 0.0–1.0. */
  elapsed: number;
  targetScore: number;
  expectedScore: number;
  cadence: CheckinCadence;
  /** Each team's key results (by the objective's team label, else the key result's own), by team name. */
  teams: Array<Verdict & { team: string }>;
  quarter: Verdict;
}

export interface OkrStatusDocument {
  schemaVersion: 1;
  command: 'okr status';
  quarter: { name: string; start: string; end: string; label: string };
  team: string | null;
  objectives: ObjectiveStatus[];
  /** Key results of the quarter that are not linked to any objective found. */
  unlinkedKeyResults: KeyResultStatus[];
  scoreboard: Scoreboard;
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

function keyResultStatus(issue: OkrIssue, state: OkrStatusState, request: OkrStatusRequest): KeyResultStatus {
  const { today, targetScore, cadence } = request.scoring;
  const progress = readKeyResultProgress(issue.description);
  const last = readCheckins(issue.reference, state.notes?.[issueId(issue)] ?? []).at(-1);
  return {
    ...summarise(issue),
    target: progress.target,
    current: progress.current,
    score: progress.score,
    expectedScore: expectedScore(request.quarter.quarter, today, targetScore),
    lastCheckin: last?.date ?? null,
    overdue: issue.state === 'opened' && isOverdue(last, today, cadence),
  };
}

function scoreboardOf(request: OkrStatusRequest, byTeam: Array<{ team: string | null; kr: KeyResultStatus }>): Scoreboard {
  const { today, targetScore, cadence } = request.scoring;
  const expected = expectedScore(request.quarter.quarter, today, targetScore);
  const teams = new Map<string, Array<number | null>>();
  for (const { team, kr } of byTeam) if (team !== null) teams.set(team, [...(teams.get(team) ?? []), kr.score]);
  return {
    date: today,
    elapsed: Math.round(elapsedShare(request.quarter.quarter, today) * 100) / 100,
    targetScore,
    expectedScore: expected,
    cadence,
    teams: [...teams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([team, scores]) => ({ team, ...verdictOf(scores, expected) })),
    quarter: verdictOf(
      byTeam.map(({ kr }) => kr.score),
      expected,
    ),
  };
}

export function summariseOkrs(state: OkrStatusState, request: OkrStatusRequest): OkrStatusDocument {
  const { quarter, label } = request.quarter;
  const keyResults = new Map(state.keyResults.map((kr) => [issueId(kr), kr]));
  const linked = new Set<string>();
  const teamOf = (issue: OkrIssue) => readPatternAll(request.labels.teamPattern, 'team', issue.labels)[0] ?? null;
  const byTeam: Array<{ team: string | null; kr: KeyResultStatus }> = [];
  const objectives = state.objectives.map((objective): ObjectiveStatus => {
    // A key result in a project outside the places read still shows: the link carries the whole issue.
    const krs = (state.links[issueId(objective)] ?? [])
      .filter((l) => l.labels.includes(request.labels.keyResult))
      .map((link) => keyResults.get(issueId(link)) ?? link);
    const team = teamOf(objective);
    const statuses = krs.map((kr) => keyResultStatus(kr, state, request));
    // A key result linked to two objectives counts once in the averages of its team and quarter.
    statuses.forEach((kr, i) => {
      if (!linked.has(issueId(krs[i]!))) byTeam.push({ team, kr });
      linked.add(issueId(krs[i]!));
    });
    return {
      ...summarise(objective),
      team,
      score: averageScore(statuses.map((kr) => kr.score)),
      keyResults: statuses.sort(byReference),
    };
  });
  const unlinked = [...keyResults.values()].filter((kr) => !linked.has(issueId(kr)));
  for (const kr of unlinked) byTeam.push({ team: teamOf(kr), kr: keyResultStatus(kr, state, request) });
  return {
    schemaVersion: 1,
    command: 'okr status',
    quarter: { name: quarter.name, start: quarter.start, end: quarter.end, label },
    team: request.team,
    objectives: objectives.sort(byReference),
    unlinkedKeyResults: unlinked.map((kr) => keyResultStatus(kr, state, request)).sort(byReference),
    scoreboard: scoreboardOf(request, byTeam),
  };
}

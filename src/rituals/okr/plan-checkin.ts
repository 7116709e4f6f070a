// okr checkin: the weekly check-in the handbook asks for before the staff meeting. For each key
// result it rewrites the value of the description's Current and Score lines (nothing else) and
// posts one check-in comment per week with the value, the change since the last check-in and a
// note. A rerun the same week with the same value writes nothing; a new value updates that week's
// comment. Every value is checked, for every key result, before anything is written.
import { createPlan, type Action, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import { isoWeekLabel, type IsoDate } from '../common/calendar.js';
import { checkinKey, readCheckins, type Checkin } from './checkins.js';
import { findKeyResult, keyResultLabel, type KeyResultIssue } from './key-result-issue.js';
import { MEASURE_EXAMPLES, parseMeasure, withUnit, type Measure } from './measure.js';
import { formatScore, readKeyResultProgress, rewriteProgress, scoreOf, targetUnit } from './progress.js';
import type { OkrQuarter } from './quarter.js';

export interface CheckinEntry {
  /** `group/project#12` */
  reference: string;
  /** As typed: `70`, `62.5%`. */
  value: string;
  note?: string;
}

export interface CheckinState {
  /** The quarter's key results, with their comments. */
  keyResults: KeyResultIssue[];
}

export interface CheckinRequest {
  quarter: OkrQuarter;
  entries: CheckinEntry[];
}

export interface CheckinSummary {
  reference: string;
  title: string;
  webUrl: string;
  week: string;
  current: string;
  value: number;
  /** The last check-in before this week's, or null for the first. */
  previous: { date: IsoDate; current: string | null; value: number } | null;
  /** Against the previous check-in, else against the target's start. */
  delta: number;
  deltaText: string;
  score: number;
}

export interface CheckinPlanContext {
  quarter: string;
  week: string;
  checkins: CheckinSummary[];
}

export type CheckinPlanning = { ok: true; plan: Plan<CheckinPlanContext> } | { ok: false; problems: string[] };

/** What a key result measures: its start, target and unit, read from the Target line. */
interface Measured {
  kr: KeyResultIssue;
  from: number;
  to: number;
  unit: string;
  measure: Measure;
  note?: string;
}

const precise = (n: number) => Number(n.toFixed(6));

/** The value, or the problem with it; the message names the key result. */
function measureOf(kr: KeyResultIssue, entry: CheckinEntry, problems: string[]): Measured | undefined {
  const name = keyResultLabel(kr);
  const progress = readKeyResultProgress(kr.description);
  const measure = parseMeasure(entry.value);
  if (kr.state === 'closed') problems.push(`${name} is closed; reopen it to check in`);
  if (progress.from === null || progress.to === null) {
    problems.push(`${name} has no "Target: from X to Y" line in its description to score against`);
    return undefined;
  }
  const unit = targetUnit(progress.target);
  if (!measure) problems.push(`${name}: --current "${entry.value}" is not ${MEASURE_EXAMPLES}`);
  else if (measure.percent && !/%/.test(progress.target ?? ''))
    problems.push(`${name}: --current "${entry.value}" is a percentage, but the target (${progress.target}) is not`);
  else if (measure.value < 0 && progress.from >= 0 && progress.to >= 0)
    problems.push(`${name}: --current "${entry.value}" is negative, but the target (${progress.target}) is not`);
  else return { kr, from: progress.from, to: progress.to, unit, measure, note: entry.note?.trim() || undefined };
  return undefined;
}

function signed(delta: number, unit: string): string {
  if (delta === 0) return `±0${unit === '%' ? '%' : unit ? ` ${unit}` : ''}`;
  const text = `${delta > 0 ? '+' : '−'}${String(Math.abs(delta))}`;
  return withUnit({ value: Math.abs(delta), percent: false, text }, unit);
}

/** The note quoted, on lines of its own: a note cannot pose as the comment's Current line. */
const quoted = (note: string) =>
  note
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');

/** The note of an earlier check-in comment, read back so that a new value keeps it. */
function noteOf(checkin: Checkin | undefined): string | undefined {
  const lines = (checkin?.body ?? '').split('\n').filter((line) => line.startsWith('>'));
  return lines.length > 0 ? lines.map((line) => line.replace(/^> ?/, '')).join('\n') : undefined;
}

function checkinBody(summary: CheckinSummary, today: IsoDate, note: string | undefined): string {
  const since = summary.previous
    ? `since the last check-in (${summary.previous.current ?? summary.previous.value}, ${summary.previous.date})`
    : 'since the start of the quarter';
  return [
    `**OKR check-in, week ${summary.week}** (${today})`,
    '',
    ...(note ? [quoted(note), ''] : []),
    `- **Current:** ${summary.current}`,
    `- **Change:** ${summary.deltaText} ${since}`,
    `- **Score:** ${formatScore(summary.score)}`,
  ].join('\n');
}

function planOne(measured: Measured, today: IsoDate, actions: Action[], unchanged: UnchangedEntry[]): CheckinSummary {
  const { kr, measure, unit } = measured;
  const week = isoWeekLabel(today);
  const checkins = readCheckins(kr.reference, kr.notes);
  const thisWeek = checkins.find((c) => c.week === week);
  const earlier = checkins.filter((c) => c.week < week && c.value !== null).at(-1);
  const previous = earlier ? { date: earlier.date, current: earlier.current, value: earlier.value! } : null;
  const delta = precise(measure.value - (previous?.value ?? measured.from));
  const score = scoreOf(measured.from, measured.to, measure.value);
  const current = withUnit(measure, unit);
  const summary: CheckinSummary = {
    reference: kr.reference,
    title: kr.title,
    webUrl: kr.webUrl,
    week,
    current,
    value: measure.value,
    previous,
    delta,
    deltaText: signed(delta, unit),
    score,
  };
  const target = { project: kr.projectId, iid: kr.iid };
  const key = checkinKey(kr.reference, today);
  const description = rewriteProgress(kr.description, { current, score: formatScore(score) });
  if (description !== kr.description)
    actions.push({
      kind: 'update-issue',
      key: `${key}/description`,
      summary: `set ${kr.reference} "${kr.title}" to Current ${current}, Score ${formatScore(score)}`,
      target,
      change: { description, key: kr.key },
    });
  const note = measured.note ?? noteOf(thisWeek);
  if (!thisWeek) {
    actions.push({
      kind: 'create-note',
      key,
      summary: `comment the ${week} check-in on ${kr.reference}: ${current} (${summary.deltaText}), score ${formatScore(score)}`,
      target,
      body: checkinBody(summary, today, note),
    });
  } else if (thisWeek.value !== measure.value || note !== noteOf(thisWeek)) {
    actions.push({
      kind: 'update-note',
      key,
      summary: `update the ${week} check-in on ${kr.reference}: ${thisWeek.current ?? '?'} → ${current}`,
      target,
      noteId: thisWeek.noteId,
      noteKey: thisWeek.key,
      body: checkinBody(summary, today, note),
    });
  } else {
    unchanged.push({ key, summary: `${kr.reference} "${kr.title}" is checked in for ${week}: ${current}`, url: kr.webUrl });
  }
  return summary;
}

export function planCheckin(state: CheckinState, request: CheckinRequest, today: IsoDate): CheckinPlanning {
  const problems: string[] = [];
  const quarter = request.quarter.quarter;
  const measured = request.entries.flatMap((entry) => {
    const kr = findKeyResult(state.keyResults, entry.reference);
    if (!kr) {
      problems.push(
        `${entry.reference} is not a key result of ${quarter.name} (labelled ${request.quarter.label}) in the places looked at`,
      );
      return [];
    }
    return measureOf(kr, entry, problems) ?? [];
  });
  const seen = new Set<string>();
  for (const m of measured) {
    if (seen.has(m.kr.reference)) problems.push(`${keyResultLabel(m.kr)} is checked in twice in one run`);
    seen.add(m.kr.reference);
  }
  if (problems.length > 0) return { ok: false, problems };
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  const checkins = measured.map((m) => planOne(m, today, actions, unchanged));
  return {
    ok: true,
    plan: createPlan<CheckinPlanContext>({
      command: 'okr checkin',
      scope: `${quarter.name} key results`,
      date: today,
      actions,
      unchanged,
      context: { quarter: quarter.name, week: isoWeekLabel(today), checkins },
    }),
  };
}

// The quarter's scoreboard. The handbook targets a 70% completion rate (okr.target_score), so a key
// result is expected to have climbed linearly towards it: on day d of a quarter of n days the
// expected score is target × d / n (0.35 halfway through, 0.7 on the last day). An objective scores
// the average of its key results; a team and the quarter the average of all their key results, and
// they are on course when that average is at least the expected score.
import { daysBetween, type IsoDate } from '../common/calendar.js';
import type { Quarter } from '../common/quarter.js';

const round = (n: number) => Math.round(n * 100) / 100;

/** How much of the quarter has passed by the end of `today`, 0.0–1.0. */
export function elapsedShare(quarter: Pick<Quarter, 'start' | 'end'>, today: IsoDate): number {
  const length = daysBetween(quarter.start, quarter.end) + 1;
  const passed = daysBetween(quarter.start, today) + 1;
  return Math.min(1, Math.max(0, passed / length));
}

/** The score a key result should have by today to reach `target` at the quarter's end, rounded to two decimals. */
export function expectedScore(quarter: Pick<Quarter, 'start' | 'end'>, today: IsoDate, target: number): number {
  return round(target * elapsedShare(quarter, today));
}

/** The average of the scores that could be read, rounded to two decimals; null when none could. */
export function averageScore(scores: ReadonlyArray<number | null>): number | null {
  const known = scores.filter((s): s is number => s !== null);
  return known.length === 0 ? null : round(known.reduce((sum, s) => sum + s, 0) / known.length);
}

export interface Verdict {
  keyResults: number;
  score: number | null;
  expectedScore: number;
  onCourse: boolean;
}

export function verdictOf(scores: ReadonlyArray<number | null>, expected: number): Verdict {
  const score = averageScore(scores);
  return { keyResults: scores.length, score, expectedScore: expected, onCourse: score !== null && score >= expected };
}

// A key result's progress, read back from its issue description, the way people keep it up to date
// by hand each week (the handbook's weekly OKR check-in). One reader serves `okr status` and the
// async updates' `{{ kr.score }}`, so both always show the same score. The rules:
// - lines `Target:`, `Current:` (or `Current value:`) and `Score:`, in any case, with or without
//   Markdown emphasis, list markers or a blockquote (`- **Score:** 0.7`);
// - the last line of each wins: people add a newer line below the old one;
// - numbers may use a decimal comma (`0,7`); a score with `%`, or a bare number above 1, is a
//   percentage (`70%` and `70` are 0.7); a stated score outside 0.0–1.0 after that is not a score;
// - without a usable Score line, the score is computed from the Target's `from X to Y` and the
//   first number of Current, clamped to 0.0–1.0 (a key result may aim down, and may overshoot);
// - scores are rounded to two decimals.

export interface KeyResultProgress {
  /** The Target line as written, without emphasis: `from 95 to 45 minutes`. */
  target: string | null;
  from: number | null;
  to: number | null;
  /** The Current line as written: `70 minutes`. */
  current: string | null;
  /** 0.0–1.0, from the Score line, else computed from Target and Current. */
  score: number | null;
}

const NUMBER = /[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)/;
const FROM_TO = new RegExp(`from\\s+(${NUMBER.source})\\s*%?\\s+to\\s+(${NUMBER.source})`, 'i');

/** The value of the last `Label: value` line, forgiving Markdown around the label. */
function lastValue(description: string, labels: string): string | null {
  const pattern = new RegExp(`^[\\s>]*(?:[-+*]\\s+)?(?:${labels})\\s*:\\s*(.*?)\\s*$`, 'i');
  let found: string | null = null;
  for (const line of description.split(/\r?\n/)) {
    const match = pattern.exec(line.replace(/\*\*|__|\*(?=\S)|(?<=\S)\*/g, ''));
    if (match?.[1]) found = match[1].trim();
  }
  return found;
}

function parseNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

/** Progress from `from` towards `to`, 0.0–1.0, in either direction (a KR may aim down). */
export function scoreOf(from: number, to: number, current: number): number {
  if (to === from) return current === to ? 1 : 0;
  const raw = (current - from) / (to - from);
  return round(Math.min(1, Math.max(0, raw)));
}

/** A score as the handbook writes it: one decimal, `0.7`. */
export function formatScore(score: number): string {
  return score.toFixed(1);
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}

function statedScore(text: string | null): number | null {
  const match = text ? new RegExp(`(${NUMBER.source})\\s*(%?)`).exec(text) : null;
  if (!match?.[1]) return null;
  const value = parseNumber(match[1]);
  const scaled = match[2] === '%' || value > 1 ? value / 100 : value;
  return Number.isFinite(scaled) && scaled >= 0 && scaled <= 1 ? round(scaled) : null;
}

/** Reads target, current value and score back from a key result's description. */
export function readKeyResultProgress(description: string): KeyResultProgress {
  const target = lastValue(description, 'target');
  const current = lastValue(description, 'current(?:\\s+value)?');
  const range = target ? FROM_TO.exec(target) : null;
  const from = range?.[1] ? parseNumber(range[1]) : null;
  const to = range?.[2] ? parseNumber(range[2]) : null;
  let score = statedScore(lastValue(description, 'score'));
  if (score === null && from !== null && to !== null && current) {
    const currentNumber = NUMBER.exec(current)?.[0];
    if (currentNumber !== undefined) score = scoreOf(from, to, parseNumber(currentNumber));
  }
  return { target, from, to, current, score };
}

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

const CURRENT_LABELS = 'current(?:\\s+value)?';
const SCORE_LABELS = 'score';

const labelPattern = (labels: string) => new RegExp(`^[\\s>]*(?:[-+*]\\s+)?(?:${labels})\\s*:\\s*(.*?)\\s*$`, 'i');
const withoutEmphasis = (line: string) => line.replace(/\*\*|__|\*(?=\S)|(?<=\S)\*/g, '');

/** The value of the last `Label: value` line, forgiving Markdown around the label. */
function lastValue(description: string, labels: string): string | null {
  const pattern = labelPattern(labels);
  let found: string | null = null;
  for (const line of description.split(/\r?\n/)) {
    const match = pattern.exec(withoutEmphasis(line));
    if (match?.[1]) found = match[1].trim();
  }
  return found;
}

/** The index of the last line that is a `Label:` line (with or without a value), or -1. */
function lastLineIndex(lines: string[], labels: string): number {
  const pattern = labelPattern(labels);
  return lines.reduce((found, line, i) => (pattern.test(withoutEmphasis(line)) ? i : found), -1);
}

/** The line with its value replaced, keeping the label and its Markdown (`- **Current:** `) as people wrote it. */
function replaceValue(line: string, value: string): string {
  const prefix = /^(.*?:(?:\*\*|__|\*|_)?)\s*/.exec(line)?.[1] ?? line;
  return `${prefix} ${value}`;
}

/**
 * The description with the value of its Current and Score lines (the last of each: the ones read
 * back) replaced, and nothing else changed; a missing line is added at the end in the bundled
 * template's form (`- **Score:** 0.5`).
 */
export function rewriteProgress(description: string, values: { current: string; score: string }): string {
  const lines = description.split('\n');
  const added: string[] = [];
  for (const [labels, name, value] of [
    [CURRENT_LABELS, 'Current', values.current],
    [SCORE_LABELS, 'Score', values.score],
  ] as const) {
    const index = lastLineIndex(lines, labels);
    if (index >= 0) lines[index] = replaceValue(lines[index]!, value);
    else added.push(`- **${name}:** ${value}`);
  }
  if (added.length === 0) return lines.join('\n');
  return `${lines.join('\n').replace(/\s+$/, '')}\n${added.join('\n')}\n`;
}

/** The first number of a Current line (`70 minutes` → 70), or null. */
export function firstNumber(text: string | null): number | null {
  const found = text ? NUMBER.exec(text)?.[0] : undefined;
  return found === undefined ? null : parseNumber(found);
}

/** The unit a Target line measures in, as written after its second number: `minutes`, `%`, or ''. */
export function targetUnit(target: string | null): string {
  const range = target ? FROM_TO.exec(target) : null;
  if (!range || !target) return '';
  return target.slice(range.index + range[0].length).trim();
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
  const current = lastValue(description, CURRENT_LABELS);
  const range = target ? FROM_TO.exec(target) : null;
  const from = range?.[1] ? parseNumber(range[1]) : null;
  const to = range?.[2] ? parseNumber(range[2]) : null;
  let score = statedScore(lastValue(description, SCORE_LABELS));
  const currentNumber = firstNumber(current);
  if (score === null && from !== null && to !== null && currentNumber !== null) score = scoreOf(from, to, currentNumber);
  return { target, from, to, current, score };
}

// A key result is measured "from x to y": numbers such as 45, 12.5 or 40%, in a unit people write in
// the plural ("minutes"), read in the singular for exactly one ("1 operating system").

/** A number from the OKR file: `45`, `12.5` or `40%`. */
export interface Measure {
  value: number;
  percent: boolean;
  /** As written, for descriptions: `40%`, `12.5`. */
  text: string;
}

/** What a measure may be, for messages and prompts. */
export const MEASURE_EXAMPLES = 'a number such as 45, 12.5 or 40%';

const MEASURE = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+))\s*(%?)$/;

export function parseMeasure(raw: unknown): Measure | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return { value: raw, percent: false, text: String(raw) };
  if (typeof raw !== 'string') return undefined;
  const match = MEASURE.exec(raw.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const percent = match[2] === '%';
  return { value, percent, text: `${String(value)}${percent ? '%' : ''}` };
}

/** Words after which a unit's noun is done: "retries *a* week", "patches *per* release". */
const UNIT_CONNECTORS = /^(a|an|per|each|every|in|of|on|to|for|with|within|by|at)$/i;

/** English singular of a plural noun, for "1 retry", "1 box", "1 operating system". */
function singular(word: string): string {
  if (/^people$/i.test(word)) return word.replace(/eople$/i, 'erson');
  if (/[^aeiou]ies$/i.test(word)) return word.slice(0, -3) + 'y';
  if (/(ch|sh|x|z|ss)es$/i.test(word)) return word.slice(0, -2);
  if (/[^su]s$/i.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * A value with its unit as people write it: `45 minutes`, `1 operating system`, `40%`. Units are
 * written in the plural in the OKR file; for exactly one, the noun before any "a", "per"… loses its s.
 */
export function withUnit(measure: Measure, unit: string): string {
  if (unit === '') return measure.text;
  if (unit === '%') return measure.percent ? measure.text : `${measure.text}%`;
  if (Math.abs(measure.value) !== 1) return `${measure.text} ${unit}`;
  const words = unit.split(' ');
  const end = words.findIndex((word, i) => i > 0 && UNIT_CONNECTORS.test(word));
  const noun = (end === -1 ? words.length : end) - 1;
  return `${measure.text} ${words.map((word, i) => (i === noun ? singular(word) : word)).join(' ')}`;
}

/** "from 95 to 45 minutes", "from 5 to 1 incident"; unit "%" reads "from 40% to 80%". */
export function formatTarget(from: Measure, to: Measure, unit: string): string {
  return `from ${unit === '%' ? withUnit(from, unit) : from.text} to ${withUnit(to, unit)}`;
}

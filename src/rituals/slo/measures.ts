// Objectives and windows as teamops.yml writes them: `99.9%` and Prometheus durations (`28d`, `1h30m`).

const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const UNIT_SECONDS = [365 * 86_400, 7 * 86_400, 86_400, 3_600, 60, 1];

/** Seconds in a Prometheus duration (`28d`, `6h`, `1h30m`), or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim() === '') return undefined;
  const total = match.slice(1).reduce((sum, part, i) => sum + (part ? Number(part) * UNIT_SECONDS[i]! : 0), 0);
  return total > 0 ? total : undefined;
}

/** `40m 19s`, `2d 3h`, `-1h 2m`: the two largest units, for people. */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.round(Math.abs(seconds));
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count}${unit}`);
  }
  return (
    sign +
    parts
      .filter((part) => !/^0/.test(part))
      .slice(0, 2)
      .join(' ')
  );
}

export const OBJECTIVE_EXAMPLE = 'a percentage above 0 and below 100, such as 99.9%';

/**
 * The objective as a fraction (`99.9%` → 0.999). A bare number is a percentage too; one below 1
 * is refused, because `0.999` almost always means 99.9%, not 0.999%.
 */
export function parseObjective(value: string | number): number | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(text);
  if (!match) return undefined;
  const percent = Number(match[1]);
  if (!(percent > 0 && percent < 100)) return undefined;
  if (match[2] === '' && percent < 1) return undefined;
  return percent / 100;
}

/** `99.9%`, `99.95%`: a fraction as a percentage, with the digits it needs (up to `digits`). */
export function formatPercent(fraction: number, digits = 4): string {
  return `${Number((fraction * 100).toFixed(digits))}%`;
}

/** Rounds for documents: float noise (`8064.000000000001`) is not a figure anyone computed. */
export function rounded(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

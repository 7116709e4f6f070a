import stringWidth from 'string-width';
import type { IO } from './io.js';

export { debug, printError, printJson, printLine, status, success, warn } from './lines.js';

export interface TableOptions {
  /**
   * Columns (by index) that may be cut short with an ellipsis when the table is wider than the
   * terminal, such as titles; the widest is cut first. By default the widest column of all.
   */
  shrink?: number[];
}

/** Narrowest a shrinking column gets: enough to recognise a title. */
const MIN_SHRUNK_WIDTH = 12;
const LAST_RESORT_WIDTH = 5;

/**
 * A table on stdout that changes shape like gh's: on a TTY aligned columns that fit the terminal
 * (long cells cut with "…", widths measured as the terminal shows them, wide characters counting
 * two), tab-separated and untruncated when piped, so scripts can cut it.
 */
export function printTable(io: IO, header: string[], rows: string[][], options: TableOptions = {}): void {
  if (!io.stdoutIsTTY) {
    for (const row of rows) io.stdout.write(`${row.join('\t')}\n`);
    return;
  }
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const shrinkable = options.shrink ?? [widths.indexOf(Math.max(...widths))];
  const gaps = 2 * (widths.length - 1);
  let excess = widths.reduce((sum, w) => sum + w, gaps) - io.stdoutColumns;
  const widestOf = (columns: number[], floor: number) =>
    columns.filter((i) => (widths[i] ?? 0) > floor).sort((a, b) => widths[b]! - widths[a]! || a - b)[0];
  while (excess > 0) {
    // The named columns first, down to a readable width; then, on a very narrow terminal, any column.
    const widest = widestOf(shrinkable, MIN_SHRUNK_WIDTH) ?? widestOf([...widths.keys()], LAST_RESORT_WIDTH);
    if (widest === undefined) break;
    widths[widest] = widths[widest]! - 1;
    excess -= 1;
  }
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const fitted = truncate(cell, widths[i] ?? 0);
        return i === cells.length - 1 ? fitted : fitted + ' '.repeat(Math.max(0, (widths[i] ?? 0) - stringWidth(fitted)));
      })
      .join('  ');
  io.stdout.write(`${io.out.bold(format(header))}\n`);
  for (const row of rows) io.stdout.write(`${format(row)}\n`);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` cut to `width` terminal columns, ending in "…" when it was cut. */
function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (stringWidth(kept + segment) > width - 1) break;
    kept += segment;
  }
  return `${kept}…`;
}

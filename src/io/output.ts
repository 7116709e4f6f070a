import type { IO } from './io.js';

/** Writes exactly one JSON document on stdout (the product under --json). */
export function printJson(io: IO, document: unknown): void {
  io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

/** A line of product on stdout (a URL, a rendered update, a plan line). */
export function printLine(io: IO, line = ''): void {
  io.stdout.write(`${line}\n`);
}

/** Narration on stderr: what teamops is doing. */
export function status(io: IO, message: string): void {
  io.stderr.write(`${message}\n`);
}

export function success(io: IO, message: string): void {
  io.stderr.write(`${io.err.green('✓')} ${message}\n`);
}

export function warn(io: IO, message: string): void {
  io.stderr.write(`${io.err.yellow('!')} ${message}\n`);
}

export function printError(io: IO, message: string, hint?: string): void {
  io.stderr.write(`${io.err.red('error:')} ${message}\n`);
  if (hint) io.stderr.write(`${io.err.dim('hint:')} ${hint}\n`);
}

export function debug(io: IO, enabled: boolean, message: string): void {
  if (enabled) io.stderr.write(`${io.err.dim(`debug: ${message}`)}\n`);
}

/**
 * A table on stdout that changes shape like gh's: aligned columns on a TTY,
 * tab-separated and untruncated when piped, so scripts can cut it.
 */
export function printTable(io: IO, header: string[], rows: string[][]): void {
  if (!io.stdoutIsTTY) {
    for (const row of rows) io.stdout.write(`${row.join('\t')}\n`);
    return;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  io.stdout.write(`${io.out.bold(format(header))}\n`);
  for (const row of rows) io.stdout.write(`${format(row)}\n`);
}

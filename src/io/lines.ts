import type { IO } from './io.js';

// The output helpers every run may need, apart from tables: run-program prints errors through these
// without loading string-width (a terminal-width library that costs start-up time).

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

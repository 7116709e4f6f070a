import { Chalk, type ChalkInstance } from 'chalk';
import type { Writable } from 'node:stream';

export type Colour = ChalkInstance;

/** The process's streams as the program sees them, with TTY-ness and colour decided once per stream. */
export interface IO {
  stdout: Writable;
  stderr: Writable;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Colour for text written to stdout / stderr; level 0 (plain) when that stream must not be coloured. */
  out: Colour;
  err: Colour;
  /** Width of the terminal behind stderr, for progress display. */
  columns: number;
  /** Width of the terminal behind stdout, for tables. */
  stdoutColumns: number;
}

export interface CreateIOOptions {
  /** Only whether it is a terminal: constructing process.stdin costs a stream most runs never read. */
  stdin: { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
  /** --no-color was given. */
  noColor?: boolean;
}

/**
 * Colour is on only for a TTY stream, with NO_COLOR unset or empty and TERM not "dumb"; FORCE_COLOR
 * (1, 2, 3, or empty for the default) turns it on anywhere, FORCE_COLOR=0 off; --no-color always off.
 * chalk's own detection ignores NO_COLOR, so this decides explicitly (no-color.org).
 */
export function colourEnabled(isTTY: boolean, env: Record<string, string | undefined>, noColor = false): boolean {
  if (noColor) return false;
  // FORCE_COLOR wins over the terminal test and NO_COLOR, as in Node itself: 0 or false means never.
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (!isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return true;
}

export function createIO(options: CreateIOOptions): IO {
  const stdinIsTTY = Boolean(options.stdin.isTTY);
  const stdoutIsTTY = Boolean(options.stdout.isTTY);
  const stderrIsTTY = Boolean(options.stderr.isTTY);
  const level = (tty: boolean) => (colourEnabled(tty, options.env, options.noColor) ? 1 : 0);
  return {
    stdout: options.stdout,
    stderr: options.stderr,
    stdinIsTTY,
    stdoutIsTTY,
    stderrIsTTY,
    out: new Chalk({ level: level(stdoutIsTTY) }),
    err: new Chalk({ level: level(stderrIsTTY) }),
    columns: options.stderr.columns || 80,
    stdoutColumns: options.stdout.columns || 80,
  };
}

/** The same streams with colour switched off (after --no-color is parsed). */
export function withoutColour(io: IO): IO {
  return { ...io, out: new Chalk({ level: 0 }), err: new Chalk({ level: 0 }) };
}

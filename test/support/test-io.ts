import { PassThrough, Writable } from 'node:stream';
import { createIO, type IO } from '../../src/io/io.js';

export interface TestIO {
  io: IO;
  stdout(): string;
  stderr(): string;
  stdin: PassThrough;
}

class Capture extends Writable {
  text = '';
  isTTY: boolean;
  columns: number;
  constructor(isTTY: boolean, columns = 100) {
    super({ decodeStrings: false });
    this.isTTY = isTTY;
    this.columns = columns;
  }
  // What a terminal stream has and spinners call; the captured text keeps only what was written.
  cursorTo(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
  clearLine(): boolean {
    return true;
  }
  override _write(chunk: unknown, _encoding: BufferEncoding, callback: () => void): void {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    callback();
  }
}

/** Streams that record what was written. Each test says which streams are terminals. */
export function createTestIO(
  options: {
    stdinTTY?: boolean;
    stdoutTTY?: boolean;
    stderrTTY?: boolean;
    columns?: number;
    env?: Record<string, string | undefined>;
  } = {},
): TestIO {
  const stdout = new Capture(options.stdoutTTY ?? false, options.columns);
  const stderr = new Capture(options.stderrTTY ?? false);
  const stdin = Object.assign(new PassThrough(), { isTTY: options.stdinTTY ?? false });
  const io = createIO({ stdin, stdout, stderr, env: options.env ?? {} });
  return { io, stdout: () => stdout.text, stderr: () => stderr.text, stdin };
}

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** teamops.yml and OKR files are a few kilobytes; anything this big is a mistake (or /dev/zero). */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024;

/**
 * A small text file's contents, checked before they are parsed: a regular file (not a directory,
 * a device or a pipe), at most `MAX_INPUT_FILE_BYTES`, and valid UTF-8. Each problem is thrown as
 * `fail(problem)`, so the caller words it for its file. Reading stops at the cap, whatever the
 * file claims its size is.
 */
export function readTextFile(file: string, fail: (problem: string) => Error): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(error)})`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw fail('is a directory, not a file');
    if (!stat.isFile()) throw fail('is not a regular file (a device, a pipe or a socket)');
    if (stat.size > MAX_INPUT_FILE_BYTES)
      throw fail(
        `is ${stat.size.toLocaleString('en')} bytes; teamops reads files of up to ${MAX_INPUT_FILE_BYTES.toLocaleString('en')} bytes`,
      );
    const buffer = Buffer.alloc(MAX_INPUT_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > MAX_INPUT_FILE_BYTES)
        throw fail(`is more than ${MAX_INPUT_FILE_BYTES.toLocaleString('en')} bytes; teamops reads files of up to that size`);
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length)).replace(/^\uFEFF/, '');
    } catch {
      throw fail('is not UTF-8 text');
    }
  } finally {
    closeSync(fd);
  }
}

/** YAML aliases are expanded when the document becomes data; more than this many is an alias bomb ("billion laughs"). */
export const MAX_YAML_ALIASES = 100;

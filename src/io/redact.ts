import type { Writable } from 'node:stream';

export const REDACTED = '[REDACTED]';

/** Replaces every occurrence of each secret (the GitLab token) in a piece of text. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    // Short values would redact ordinary words; a real token is never this short.
    if (secret.length < 8) continue;
    result = result.split(secret).join(REDACTED);
  }
  return result;
}

/**
 * The same stream, with every write redacted first. main.ts and the tests both go through it, so
 * no output path (errors, --debug dumps, JSON, a stack trace) can leak the token, whatever code
 * wrote it. A proxy (not a new stream) keeps writes synchronous and keeps isTTY, columns and the
 * cursor methods progress bars use.
 */
export function redactingStream<T extends Writable>(target: T, secrets: () => readonly string[]): T {
  const write = (chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
    return (target.write as (...args: unknown[]) => boolean)(redact(text, secrets()), ...rest);
  };
  return new Proxy(target, {
    get(object, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

import type { Writable } from 'node:stream';

export const REDACTED = '[REDACTED]';

/**
 * Every form in which teamops could print a secret: as it is, inside a JSON string (`"` and `\`
 * escaped, as --json prints what a server echoed), and URL-encoded (in a URL or query a server
 * echoed), and the URL-encoded form inside JSON too.
 */
function encodings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const url = encodeURIComponent(secret);
  const form = url.replace(/%20/g, '+');
  return [...new Set([secret, json, url, form, JSON.stringify(url).slice(1, -1)])];
}

/**
 * Replaces every occurrence of each secret (the GitLab token), in each of its encodings, in a
 * piece of text. Any non-empty secret counts, however short: a short token is still a token.
 */
export function redact(text: string, secrets: readonly string[]): string {
  const forms = secrets
    .filter((secret) => secret !== '')
    .flatMap(encodings)
    // Longest first, so a form containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  let result = text;
  for (const form of forms) result = result.split(form).join(REDACTED);
  return result;
}

/**
 * The same stream, with every write redacted first. main.ts and the tests both go through it, so
 * no output path (errors, --debug dumps, JSON, a stack trace) can leak the token, whatever code
 * wrote it. A proxy (not a new stream) keeps writes synchronous and keeps isTTY, columns and the
 * cursor methods progress bars use.
 */
export function redactingStream<T extends Writable>(target: T, secrets: () => readonly string[], onWrite?: () => void): T {
  const write = (chunk: unknown, ...rest: unknown[]) => {
    onWrite?.();
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

// Titles and labels in teamops.yml are `{name}` patterns (`missed:{milestone}`, `team:{team}`,
// `Distribution DRI rotation week of {week_start}`): simpler to write in YAML than Liquid. This
// module fills them and reads a value back out of a label, so the two can never disagree.
import { TemplateError } from './template-error.js';

const PLACEHOLDER = /\{(\w+)\}/g;

/** The pattern with each `{name}` replaced; a name not in `values` is an error naming `what`. */
export function fillPattern(pattern: string, values: Record<string, string | number>, what: string): string {
  return pattern.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new TemplateError(
        `${what} uses {${name}}, which is not one of ${Object.keys(values)
          .map((k) => `{${k}}`)
          .join(', ')}`,
        what,
      );
    }
    return String(value);
  });
}

/**
 * What a label made from the pattern holds for `{name}`: `team:{team}` reads `distribution` from
 * `team:distribution`. Null when the label was not made from the pattern, or the pattern has no
 * single `{name}` to read.
 */
export function readPattern(pattern: string, name: string, text: string): string | null {
  const parts = pattern.split(`{${name}}`);
  if (parts.length !== 2) return null;
  const [before = '', after = ''] = parts;
  if (text.length <= before.length + after.length || !text.startsWith(before) || !text.endsWith(after)) return null;
  return text.slice(before.length, text.length - after.length);
}

/** Every value the labels hold for `{name}` of the pattern, in label order. */
export function readPatternAll(pattern: string, name: string, labels: readonly string[]): string[] {
  return labels.flatMap((label) => readPattern(pattern, name, label) ?? []);
}

/**
 * What is wrong with a label pattern whose `{name}` is read back, or null: it must hold `{name}`
 * exactly once (each value its own label) and no other placeholder, and no comma (GitLab
 * separates labels with commas).
 */
export function labelPatternProblem(pattern: string, name: string): string | null {
  if (pattern.split(`{${name}}`).length !== 2) return `must contain {${name}} exactly once, e.g. "missed:{${name}}"`;
  const others = [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((other) => other !== name);
  if (others.length > 0) return `may use only {${name}}, not ${others.map((o) => `{${o}}`).join(', ')}`;
  if (pattern.includes(',')) return 'must not contain a comma (GitLab separates labels with commas)';
  return null;
}

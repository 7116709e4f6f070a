import type { z } from 'zod';

// How teamops words what zod found wrong with a file (teamops.yml, an OKR file), so every file's
// problems read alike: `<where>: <what>`, with unknown keys named and zod's "Invalid input: " dropped.

/** `okr.teams.distribution.assignees[0]`: a key's path as people write it. */
export function keyPath(issuePath: readonly PropertyKey[]): string {
  return issuePath.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text ? `${text}.${String(part)}` : String(part);
  }, '');
}

/** Zod's type names as teamops words them. */
const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys',
  record: 'a mapping of keys',
  date: 'a date',
  null: 'nothing',
  undefined: 'nothing',
  nan: 'not a number',
};
const typeWords = (type: string) => TYPE_WORDS[type] ?? type;
const plural = (count: number | bigint, one: string) => `${count} ${one}${Number(count) === 1 ? '' : 's'}`;

/**
 * What is wrong, without where: `unknown keys "a", "b"`, `expected a list, got a number`. Zod's own
 * messages ("Invalid input: expected array, received number") are reworded; a schema's custom
 * message (`{ error: … }`) is teamops' already and is kept.
 */
function zodIssueMessage(issue: z.core.$ZodIssue): string {
  const own = !/^(Invalid|Too (small|big))\b/.test(issue.message);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'invalid_type': {
      if (own) return issue.message;
      const received = /received (\w+)/.exec(issue.message)?.[1];
      return `expected ${typeWords(issue.expected)}${received ? `, got ${typeWords(received)}` : ''}`;
    }
    case 'invalid_value':
      return own ? issue.message : `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'too_small':
    case 'too_big': {
      if (own) return issue.message;
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const side = issue.code === 'too_small' ? 'at least' : 'at most';
      if (issue.origin === 'array' || issue.origin === 'set') return `expected ${side} ${plural(bound, 'item')}`;
      if (issue.origin === 'string') return `expected ${side} ${plural(bound, 'character')}`;
      return `expected ${side} ${String(bound)}`;
    }
    case 'invalid_format':
      return own ? issue.message : `is not in the expected format (${issue.format})`;
    default:
      return own ? issue.message : 'is not valid here';
  }
}

/** One line per issue, `<where>: <what>`; `where` names the place (by default the key path), or is empty. */
export function describeZodIssues(
  issues: readonly z.core.$ZodIssue[],
  where: (issue: z.core.$ZodIssue) => string = (issue) => keyPath(issue.path),
): string[] {
  return issues.map((issue) => {
    const place = where(issue);
    return place ? `${place}: ${zodIssueMessage(issue)}` : zodIssueMessage(issue);
  });
}

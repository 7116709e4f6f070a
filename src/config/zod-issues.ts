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

/** What is wrong, without where: `unknown keys "a", "b"`, `expected a number…`. */
function zodIssueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
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

/**
 * GitLab's limits on what teamops writes, checked on the whole plan before the first write, so a
 * plan GitLab would refuse halfway fails at once (exit 3) naming the item, instead of writing part
 * of itself and failing on every rerun. Lengths are in characters (Ruby's String#length: code
 * points), as Rails' length validations count them. From GitLab's models:
 * - app/models/concerns/issuable.rb: `validates :title, presence: true, length: { maximum: 255 }`
 *   (TITLE_LENGTH_MAX, after `strip_attributes :title`) and `validates :description, length:
 *   { maximum: DESCRIPTION_LENGTH_MAX }` (1.megabyte = 1,048,576), for issues and merge requests.
 * - app/models/concerns/notes/active_record.rb: `validates :note, presence: true` and
 *   `length: { maximum: Gitlab::Database::MAX_TEXT_SIZE_LIMIT }` (1,000,000).
 * - app/models/label.rb: titles are stripped, `presence: true`, `format: { with: /\A[^,]+\z/ }` (no
 *   commas: the API takes a list of labels as one comma-separated parameter) and `length:
 *   { maximum: 255 }`.
 */
import type { Action, Plan } from './plan.js';

export const GITLAB_LIMITS = {
  title: 255,
  description: 1_048_576,
  note: 1_000_000,
  label: 255,
} as const;

/** The writer adds the hidden key (a blank line and an HTML comment) to each description and comment. */
const KEY_MARKER_ROOM = 200;
/** A `{{ref:KEY}}` / `{{url:KEY}}` placeholder becomes a reference or URL once the issue it names exists. */
const PLACEHOLDER_ROOM = 300;
const PLACEHOLDER = /\{\{(?:ref|url|iid):[^}\s]+\}\}/g;
// Control characters (line breaks and tabs included) have no place in a title or label: GitLab keeps
// them, and they garble every list, terminal and notification that shows one.
const CONTROL = /\p{Cc}/u;

const characters = (text: string) => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};

function storedLength(text: string): number {
  const placeholders = text.match(PLACEHOLDER)?.length ?? 0;
  return characters(text) + placeholders * PLACEHOLDER_ROOM + KEY_MARKER_ROOM;
}

function titleProblems(title: string): string[] {
  const trimmed = title.trim();
  if (trimmed === '') return ['the title is empty'];
  const problems: string[] = [];
  if (characters(trimmed) > GITLAB_LIMITS.title)
    problems.push(`the title has ${characters(trimmed)} characters; GitLab allows at most ${GITLAB_LIMITS.title}`);
  if (CONTROL.test(title)) problems.push('the title contains a control character or line break');
  return problems;
}

function labelProblems(labels: readonly string[] | undefined): string[] {
  return (labels ?? []).flatMap((label) => {
    const trimmed = label.trim();
    if (trimmed === '') return ['a label is empty'];
    if (trimmed.includes(',')) return [`the label "${trimmed}" contains a comma, which GitLab does not allow in label names`];
    if (CONTROL.test(trimmed)) return [`the label "${trimmed}" contains a control character`];
    if (characters(trimmed) > GITLAB_LIMITS.label)
      return [`the label "${trimmed.slice(0, 40)}…" has ${characters(trimmed)} characters; GitLab allows at most ${GITLAB_LIMITS.label}`];
    return [];
  });
}

function lengthProblem(what: string, text: string, limit: number): string[] {
  const length = storedLength(text);
  return length > limit ? [`the ${what} would have about ${length} characters; GitLab allows at most ${limit.toLocaleString('en')}`] : [];
}

function problemsOf(action: Action): string[] {
  switch (action.kind) {
    case 'create-issue':
      return [
        ...titleProblems(action.issue.title),
        ...lengthProblem('description', action.issue.description, GITLAB_LIMITS.description),
        ...labelProblems(action.issue.labels),
      ];
    case 'update-issue':
      return [
        ...(action.change.description === undefined
          ? []
          : lengthProblem('description', action.change.description, GITLAB_LIMITS.description)),
        ...labelProblems(action.change.addLabels),
      ];
    case 'create-note':
    case 'update-note':
      return action.body.trim() === '' ? ['the comment is empty'] : lengthProblem('comment', action.body, GITLAB_LIMITS.note);
    case 'update-milestone':
      return lengthProblem('milestone description', action.description, GITLAB_LIMITS.description);
    case 'update-merge-request':
      return labelProblems(action.change.addLabels);
    case 'create-label':
      return labelProblems([action.name]);
    case 'set-health-status':
    case 'close-issue':
    case 'link-issues':
    case 'close-milestone':
      return [];
  }
}

/** Every way the plan would break GitLab's limits, each naming the action: `create "…" in g/p: the title has 300 characters; …`. */
export function limitProblems(plan: Plan): string[] {
  const name = (summary: string) => (summary.length > 120 ? `${summary.slice(0, 119)}…` : summary);
  return plan.actions.flatMap((action) => problemsOf(action).map((problem) => `${name(action.summary)}: ${problem}`));
}

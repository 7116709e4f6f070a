// The quarter's key results as the rituals after okr create see them: the issue, and its comments
// (check-ins, reminders, the retrospective). A key result is named on the command line by its
// reference, `group/project#12`, in any letter case.
import type { OkrNote } from './checkins.js';
import type { OkrIssue } from './status.js';

export interface KeyResultIssue extends OkrIssue {
  /** The hidden idempotency key okr create gave it, or null for a key result made by hand. */
  key: string | null;
  notes: OkrNote[];
}

const sameReference = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function findKeyResult<T extends { reference: string }>(keyResults: readonly T[], reference: string): T | undefined {
  return keyResults.find((kr) => sameReference(kr.reference, reference));
}

/** `key result distribution/omnibus#12 "Pipeline minutes"`, for messages. */
export function keyResultLabel(kr: { reference: string; title: string }): string {
  return `key result ${kr.reference} "${kr.title}"`;
}

/** `@amara.okafor @bruno.silva` */
export function mention(usernames: readonly string[]): string {
  return usernames.map((u) => `@${u}`).join(' ');
}

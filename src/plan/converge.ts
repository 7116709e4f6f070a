import pLimit from 'p-limit';
import type { GitLabReader, GitLabWriter, KeyedIssue } from '../gitlab/port.js';
import type { ApplyResult } from './apply-plan.js';
import type { CreateIssueAction, Plan } from './plan.js';

/** An issue that carried the same key as an older one, and was closed as its duplicate. */
export interface ClosedDuplicate {
  key: string;
  kept: { reference: string; webUrl: string };
  closed: { reference: string; webUrl: string };
}

export interface ConvergeResult {
  closed: ClosedDuplicate[];
  /** Duplicates found but not closed, with the reason. */
  failed: string[];
}

/**
 * After applying, each issue the plan created is looked up by its key once more. Two issues with
 * one key mean some other writer (a run of an older teamops without the lock, a person copying an
 * issue) got in between; the oldest is kept, the others are closed as its duplicates, with a
 * comment saying so, and lose the key, so every later run sees exactly one.
 */
export async function convergeDuplicates(
  plan: Plan,
  result: ApplyResult,
  reader: GitLabReader,
  writer: GitLabWriter,
  concurrency: number,
): Promise<ConvergeResult> {
  const done = new Set(result.results.filter((r) => r.status === 'done').map((r) => r.key));
  const creates = plan.actions.filter((a): a is CreateIssueAction => a.kind === 'create-issue' && done.has(a.key));
  const limit = pLimit(Math.max(1, concurrency));
  // Per action, so that the report follows the plan's order however the lookups interleave.
  const outcomes = await Promise.all(
    creates.map((action) =>
      limit(async (): Promise<ConvergeResult> => {
        const outcome: ConvergeResult = { closed: [], failed: [] };
        const scope = { kind: 'project', ref: action.project } as const;
        const found = await reader.listIssuesByKeyPrefix(scope, action.key, { title: action.issue.title });
        const same = found.filter((issue) => issue.key === action.key).sort((a, b) => a.id - b.id);
        const [kept, ...duplicates] = same;
        if (!kept) return outcome;
        for (const duplicate of duplicates) {
          try {
            await closeDuplicate(writer, action, kept, duplicate);
            outcome.closed.push({ key: action.key, kept: describe(kept), closed: describe(duplicate) });
          } catch (error) {
            outcome.failed.push(
              `${duplicate.reference} duplicates ${kept.reference}: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        }
        return outcome;
      }),
    ),
  );
  return { closed: outcomes.flatMap((o) => o.closed), failed: outcomes.flatMap((o) => o.failed) };
}

const describe = (issue: KeyedIssue) => ({ reference: issue.reference, webUrl: issue.webUrl });

async function closeDuplicate(writer: GitLabWriter, action: CreateIssueAction, kept: KeyedIssue, duplicate: KeyedIssue): Promise<void> {
  await writer.createNote(
    action.project,
    duplicate.iid,
    `Closed as a duplicate of ${kept.reference} (${kept.webUrl}): teamops found two issues for ${action.key} and keeps the oldest.`,
    `duplicate-of/${action.key}`,
  );
  // Without its key, no later run counts it.
  await writer.updateIssue(action.project, duplicate.iid, { stateEvent: 'close', description: duplicate.description, key: null });
}

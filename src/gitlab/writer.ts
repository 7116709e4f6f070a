import { statusOf } from './errors.js';
import type { Connection } from './gitbeaker-adapter.js';
import { storedText } from './keys.js';
import { createLocks } from './lock.js';
import { toIssue, toMergeRequest, toMilestone, toNote } from './mappers.js';
import type { GitLabReader, GitLabWriter } from './port.js';
import { describeScope, list } from './reader.js';
import { AmbiguousWriteError } from './transport.js';

/** How many times a write whose outcome was unknown is looked up and tried again. */
const AMBIGUOUS_WRITE_ATTEMPTS = 4;

export function createWriter(connection: Connection, reader: GitLabReader, host: string): GitLabWriter {
  const { api, call, fail, log } = connection;

  /** Sends a POST unless `alreadyDone` finds its result; retries one whose outcome was unknown the same way. */
  async function writeOnce<T>(
    doing: string,
    alreadyDone: () => Promise<T | null>,
    write: () => Promise<T>,
  ): Promise<{ value: T; created: boolean }> {
    let lastError: unknown;
    for (let attempt = 0; attempt < AMBIGUOUS_WRITE_ATTEMPTS; attempt += 1) {
      // Also before the first attempt: the plan may be older than what another run (or a person) did since.
      const existing = await call(doing, alreadyDone);
      if (existing !== null) return { value: existing, created: false };
      try {
        return { value: await write(), created: true };
      } catch (error) {
        if (!(error instanceof AmbiguousWriteError)) throw fail(error, doing);
        log?.(`${doing}: outcome unknown (${error.message}); checking before trying again`);
        lastError = error;
      }
    }
    throw fail(lastError, doing);
  }

  return {
    ...createLocks(connection, host),

    createIssue: async (project, issue, key) => {
      const description = storedText(issue.description, key);
      const { value, created } = await writeOnce(
        `cannot create issue "${issue.title}" in ${project}`,
        () => reader.findIssueByKey(project, key, issue.title),
        async () =>
          toIssue(
            await api.issues.create(project, issue.title, {
              description,
              labels: list(issue.labels),
              assigneeIds: issue.assigneeIds,
            }),
          ),
      );
      return { issue: value, created };
    },

    updateIssue: (project, iid, change) =>
      call(`cannot update issue #${iid} in ${project}`, async () =>
        toIssue(
          await api.issues.edit(project, iid, {
            description: change.description === undefined ? undefined : storedText(change.description, change.key),
            addLabels: list(change.addLabels),
            removeLabels: list(change.removeLabels),
            milestoneId: change.milestoneId,
            stateEvent: change.stateEvent,
          }),
        ),
      ),

    linkIssues: async (project, iid, target) => {
      const doing = `cannot link issue #${iid} in ${project} to #${target.iid} in ${target.project}`;
      for (let attempt = 0; attempt < AMBIGUOUS_WRITE_ATTEMPTS; attempt += 1) {
        try {
          await api.links.create(project, iid, target.project, target.iid);
          return 'linked';
        } catch (error) {
          // GitLab answers 409 "Issue(s) already assigned" for a link that exists in either direction.
          if (statusOf(error) === 409) return 'already-linked';
          if (!(error instanceof AmbiguousWriteError) || attempt === AMBIGUOUS_WRITE_ATTEMPTS - 1) throw fail(error, doing);
        }
      }
      throw fail(new Error('unreachable'), doing);
    },

    createNote: async (project, iid, body, key) => {
      const text = storedText(body, key);
      const { value, created } = await writeOnce(
        `cannot comment on issue #${iid} in ${project}`,
        async () => (await reader.listNotes(project, iid)).find((note) => note.key === key) ?? null,
        async () => toNote(await api.notes.create(project, iid, text)),
      );
      return { note: value, created };
    },

    updateNote: (project, iid, noteId, body, key) =>
      call(`cannot edit comment ${noteId} on issue #${iid} in ${project}`, async () =>
        toNote(await api.notes.edit(project, iid, noteId, { body: storedText(body, key) })),
      ),

    updateMilestone: (scope, milestoneId, change) =>
      call(`cannot update milestone ${milestoneId} of ${describeScope(scope)}`, async () =>
        toMilestone(
          scope.kind === 'project'
            ? await api.projectMilestones.edit(scope.ref, milestoneId, { description: change.description })
            : await api.groupMilestones.edit(scope.ref, milestoneId, { description: change.description }),
        ),
      ),

    closeMilestone: (scope, milestoneId) =>
      call(`cannot close milestone ${milestoneId} of ${describeScope(scope)}`, async () => {
        const close = { stateEvent: 'close' } as const;
        return toMilestone(
          scope.kind === 'project'
            ? await api.projectMilestones.edit(scope.ref, milestoneId, close)
            : await api.groupMilestones.edit(scope.ref, milestoneId, close),
        );
      }),

    updateMergeRequest: (project, iid, change) =>
      call(`cannot update merge request !${iid} in ${project}`, async () =>
        toMergeRequest(await api.mergeRequests.edit(project, iid, { addLabels: list(change.addLabels), milestoneId: change.milestoneId })),
      ),
  };
}

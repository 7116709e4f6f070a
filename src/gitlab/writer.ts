import { statusOf } from './errors.js';
import type { Connection } from './gitbeaker-adapter.js';
import { storedText } from './keys.js';
import { createLocks } from './lock.js';
import { toIssue, toMergeRequest, toMilestone, toNote } from './mappers.js';
import type { BulkParent, GitLabReader, GitLabWriter, HealthStatus, Scope, TeamIssue, TeamLabel } from './port.js';
import { allPages } from './pages.js';
import { BULK_UPDATE, describeScope, globalId, list, parentGlobalId } from './reader.js';
import { AmbiguousWriteError } from './transport.js';

/** How many times a write whose outcome was unknown is looked up and tried again. */
const AMBIGUOUS_WRITE_ATTEMPTS = 4;

const UPDATE_HEALTH_STATUS = /* GraphQL */ `
  mutation TeamopsHealthStatus($input: UpdateIssueInput!) {
    updateIssue(input: $input) {
      errors
    }
  }
`;

/** GraphQL's HealthStatus enum spells REST's values in camelCase (Types::HealthStatusEnum). */
const GRAPHQL_HEALTH_STATUS: Record<HealthStatus, string> = {
  on_track: 'onTrack',
  needs_attention: 'needsAttention',
  at_risk: 'atRisk',
};

const scopeOf = (parent: BulkParent): Scope => ({ kind: parent.kind, ref: parent.id });

export function createWriter(connection: Connection, reader: GitLabReader, host: string): GitLabWriter {
  const { api, call, fail, log, graphql } = connection;
  /** Label ids by parent and name: a rollover's mutations all add the same label. */
  const labelIds = new Map<string, Promise<number>>();

  function labelIdFor(parent: BulkParent, name: string): Promise<number> {
    const cacheKey = `${parent.kind}/${parent.id}/${name}`;
    let id = labelIds.get(cacheKey);
    if (!id) {
      id = reader.findLabel(scopeOf(parent), name).then((label) => {
        if (!label) throw fail(new Error(`no label "${name}" exists there`), `cannot add label ${name} in ${parent.kind} ${parent.id}`);
        return label.id;
      });
      id.catch(() => labelIds.delete(cacheKey));
      labelIds.set(cacheKey, id);
    }
    return id;
  }

  /** The issues as GitLab has them now: one list by iid per 100 (a group's projects may share an iid, so matched by id). */
  async function readBack(parent: BulkParent, issues: Array<{ id: number; iid: number }>): Promise<TeamIssue[]> {
    const wanted = new Set(issues.map((issue) => issue.id));
    const raw = await allPages((page) =>
      api.issues.all({
        ...(parent.kind === 'project' ? { projectId: parent.id } : { groupId: parent.id }),
        iids: [...new Set(issues.map((issue) => issue.iid))],
        state: 'all',
        scope: 'all',
        perPage: 100,
        page,
        maxPages: 1,
        showExpanded: true,
      }),
    );
    return raw.map(toIssue).filter((issue) => wanted.has(issue.id));
  }

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

    createLabel: async (scope, label) => {
      const doing = `cannot create label ${label.name} in ${describeScope(scope)}`;
      const existing = async (): Promise<TeamLabel | null> => reader.findLabel(scope, label.name);
      const { value } = await writeOnce(doing, existing, async () => {
        try {
          const created =
            scope.kind === 'project'
              ? await api.projectLabels.create(scope.ref, label.name, label.color)
              : await api.groupLabels.create(scope.ref, label.name, label.color);
          return { id: created.id, name: created.name };
        } catch (error) {
          // GitLab answers 409 "Label already exists" for a name taken in the project or its groups.
          if (statusOf(error) !== 409) throw error;
          const found = await existing();
          if (!found) throw error;
          return found;
        }
      });
      return value;
    },

    bulkUpdateIssues: async (parent, issues, change) => {
      const doing = `cannot update ${issues.length} issues of ${parent.kind} ${parent.id} with issuesBulkUpdate`;
      const addLabelIds = await call(doing, () => Promise.all((change.addLabels ?? []).map((name) => labelIdFor(parent, name))));
      let error: string | undefined;
      try {
        const data = await graphql<{ issuesBulkUpdate: { updatedIssueCount: number | null; errors: string[] } | null }>(BULK_UPDATE, {
          input: {
            parentId: parentGlobalId(parent),
            ids: issues.map((issue) => globalId('Issue', issue.id)),
            milestoneId: change.milestoneId === null ? null : globalId('Milestone', change.milestoneId),
            ...(addLabelIds.length > 0 ? { addLabelIds: addLabelIds.map((id) => globalId('Label', id)) } : {}),
          },
        });
        const payload = data.issuesBulkUpdate;
        if (payload && payload.errors.length > 0) error = payload.errors.join('; ');
        log?.(`issuesBulkUpdate: GitLab counted ${payload?.updatedIssueCount ?? 0} of ${issues.length} issues`);
      } catch (failure) {
        // Whatever happened (a lost response, a 5xx, a GraphQL error), the read-back below tells what changed.
        error = fail(failure, doing).message;
        log?.(`${error}; reading the issues back to see what changed`);
      }
      const now = await call(`cannot read back the issues of ${parent.kind} ${parent.id} after issuesBulkUpdate`, () =>
        readBack(parent, issues),
      );
      return { issues: now, ...(error ? { error } : {}) };
    },

    setHealthStatus: async (projectPath, iid, status) => {
      const doing = `cannot set the health status of issue #${iid} in ${projectPath}`;
      const input = { projectPath, iid: String(iid), healthStatus: GRAPHQL_HEALTH_STATUS[status] };
      // Setting a value is safe to repeat, so a response lost on the way back is simply sent again.
      for (let attempt = 1; ; attempt += 1) {
        try {
          const data = await graphql<{ updateIssue: { errors: string[] } | null }>(UPDATE_HEALTH_STATUS, { input });
          const errors = data.updateIssue?.errors ?? [];
          if (errors.length > 0) throw fail(new Error(errors.join('; ')), doing);
          return;
        } catch (error) {
          if (!(error instanceof AmbiguousWriteError) || attempt >= AMBIGUOUS_WRITE_ATTEMPTS) throw fail(error, doing);
        }
      }
    },

    updateMergeRequest: (project, iid, change) =>
      call(`cannot update merge request !${iid} in ${project}`, async () =>
        toMergeRequest(
          await api.mergeRequests.edit(project, iid, {
            addLabels: list(change.addLabels),
            removeLabels: list(change.removeLabels),
            milestoneId: change.milestoneId,
          }),
        ),
      ),
  };
}

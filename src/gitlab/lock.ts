/**
 * Run locks as labels. Creating a label is atomic in GitLab: `create_label` answers 409 "Label
 * already exists" when the title is taken (lib/api/helpers/label_helpers.rb, backed by the unique
 * index on labels' title per project or group), so of two runs creating the same lock label one
 * wins. A label needs no repository (a branch would), Reporters and up may create one in any
 * project or group, and people can see and delete it on the Labels page.
 *
 * Deleting is by id (`find_label` takes an id before a title): a run that found an expired lock
 * deletes that label only, never a fresh one another run created in the meantime.
 */
import { statusOf } from './errors.js';
import type { Connection } from './gitbeaker-adapter.js';
import type { LockAttempt, LockRequest, RunLock, Scope } from './port.js';
import { AmbiguousWriteError } from './transport.js';

const LOCK_COLOR = '#808080';
const DESCRIPTION = /^teamops run (\S+) by @(\S+) from (\S+) until (\S+)$/;

interface LabelJson {
  id: number;
  name: string;
  description?: string | null;
}

function describeHolder(request: LockRequest): string {
  return `teamops run ${request.runId} by @${request.username} from ${request.acquiredAt.toISOString()} until ${request.expiresAt.toISOString()}`;
}

function labelsPage(host: string, scope: Scope, name: string): string {
  const search = `?search=${encodeURIComponent(name)}`;
  if (typeof scope.ref === 'number') return `${host}/api/v4/${scope.kind}s/${scope.ref}/labels${search}`;
  return `${host}/${scope.kind === 'group' ? 'groups/' : ''}${scope.ref}/-/labels${search}`;
}

export function createLocks({ api, call, fail }: Connection, host: string) {
  const labels = (scope: Scope) => (scope.kind === 'project' ? api.projectLabels : api.groupLabels);

  const toLock = (scope: Scope, raw: LabelJson): RunLock => {
    const match = DESCRIPTION.exec(raw.description ?? '');
    return {
      scope,
      name: raw.name,
      id: raw.id,
      holder: match ? { runId: match[1]!, username: match[2]!, acquiredAt: match[3]!, expiresAt: match[4]! } : null,
      webUrl: labelsPage(host, scope, raw.name),
    };
  };

  async function current(scope: Scope, name: string): Promise<RunLock | null> {
    try {
      return toLock(scope, (await labels(scope).show(scope.ref, name)) as LabelJson);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  return {
    acquireLock: (scope: Scope, request: LockRequest): Promise<LockAttempt> =>
      call(`cannot take the lock ${request.name} in ${scope.kind} ${scope.ref}`, async () => {
        const description = describeHolder(request);
        try {
          const raw = (await labels(scope).create(scope.ref, request.name, LOCK_COLOR, { description })) as LabelJson;
          return { acquired: true, lock: toLock(scope, raw) };
        } catch (error) {
          if (statusOf(error) === 409) return { acquired: false, current: await current(scope, request.name) };
          if (!(error instanceof AmbiguousWriteError)) throw error;
          // The create may have happened: the label says whose it is.
          const found = await current(scope, request.name);
          if (found?.holder?.runId === request.runId) return { acquired: true, lock: found };
          return { acquired: false, current: found };
        }
      }),

    releaseLock: async (lock: RunLock): Promise<void> => {
      try {
        await labels(lock.scope).remove(lock.scope.ref, lock.id);
      } catch (error) {
        if (statusOf(error) === 404) return;
        throw fail(error, `cannot release the lock ${lock.name} in ${lock.scope.kind} ${lock.scope.ref}`);
      }
    },
  };
}

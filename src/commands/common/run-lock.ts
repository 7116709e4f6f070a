import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { TeamopsError } from '../../errors.js';
import type { GitLabWriter, RunLock, Scope } from '../../gitlab/port.js';
import { status, warn } from '../../io/output.js';
import type { Plan } from '../../plan/plan.js';
import type { CommandContext } from './context.js';

/**
 * A killed run cannot release its lock; after this long the lock counts as abandoned. Longer than
 * any real run (a rollover of thousands of issues under a rate limit takes minutes), short enough
 * that next week's pipeline is never blocked by last week's crash.
 */
export const LOCK_TTL_MS = 30 * 60_000;
const FIRST_POLL_MS = 1_000;
const MAX_POLL_MS = 10_000;

/** Another run of the same ritual holds the lock for longer than this run may wait. */
export class LockHeldError extends TeamopsError {}

export function lockName(plan: Plan): string {
  return `teamops-lock::${plan.command.trim().replace(/\s+/g, '-')}`;
}

function describeHolder(lock: RunLock): string {
  const holder = lock.holder;
  return holder
    ? `run ${holder.runId} of @${holder.username}, since ${holder.acquiredAt}`
    : 'someone else (the label was not made by teamops)';
}

/**
 * Runs `apply` holding the ritual's lock in `scope`, so two runs of the same ritual never apply at
 * the same time (two scheduled pipelines, or a pipeline and a person). A second run waits for the
 * first, within the run's wait budget, and then applies what is still missing: its creates look
 * their keys up first. An expired lock (its run was killed) is removed, saying so. The lock is
 * released when `apply` ends, also when it fails.
 */
export async function withRunLock<T>(
  plan: Plan,
  scope: Scope,
  context: CommandContext,
  deps: Deps,
  writer: GitLabWriter,
  apply: () => Promise<T>,
): Promise<T> {
  const name = lockName(plan);
  const username = (await context.reader().currentUser()).username;
  const runId = randomUUID();
  const removed = new Set<number>();
  let poll = FIRST_POLL_MS;
  let announced = false;
  let lock: RunLock;
  for (;;) {
    const now = deps.clock.now();
    const attempt = await writer.acquireLock(scope, {
      name,
      username,
      runId,
      acquiredAt: now,
      expiresAt: new Date(now.getTime() + LOCK_TTL_MS),
    });
    if (attempt.acquired) {
      lock = attempt.lock;
      break;
    }
    const held = attempt.current;
    if (held === null) {
      // Released between our create and our look: try again, but never spin.
      if (!context.waitBudget.fits(FIRST_POLL_MS)) throw new LockHeldError(`cannot take the lock ${name} in ${scope.kind} ${scope.ref}`);
      context.waitBudget.spend(FIRST_POLL_MS, `the lock ${name}`, { shown: true });
      await deps.clock.sleep(FIRST_POLL_MS);
      continue;
    }
    const expiresAt = held.holder ? Date.parse(held.holder.expiresAt) : Number.NaN;
    if (Number.isFinite(expiresAt) && expiresAt <= now.getTime() && !removed.has(held.id)) {
      removed.add(held.id);
      warn(
        deps.io,
        `removing the expired lock ${held.name} in ${scope.kind} ${scope.ref} (${describeHolder(held)}, expired ${held.holder?.expiresAt})`,
      );
      await writer.releaseLock(held);
      continue;
    }
    if (!context.waitBudget.fits(poll)) {
      throw new LockHeldError(
        `another teamops ${plan.command} is running in ${scope.kind} ${scope.ref}: the lock ${held.name} is held by ${describeHolder(held)}${
          Number.isFinite(expiresAt) ? ` and expires at ${held.holder?.expiresAt}` : ''
        }`,
        {
          hint: `run again when it has finished; if no run is going on (one was killed), delete the label ${held.name} at ${held.webUrl}${
            Number.isFinite(expiresAt) ? ', or wait until it expires' : ''
          }`,
        },
      );
    }
    if (!announced) {
      status(deps.io, `Waiting for another teamops ${plan.command} to finish (${describeHolder(held)}; lock ${held.name})…`);
      announced = true;
    }
    context.waitBudget.spend(poll, `another teamops ${plan.command} holds the lock ${held.name}`, { shown: true });
    await deps.clock.sleep(poll);
    poll = Math.min(MAX_POLL_MS, poll * 2);
  }
  context.debug(`took the lock ${lock.name} in ${scope.kind} ${scope.ref} (run ${runId})`);
  try {
    return await apply();
  } finally {
    await writer.releaseLock(lock).catch((error: unknown) => {
      warn(deps.io, `${error instanceof Error ? error.message : String(error)}; it expires by itself in ${LOCK_TTL_MS / 60_000} minutes`);
    });
  }
}

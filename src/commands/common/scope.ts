import { UsageError } from '../../errors.js';
import type { GitLabReader, Scope, TeamGroup, TeamProject } from '../../gitlab/port.js';

/**
 * The first project or group given, in precedence order (flags, then teamops.yml); a usage error
 * naming both ways to give one when none is.
 */
export function pickScope(candidates: Array<[Scope['kind'], string | undefined]>, missing: { flags: string; configKeys: string }): Scope {
  for (const [kind, ref] of candidates) {
    if (ref) return { kind, ref };
  }
  throw new UsageError(`missing ${missing.flags}`, { hint: `pass ${missing.flags}, or set ${missing.configKeys} in teamops.yml` });
}

/** `group distribution` or `project distribution/team-tasks`, for messages. */
export function scopeName(scope: Scope): string {
  return `${scope.kind} ${scope.ref}`;
}

/** The project or group itself, and why it cannot be used (null when the token can see it). */
export async function findScope(
  reader: GitLabReader,
  scope: Scope,
): Promise<{ found: TeamProject | TeamGroup | null; problem: string | null }> {
  const found = scope.kind === 'group' ? await reader.getGroup(scope.ref) : await reader.getProject(scope.ref);
  return { found, problem: found ? null : `${scopeName(scope)} does not exist, or the token cannot see it` };
}

/** Why a project or group cannot be used, or null when the token can see it. */
export async function scopeProblem(reader: GitLabReader, scope: Scope): Promise<string | null> {
  return (await findScope(reader, scope)).problem;
}

/**
 * `--project` and `--group` each name one place to work on; a command that works on one place
 * refuses both. `why` says what that one place is, for the message.
 */
export function rejectProjectAndGroup(flags: { project?: unknown; group?: unknown }, why: string): void {
  if (flags.project !== undefined && flags.group !== undefined) {
    throw new UsageError(`--project and --group cannot be used together: ${why}`, {
      hint: 'pass one: --project for one project, --group for all of its projects',
    });
  }
}

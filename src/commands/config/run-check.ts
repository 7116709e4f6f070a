import type { TeamopsConfig } from '../../config/schema.js';
import path from 'node:path';
import type { Deps } from '../../deps.js';
import { ConfigError, InternalError, TeamopsError, type ExitCode } from '../../errors.js';
import type { TeamUser } from '../../gitlab/port.js';
import { counted } from '../../rituals/common/text.js';
import { isAssigneeRole } from '../../rituals/recurring/plan-rituals.js';
import { printJson, printLine } from '../../io/output.js';
import { openContext, type CommandContext } from '../common/context.js';
import type { ConfigCheckOptions } from './check.js';

interface NamedResource {
  kind: 'project' | 'group';
  ref: string;
  /** Where teamops.yml names it. */
  key: string;
}

/** Every project and group that teamops.yml names, once each. */
function namedResources(config: TeamopsConfig): NamedResource[] {
  const found: NamedResource[] = [];
  const add = (kind: NamedResource['kind'], ref: string | undefined, key: string) => {
    if (ref && !found.some((r) => r.kind === kind && r.ref === ref)) found.push({ kind, ref, key });
  };
  add('project', config.okr.project, 'okr.project');
  for (const [team, settings] of Object.entries(config.okr.teams)) add('project', settings.project, `okr.teams.${team}.project`);
  add('project', config.dri.project, 'dri.project');
  add('project', config.milestone.project, 'milestone.project');
  add('group', config.milestone.group, 'milestone.group');
  add('project', config.labels.rules?.project, 'labels.rules.project');
  add('group', config.labels.rules?.group, 'labels.rules.group');
  add('project', config.updates.project, 'updates.project');
  add('group', config.updates.group, 'updates.group');
  for (const [template, sources] of Object.entries(config.updates.authors))
    sources.forEach((source, index) => {
      if (typeof source !== 'string') add('group', source.group, `updates.authors.${template}[${index}].group`);
    });
  return found;
}

/**
 * Every GitLab user that teamops.yml names, once each, with where it first does: the DRI roster, the
 * OKR teams' assignees and planners, the updates' authors, reviewers and director, the recurring
 * rituals' assignees and hosts, and the SLO personas' people.
 */
function namedUsers(config: TeamopsConfig): Array<{ username: string; key: string }> {
  const found = new Map<string, string>();
  const add = (username: string | undefined, key: string) => {
    if (username && !found.has(username)) found.set(username, key);
  };
  const addAll = (usernames: readonly string[], key: string) => usernames.forEach((username, index) => add(username, `${key}[${index}]`));
  addAll(config.dri.roster, 'dri.roster');
  for (const [team, settings] of Object.entries(config.okr.teams)) {
    addAll(settings.assignees, `okr.teams.${team}.assignees`);
    addAll(settings.planners, `okr.teams.${team}.planners`);
  }
  for (const [template, sources] of Object.entries(config.updates.authors))
    sources.forEach((source, index) => {
      if (typeof source === 'string') add(source, `updates.authors.${template}[${index}]`);
    });
  addAll(config.updates.reviewers, 'updates.reviewers');
  add(config.updates.director, 'updates.director');
  for (const [name, ritual] of Object.entries(config.rituals)) {
    ritual.assignees.forEach((assignee, index) => {
      if (!isAssigneeRole(assignee)) add(assignee, `rituals.${name}.assignees[${index}]`);
    });
    ritual.rotation?.forEach((entry, index) => add(entry.host, `rituals.${name}.rotation[${index}].host`));
  }
  for (const [persona, usernames] of Object.entries(config.slo.personas)) addAll(usernames, `slo.personas.${persona}`);
  for (const [service, settings] of Object.entries(config.slo.services))
    for (const [persona, usernames] of Object.entries(settings.personas)) addAll(usernames, `slo.services.${service}.personas.${persona}`);
  return [...found].map(([username, key]) => ({ username, key }));
}

type CheckStatus = 'ok' | 'warning' | 'failed';

/** One line of the checklist: ✓ passed, ! worth knowing, ✗ failed (with the error behind it). */
interface CheckLine {
  status: CheckStatus;
  text: string;
  error?: TeamopsError;
}

/**
 * Checks everything it can and reports each item, instead of stopping at the first failure: the file,
 * the host, the token, the time zone, then each project, group and user the file names.
 */
export async function runConfigCheck(options: ConfigCheckOptions, deps: Deps): Promise<void> {
  const checks: CheckLine[] = [];
  const failed = (text: string, error: unknown) => checks.push({ status: 'failed', text, error: asTeamopsError(error) });
  let context: CommandContext | undefined;
  try {
    context = openContext(options.globals, deps);
  } catch (error) {
    failed(`config: ${firstLine(error)}`, error);
  }
  let user: TeamUser | undefined;
  let resources: Array<NamedResource & { exists: boolean; webUrl: string | null }> = [];
  let users: Array<{ username: string; key: string; exists: boolean }> = [];
  if (context) {
    const { loaded, config } = context;
    const file = loaded.file ? path.relative(deps.cwd, loaded.file) || loaded.file : null;
    checks.push(
      file
        ? { status: 'ok', text: `config: ${file}` }
        : { status: 'warning', text: 'config: no teamops.yml found; using the defaults (teamops config init writes a starter file)' },
    );
    checks.push({ status: 'ok', text: `GitLab: ${loaded.host} (from ${loaded.hostSource})` });
    checks.push({ status: 'ok', text: `time zone: ${config.timezone}, today is ${context.today}` });
    try {
      const reader = context.reader();
      user = await reader.currentUser();
      checks.push({ status: 'ok', text: `token belongs to @${user.username} (${user.name})` });
      resources = await Promise.all(
        namedResources(config).map(async (resource) => {
          const found = resource.kind === 'project' ? await reader.getProject(resource.ref) : await reader.getGroup(resource.ref);
          return { ...resource, exists: found !== null, webUrl: found?.webUrl ?? null };
        }),
      );
      users = await Promise.all(
        namedUsers(config).map(async (named) => ({ ...named, exists: (await reader.findUser(named.username)) !== null })),
      );
    } catch (error) {
      failed(`${user ? 'GitLab' : 'token'}: ${firstLine(error)}`, error);
    }
  } else {
    checks.push({ status: 'failed', text: 'GitLab: not checked; fix teamops.yml first' });
  }
  for (const r of resources) {
    if (r.exists) checks.push({ status: 'ok', text: `${r.kind} ${r.ref} (${r.key})` });
    else
      failed(
        `${r.kind} ${r.ref} (${r.key}): not found, or the token cannot see it`,
        new ConfigError(`${r.key}: ${r.kind} ${r.ref} cannot be found, or the token cannot see it`),
      );
  }
  const unknownUsers = users.filter((u) => !u.exists);
  if (users.length > 0 && unknownUsers.length === 0)
    checks.push({ status: 'ok', text: `${counted(users.length, 'user')} named in teamops.yml exist` });
  for (const u of unknownUsers)
    failed(`user ${u.username} (${u.key}): no GitLab user of that name`, new ConfigError(`${u.key}: ${u.username} is not a GitLab user`));

  const failures = checks.filter((check) => check.error);
  if (options.globals.json) {
    printJson(deps.io, {
      schemaVersion: 1,
      config: context?.loaded.file ?? null,
      host: context?.loaded.host ?? null,
      hostSource: context?.loaded.hostSource ?? null,
      timezone: context?.config.timezone ?? null,
      user: user ? { username: user.username, name: user.name, webUrl: user.webUrl } : null,
      resources,
      users,
      checks: checks.map(({ status, text }) => ({ status, text })),
      ok: failures.length === 0,
    });
  } else {
    const { out } = deps.io;
    const mark: Record<CheckStatus, string> = { ok: out.green('✓'), warning: out.yellow('!'), failed: out.red('✗') };
    for (const check of checks) printLine(deps.io, `${mark[check.status]} ${check.text}`);
  }
  if (failures.length === 1) throw failures[0]!.error;
  if (failures.length > 1) {
    // The worst exit code wins: an authentication failure (4) over a configuration problem (3).
    const exitCode = Math.max(...failures.map((f) => f.error!.exitCode)) as ExitCode;
    throw new TeamopsError(
      `config check found ${counted(failures.length, 'problem')}:\n${failures.map((f) => `  - ${f.error!.message}`).join('\n')}`,
      {
        exitCode,
        hint:
          failures.map((f) => f.error!.hint).find(Boolean) ??
          'check the full paths (group/project) and usernames, and that the token user is a member',
      },
    );
  }
}

function asTeamopsError(error: unknown): TeamopsError {
  return error instanceof TeamopsError ? error : new InternalError(error);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

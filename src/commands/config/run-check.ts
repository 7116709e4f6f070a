import type { TeamopsConfig } from '../../config/schema.js';
import path from 'node:path';
import type { Deps } from '../../deps.js';
import { ValidationError } from '../../errors.js';
import { counted } from '../../rituals/shared/text.js';
import { printJson, printLine } from '../../io/output.js';
import { openContext } from '../shared/context.js';
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
  add('project', config.updates.project, 'updates.project');
  add('group', config.updates.group, 'updates.group');
  return found;
}

/** Every GitLab user that teamops.yml names (DRI roster, OKR team assignees), once each, with where. */
function namedUsers(config: TeamopsConfig): Array<{ username: string; key: string }> {
  const found = new Map<string, string>();
  config.dri.roster.forEach((username, index) => found.set(username, found.get(username) ?? `dri.roster[${index}]`));
  for (const [team, settings] of Object.entries(config.okr.teams)) {
    settings.assignees.forEach((username, index) => found.set(username, found.get(username) ?? `okr.teams.${team}.assignees[${index}]`));
  }
  return [...found].map(([username, key]) => ({ username, key }));
}

export async function runConfigCheck(options: ConfigCheckOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const reader = context.reader();
  const user = await reader.currentUser();
  const resources = await Promise.all(
    namedResources(context.config).map(async (resource) => {
      const found = resource.kind === 'project' ? await reader.getProject(resource.ref) : await reader.getGroup(resource.ref);
      return { ...resource, exists: found !== null, webUrl: found?.webUrl ?? null };
    }),
  );
  const users = await Promise.all(
    namedUsers(context.config).map(async (named) => ({ ...named, exists: (await reader.findUser(named.username)) !== null })),
  );
  const missing = resources.filter((r) => !r.exists);
  const unknownUsers = users.filter((u) => !u.exists);

  if (options.globals.json) {
    printJson(deps.io, {
      schemaVersion: 1,
      config: context.loaded.file,
      host: context.loaded.host,
      hostSource: context.loaded.hostSource,
      timezone: context.config.timezone,
      user: { username: user.username, name: user.name, webUrl: user.webUrl },
      resources,
      users,
      ok: missing.length === 0 && unknownUsers.length === 0,
    });
  } else {
    const { out } = deps.io;
    const ok = out.green('✓');
    const bad = out.red('✗');
    const file = context.loaded.file ? path.relative(deps.cwd, context.loaded.file) || context.loaded.file : null;
    printLine(deps.io, `${ok} config: ${file ?? 'no teamops.yml found; using defaults'}`);
    printLine(deps.io, `${ok} GitLab: ${context.loaded.host} (from ${context.loaded.hostSource})`);
    printLine(deps.io, `${ok} token belongs to @${user.username} (${user.name})`);
    printLine(deps.io, `${ok} time zone: ${context.config.timezone}, today is ${context.today}`);
    for (const r of resources) {
      printLine(
        deps.io,
        r.exists ? `${ok} ${r.kind} ${r.ref} (${r.key})` : `${bad} ${r.kind} ${r.ref} (${r.key}): not found, or the token cannot see it`,
      );
    }
    if (users.length > 0 && unknownUsers.length === 0)
      printLine(deps.io, `${ok} ${counted(users.length, 'user')} named in teamops.yml exist`);
    for (const u of unknownUsers) printLine(deps.io, `${bad} user ${u.username} (${u.key}): no GitLab user of that name`);
  }
  const problems = [
    ...missing.map((m) => `${m.key}: ${m.kind} ${m.ref} cannot be found, or the token cannot see it`),
    ...unknownUsers.map((u) => `${u.key}: ${u.username} is not a GitLab user`),
  ];
  if (problems.length > 0) {
    throw new ValidationError('teamops.yml names things GitLab does not have', problems, {
      hint: 'check the full paths (group/project) and usernames, and that the token user is a member',
    });
  }
}

import type { Command } from 'commander';
import type { LoadedConfig } from '../../config/load-config.js';
import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { AuthError, ApplyError, CancelledError, UsageError } from '../../errors.js';
import type { GitLab, GitLabReader, Scope, TeamGroup, TeamProject } from '../../gitlab/port.js';
import { printJson, printLine, status, success, warn, debug as debugLine } from '../../io/output.js';
import { startProgress } from '../../io/progress.js';
import { applyPlan, type ApplyResult } from '../../plan/apply-plan.js';
import { planDocument } from '../../plan/plan-json.js';
import { isEmpty, type Plan } from '../../plan/plan.js';
import { renderPlan, summarisePlan } from '../../plan/render-plan.js';
import { toTeamDate, type IsoDate } from '../../rituals/shared/calendar.js';
import { counted } from '../../rituals/shared/text.js';
import { readGlobalOptions, type GlobalOptions } from './global-options.js';

/** What every ritual command works with once flags and config are read. */
export interface CommandContext {
  globals: GlobalOptions;
  loaded: LoadedConfig;
  config: TeamopsConfig;
  /** Today in the team's time zone, or --date. */
  today: IsoDate;
  /** The connection, made on first use: needs GITLAB_TOKEN. */
  gitlab(): GitLab;
  /** Prompts are allowed: stdin and stdout are terminals, not CI, not --json, not --no-input. */
  canPrompt: boolean;
  debug(message: string): void;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function globalsOf(command: Command, deps: Deps): GlobalOptions {
  return readGlobalOptions(command, deps.env);
}

export function openContext(globals: GlobalOptions, deps: Deps): CommandContext {
  const loaded = deps.loadConfig({ configPath: globals.config, host: globals.host });
  const today = globals.date ?? toTeamDate(globals.now ?? deps.clock.now(), loaded.config.timezone);
  const log = (message: string) => debugLine(deps.io, globals.debug, message);
  let connection: GitLab | undefined;
  return {
    globals,
    loaded,
    config: loaded.config,
    today,
    canPrompt: deps.io.stdinIsTTY && deps.io.stdoutIsTTY && globals.input && !globals.json && !deps.env.CI,
    debug: log,
    gitlab() {
      if (connection) return connection;
      const token = deps.env.GITLAB_TOKEN;
      if (!token || token.trim() === '') {
        throw new AuthError('GITLAB_TOKEN is not set', {
          hint: `create a personal access token with the "api" scope at ${loaded.host}/-/user_settings/personal_access_tokens and export GITLAB_TOKEN=<token>`,
        });
      }
      const url = new URL(loaded.host);
      if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname) && !globals.allowInsecureHttp) {
        throw new UsageError(`refusing to send the GitLab token over plain http to ${url.host}`, {
          hint: 'use an https:// URL, or pass --allow-insecure-http if this network is trusted',
        });
      }
      log(`GitLab ${loaded.host} (from ${loaded.hostSource})${loaded.file ? `, config ${loaded.file}` : ', no teamops.yml found'}`);
      const maxWait = loaded.config.gitlab.max_wait;
      connection = deps.connect({ host: loaded.host, token: token.trim(), log: globals.debug ? log : undefined, maxWaitMs: maxWait === undefined ? undefined : maxWait * 1000 });
      return connection;
    },
  };
}

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
export async function findScope(reader: GitLabReader, scope: Scope): Promise<{ found: TeamProject | TeamGroup | null; problem: string | null }> {
  const found = scope.kind === 'group' ? await reader.getGroup(scope.ref) : await reader.getProject(scope.ref);
  return { found, problem: found ? null : `${scopeName(scope)} does not exist, or the token cannot see it` };
}

/** Why a project or group cannot be used, or null when the token can see it. */
export async function scopeProblem(reader: GitLabReader, scope: Scope): Promise<string | null> {
  return (await findScope(reader, scope)).problem;
}

export interface EmitOptions {
  /** Extra lines for people after the plan (who was skipped, slip report…), on stderr. */
  notes?: string[];
  /** What to call the changes in the confirmation question. */
  target?: string;
  /**
   * Prints what was applied, on stdout (not under --json, whose document has the results). Runs
   * even when some actions failed, before that failure is raised, so a partial run still says
   * what it did.
   */
  report?: (result: ApplyResult) => void;
}

/**
 * Steps 5–9 of every ritual: show the plan, stop on --dry-run, confirm when interactive, apply,
 * report. stdout carries the product (the plan under --dry-run, created URLs, or one JSON
 * document); stderr carries the narration.
 */
export async function emitAndApply(plan: Plan, context: CommandContext, deps: Deps, options: EmitOptions = {}): Promise<ApplyResult | undefined> {
  const { io } = deps;
  const { globals } = context;
  const notes = options.notes ?? [];
  if (!globals.json) {
    for (const warning of plan.warnings) warn(io, warning);
  }

  if (globals.dryRun) {
    if (globals.json) {
      printJson(io, planDocument(plan, { dryRun: true }));
      return undefined;
    }
    for (const line of renderPlan(plan, io.out)) printLine(io, line);
    for (const note of notes) status(io, note);
    status(io, 'Dry run: nothing was written to GitLab.');
    return undefined;
  }

  if (isEmpty(plan)) {
    if (globals.json) printJson(io, planDocument(plan, { dryRun: false, result: { results: [], done: 0, failed: 0, skipped: 0 } }));
    else {
      for (const note of notes) status(io, note);
      const count = plan.unchanged.length;
      status(io, `Nothing to do: ${count === 0 ? 'GitLab already matches' : count === 1 ? 'it is already in place' : `all ${count} are already in place`}.`);
    }
    return { results: [], done: 0, failed: 0, skipped: 0 };
  }

  if (!globals.json) {
    for (const line of renderPlan(plan, io.err)) status(io, line);
    for (const note of notes) status(io, note);
  }
  if (context.canPrompt && !globals.yes) {
    const proceed = await deps.prompter.confirm('apply', `Apply ${summarisePlan(plan)} to ${options.target ?? plan.scope}?`, true);
    if (!proceed) throw new CancelledError('cancelled: nothing was written to GitLab');
  }

  const progress = globals.json ? startProgress({ ...io, stderrIsTTY: false }, 0, '') : startProgress(io, plan.actions.length, 'Applying');
  const result = await applyPlan(plan, context.gitlab().writer, {
    concurrency: globals.concurrency,
    onActionDone: (r) => progress.tick(r.status === 'failed' ? 'failed' : ''),
  });
  progress.stop();
  const stats = context.gitlab().stats();
  context.debug(`${stats.requests} requests (${Object.entries(stats.byMethod).map(([m, n]) => `${m} ${n}`).join(', ')}), ${Math.round(stats.rateLimitWaitMs)} ms waiting on rate limits`);

  if (globals.json) {
    printJson(io, planDocument(plan, { dryRun: false, result }));
  } else {
    for (const r of result.results) {
      if (r.kind === 'create-issue' && r.status === 'done' && r.issue) printLine(io, r.issue.webUrl);
    }
    for (const r of result.results.filter((r) => r.status !== 'done')) {
      warn(io, `${r.status}: ${r.summary}: ${r.error ?? ''}`);
    }
    if (result.done > 0) options.report?.(result);
  }
  if (result.failed > 0 || result.skipped > 0) {
    throw new ApplyError(`${result.failed} of ${plan.actions.length} changes failed${result.skipped ? ` and ${result.skipped} were not attempted` : ''}; ${result.done} were applied`);
  }
  if (!globals.json) success(io, `Applied ${counted(result.done, 'change')} to ${plan.scope}.`);
  return result;
}

import type { LoadedConfig } from '../../config/load-config.js';
import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { AuthError, UsageError } from '../../errors.js';
import type { ConnectionStats, GitLab, GitLabReader, GitLabWriter } from '../../gitlab/port.js';
import { debug as debugLine } from '../../io/output.js';
import { startActivity, stoppingActivity } from '../../io/progress.js';
import { status } from '../../io/output.js';
import { DEFAULT_MAX_WAIT_SECONDS, describeDuration, WaitBudget } from '../../gitlab/wait-budget.js';
import { toTeamDate, type IsoDate } from '../../rituals/common/calendar.js';
import { isLoopback } from './loopback.js';
import type { GlobalOptions } from './global-options.js';

/** What every ritual command works with once flags and config are read. */
export interface CommandContext {
  globals: GlobalOptions;
  loaded: LoadedConfig;
  config: TeamopsConfig;
  /** Today in the team's time zone, or --date. */
  today: IsoDate;
  /** Reads GitLab; the connection is made on first use and needs GITLAB_TOKEN. Writes go through `emitAndApply` only. */
  reader(): GitLabReader;
  /** Prompts are allowed: stdin and stdout are terminals, not CI, not --json, not --no-input. */
  canPrompt: boolean;
  /** What the run may still spend waiting: rate limits, retries and another run's lock all draw on it. */
  waitBudget: WaitBudget;
  debug(message: string): void;
}

export function openContext(globals: GlobalOptions, deps: Deps): CommandContext {
  const loaded = deps.loadConfig({ configPath: globals.config, host: globals.host });
  const today = globals.date ?? toTeamDate(globals.now ?? deps.clock.now(), loaded.config.timezone);
  const log = (message: string) => debugLine(deps.io, globals.debug, message);
  let connection: GitLab | undefined;
  const maxWaitSeconds = globals.maxWait ?? loaded.config.gitlab.max_wait ?? DEFAULT_MAX_WAIT_SECONDS;
  const waitBudget = new WaitBudget(maxWaitSeconds * 1000, deps.clock, ({ ms, reason, until }) =>
    status(deps.io, `Waiting ${describeDuration(ms)} (until ${until.toISOString()}): ${reason}.`),
  );
  const context: CommandContext = {
    globals,
    loaded,
    config: loaded.config,
    today,
    canPrompt: deps.io.stdinIsTTY && deps.io.stdoutIsTTY && globals.input && !globals.json && !deps.env.CI,
    waitBudget,
    debug: log,
    reader: () => connect().reader,
  };
  connections.set(context, () => connect());
  if (context.canPrompt) deps.prompter.warmUp?.();
  return context;

  function connect(): GitLab {
    if (connection) return connection;
    const token = deps.env.GITLAB_TOKEN;
    if (!token || token.trim() === '') {
      throw new AuthError('GITLAB_TOKEN is not set', {
        hint: `create a personal access token with the "api" scope at ${loaded.host}/-/user_settings/personal_access_tokens and export GITLAB_TOKEN=<token>`,
      });
    }
    const url = new URL(loaded.host);
    if (url.protocol === 'http:' && !isLoopback(url.hostname) && !globals.allowInsecureHttp) {
      throw new UsageError(`refusing to send the GitLab token over plain http to ${url.host}`, {
        hint: 'use an https:// URL, or pass --allow-insecure-http if this network is trusted',
      });
    }
    log(`GitLab ${loaded.host} (from ${loaded.hostSource})${loaded.file ? `, config ${loaded.file}` : ', no teamops.yml found'}`);
    if (!globals.json) {
      // Reading can take seconds on a slow or rate-limited GitLab: say so on a terminal.
      const activity = startActivity(deps.io, `Reading GitLab at ${url.host}…`);
      deps.io = stoppingActivity(deps.io, activity);
      stopActivities.set(context, activity.stop);
    }
    connection = deps.connect({
      host: loaded.host,
      token: token.trim(),
      log: globals.debug ? log : undefined,
      waitBudget,
      trustedAuthors: loaded.config.keys.trusted_authors,
      maxConcurrency: globals.concurrency,
    });
    return connection;
  }
}

/**
 * The connection behind each context, for the apply flow alone: commands get a reader, so a
 * command cannot write to GitLab except through a plan.
 */
const connections = new WeakMap<CommandContext, () => GitLab>();
const stopActivities = new WeakMap<CommandContext, () => void>();

/** Clears the "Reading GitLab…" spinner, if one runs (before a prompt, a plan or a progress bar). */
export function stopActivity(context: CommandContext): void {
  stopActivities.get(context)?.();
}

/** The writer of a context's connection. Only `emitAndApply` (apply-flow.ts) calls this. */
export function writerOf(context: CommandContext): GitLabWriter {
  const connect = connections.get(context);
  if (!connect) throw new Error('this context was not opened by openContext');
  return connect().writer;
}

/** What the connection did so far (for --debug). */
export function connectionStats(context: CommandContext): ConnectionStats | undefined {
  return connections.get(context)?.().stats();
}

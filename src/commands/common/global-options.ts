import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { instant, isoDate, wholeNumber } from './parsers.js';

/** Flags every command accepts. Commander gives them no defaults, so config can fill the gaps. */
export interface GlobalOptions {
  config?: string;
  host?: string;
  json: boolean;
  dryRun: boolean;
  yes: boolean;
  color: boolean;
  input: boolean;
  debug: boolean;
  date?: string;
  /** TEAMOPS_NOW: the moment to plan for, when it is not the real one (a rehearsal sandbox's clock). */
  now?: Date;
  concurrency: number;
  allowInsecureHttp: boolean;
  /** --max-wait: seconds the whole run may spend waiting (rate limits, retries, another run's lock); gitlab.max_wait otherwise. */
  maxWait?: number;
}

/** --concurrency's default: the ceiling; below it teamops adapts to GitLab (gitlab/concurrency.ts). */
export const DEFAULT_CONCURRENCY = 32;

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--config <file>', 'teamops.yml to use (default: ./teamops.yml or the nearest parent directory that has one)')
    .option('--host <url>', 'GitLab URL (default: GITLAB_HOST, CI_SERVER_URL in GitLab CI, gitlab.host in teamops.yml, https://gitlab.com)')
    .option('--json', 'print one JSON document on stdout (the plan and, after applying, the results)')
    .option('--dry-run', 'show what would change and stop; nothing is written to GitLab')
    .option('-y, --yes', 'apply without asking; required to write when not at a terminal (pipes, CI, --json, --no-input)')
    .option('--no-color', 'never colour the output (NO_COLOR is honoured too)')
    .option('--no-input', 'never prompt; fail with a usage error when input is missing')
    .option('--debug', 'print each HTTP request and stack traces on stderr (DEBUG=teamops does the same)')
    .addOption(new Option('--date <YYYY-MM-DD>', 'plan as if today were this day (catch-up runs, rehearsals)').argParser(isoDate('--date')))
    .addOption(
      new Option(
        '--concurrency <n>',
        `the most requests at a time; below it teamops adapts to GitLab's latency, errors and rate limit (default ${DEFAULT_CONCURRENCY})`,
      ).argParser(wholeNumber('--concurrency', 1, 64)),
    )
    .addOption(
      new Option(
        '--max-wait <seconds>',
        'the longest the run may spend waiting in all: rate limits, retries, another run (default: gitlab.max_wait, else 180)',
      ).argParser(wholeNumber('--max-wait', 0, 86_400)),
    )
    .addOption(new Option('--allow-insecure-http', 'allow sending the token over plain http:// to a host other than this machine'));
}

export function readGlobalOptions(command: Command, env: Record<string, string | undefined>): GlobalOptions {
  const raw = command.optsWithGlobals<Record<string, unknown>>();
  return {
    config: raw.config as string | undefined,
    host: raw.host as string | undefined,
    json: raw.json === true,
    dryRun: raw.dryRun === true,
    yes: raw.yes === true,
    color: raw.color !== false,
    input: raw.input !== false,
    debug: raw.debug === true || /(^|,)teamops(,|$)/.test(env.DEBUG ?? ''),
    date: raw.date as string | undefined,
    now: readNowVariable(env.TEAMOPS_NOW),
    concurrency: (raw.concurrency as number | undefined) ?? DEFAULT_CONCURRENCY,
    allowInsecureHttp: raw.allowInsecureHttp === true,
    maxWait: raw.maxWait as number | undefined,
  };
}

/** The global flags of the command being run, in a command's action. */
export function globalsOf(command: Command, deps: Pick<Deps, 'env'>): GlobalOptions {
  return readGlobalOptions(command, deps.env);
}

function readNowVariable(value: string | undefined): Date | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  try {
    return instant('TEAMOPS_NOW')(value);
  } catch (error) {
    throw new UsageError((error as Error).message, { hint: 'unset TEAMOPS_NOW to use the real time, or pass --date YYYY-MM-DD' });
  }
}

/** Help text appended to a command: its real examples. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
}

import { Option, type Command } from 'commander';
import { parseInstant } from '../../clock.js';
import { UsageError } from '../../errors.js';
import { isIsoDate } from '../../rituals/shared/calendar.js';

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
}

export const DEFAULT_CONCURRENCY = 8;

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--config <file>', 'teamops.yml to use (default: ./teamops.yml or the nearest parent directory that has one)')
    .option('--host <url>', 'GitLab URL (default: GITLAB_HOST, CI_SERVER_URL in GitLab CI, gitlab.host in teamops.yml, https://gitlab.com)')
    .option('--json', 'print one JSON document on stdout (the plan and, after applying, the results)')
    .option('--dry-run', 'show what would change and stop; nothing is written to GitLab')
    .option('-y, --yes', 'apply without asking for confirmation')
    .option('--no-color', 'never colour the output (NO_COLOR is honoured too)')
    .option('--no-input', 'never prompt; fail with a usage error when input is missing')
    .option('--debug', 'print each HTTP request and stack traces on stderr (DEBUG=teamops does the same)')
    .option('--date <YYYY-MM-DD>', 'plan as if today were this day (catch-up runs, rehearsals)')
    .option('--concurrency <n>', `independent writes run at the same time (default ${DEFAULT_CONCURRENCY})`)
    .addOption(new Option('--allow-insecure-http', 'allow sending the token over plain http:// to a host other than this machine'));
}

export function readGlobalOptions(command: Command, env: Record<string, string | undefined>): GlobalOptions {
  const raw = command.optsWithGlobals<Record<string, unknown>>();
  const date = readDateFlag('--date', raw.date);
  let concurrency = DEFAULT_CONCURRENCY;
  if (raw.concurrency !== undefined) {
    concurrency = Number(raw.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
      throw new UsageError(`--concurrency must be a whole number from 1 to 64, got "${String(raw.concurrency)}"`);
    }
  }
  return {
    config: raw.config as string | undefined,
    host: raw.host as string | undefined,
    json: raw.json === true,
    dryRun: raw.dryRun === true,
    yes: raw.yes === true,
    color: raw.color !== false,
    input: raw.input !== false,
    debug: raw.debug === true || /(^|,)teamops(,|$)/.test(env.DEBUG ?? ''),
    date,
    now: readNowVariable(env.TEAMOPS_NOW),
    concurrency,
    allowInsecureHttp: raw.allowInsecureHttp === true,
  };
}

function readNowVariable(value: string | undefined): Date | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const instant = parseInstant(value);
  if (!instant) {
    throw new UsageError(`TEAMOPS_NOW must be an ISO 8601 date-time such as 2027-03-29T08:00:00Z, got "${value}"`, {
      hint: 'unset TEAMOPS_NOW to use the real time, or pass --date YYYY-MM-DD',
    });
  }
  return instant;
}

/** A `YYYY-MM-DD` flag's value, or a usage error naming the flag. */
export function readDateFlag(flag: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isIsoDate(value)) throw new UsageError(`${flag} must be a date as YYYY-MM-DD, got "${String(value)}"`);
  return value;
}

/** Help text appended to a command: its real examples. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
}

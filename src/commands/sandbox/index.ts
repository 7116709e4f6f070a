import { Option, type Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createSandbox, loadSeedFile, SeedError, type SandboxOptions as ServerOptions } from '@teamops/gitlab-sandbox';
import { examples } from '../../cli/global-options.js';
import type { Deps } from '../../deps.js';
import { parseInstant } from '../../clock.js';
import { UsageError } from '../../errors.js';
import { printLine, status } from '../../io/output.js';

export interface SandboxOptions {
  port: number;
  bind: string;
  /** `demo`, `empty`, or a seed file (YAML or JSON). */
  seed: string;
  dataFile?: string;
  latencyMs: number;
  faultRate: number;
  rateLimit?: { limit: number; windowSeconds: number };
  tier: 'free' | 'premium';
  /** --now: the moment the sandbox's clock starts at (else the seed's `now`, else the real time). */
  now?: Date;
  /** --clock: hold the clock at that moment, or let it run on from there. */
  clock?: 'frozen' | 'running';
  strict: boolean;
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|::1|localhost)$/i;

export function registerSandbox(program: Command, deps: Deps, run = runSandbox): Command {
  return program
    .command('sandbox')
    .description('serve a local GitLab (REST API v4) to rehearse rituals without touching your real GitLab')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '0')
    .option('--bind <address>', 'address to bind; keep the loopback default unless others must reach it', '127.0.0.1')
    .option('--seed <demo|empty|file>', 'initial organisation: the demo team, only the administrator, or a seed file (packages/gitlab-sandbox/README.md)', 'empty')
    .option('--data <file>', 'save the state to this file after each write and reload it on the next start')
    .option('--latency <ms>', 'delay every response by this many milliseconds', '0')
    .option('--fault-rate <r>', 'fail this fraction (0..1) of API requests, half of them after applying the change', '0')
    .option('--rate-limit <n>', 'answer 429 after this many requests per window and user, as GitLab does')
    .option('--rate-window <seconds>', 'length of a rate-limit window (default 60)')
    .addOption(new Option('--tier <tier>', 'GitLab tier to emulate').choices(['free', 'premium']).default('premium'))
    .option('--now <date-time>', "start the sandbox's clock at this ISO 8601 moment (rehearse next Monday today); teamops follows it through TEAMOPS_NOW")
    .addOption(new Option('--clock <mode>', 'with --now: hold the clock there, or let it run on from there (default frozen)').choices(['frozen', 'running']))
    .option('--strict', 'answer 501 naming the route, instead of 404, for an API request the sandbox does not emulate')
    .addHelpText(
      'after',
      examples(
        'teamops sandbox --seed demo',
        'teamops sandbox --seed team.yml --data .teamops-sandbox.json --port 8080',
        'teamops sandbox --seed demo --fault-rate 0.05 --rate-limit 100 --latency 50',
        'teamops sandbox --seed demo --tier free > .env.sandbox &  # then: set -a; . ./.env.sandbox; set +a',
        'teamops sandbox --seed demo --now 2027-03-29T08:00:00Z    # a Monday to rehearse: teamops dri rotate --dry-run',
      ),
    )
    .action(async (raw: Record<string, string | undefined>) => run(readSandboxOptions(raw), deps));
}

function readSandboxOptions(raw: Record<string, string | undefined>): SandboxOptions {
  const port = wholeNumber(raw['port'], '--port', 0, 65_535);
  const latencyMs = wholeNumber(raw['latency'], '--latency', 0, 600_000);
  const faultRate = Number(raw['faultRate']);
  if (!(faultRate >= 0 && faultRate <= 1)) throw new UsageError(`--fault-rate must be a number from 0 to 1, got "${String(raw['faultRate'])}"`);
  if (raw['rateWindow'] !== undefined && raw['rateLimit'] === undefined) throw new UsageError('--rate-window needs --rate-limit');
  const rateLimit =
    raw['rateLimit'] === undefined
      ? undefined
      : {
          limit: wholeNumber(raw['rateLimit'], '--rate-limit', 1, 1_000_000),
          windowSeconds: raw['rateWindow'] === undefined ? 60 : wholeNumber(raw['rateWindow'], '--rate-window', 1, 86_400),
        };
  return {
    port,
    bind: raw['bind'] ?? '127.0.0.1',
    seed: raw['seed'] ?? 'empty',
    dataFile: raw['data'],
    latencyMs,
    faultRate,
    rateLimit,
    tier: raw['tier'] === 'free' ? 'free' : 'premium',
    now: readNow(raw['now']),
    clock: readClock(raw),
    strict: raw['strict'] !== undefined,
  };
}

function readNow(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const now = parseInstant(text);
  if (!now) throw new UsageError(`--now must be an ISO 8601 date-time such as 2027-03-29T08:00:00Z, got "${text}"`);
  return now;
}

function readClock(raw: Record<string, string | undefined>): SandboxOptions['clock'] {
  const clock = raw['clock'];
  if (clock === undefined) return undefined;
  if (raw['now'] === undefined) throw new UsageError('--clock needs --now');
  return clock === 'running' ? 'running' : 'frozen';
}

function wholeNumber(text: string | undefined, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${String(text)}"`);
  return value;
}

export async function runSandbox(options: SandboxOptions, deps: Deps): Promise<void> {
  const seed = readSeed(options.seed);
  if (options.dataFile) checkDataFile(options.dataFile);
  let sandbox: Awaited<ReturnType<typeof createSandbox>>;
  try {
    sandbox = await createSandbox({
      port: options.port,
      host: options.bind,
      seed,
      dataFile: options.dataFile,
      latencyMs: options.latencyMs,
      faultRate: options.faultRate,
      rateLimit: options.rateLimit,
      tier: options.tier,
      now: () => deps.clock.now(),
      time: options.now ? { at: options.now, frozen: options.clock !== 'running' } : undefined,
      strict: options.strict,
    });
  } catch (error) {
    throw listenProblem(error, options) ?? error;
  }
  if (!LOOPBACK.test(options.bind)) status(deps.io, `sandbox: listening on ${options.bind}; anyone who can reach it and has a token can use it`);
  // The documented contract: exactly these lines on stdout, so `eval` and `.env` files work.
  printLine(deps.io, `GITLAB_HOST=${sandbox.url}`);
  printLine(deps.io, `GITLAB_TOKEN=${sandbox.token}`);
  // A sandbox set to another moment: teamops plans for that moment too.
  if (sandbox.startedAt) printLine(deps.io, `TEAMOPS_NOW=${sandbox.startedAt.toISOString()}`);
  await deps.waitForShutdown();
  await sandbox.stop();
}

function readSeed(seed: string): ServerOptions['seed'] {
  if (seed === 'demo' || seed === 'empty') return seed;
  try {
    return loadSeedFile(seed);
  } catch (error) {
    if (error instanceof SeedError) throw new UsageError(error.message, { hint: 'the seed format is described in packages/gitlab-sandbox/README.md' });
    throw error;
  }
}

/** A --data file that exists must be a state file an earlier `teamops sandbox --data` saved. */
function checkDataFile(file: string): void {
  const hint = 'pass the file an earlier "teamops sandbox --data" saved, or a new file name to start afresh';
  if (!existsSync(file)) {
    // The state is saved next to the file: its directory must exist, or every save would fail.
    const dir = path.dirname(path.resolve(file));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--data ${file}: the directory ${dir} does not exist`, { hint: 'create the directory first, or pass a file in an existing one' });
    return;
  }
  if (!statSync(file).isFile()) throw new UsageError(`--data ${file}: not a file`, { hint });
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'not valid JSON' : error instanceof Error ? error.message : String(error);
    throw new UsageError(`--data ${file}: cannot read the saved sandbox state: ${reason}`, { hint });
  }
  if (typeof data !== 'object' || data === null || (data as { schemaVersion?: unknown }).schemaVersion !== 1) {
    throw new UsageError(`--data ${file}: not a sandbox state file (no "schemaVersion": 1)`, { hint });
  }
}

/** The server could not listen where it was told: a usage error naming the flag, not a crash. */
function listenProblem(error: unknown, options: SandboxOptions): UsageError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return new UsageError(`--port ${options.port}: the port is already in use on ${options.bind}`, { hint: 'pass another --port, or --port 0 to pick a free one' });
    case 'EACCES':
      return new UsageError(`--port ${options.port}: not allowed to listen on this port`, { hint: 'ports below 1024 need privileges; pass a higher --port, or --port 0' });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UsageError(`--bind ${options.bind}: not an address of this machine`, { hint: 'leave out --bind to listen on 127.0.0.1, or pass 0.0.0.0 for every interface' });
    default:
      return undefined;
  }
}

import { Option, type Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createSandbox, FEATURE_FLAGS, loadSeedFile, SeedError, type SandboxOptions as ServerOptions } from '@teamops/gitlab-sandbox';
import { examples } from '../shared/global-options.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { instant, numberBetween, wholeNumber } from '../shared/parsers.js';
import { printLine, status } from '../../io/output.js';
import { isLoopback } from '../shared/loopback.js';

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
  /** --feature name=on|off: GitLab feature flags, over GitLab's defaults and the seed's. */
  features: Record<string, boolean>;
}

export function registerSandbox(program: Command, deps: Deps, run = runSandbox): Command {
  return program
    .command('sandbox')
    .description('serve a local GitLab (REST API v4) to rehearse rituals without touching your real GitLab')
    .addOption(new Option('--port <n>', 'port to listen on; 0 picks a free one').argParser(wholeNumber('--port', 0, 65_535)).default(0))
    .option('--bind <address>', 'address to bind; keep the loopback default unless others must reach it', '127.0.0.1')
    .option(
      '--seed <demo|empty|file>',
      'initial organisation: the demo team, only the administrator, or a seed file (packages/gitlab-sandbox/README.md)',
      'empty',
    )
    .option('--data <file>', 'save the state to this file after each write and reload it on the next start')
    .addOption(
      new Option('--latency <ms>', 'delay every response by this many milliseconds')
        .argParser(wholeNumber('--latency', 0, 600_000))
        .default(0),
    )
    .addOption(
      new Option('--fault-rate <r>', 'fail this fraction (0..1) of API requests, half of them after applying the change')
        .argParser(numberBetween('--fault-rate', 0, 1))
        .default(0),
    )
    .addOption(
      new Option(
        '--rate-limit <n>',
        'answer 429 after this many requests per window and user, as GitLab does, and send RateLimit-* headers (none without it)',
      ).argParser(wholeNumber('--rate-limit', 1, 1_000_000)),
    )
    .addOption(
      new Option('--rate-window <seconds>', 'length of a rate-limit window (default 60)').argParser(
        wholeNumber('--rate-window', 1, 86_400),
      ),
    )
    .addOption(new Option('--tier <tier>', 'GitLab tier to emulate').choices(['free', 'premium']).default('premium'))
    .addOption(
      new Option(
        '--now <date-time>',
        "start the sandbox's clock at this ISO 8601 moment (rehearse next Monday today); teamops follows it through TEAMOPS_NOW",
      ).argParser(instant('--now')),
    )
    .addOption(
      new Option('--clock <mode>', 'with --now: hold the clock there, or let it run on from there (default frozen)').choices([
        'frozen',
        'running',
      ]),
    )
    .option('--strict', 'answer 501 naming the route, instead of 404, for an API request the sandbox does not emulate')
    .addOption(
      new Option(
        '--feature <name=on|off>',
        `switch a GitLab feature flag (repeatable; known: ${Object.entries(FEATURE_FLAGS)
          .map(([name, on]) => `${name}, default ${on ? 'on' : 'off'}`)
          .join('; ')})`,
      )
        .argParser(featureFlag)
        .default({}),
    )
    .addHelpText(
      'after',
      examples(
        'teamops sandbox --seed demo',
        'teamops sandbox --seed team.yml --data .teamops-sandbox.json --port 8080',
        'teamops sandbox --seed demo --fault-rate 0.05 --rate-limit 100 --latency 50',
        'teamops sandbox --seed demo --tier free > .env.sandbox &  # then: set -a; . ./.env.sandbox; set +a',
        'teamops sandbox --seed demo --now 2027-03-29T08:00:00Z    # a Monday to rehearse: teamops dri rotate --dry-run',
        'teamops sandbox --seed demo --feature bulk_update_issues_mutation=on   # GraphQL issuesBulkUpdate, off by default as in GitLab',
      ),
    )
    .action(async (raw: RawSandboxFlags) => run(readSandboxOptions(raw), deps));
}

interface RawSandboxFlags {
  port: number;
  bind: string;
  seed: string;
  data?: string;
  latency: number;
  faultRate: number;
  rateLimit?: number;
  rateWindow?: number;
  tier: string;
  now?: Date;
  clock?: 'frozen' | 'running';
  strict?: boolean;
  feature: Record<string, boolean>;
}

/** `--feature name=on|off`, repeatable: accumulates into one record, the last word on a name winning. */
function featureFlag(value: string, previous: Record<string, boolean> = {}): Record<string, boolean> {
  const match = /^([^=]+)=(on|off)$/.exec(value.trim());
  if (!match) throw new UsageError(`--feature must be name=on or name=off, got "${value}"`);
  const [, name = '', state] = match;
  if (!Object.hasOwn(FEATURE_FLAGS, name))
    throw new UsageError(`--feature ${name}: unknown feature flag`, { hint: `known flags: ${Object.keys(FEATURE_FLAGS).join(', ')}` });
  return { ...previous, [name]: state === 'on' };
}

function readSandboxOptions(raw: RawSandboxFlags): SandboxOptions {
  if (raw.rateWindow !== undefined && raw.rateLimit === undefined) throw new UsageError('--rate-window needs --rate-limit');
  if (raw.clock !== undefined && raw.now === undefined) throw new UsageError('--clock needs --now');
  return {
    port: raw.port,
    bind: raw.bind,
    seed: raw.seed,
    dataFile: raw.data,
    latencyMs: raw.latency,
    faultRate: raw.faultRate,
    rateLimit: raw.rateLimit === undefined ? undefined : { limit: raw.rateLimit, windowSeconds: raw.rateWindow ?? 60 },
    tier: raw.tier === 'free' ? 'free' : 'premium',
    now: raw.now,
    clock: raw.clock,
    strict: raw.strict === true,
    features: raw.feature,
  };
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
      features: options.features,
    });
  } catch (error) {
    throw listenProblem(error, options) ?? error;
  }
  if (!isLoopback(options.bind))
    status(deps.io, `sandbox: listening on ${options.bind}; anyone who can reach it and has a token can use it`);
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
    if (error instanceof SeedError)
      throw new UsageError(error.message, { hint: 'the seed format is described in packages/gitlab-sandbox/README.md' });
    throw error;
  }
}

/** A --data file that exists must be a state file an earlier `teamops sandbox --data` saved. */
function checkDataFile(file: string): void {
  const hint = 'pass the file an earlier "teamops sandbox --data" saved, or a new file name to start afresh';
  if (!existsSync(file)) {
    // The state is saved next to the file: its directory must exist, or every save would fail.
    const dir = path.dirname(path.resolve(file));
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new UsageError(`--data ${file}: the directory ${dir} does not exist`, {
        hint: 'create the directory first, or pass a file in an existing one',
      });
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
      return new UsageError(`--port ${options.port}: the port is already in use on ${options.bind}`, {
        hint: 'pass another --port, or --port 0 to pick a free one',
      });
    case 'EACCES':
      return new UsageError(`--port ${options.port}: not allowed to listen on this port`, {
        hint: 'ports below 1024 need privileges; pass a higher --port, or --port 0',
      });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UsageError(`--bind ${options.bind}: not an address of this machine`, {
        hint: 'leave out --bind to listen on 127.0.0.1, or pass 0.0.0.0 for every interface',
      });
    default:
      return undefined;
  }
}

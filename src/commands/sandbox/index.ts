import { Option, type Command } from 'commander';
import { examples } from '../../cli/global-options.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { printLine, status } from '../../io/output.js';
import { createSandbox, loadSeedFile, SeedError, type SandboxOptions as ServerOptions } from '../../sandbox/index.js';

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
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|::1|localhost)$/i;

export function registerSandbox(program: Command, deps: Deps, run = runSandbox): Command {
  return program
    .command('sandbox')
    .description('serve a local GitLab (REST API v4) to rehearse rituals without touching your real GitLab')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '0')
    .option('--bind <address>', 'address to bind; keep the loopback default unless others must reach it', '127.0.0.1')
    .option('--seed <demo|empty|file>', 'initial organisation: the demo team, only the administrator, or a seed file (docs/sandbox.md)', 'empty')
    .option('--data <file>', 'save the state to this file after each write and reload it on the next start')
    .option('--latency <ms>', 'delay every response by this many milliseconds', '0')
    .option('--fault-rate <r>', 'fail this fraction (0..1) of API requests, half of them after applying the change', '0')
    .option('--rate-limit <n>', 'answer 429 after this many requests per window and user, as GitLab does')
    .option('--rate-window <seconds>', 'length of a rate-limit window (default 60)')
    .addOption(new Option('--tier <tier>', 'GitLab tier to emulate').choices(['free', 'premium']).default('premium'))
    .addHelpText(
      'after',
      examples(
        'teamops sandbox --seed demo',
        'teamops sandbox --seed team.yml --data .teamops-sandbox.json --port 8080',
        'teamops sandbox --seed demo --fault-rate 0.05 --rate-limit 100 --latency 50',
        'teamops sandbox --seed demo --tier free > .env.sandbox &  # then: set -a; . ./.env.sandbox; set +a',
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
  };
}

function wholeNumber(text: string | undefined, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${String(text)}"`);
  return value;
}

export async function runSandbox(options: SandboxOptions, deps: Deps): Promise<void> {
  const sandbox = await createSandbox({
    port: options.port,
    host: options.bind,
    seed: readSeed(options.seed),
    dataFile: options.dataFile,
    latencyMs: options.latencyMs,
    faultRate: options.faultRate,
    rateLimit: options.rateLimit,
    tier: options.tier,
  });
  if (!LOOPBACK.test(options.bind)) status(deps.io, `sandbox: listening on ${options.bind}; anyone who can reach it and has a token can use it`);
  // The documented contract: exactly these two lines on stdout, so `eval` and `.env` files work.
  printLine(deps.io, `GITLAB_HOST=${sandbox.url}`);
  printLine(deps.io, `GITLAB_TOKEN=${sandbox.token}`);
  await deps.waitForShutdown();
  await sandbox.stop();
}

function readSeed(seed: string): ServerOptions['seed'] {
  if (seed === 'demo' || seed === 'empty') return seed;
  try {
    return loadSeedFile(seed);
  } catch (error) {
    if (error instanceof SeedError) throw new UsageError(error.message, { hint: 'the seed format is described in docs/sandbox.md' });
    throw error;
  }
}

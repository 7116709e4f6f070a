import { Option, type Command } from 'commander';
import { FEATURE_FLAGS } from '@teamops/gitlab-sandbox/features';
import { examples } from '../common/global-options.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { instant, numberBetween, wholeNumber } from '../common/parsers.js';

export const SEED_FORMAT_URL = 'https://gitlab.com/teamops/teamops/-/blob/main/packages/gitlab-sandbox/README.md';

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

/** The server is loaded when it starts: `teamops --help` and every other command never load the sandbox. */
export async function runSandbox(options: SandboxOptions, deps: Deps): Promise<void> {
  const { serveSandbox } = await import('./serve.js');
  await serveSandbox(options, deps);
}

export function registerSandbox(program: Command, deps: Deps, run = runSandbox): Command {
  return program
    .command('sandbox')
    .description('serve a local GitLab (REST API v4) to rehearse rituals without touching your real GitLab')
    .addOption(new Option('--port <n>', 'port to listen on; 0 picks a free one').argParser(wholeNumber('--port', 0, 65_535)).default(0))
    .option('--bind <address>', 'address to bind; keep the loopback default unless others must reach it', '127.0.0.1')
    .option(
      '--seed <demo|empty|file>',
      `initial organisation: the demo team, only the administrator, or a seed file (${SEED_FORMAT_URL})`,
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

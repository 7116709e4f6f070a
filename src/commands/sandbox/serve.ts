import { SEED_FORMAT_URL } from './index.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createSandbox, loadSeedFile, SeedError, type SandboxOptions as ServerOptions } from '@teamops/gitlab-sandbox';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { printLine, status } from '../../io/output.js';
import { isLoopback } from '../common/loopback.js';
import type { SandboxOptions } from './index.js';

export async function serveSandbox(options: SandboxOptions, deps: Deps): Promise<void> {
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
    if (error instanceof SeedError) throw new UsageError(error.message, { hint: `the seed format: ${SEED_FORMAT_URL}` });
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

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { realNow, shiftedNow, type Now, type TimeSetting } from './clock.js';
import type { Tier } from './entities.js';
import { FaultInjector, type FaultScriptEntry } from './faults.js';
import { resolveFeatures } from './features.js';
import { loadStoreData, Persistence } from './persistence.js';
import { FixedWindowRateLimiter, type RateLimitSettings } from './rate-limit.js';
import { createApiRouter } from './routes/index.js';
import { applySeed, validateSeed, type SeedDocument } from './seed.js';
import { demoSeed } from './seeds/demo.js';
import { RequestPipeline, type RequestLogEntry, type SandboxStats } from './server.js';
import { Store } from './store.js';

// A local GitLab REST API v4 for tests, the demo and `teamops sandbox`.

export type { Now, TimeSetting } from './clock.js';
export type { FaultKind, FaultScriptEntry, FaultTiming } from './faults.js';
export type { RequestLogEntry, SandboxStats } from './server.js';
export { loadSeedFile, SeedError, type SeedDocument } from './seed.js';
export { demoSeed } from './seeds/demo.js';
export { FEATURE_FLAGS, type FeatureFlagName } from './features.js';

export interface SandboxOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Bind address, default `127.0.0.1`. */
  host?: string;
  /** Default `empty`: an organisation with only the administrator `root`. */
  seed?: 'demo' | 'empty' | SeedDocument;
  /** Persist the state here (atomically, before each write's response) and reload it on start if it exists. */
  dataFile?: string;
  latencyMs?: number;
  /** Fraction (0..1) of API requests that fail, half before and half after being applied. */
  faultRate?: number;
  /** Seed for the fault PRNG, for reproducible runs; random when unset. */
  faultSeed?: number;
  /** Fixed windows like Rack::Attack; unset means unlimited and no RateLimit-* headers. */
  rateLimit?: RateLimitSettings;
  /** Default `premium`. */
  tier?: Tier;
  /**
   * The sandbox's clock (timestamps, status expiry, `expired`, Upcoming/Started, demo dates, rate-limit
   * windows, the Date header, the request log); default real time. Tests pass the clock teamops runs on.
   */
  now?: Now;
  /** Start the clock at this moment (frozen there by default); wins over the seed's `now`. */
  time?: TimeSetting;
  /** A request no route emulates answers 501 naming it, and is marked `notEmulated` in the request log. */
  strict?: boolean;
  /** GitLab feature flags (see FEATURE_FLAGS for the known ones and GitLab's defaults); win over the seed's. */
  features?: Record<string, boolean>;
}

export interface Sandbox {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** The personal access token of the administrator `root`. */
  token: string;
  /** The token of any seeded or created user. */
  tokenFor(username: string): string;
  /** The most recent API requests (at most 50,000). */
  requestLog: RequestLogEntry[];
  /** The sandbox's clock. */
  now(): Date;
  /** The moment the clock was set to by `time` or the seed's `now`; undefined when it is the injected or real clock. */
  startedAt: Date | undefined;
  stats(): SandboxStats;
  setFaults(options: { rate?: number; script?: FaultScriptEntry[] }): void;
  setRateLimit(options?: RateLimitSettings): void;
  setLatency(ms: number): void;
  /** Switch a GitLab feature flag (FEATURE_FLAGS) on or off. */
  setFeature(name: string, enabled: boolean): void;
  stop(): Promise<void>;
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const time = options.time ?? seedTime(options.seed);
  const now = time ? shiftedNow(options.now ?? realNow, time) : (options.now ?? realNow);
  const saved = options.dataFile ? loadStoreData(options.dataFile) : undefined;
  const store = saved ? Store.fromData(saved, now) : new Store(now);
  const tier = options.tier ?? 'premium';
  const features = resolveFeatures(seedFeatures(options.seed), options.features);
  if (!saved) applySeed(store, resolveSeed(options.seed, now()), tier);

  const persistence = options.dataFile ? new Persistence(options.dataFile, store) : undefined;
  // The seeded state, root's token included, is on disk before anyone can use it.
  if (persistence && !saved) await persistence.save();
  const limiter = new FixedWindowRateLimiter(options.rateLimit);
  const faults = new FaultInjector({ rate: options.faultRate ?? 0, seed: options.faultSeed });
  let latencyMs = options.latencyMs ?? 0;
  let url = '';

  const pipeline = new RequestPipeline({
    store,
    router: createApiRouter(),
    limiter,
    faults,
    tier,
    features,
    latencyMs: () => latencyMs,
    fallbackBaseUrl: () => url,
    onWrite: () => persistence?.save(),
    strict: options.strict ?? false,
  });
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => void pipeline.handle(req, res));
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // An overlong request line is what nginx, in front of GitLab, refuses with 414.
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '414 Request-URI Too Large' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  url = baseUrlOf(server.address() as AddressInfo);

  const root = store.userByUsername('root');
  if (!root) throw new Error('the sandbox has no administrator "root"');

  return {
    url,
    token: root.token,
    tokenFor(username) {
      const user = store.userByUsername(username);
      if (!user) throw new Error(`the sandbox has no user "${username}"`);
      return user.token;
    },
    requestLog: pipeline.requestLog,
    now,
    startedAt: time?.at,
    stats: () => pipeline.stats(),
    setFaults({ rate, script }) {
      if (rate !== undefined) faults.setRate(rate);
      if (script !== undefined) faults.setScript(script);
    },
    setRateLimit: (settings) => limiter.configure(settings),
    setLatency(ms) {
      latencyMs = ms;
    },
    setFeature(name, enabled) {
      resolveFeatures({ [name]: enabled }); // throws on a name GitLab's flags do not have
      features.set(name, enabled);
    },
    async stop() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await persistence?.idle();
    },
  };
}

function seedTime(seed: SandboxOptions['seed']): TimeSetting | undefined {
  if (typeof seed !== 'object') return undefined;
  const parsed = validateSeed(seed);
  return parsed.now ? { at: new Date(parsed.now), frozen: parsed.clock !== 'running' } : undefined;
}

function seedFeatures(seed: SandboxOptions['seed']): Record<string, boolean> | undefined {
  return typeof seed === 'object' ? validateSeed(seed).features : undefined;
}

function resolveSeed(seed: SandboxOptions['seed'], today: Date): SeedDocument | undefined {
  if (seed === undefined || seed === 'empty') return undefined;
  if (seed === 'demo') return demoSeed(today);
  return seed;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function baseUrlOf(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

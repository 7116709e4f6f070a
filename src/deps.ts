import type { Clock } from './clock.js';
import type { ConfigRequest, LoadedConfig } from './config/load-config.js';
import type { GitLab } from './gitlab/port.js';
import type { RetryPolicy } from './gitlab/transport.js';
import type { WaitBudget } from './gitlab/wait-budget.js';
import type { IO } from './io/io.js';
import type { PrometheusReader, PrometheusSettings } from './prometheus/client.js';
import type { Prompter } from './prompts/prompter.js';

export interface ConnectSettings {
  host: string;
  token: string;
  log?: (line: string) => void;
  /** --concurrency: the most requests in flight; the connection adapts below it. */
  maxConcurrency?: number;
  /** false: hold at maxConcurrency instead of adapting (the bench's fixed levels). */
  adaptive?: boolean;
  /** keys.trusted_authors: users besides the token's whose issues may carry a key. */
  trustedAuthors?: readonly string[];
  /** The run's allowance for waiting (--max-wait, gitlab.max_wait), shared by every request. */
  waitBudget?: WaitBudget;
}

/**
 * Everything a command needs from the outside world, passed explicitly. Members that need
 * credentials or I/O are functions, so --help and pure commands never need a token.
 */
export interface Deps {
  io: IO;
  clock: Clock;
  env: Record<string, string | undefined>;
  cwd: string;
  prompter: Prompter;
  /**
   * Loads the config stack (zod, yaml), the GitLab client (gitbeaker, undici) and the Prometheus client. They are not
   * loaded at start-up, so --help, --version and usage errors stay fast; every command awaits this
   * before it runs (`runOnFirstUse` in commands/common/lazy.ts), and then `loadConfig` and
   * `connect` may be called.
   */
  loadModules(): Promise<void>;
  loadConfig(request: Omit<ConfigRequest, 'cwd' | 'env'>): LoadedConfig;
  connect(settings: ConnectSettings): GitLab;
  /** A client for slo.prometheus.url (the SLO rituals' only source of figures). */
  prometheus(settings: PrometheusSettings): PrometheusReader;
  /** Resolves when the user asks a long-running command (`teamops sandbox`) to stop. */
  waitForShutdown(): Promise<void>;
  /**
   * Calls `handler` on Ctrl-C (SIGINT) until the returned function is called; while applying a plan,
   * so an interruption lets the writes in flight finish. Absent: Ctrl-C ends the process at once.
   */
  onInterrupt?(handler: () => void): () => void;
}

interface HeavyModules {
  config: typeof import('./config/load-config.js');
  gitlab: typeof import('./gitlab/gitbeaker-adapter.js');
  prometheus: typeof import('./prometheus/client.js');
}

export function createDeps(
  base: Omit<Deps, 'loadConfig' | 'connect' | 'loadModules' | 'prometheus'> & { retry?: Partial<RetryPolicy> },
): Deps {
  let modules: HeavyModules | undefined;
  const loaded = (): HeavyModules => {
    if (!modules) throw new Error('internal: a command used the config or GitLab before awaiting deps.loadModules()');
    return modules;
  };
  return {
    ...base,
    loadModules: async () => {
      if (modules) return;
      const [config, gitlab, prometheus] = await Promise.all([
        import('./config/load-config.js'),
        import('./gitlab/gitbeaker-adapter.js'),
        import('./prometheus/client.js'),
      ]);
      modules = { config, gitlab, prometheus };
    },
    loadConfig: (request) => loaded().config.loadConfig({ ...request, cwd: base.cwd, env: base.env }),
    connect: (settings) => loaded().gitlab.createGitLab({ ...settings, clock: base.clock, retry: base.retry }),
    prometheus: (settings) => loaded().prometheus.createPrometheus(settings),
  };
}

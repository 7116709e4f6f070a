import type { Clock } from './clock.js';
import type { ConfigRequest, LoadedConfig } from './config/load-config.js';
import type { GitLab } from './gitlab/port.js';
import type { RetryPolicy } from './gitlab/transport.js';
import type { WaitBudget } from './gitlab/wait-budget.js';
import type { IO } from './io/io.js';
import type { Prompter } from './prompts/prompter.js';

export interface ConnectSettings {
  host: string;
  token: string;
  log?: (line: string) => void;
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
   * Loads the config stack (zod, yaml) and the GitLab client (gitbeaker, undici). They are not
   * loaded at start-up, so --help, --version and usage errors stay fast; every command awaits this
   * before it runs (`runOnFirstUse` in commands/shared/lazy.ts), and then `loadConfig` and
   * `connect` may be called.
   */
  loadModules(): Promise<void>;
  loadConfig(request: Omit<ConfigRequest, 'cwd' | 'env'>): LoadedConfig;
  connect(settings: ConnectSettings): GitLab;
  /** Resolves when the user asks a long-running command (`teamops sandbox`) to stop. */
  waitForShutdown(): Promise<void>;
}

interface HeavyModules {
  config: typeof import('./config/load-config.js');
  gitlab: typeof import('./gitlab/gitbeaker-adapter.js');
}

export function createDeps(base: Omit<Deps, 'loadConfig' | 'connect' | 'loadModules'> & { retry?: Partial<RetryPolicy> }): Deps {
  let modules: HeavyModules | undefined;
  const loaded = (): HeavyModules => {
    if (!modules) throw new Error('internal: a command used the config or GitLab before awaiting deps.loadModules()');
    return modules;
  };
  return {
    ...base,
    loadModules: async () => {
      if (modules) return;
      const [config, gitlab] = await Promise.all([import('./config/load-config.js'), import('./gitlab/gitbeaker-adapter.js')]);
      modules = { config, gitlab };
    },
    loadConfig: (request) => loaded().config.loadConfig({ ...request, cwd: base.cwd, env: base.env }),
    connect: (settings) => loaded().gitlab.createGitLab({ ...settings, clock: base.clock, retry: base.retry }),
  };
}

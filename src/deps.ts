import type { Clock } from './clock.js';
import { loadConfig, type ConfigRequest, type LoadedConfig } from './config/load-config.js';
import { createGitLab } from './gitlab/gitbeaker-adapter.js';
import type { GitLab } from './gitlab/port.js';
import type { RetryPolicy } from './gitlab/transport.js';
import type { IO } from './io/io.js';
import type { Prompter } from './prompts/prompter.js';

export interface ConnectSettings {
  host: string;
  token: string;
  log?: (line: string) => void;
  /** gitlab.max_wait: the longest one request may wait for retries and rate limits. */
  maxWaitMs?: number;
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
  loadConfig(request: Omit<ConfigRequest, 'cwd' | 'env'>): LoadedConfig;
  connect(settings: ConnectSettings): GitLab;
  /** Resolves when the user asks a long-running command (`teamops sandbox`) to stop. */
  waitForShutdown(): Promise<void>;
}

export function createDeps(base: Omit<Deps, 'loadConfig' | 'connect'> & { retry?: Partial<RetryPolicy> }): Deps {
  return {
    ...base,
    loadConfig: (request) => loadConfig({ ...request, cwd: base.cwd, env: base.env }),
    connect: ({ maxWaitMs, ...settings }) =>
      createGitLab({
        ...settings,
        clock: base.clock,
        retry: { ...base.retry, ...(maxWaitMs === undefined ? {} : { maxTotalWaitMs: maxWaitMs }) },
      }),
  };
}

import type cliProgressModule from 'cli-progress';
import { createRequire } from 'node:module';
import type { IO } from './io.js';

// Loaded only when a bar is shown (a terminal): pipelines, --json and --help never need it.
const loadCliProgress = (): typeof cliProgressModule => createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;

export interface Progress {
  tick(label?: string): void;
  stop(): void;
}

const silent: Progress = { tick: () => undefined, stop: () => undefined };

/** A progress bar on stderr, only when stderr is a terminal (never in pipelines or under --json). */
export function startProgress(io: IO, total: number, title: string): Progress {
  if (!io.stderrIsTTY || total < 2) return silent;
  const cliProgress = loadCliProgress();
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr as NodeJS.WritableStream,
      format: `${title} [{bar}] {value}/{total} {label}`,
      hideCursor: true,
      clearOnComplete: true,
      barsize: Math.max(10, Math.min(40, io.columns - title.length - 30)),
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    tick: (label = '') => bar.increment(1, { label }),
    stop: () => bar.stop(),
  };
}

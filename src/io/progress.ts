import type cliProgressModule from 'cli-progress';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import ora from 'ora';
import { running, type Activity } from './activities.js';
import type { IO } from './io.js';

export type { Activity } from './activities.js';

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

const idle: Activity = { update: () => undefined, stop: () => undefined };

/**
 * A spinner with `text` on stderr, only when stderr is a terminal that takes colour: nothing on
 * pipes, and none of its cursor movements with --no-color, NO_COLOR or TERM=dumb (plain output).
 */
export function startActivity(io: IO, text: string): Activity {
  if (!io.stderrIsTTY || io.err.level === 0) return idle;
  const spinner = ora({
    text,
    stream: spinnerStream(io),
    isEnabled: true,
    // ora would otherwise swallow keystrokes meant for the confirmation that may follow.
    discardStdin: false,
    color: 'cyan',
  }).start();
  const activity: Activity = {
    update: (next) => {
      if (running.has(activity)) spinner.text = next;
    },
    stop: () => {
      if (!running.delete(activity)) return;
      spinner.stop();
    },
  };
  running.add(activity);
  return activity;
}

/**
 * A stream of the spinner's own: ora takes over its stream's `write` while it spins, which must not
 * be the shared stderr (a proxy that redacts), so it writes through this one to stderr.
 */
function spinnerStream(io: IO): NodeJS.WriteStream {
  const target = io.stderr;
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      target.write(chunk);
      callback();
    },
  });
  return Object.assign(stream, {
    isTTY: true,
    // A terminal may report 0 columns (script, some CI runners); ora divides by it.
    columns: io.columns > 0 ? io.columns : 80,
    cursorTo: (x: number) => target.write(`\u001b[${x + 1}G`),
    moveCursor: (_dx: number, dy: number) => target.write(dy < 0 ? `\u001b[${-dy}A` : dy > 0 ? `\u001b[${dy}B` : ''),
    clearLine: () => target.write('\u001b[2K'),
  }) as unknown as NodeJS.WriteStream;
}

/** The same streams, clearing the spinner before anything else is written, so output never lands on its line. */
export function stoppingActivity(io: IO, activity: Activity): IO {
  const before = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (property === 'write' && typeof value === 'function') {
          return (...args: unknown[]) => {
            activity.stop();
            return (value as (...a: unknown[]) => unknown).apply(object, args);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
      },
    });
  return { ...io, stdout: before(io.stdout), stderr: before(io.stderr) };
}

import { readFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import { systemClock } from './clock.js';
import { runProgram } from './cli/run-program.js';
import { createDeps, type Deps } from './deps.js';
import { createIO } from './io/io.js';
import { packageFile } from './package-root.js';
import { createInquirerPrompter } from './prompts/prompter.js';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * A reader that goes away (`teamops okr status | head -1`) closes the pipe: the rest of the output
 * has nowhere to go, which is not an error. Without a listener Node crashes with an EPIPE stack
 * trace; with it, teamops finishes what it is doing (never half a write to GitLab) and exits as usual.
 */
function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}

/** The real dependencies of this process: its streams, clock and terminal prompts. */
export function createProcessDeps(options: {
  env: Record<string, string | undefined>;
  cwd: string;
  noColor?: boolean;
  waitForShutdown?: () => Promise<void>;
}): Deps {
  // process.stdin is a getter that opens a stream (and loads fs or net streams): only prompts read it.
  const stdin = { isTTY: isatty(0) };
  const io = createIO({ stdin, stdout: process.stdout, stderr: process.stderr, env: options.env, noColor: options.noColor });
  return createDeps({
    io,
    clock: systemClock,
    env: options.env,
    cwd: options.cwd,
    prompter: createInquirerPrompter({ input: () => process.stdin, output: process.stderr }),
    waitForShutdown: options.waitForShutdown ?? (() => Promise.resolve()),
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  });
}

// For `npm run bench`, whose teamops runs (scripts/bench/teamops-run.js) drive the bundle as the binary does.
export { runProgram } from './cli/run-program.js';

/** The one place that touches process.argv, process.env and the real streams. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  ignoreClosedPipe(process.stdout);
  ignoreClosedPipe(process.stderr);
  // Inquirer colours its prompts by the environment alone; --no-color must reach them too.
  if (argv.includes('--no-color')) process.env.NO_COLOR = '1';
  const deps = createProcessDeps({
    env: { ...process.env },
    cwd: process.cwd(),
    noColor: argv.includes('--no-color'),
    waitForShutdown: () =>
      new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  });
  return runProgram(argv, deps, packageVersion());
}

import { systemClock } from '../../src/clock.js';
import { runProgram } from '../../src/cli/run-program.js';
import { createDeps } from '../../src/deps.js';
import { createIO } from '../../src/io/io.js';
import { createInquirerPrompter } from '../../src/prompts/prompter.js';

/** One ritual's part of the demo: a title and the teamops invocations to show. */
export interface DemoStep {
  title: string;
  /** Each run is shown as the command line a user would type, then its output. */
  runs: Array<{ args: string[]; note?: string }>;
}

export interface DemoEnvironment {
  cwd: string;
  env: Record<string, string | undefined>;
}

/** Runs `teamops …` in-process against the sandbox, with the real terminal streams. */
export async function runTeamops(args: string[], environment: DemoEnvironment): Promise<number> {
  const io = createIO({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: environment.env });
  const deps = createDeps({
    io,
    clock: systemClock,
    env: environment.env,
    cwd: environment.cwd,
    prompter: createInquirerPrompter({ input: process.stdin, output: process.stderr }),
    waitForShutdown: () => Promise.resolve(),
  });
  return runProgram(args, deps);
}

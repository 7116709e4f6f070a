import { runProgram } from '../../src/cli/run-program.js';
import { createProcessDeps } from '../../src/main.js';

/** One ritual's part of the demo: a title and the teamops invocations to show. */
export interface DemoStep {
  title: string;
  /** Each run is shown as the command line a user would type, then its output. */
  /** `exitCode`: what the run is meant to end with (default 0), e.g. 1 for a check that finds what to fix. */
  runs: Array<{ args: string[]; note?: string; env?: Record<string, string>; exitCode?: number }>;
}

export interface DemoEnvironment {
  cwd: string;
  env: Record<string, string | undefined>;
}

/** Runs `teamops …` in-process against the sandbox, with the real terminal streams. */
export async function runTeamops(args: string[], environment: DemoEnvironment): Promise<number> {
  return runProgram(args, createProcessDeps(environment));
}

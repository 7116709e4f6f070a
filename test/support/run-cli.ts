import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../src/clock.js';
import { runProgram } from '../../src/cli/run-program.js';
import { createDeps } from '../../src/deps.js';
import type { Prompter } from '../../src/prompts/prompter.js';
import { ScriptedPrompter } from './scripted-prompter.js';
import { createTestIO } from './test-io.js';

export interface RunCliOptions {
  env?: Record<string, string | undefined>;
  /** Working directory; a fresh empty one by default. */
  cwd?: string;
  /** The instant "now" (the team's today derives from it); default 2026-11-16T09:00:00Z, a Monday. */
  now?: string;
  prompter?: Prompter;
  stdinTTY?: boolean;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  /** Fast retries so fault tests do not wait for real backoff. */
  fastRetries?: boolean;
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Parsed stdout, for --json runs. */
  json<T = Record<string, unknown>>(): T;
}

/** Runs teamops in-process, as main.ts would, with test streams, a fixed clock and scripted prompts. */
export async function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const env = { ...options.env };
  const test = createTestIO({ stdinTTY: options.stdinTTY, stdoutTTY: options.stdoutTTY, stderrTTY: options.stderrTTY, env });
  const deps = createDeps({
    io: test.io,
    clock: fixedClock(options.now ?? '2026-11-16T09:00:00Z'),
    env,
    cwd: options.cwd ?? tempDir(),
    prompter: options.prompter ?? new ScriptedPrompter(),
    waitForShutdown: () => Promise.resolve(),
    retry: options.fastRetries === false ? undefined : { baseDelayMs: 5, maxDelayMs: 50 },
  });
  const exitCode = await runProgram(args, deps);
  const stdout = test.stdout();
  return {
    exitCode,
    stdout,
    stderr: test.stderr(),
    json: <T>() => JSON.parse(stdout) as T,
  };
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'teamops-test-'));
}

/** A working directory holding the given teamops.yml. */
export function withConfig(yaml: string): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'teamops.yml'), yaml);
  return dir;
}

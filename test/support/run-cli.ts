import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runProgram } from '../../src/cli/run-program.js';
import { createDeps } from '../../src/deps.js';
import type { Prompter } from '../../src/prompts/prompter.js';
import { testClock, type TestClock } from './clock.js';
import { ScriptedPrompter } from './scripted-prompter.js';
import { createTestIO } from './test-io.js';

export interface RunCliOptions {
  env?: Record<string, string | undefined>;
  /** Working directory; a fresh empty one by default. */
  cwd?: string;
  /** Set the clock to this instant first (the team's today derives from it); the sandbox sees it too. */
  now?: string;
  /** The clock to run on; default the file's test clock, which the sandbox shares (DEFAULT_NOW, a Monday). */
  clock?: TestClock;
  prompter?: Prompter;
  stdinTTY?: boolean;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  /** The terminal's width (default 100). */
  columns?: number;
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Parsed stdout, for --json runs. */
  json<T = Record<string, unknown>>(): T;
}

/**
 * Runs teamops in-process, as main.ts would, with test streams, the test clock and scripted prompts.
 * Retries use the real policy: on the test clock their waits pass without taking time.
 */
export async function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const env = { ...options.env };
  const test = createTestIO({
    stdinTTY: options.stdinTTY,
    stdoutTTY: options.stdoutTTY,
    stderrTTY: options.stderrTTY,
    columns: options.columns,
    env,
  });
  const clock = options.clock ?? testClock;
  if (options.now) clock.set(options.now);
  const deps = createDeps({
    io: test.io,
    clock,
    env,
    cwd: options.cwd ?? tempDir(),
    prompter: options.prompter ?? new ScriptedPrompter(),
    waitForShutdown: () => Promise.resolve(),
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

/** A working directory holding the demo's teamops.yml (scripts/demo/teamops.yml), as `npm run demo` uses it. */
export function withDemoConfig(): string {
  return withConfig(readFileSync(fileURLToPath(new URL('../../scripts/demo/teamops.yml', import.meta.url)), 'utf8'));
}

/** A working directory holding the given teamops.yml. */
export function withConfig(yaml: string): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'teamops.yml'), yaml);
  return dir;
}

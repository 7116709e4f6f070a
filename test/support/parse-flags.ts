import { Command } from 'commander';
import { addGlobalOptions } from '../../src/commands/common/global-options.js';
import { createDeps, type Deps } from '../../src/deps.js';
import { TestClock } from './clock.js';
import { ScriptedPrompter } from './scripted-prompter.js';
import { createTestIO } from './test-io.js';

export type Register<T> = (parent: Command, deps: Deps, run: (options: T) => Promise<void>) => Command;

/**
 * Parses `teamops <noun> <verb> …` the way teamops does and returns the options the command would run
 * with (the house style's `run` parameter); nothing talks to GitLab.
 */
export async function parseFlags<T>(args: string[], register: Register<T>): Promise<T> {
  const deps = createDeps({
    io: createTestIO().io,
    clock: new TestClock(),
    env: {},
    cwd: '.',
    prompter: new ScriptedPrompter(),
    waitForShutdown: () => Promise.resolve(),
  });
  const program = addGlobalOptions(new Command('teamops').exitOverride());
  let captured: T | undefined;
  register(program.command(args[0] ?? ''), deps, async (options) => {
    captured = options;
  });
  await program.parseAsync(args, { from: 'user' });
  if (captured === undefined) throw new Error('the command did not run');
  return captured;
}

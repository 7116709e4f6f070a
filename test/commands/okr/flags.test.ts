import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addGlobalOptions } from '../../../src/commands/shared/global-options.js';
import { TestClock } from '../../support/clock.js';
import { registerOkrCreate, type OkrCreateOptions } from '../../../src/commands/okr/create.js';
import { registerOkrStatus, type OkrStatusOptions } from '../../../src/commands/okr/status.js';
import { createDeps } from '../../../src/deps.js';
import { ScriptedPrompter } from '../../support/scripted-prompter.js';
import { createTestIO } from '../../support/test-io.js';

/** Parses flags the way teamops does and returns what the command would run with; nothing talks to GitLab. */
async function parse<T>(
  args: string[],
  register: (parent: Command, deps: ReturnType<typeof createDeps>, run: (options: T) => Promise<void>) => Command,
): Promise<T> {
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
  register(program.command('okr'), deps, async (options) => {
    captured = options;
  });
  await program.parseAsync(args, { from: 'user' });
  return captured!;
}

describe('okr flags', () => {
  it('turns okr create flags into options', async () => {
    const options = await parse<OkrCreateOptions>(
      ['okr', 'create', '-f', 'okrs.yml', '--quarter', 'fy27-q1', '--strict', '--dry-run'],
      registerOkrCreate,
    );
    expect(options).toMatchObject({ file: 'okrs.yml', quarter: 'fy27-q1', strict: true, globals: { dryRun: true, json: false } });
  });

  it('leaves the file and quarter unset so the file, config or prompts can fill them', async () => {
    expect(await parse<OkrCreateOptions>(['okr', 'create'], registerOkrCreate)).toMatchObject({
      file: undefined,
      quarter: undefined,
      strict: false,
    });
  });

  it('collects repeated --project for okr status', async () => {
    const options = await parse<OkrStatusOptions>(
      ['okr', 'status', '--project', 'a/b', '--project', 'c/d', '--team', 'distribution'],
      registerOkrStatus,
    );
    expect(options).toMatchObject({ projects: ['a/b', 'c/d'], team: 'distribution', group: undefined });
  });

  it.each([
    [['okr', 'create', '--quarter', 'Q1'], '--quarter must be 2027-Q1 (a calendar quarter) or FY27-Q1 (a fiscal quarter), got "Q1"'],
    [['okr', 'status', '--quarter', '2027-Q1', '--group', 'g', '--project', 'g/p'], '--project and --group cannot be used together'],
  ])('rejects %j before running', async (args, message) => {
    const register = args[1] === 'create' ? registerOkrCreate : registerOkrStatus;
    await expect(parse(args, register as never)).rejects.toThrow(message);
  });
});

import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../support/parse-flags.js';
import { registerOkrCreate, type OkrCreateOptions } from '../../../src/commands/okr/create.js';
import { registerOkrStatus, type OkrStatusOptions } from '../../../src/commands/okr/status.js';

describe('okr flags', () => {
  it('turns okr create flags into options', async () => {
    const options = await parseFlags<OkrCreateOptions>(
      ['okr', 'create', '-f', 'okrs.yml', '--quarter', 'fy27-q1', '--strict', '--dry-run'],
      registerOkrCreate,
    );
    expect(options).toMatchObject({ file: 'okrs.yml', quarter: 'fy27-q1', strict: true, globals: { dryRun: true, json: false } });
  });

  it('leaves the file and quarter unset so the file, config or prompts can fill them', async () => {
    expect(await parseFlags<OkrCreateOptions>(['okr', 'create'], registerOkrCreate)).toMatchObject({
      file: undefined,
      quarter: undefined,
      strict: false,
    });
  });

  it('collects repeated --project for okr status', async () => {
    const options = await parseFlags<OkrStatusOptions>(
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
    await expect(parseFlags(args, register as never)).rejects.toThrow(message);
  });
});

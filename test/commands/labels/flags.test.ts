import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../support/parse-flags.js';
import { registerLabelsCheck, type LabelsCheckOptions } from '../../../src/commands/labels/check.js';

const parse = (args: string[]): Promise<LabelsCheckOptions> => parseFlags(['labels', 'check', ...args], registerLabelsCheck);

describe('labels check flags', () => {
  it('turns flags into options', async () => {
    expect(await parse(['--group', 'g', '--milestone', '18.7', '--fix', '--include-mrs', '--include-closed', '--dry-run'])).toMatchObject({
      group: 'g',
      milestone: '18.7',
      fix: true,
      includeMrs: true,
      includeClosed: true,
      globals: { dryRun: true },
    });
  });

  it('leaves what teamops.yml can set unset', async () => {
    expect(await parse([])).toMatchObject({
      project: undefined,
      group: undefined,
      includeMrs: undefined,
      fix: false,
      includeClosed: false,
    });
    expect(await parse(['--no-include-mrs'])).toMatchObject({ includeMrs: false });
  });

  it('rejects --project with --group before running', async () => {
    await expect(parse(['--project', 'g/app', '--group', 'g'])).rejects.toThrow('--project and --group cannot be used together');
  });
});

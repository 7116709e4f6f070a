import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const VERBS = [
  ['okr', 'create'],
  ['okr', 'status'],
  ['dri', 'rotate'],
  ['dri', 'schedule'],
  ['milestone', 'rollover'],
  ['labels', 'check'],
  ['update', 'print'],
  ['update', 'highlights'],
  ['update', 'summary'],
  ['config', 'check'],
];

describe('help', () => {
  it.each(VERBS)('teamops %s %s --help lists the global flags it inherits', async (noun, verb) => {
    const result = await runCli([noun, verb, '--help']);
    expect(result.exitCode).toBe(0);
    const [own, inherited] = result.stdout.split('Global Options:\n');
    expect(own).toContain(`Usage: teamops ${noun} ${verb}`);
    for (const flag of ['--dry-run', '--json', '-y, --yes', '--no-input', '--config <file>', '--date <YYYY-MM-DD>']) {
      expect(inherited).toContain(flag);
    }
  });

  it('teamops help <noun> <verb> shows the verb page, not the noun group', async () => {
    const viaHelp = await runCli(['help', 'okr', 'create']);
    const viaFlag = await runCli(['okr', 'create', '--help']);
    expect(viaHelp.exitCode).toBe(0);
    expect(viaHelp.stdout).toContain('Usage: teamops okr create');
    expect(viaHelp.stdout).toContain('--strict');
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  });

  it('teamops help <noun> shows the group and teamops help the program', async () => {
    expect((await runCli(['help', 'dri'])).stdout).toContain('Usage: teamops dri [options] [command]');
    expect((await runCli(['help'])).stdout).toBe((await runCli(['--help'])).stdout);
  });

  it('an unknown command under help is a usage error naming what exists', async () => {
    const result = await runCli(['help', 'okr', 'frob']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('error: unknown command "teamops okr frob"');
    expect(result.stderr).toContain('hint: teamops okr has: create, status');
  });
});

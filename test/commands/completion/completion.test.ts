import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../support/run-cli.js';

async function script(shell: string): Promise<string> {
  const result = await runCli(['completion', shell]);
  expect(result.exitCode, result.stderr).toBe(0);
  return result.stdout;
}

/** Sources the bash script and asks it to complete `words` (the last one is being typed), as bash's readline would. */
async function complete(...words: string[]): Promise<string[]> {
  const file = path.join(tempDir(), 'teamops.bash');
  writeFileSync(file, await script('bash'));
  const quoted = words.map((word) => `'${word}'`).join(' ');
  const run = spawnSync(
    'bash',
    [
      '--norc',
      '--noprofile',
      '-c',
      `source "$1"; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _teamops; printf '%s\\n' "\${COMPREPLY[@]}"`,
      'bash',
      file,
    ],
    { encoding: 'utf8', cwd: tempDir() },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout.split('\n').filter((line) => line !== '');
}

describe('teamops completion', () => {
  it('prints a bash script that bash accepts', async () => {
    const file = path.join(tempDir(), 'teamops.bash');
    writeFileSync(file, await script('bash'));
    const check = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('completes command names, verbs and flags from the commands themselves', async () => {
    expect(await complete('teamops', '')).toEqual([
      'okr',
      'dri',
      'milestone',
      'labels',
      'update',
      'queue',
      'claims',
      'ritual',
      'slo',
      'sandbox',
      'config',
      'completion',
      'help',
    ]);
    expect(await complete('teamops', 'mi')).toEqual(['milestone']);
    expect(await complete('teamops', 'dri', '')).toEqual(['rotate', 'schedule']);
    expect(await complete('teamops', '--config', 'x.yml', 'okr', 'c')).toEqual(['create', 'checkin', 'coverage']);
    expect(await complete('teamops', 'dri', 'rotate', '--w')).toEqual(['--week']);
    // Global flags complete after a verb too.
    expect(await complete('teamops', 'dri', 'rotate', '--dry')).toEqual(['--dry-run']);
    expect(await complete('teamops', 'help', 'o')).toEqual(['okr']);
    expect(await complete('teamops', 'slo', '')).toEqual(['init', 'status', 'budget', 'recalibrate']);
  });

  it('completes the values of options with a fixed set', async () => {
    expect(await complete('teamops', 'sandbox', '--clock', '')).toEqual(['frozen', 'running']);
    expect(await complete('teamops', 'sandbox', '--tier', 'p')).toEqual(['premium']);
    expect(await complete('teamops', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(await complete('teamops', 'milestone', 'rollover', '--slips', '')).toEqual(['history', 'labels']);
    expect(await complete('teamops', 'milestone', 'rollover', '--api', 'g')).toEqual(['graphql']);
    // The value of a flag is not taken for a command name.
    expect(await complete('teamops', 'sandbox', '--seed', 'demo', '--cl')).toEqual(['--clock']);
  });

  it('prints zsh and fish scripts from the same commands', async () => {
    const zsh = await script('zsh');
    expect(zsh).toMatch(/^#compdef teamops\n/);
    expect(zsh).toContain('bashcompinit');
    expect(zsh).toContain("'okr create --file'|'okr create -f') return 0 ;;");
    const fish = await script('fish');
    expect(fish).toContain(`complete -c teamops -n '__teamops_at '\\''dri'\\''' -a 'rotate' -d`);
    expect(fish).toContain(`complete -c teamops -n '__teamops_at '\\''sandbox'\\''' -l clock -x -a 'frozen running'`);
    expect(fish).toMatch(/^complete -c teamops -l dry-run -d /m);
  });

  it('rejects a shell it does not know', async () => {
    const result = await runCli(['completion', 'tcsh']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain("'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.");
  });
});

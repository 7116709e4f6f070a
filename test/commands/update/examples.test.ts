import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registerLabelsCheck } from '../../../src/commands/labels/check.js';
import { registerRitualCheck } from '../../../src/commands/ritual/check.js';
import { registerRitualRun } from '../../../src/commands/ritual/run.js';
import { registerUpdateHighlights } from '../../../src/commands/update/highlights.js';
import { registerUpdateMissing } from '../../../src/commands/update/missing.js';
import { registerUpdatePrint } from '../../../src/commands/update/print.js';
import { registerUpdateSummary } from '../../../src/commands/update/summary.js';
import { parseFlags, type Register } from '../../support/parse-flags.js';
import { runCli } from '../../support/run-cli.js';

// The async-update and ritual verbs are documented by example, in --help, the README and its
// .gitlab-ci.yml; each example must be one the command accepts, flag for flag.
const VERBS: Array<[noun: string, verb: string, register: Register<unknown>]> = [
  ['update', 'print', registerUpdatePrint as Register<unknown>],
  ['update', 'highlights', registerUpdateHighlights as Register<unknown>],
  ['update', 'summary', registerUpdateSummary as Register<unknown>],
  ['update', 'missing', registerUpdateMissing as Register<unknown>],
  ['ritual', 'run', registerRitualRun as Register<unknown>],
  ['ritual', 'check', registerRitualCheck as Register<unknown>],
  ['labels', 'check', registerLabelsCheck as Register<unknown>],
];

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** A command line as a shell reads it, up to a comment, redirection or pipe. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (char === '"' || char === "'") {
      const end = line.indexOf(char, i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (char === ' ') {
      if (word !== null) words.push(word);
      word = null;
    } else if (word === null && (char === '#' || char === '>' || char === '|')) break;
    else word = (word ?? '') + char;
  }
  if (word !== null) words.push(word);
  return words;
}

/** `teamops <noun> <verb> …` lines of the README's sh and yaml blocks (a CI job's `- teamops …` too). */
function readmeExamples(noun: string, verb: string): string[][] {
  const blocks = [...README.matchAll(/```(?:sh|yaml)\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/^\s*(- )?/, ''))
    .filter((line) => line === `teamops ${noun} ${verb}` || line.startsWith(`teamops ${noun} ${verb} `))
    .map((line) => shellWords(line).slice(1));
}

async function helpExamples(noun: string, verb: string): Promise<string[][]> {
  const help = await runCli([noun, verb, '--help']);
  expect(help.exitCode).toBe(0);
  const section = help.stdout.split('\nExamples:\n')[1] ?? '';
  return section
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('teamops '))
    .map((line) => shellWords(line).slice(1));
}

describe('examples of the update and ritual verbs', () => {
  it.each(VERBS)('every example of teamops %s %s in --help and the README parses', async (noun, verb, register) => {
    const help = await helpExamples(noun, verb);
    const readme = readmeExamples(noun, verb);
    expect(help.length, 'examples in --help').toBeGreaterThanOrEqual(2);
    expect(readme.length, 'examples in the README').toBeGreaterThanOrEqual(1);
    for (const args of [...help, ...readme]) {
      expect(args.slice(0, 2)).toEqual([noun, verb]);
      await expect(parseFlags(args, register), args.join(' ')).resolves.toBeDefined();
    }
  });

  it("the README's .gitlab-ci.yml runs ritual run every day, and ritual check after it", () => {
    const ci = /```yaml\n# \.gitlab-ci\.yml\n([\s\S]*?)```/.exec(README)?.[1] ?? '';
    const job = /^rituals:[^\n]*\n((?:[ ]+[^\n]*\n)+)/m.exec(ci)?.[0] ?? '';
    expect(job).toContain('every day');
    expect(job).toContain('cron "0 7 * * *"');
    expect(job).toMatch(/- teamops ritual run --yes/);
    expect(job.indexOf('- teamops ritual check')).toBeGreaterThan(job.indexOf('- teamops ritual run'));
  });
});

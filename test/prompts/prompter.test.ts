import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/errors.js';
import { createInquirerPrompter } from '../../src/prompts/prompter.js';

/** The real inquirer prompts, driven through fake terminal streams. */
function terminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  let screen = '';
  output.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
  // Types once the question is on the screen, as a person would: inquirer is loaded on the first question.
  const type = (text: string) => {
    const shown = screen.length;
    const poll = setInterval(() => {
      if (screen.length > shown) {
        clearInterval(poll);
        setTimeout(() => input.write(text), 20);
      }
    }, 5);
  };
  return { input, output, screen: () => screen, type };
}

describe('the inquirer prompter', () => {
  it('asks for confirmation and returns the answer', async () => {
    const t = terminal();
    const prompter = createInquirerPrompter({ input: () => t.input, output: t.output });
    const answer = prompter.confirm('apply', 'Apply 3 changes?', false);
    t.type('y\r');
    await expect(answer).resolves.toBe(true);
    expect(t.screen()).toContain('Apply 3 changes?');
  });

  it('validates typed input', async () => {
    const t = terminal();
    const prompter = createInquirerPrompter({ input: () => t.input, output: t.output });
    const answer = prompter.input('okr.quarter', 'Quarter?', { validate: (v) => (/^\d{4}-Q[1-4]$/.test(v) ? true : 'expected 2027-Q1') });
    t.type('2027-Q5\r');
    const retype = setInterval(() => {
      if (!t.screen().includes('expected 2027-Q1')) return;
      clearInterval(retype);
      t.input.write('\u0008'.repeat(10) + '2027-Q1\r');
    }, 5);
    await expect(answer).resolves.toBe('2027-Q1');
    expect(t.screen()).toContain('expected 2027-Q1');
  });

  it('turns Ctrl-C into a cancellation', async () => {
    const t = terminal();
    const prompter = createInquirerPrompter({ input: () => t.input, output: t.output });
    const answer = prompter.confirm('apply', 'Apply?');
    t.type('\u0003');
    await expect(answer).rejects.toBeInstanceOf(CancelledError);
  });
});

import type { Choice, Prompter } from '../../src/prompts/prompter.js';

type Answer = boolean | string;

/** Answers prompts by question id; an unexpected or unanswered question fails the test. */
export class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];
  constructor(private readonly answers: Record<string, Answer | Answer[]> = {}) {}

  private next(id: string): Answer {
    this.asked.push(id);
    const scripted = this.answers[id];
    if (scripted === undefined) throw new Error(`unexpected prompt "${id}"`);
    if (Array.isArray(scripted)) {
      const answer = scripted.shift();
      if (answer === undefined) throw new Error(`prompt "${id}" asked more often than scripted`);
      return answer;
    }
    return scripted;
  }

  async confirm(id: string): Promise<boolean> {
    const answer = this.next(id);
    if (typeof answer !== 'boolean') throw new Error(`prompt "${id}" needs a boolean answer`);
    return answer;
  }

  async input(id: string, _message: string, options: { validate?: (value: string) => true | string } = {}): Promise<string> {
    const answer = String(this.next(id));
    const verdict = options.validate?.(answer) ?? true;
    if (verdict !== true) throw new Error(`scripted answer "${answer}" to "${id}" was rejected: ${verdict}`);
    return answer;
  }

  async select<T extends string>(id: string, _message: string, choices: Choice<T>[]): Promise<T> {
    const answer = String(this.next(id));
    const choice = choices.find((c) => c.value === answer);
    if (!choice) throw new Error(`scripted answer "${answer}" to "${id}" is not one of ${choices.map((c) => c.value).join(', ')}`);
    return choice.value;
  }
}

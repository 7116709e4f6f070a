import type { Readable, Writable } from 'node:stream';
import { CancelledError } from '../errors.js';

export interface Choice<T extends string> {
  value: T;
  name?: string;
  description?: string;
}

/** The few questions teamops asks. Each question has an id so tests can script answers by id. */
export interface Prompter {
  confirm(id: string, message: string, defaultValue?: boolean): Promise<boolean>;
  input(id: string, message: string, options?: { defaultValue?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T extends string>(id: string, message: string, choices: Choice<T>[]): Promise<T>;
  /** Called as soon as the command knows it may ask: start loading what asking needs, so no question waits for it. */
  warmUp?(): void;
}

function isExitPrompt(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

async function asked<T>(question: Promise<T>): Promise<T> {
  try {
    return await question;
  } catch (error) {
    // Ctrl-C at a prompt is a cancellation, not a crash.
    if (isExitPrompt(error)) throw new CancelledError('cancelled at the prompt');
    throw error;
  }
}

/** Inquirer is loaded on first use (or warm-up): most runs (--help, pipelines, --json) never ask anything. */
export function createInquirerPrompter(streams: { input: () => Readable; output: Writable }): Prompter {
  let inputStream: Readable | undefined;
  const context = {
    get input() {
      return (inputStream ??= streams.input());
    },
    output: streams.output,
    clearPromptOnDone: false,
  };
  let inquirer: Promise<typeof import('@inquirer/prompts')> | undefined;
  const load = () => (inquirer ??= import('@inquirer/prompts'));
  return {
    confirm: async (_id, message, defaultValue = false) => {
      const { confirm } = await load();
      return asked(confirm({ message, default: defaultValue }, context));
    },
    input: async (_id, message, options = {}) => {
      const { input } = await load();
      return asked(input({ message, default: options.defaultValue, validate: options.validate }, context));
    },
    select: async <T extends string>(_id: string, message: string, choices: Choice<T>[]) => {
      const { select } = await load();
      return asked(select<T>({ message, choices }, context));
    },
    warmUp: () => {
      // A failed load surfaces at the first question, where it can be reported.
      load().catch(() => undefined);
    },
  };
}

import { confirm, input, select } from '@inquirer/prompts';
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

export function createInquirerPrompter(streams: { input: Readable; output: Writable }): Prompter {
  const context = { input: streams.input, output: streams.output, clearPromptOnDone: false };
  return {
    confirm: (_id, message, defaultValue = false) => asked(confirm({ message, default: defaultValue }, context)),
    input: (_id, message, options = {}) => asked(input({ message, default: options.defaultValue, validate: options.validate }, context)),
    select: <T extends string>(_id: string, message: string, choices: Choice<T>[]) => asked(select<T>({ message, choices }, context)),
  };
}

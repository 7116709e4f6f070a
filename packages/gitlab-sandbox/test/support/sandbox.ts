import { TestSandboxes, type StartTestSandboxOptions, type TestSandbox } from '../../src/testing.js';
import { testClock } from './clock.js';

export type { TestSandbox };

/** This file's sandboxes: on its test clock, strict about routes they do not emulate. */
export const sandboxes = new TestSandboxes(testClock);

export const startSandbox = (options?: StartTestSandboxOptions): Promise<TestSandbox> => sandboxes.start(options);

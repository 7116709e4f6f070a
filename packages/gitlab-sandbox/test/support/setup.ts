import { afterAll, afterEach, beforeEach } from 'vitest';
import { testClock } from './clock.js';
import { stopAllSandboxes, unemulatedRequests } from './sandbox.js';

// Every test starts at the file's moment, whatever the previous test did to the clock.
beforeEach(() => testClock.reset());

// A test must not pass because the sandbox lacks a route that GitLab has: the strict sandbox
// answered 501, and here that becomes the test's failure, naming the requests.
afterEach(() => {
  const missing = unemulatedRequests();
  if (missing.length > 0) {
    throw new Error(`the sandbox does not emulate ${[...new Set(missing.map((entry) => `${entry.method} ${entry.path}`))].join(', ')}`);
  }
});

afterAll(() => stopAllSandboxes());

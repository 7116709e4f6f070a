import { TestSandboxes, type StartTestSandboxOptions, type TestSandbox as PackageTestSandbox } from '@teamops/gitlab-sandbox/testing';
import { testClock, type TestClock } from './clock.js';

export interface TestSandbox extends PackageTestSandbox {
  /** The clock this sandbox and the file's teamops runs share. */
  clock: TestClock;
  /** GITLAB_HOST and GITLAB_TOKEN (root's, or the named user's) for runCli. */
  env(username?: string): { GITLAB_HOST: string; GITLAB_TOKEN: string };
  /**
   * GitLab's answer to `/api/v4<path>` as root, for asserting GitLab's state after a run. A JSON
   * body is sent as JSON; an answer that is not 2xx fails the test with its status and body.
   */
  api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
}

/** This file's sandboxes: on the clock teamops runs on, strict about routes they do not emulate. */
export const sandboxes = new TestSandboxes(testClock);

/** The sandbox every test uses. It is stopped after the file (or earlier, by `stop()`). */
export async function startSandbox(options: StartTestSandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await sandboxes.start(options);
  return Object.assign(sandbox, {
    env: (username?: string) => ({ GITLAB_HOST: sandbox.url, GITLAB_TOKEN: username ? sandbox.tokenFor(username) : sandbox.token }),
    api: async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
      const method = init.method ?? 'GET';
      const response = await fetch(`${sandbox.url}/api/v4${path}`, {
        method,
        headers: { 'PRIVATE-TOKEN': sandbox.token, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
  });
}

/**
 * The requests in `log` that changed GitLab, without the run lock's: every apply creates and deletes
 * its lock label (`POST …/labels`, `DELETE …/labels/:id`, src/gitlab/lock.ts), which is not one of
 * the ritual's writes.
 */
export function ritualWrites<T extends { method: string; path: string }>(log: readonly T[]): T[] {
  return log.filter((entry) => entry.method !== 'GET' && !isRunLockRequest(entry));
}

/** A request that takes or releases a run lock. */
export function isRunLockRequest(entry: { method: string; path: string }): boolean {
  return (entry.method === 'POST' || entry.method === 'DELETE') && /\/labels(\/\d+)?$/.test(entry.path);
}

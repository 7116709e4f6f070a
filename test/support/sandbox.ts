import { createSandbox, type RequestLogEntry, type Sandbox, type SandboxOptions } from '@teamops/gitlab-sandbox';
import { testClock, type TestClock } from './clock.js';

export interface TestSandbox extends Sandbox {
  /** The clock this sandbox and the file's teamops runs share. */
  clock: TestClock;
  /** GITLAB_HOST and GITLAB_TOKEN (root's, or the named user's) for runCli. */
  env(username?: string): { GITLAB_HOST: string; GITLAB_TOKEN: string };
}

export interface StartSandboxOptions extends Omit<SandboxOptions, 'now'> {
  /** Start the file's clock here (default: where it stands, DEFAULT_NOW unless a test moved it). */
  now?: string;
  /** Strict by default: a request to a route the sandbox does not emulate fails the test. */
  strict?: boolean;
}

const running = new Set<TestSandbox>();
const checked = new WeakMap<Sandbox, number>();

/**
 * The sandbox every test uses: on the file's test clock, strict about routes it does not emulate.
 * It is stopped after the file (or earlier, by `stop()`).
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<TestSandbox> {
  const { now, ...rest } = options;
  if (now) testClock.start(now);
  const sandbox = await createSandbox({ strict: true, ...rest, now: () => testClock.now() });
  const stopSandbox = sandbox.stop.bind(sandbox);
  const handle: TestSandbox = Object.assign(sandbox, {
    clock: testClock,
    env: (username?: string) => ({ GITLAB_HOST: sandbox.url, GITLAB_TOKEN: username ? sandbox.tokenFor(username) : sandbox.token }),
    stop: async () => {
      running.delete(handle);
      await stopSandbox();
    },
  });
  running.add(handle);
  return handle;
}

/** Requests, since the last check, that reached a route no sandbox emulates. */
export function unemulatedRequests(): RequestLogEntry[] {
  const found: RequestLogEntry[] = [];
  for (const sandbox of running) {
    const from = checked.get(sandbox) ?? 0;
    found.push(...sandbox.requestLog.slice(from).filter((entry) => entry.notEmulated));
    checked.set(sandbox, sandbox.requestLog.length);
  }
  return found;
}

export async function stopAllSandboxes(): Promise<void> {
  await Promise.all([...running].map((sandbox) => sandbox.stop()));
}

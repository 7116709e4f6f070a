// For test suites that drive the sandbox (its own and its users'): one settable clock per test file,
// and sandboxes that are strict about routes they do not emulate, with the bookkeeping that turns
// such a request into the failure of the test that made it. Framework-agnostic: pass your test
// runner's hooks to `installSandboxHooks`.
import { createSandbox, type RequestLogEntry, type Sandbox, type SandboxOptions } from './index.js';

/** A clock that stands still until a test moves it; pass `() => clock.now()` as the sandbox's `now`. */
export class SettableClock {
  private base: number;
  protected current: number;

  constructor(start: string | Date) {
    this.base = instant(start);
    this.current = this.base;
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Set the clock, and the moment `reset()` returns it to. */
  start(at: string | Date): void {
    this.base = instant(at);
    this.current = this.base;
  }

  set(at: string | Date): void {
    this.current = instant(at);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  /** Back to the start moment (before each test). */
  reset(): void {
    this.current = this.base;
  }
}

function instant(at: string | Date): number {
  const ms = at instanceof Date ? at.getTime() : Date.parse(at);
  if (!Number.isFinite(ms)) throw new Error(`not an instant: ${String(at)}`);
  return ms;
}

export interface TestSandbox extends Sandbox {
  /** The clock this sandbox runs on. */
  clock: SettableClock;
}

export interface StartTestSandboxOptions extends Omit<SandboxOptions, 'now'> {
  /** Start the clock here (default: where it stands). */
  now?: string;
  /** Strict by default: a request to a route the sandbox does not emulate fails the test. */
  strict?: boolean;
}

/** The sandboxes of one test file, on one clock. */
export class TestSandboxes<Clock extends SettableClock = SettableClock> {
  private readonly running = new Set<TestSandbox>();
  private readonly checked = new WeakMap<Sandbox, number>();

  constructor(readonly clock: Clock) {}

  async start(options: StartTestSandboxOptions = {}): Promise<TestSandbox & { clock: Clock }> {
    const { now, ...rest } = options;
    if (now) this.clock.start(now);
    const sandbox = await createSandbox({ strict: true, ...rest, now: () => this.clock.now() });
    const stopSandbox = sandbox.stop.bind(sandbox);
    const handle = Object.assign(sandbox, {
      clock: this.clock,
      stop: async () => {
        this.running.delete(handle);
        await stopSandbox();
      },
    });
    this.running.add(handle);
    return handle;
  }

  /** Requests, since the last call, that reached a route no sandbox emulates. */
  unemulatedRequests(): RequestLogEntry[] {
    const found: RequestLogEntry[] = [];
    for (const sandbox of this.running) {
      const from = this.checked.get(sandbox) ?? 0;
      found.push(...sandbox.requestLog.slice(from).filter((entry) => entry.notEmulated));
      this.checked.set(sandbox, sandbox.requestLog.length);
    }
    return found;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running].map((sandbox) => sandbox.stop()));
  }
}

type Hook = (fn: () => unknown) => void;

/**
 * Every test starts at the clock's start moment; a test that reached a route the sandbox does not
 * emulate fails, naming the requests (it must not pass because a GitLab route is missing here);
 * every sandbox stops after the file.
 */
export function installSandboxHooks(sandboxes: TestSandboxes, hooks: { beforeEach: Hook; afterEach: Hook; afterAll: Hook }): void {
  hooks.beforeEach(() => sandboxes.clock.reset());
  hooks.afterEach(() => {
    const missing = sandboxes.unemulatedRequests();
    if (missing.length > 0) {
      throw new Error(`the sandbox does not emulate ${[...new Set(missing.map((entry) => `${entry.method} ${entry.path}`))].join(', ')}`);
    }
  });
  hooks.afterAll(() => sandboxes.stopAll());
}

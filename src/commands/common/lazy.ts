import type { Deps } from '../../deps.js';

/** What a command runs once its flags are read: `runX(options, deps)`. */
export type Run<T> = (options: T, deps: Deps) => Promise<void>;

/**
 * A command's `runX`, loaded on first use. `<verb>.ts` declares the flags and imports only commander
 * and light helpers; the body (`run-<verb>.ts`: config, GitLab, planning, output) is imported when
 * the command runs, together with the config stack and the GitLab client. So `--help`, `--version`
 * and usage errors load none of it (test/e2e/lazy-start.test.ts checks this).
 */
export function runOnFirstUse<T>(load: () => Promise<Run<T>>): Run<T> {
  return async (options, deps) => {
    const [run] = await Promise.all([load(), deps.loadModules()]);
    await run(options, deps);
  };
}

import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/errors.js';
import { createGitLab } from '../../src/gitlab/gitbeaker-adapter.js';
import { WaitBudget } from '../../src/gitlab/wait-budget.js';
import { startSandbox, type TestSandbox as Sandbox } from '../support/sandbox.js';
import { runCli, withDemoConfig } from '../support/run-cli.js';

// One wait budget per run (--max-wait, gitlab.max_wait) for rate-limit pacing, Retry-After and
// backoff. The test clock lets waits pass without taking time; how far it moved is how long
// teamops waited.
const DAY = 86_400;

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function dryRun(args: string[] = []) {
  const started = sandbox!.clock.now().getTime();
  const result = await runCli(['dri', 'rotate', '--dry-run', ...args], { env: sandbox!.env(), cwd: withDemoConfig() });
  return { ...result, waitedMs: sandbox!.clock.now().getTime() - started };
}

describe('the wait budget', () => {
  it('fails at once when GitLab answers 429 with a Retry-After longer than the budget, saying how long and until when', async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    // Nothing left in a window of a day: the first request gets 429 and Retry-After until midnight.
    sandbox.setRateLimit({ limit: 0, windowSeconds: DAY });
    const result = await dryRun();
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /error: .*GitLab \(429 Too Many Requests, Retry-After: 54000\) asks to wait 15 h \(until 2026-11-17T00:00:00\.000Z\), longer than this run may wait \(--max-wait 180 s\)/,
    );
    expect(result.stderr).toContain(
      'hint: run the same command again after 2026-11-17T00:00:00.000Z, or allow a longer wait with --max-wait',
    );
    expect(result.waitedMs).toBe(0);
    // Each request the first batch sent was answered 429 once, and none was sent again.
    expect(sandbox.stats().rate_limited).toBe(sandbox.stats().total);
  });

  it('fails at once when RateLimit-Reset is further away than the budget', async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    sandbox.setRateLimit({ limit: 1, windowSeconds: DAY });
    const budget = new WaitBudget(600_000, sandbox.clock);
    const gitlab = createGitLab({ host: sandbox.url, token: sandbox.token, clock: sandbox.clock, waitBudget: budget });
    await gitlab.reader.currentUser();
    const started = sandbox.clock.now().getTime();
    // The window is spent until midnight: the next request is not even sent.
    const failure = gitlab.reader.getProject('distribution/team-tasks');
    await expect(failure).rejects.toBeInstanceOf(NetworkError);
    await expect(failure).rejects.toThrow(
      /GitLab's rate limit \(RateLimit-Remaining 0 until RateLimit-Reset\) asks to wait 15 h \(until 2026-11-17T00:00:00\.\d+Z\), longer than this run may wait \(--max-wait 600 s\)/,
    );
    expect(sandbox.clock.now().getTime()).toBe(started);
    expect(sandbox.stats()).toMatchObject({ total: 1, rate_limited: 0 });
  });

  it('waits within the budget and says why when a wait is longer than a few seconds', async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    sandbox.setRateLimit({ limit: 10, windowSeconds: 60 });
    const result = await dryRun(['--max-wait', '3600']);
    expect(result.exitCode, result.stderr).toBe(0);
    // The first requests go out together, so the window may be spent by a 429 or by the headers.
    expect(result.stderr).toMatch(
      /Waiting \d+ s \(until 2026-11-16T09:01:00\.\d+Z\): GitLab('s rate limit \(RateLimit-Remaining 0 until RateLimit-Reset\)| \(429 Too Many Requests\))\./,
    );
    expect(result.waitedMs).toBeGreaterThanOrEqual(50_000);
    expect(result.waitedMs).toBeLessThanOrEqual(3_600_000);
  });

  it('counts every wait of the run against one budget: gitlab.max_wait 0 never waits', async () => {
    sandbox = await startSandbox({ seed: 'demo' });
    sandbox.setRateLimit({ limit: 3, windowSeconds: 60 });
    const result = await dryRun(['--max-wait', '0']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('longer than this run may wait (--max-wait 0 s)');
    expect(result.waitedMs).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedDocument } from '@teamops/gitlab-sandbox';
import { failureOf } from '../../src/commands/common/apply-flow.js';
import { ExitCode } from '../../src/errors.js';
import { createGitLab } from '../../src/gitlab/gitbeaker-adapter.js';
import { applyPlan } from '../../src/plan/apply-plan.js';
import { createPlan } from '../../src/plan/plan.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';

const seed: SeedDocument = {
  users: [{ username: 'visitor' }],
  groups: [{ path: 'acme', members: { visitor: 'guest' } }],
  projects: [{ path: 'acme/tasks', issues: [{ title: 'Not yours' }] }],
};

describe('a change GitLab refuses to the token’s user', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed });
  });
  afterAll(() => sandbox.stop());

  it('is reported as denied, and the run ends with a permission error (exit 4) that says a rerun will not help', async () => {
    const gitlab = createGitLab({ host: sandbox.url, token: sandbox.tokenFor('visitor'), clock: sandbox.clock });
    const plan = createPlan({
      command: 'test',
      scope: 'acme/tasks',
      date: '2026-11-16',
      context: {},
      actions: [{ kind: 'close-issue', key: 'close', summary: 'close acme/tasks#1', target: { project: 'acme/tasks', iid: 1 } }],
    });
    const result = await applyPlan(plan, gitlab.writer, { concurrency: 1 });
    expect(result.results).toEqual([expect.objectContaining({ status: 'failed', denied: true, error: expect.stringContaining('403') })]);
    const failure = failureOf(plan, result)!;
    expect(failure.exitCode).toBe(ExitCode.Auth);
    expect(failure.message).toBe("1 of 1 changes failed; 0 were applied; GitLab refused 1 of them to the token's user");
    expect(failure.hint).toContain('running it again will not help');
  });
});

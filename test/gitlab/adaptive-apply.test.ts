import type { SeedDocument } from '@teamops/gitlab-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitLab } from '../../src/gitlab/gitbeaker-adapter.js';
import { applyPlan } from '../../src/plan/apply-plan.js';
import { createPlan, type Action } from '../../src/plan/plan.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';

// The adaptive controller (gitlab/concurrency.ts) wired into a real connection: the transport feeds
// it every response, and applyPlan follows the writer's limit.
const PROJECT = 'acme/tasks';
const ISSUES = 20;
const seed: SeedDocument = {
  groups: [{ path: 'acme' }],
  projects: [{ path: PROJECT, issues: Array.from({ length: ISSUES }, (_, i) => ({ title: `Issue ${i + 1}` })) }],
};
const plan = (iids: number[]) =>
  createPlan({
    command: 'test',
    scope: PROJECT,
    date: '2026-11-16',
    context: {},
    actions: iids.map((iid): Action => ({
      kind: 'close-issue',
      key: `close/${iid}`,
      summary: `close #${iid}`,
      target: { project: PROJECT, iid },
    })),
  });

describe('adaptive concurrency on the apply path', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed });
  });
  afterAll(() => sandbox.stop());

  it('backs off after a server error, and the retried write still lands', async () => {
    const gitlab = createGitLab({ host: sandbox.url, token: sandbox.token, clock: sandbox.clock, maxConcurrency: 32 });
    expect(gitlab.writer.inFlightLimit?.()).toBe(8);
    sandbox.setFaults({ script: [{ method: 'PUT', path: /\/issues\/1$/, when: 'before', kind: 503, times: 1 }] });
    const result = await applyPlan(plan([1, 2, 3]), gitlab.writer, { concurrency: 32 });
    expect(result.done).toBe(3);
    expect(gitlab.writer.inFlightLimit?.()).toBeLessThan(8);
    const issue = await gitlab.reader.listIssues({ kind: 'project', ref: PROJECT }, { state: 'closed' });
    expect(issue.map((i) => i.iid).sort((a, b) => a - b)).toEqual([1, 2, 3]);
  });

  it('keeps --concurrency as a ceiling it never exceeds', async () => {
    const gitlab = createGitLab({ host: sandbox.url, token: sandbox.token, clock: sandbox.clock, maxConcurrency: 3 });
    const limits: number[] = [];
    const result = await applyPlan(plan(Array.from({ length: ISSUES - 3 }, (_, i) => i + 4)), gitlab.writer, {
      concurrency: 3,
      onActionDone: () => limits.push(gitlab.writer.inFlightLimit?.() ?? Number.NaN),
    });
    expect(result.done).toBe(ISSUES - 3);
    expect(limits).toHaveLength(ISSUES - 3);
    expect(Math.max(...limits)).toBeLessThanOrEqual(3);
  });
});

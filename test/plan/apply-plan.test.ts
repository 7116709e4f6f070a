import { describe, expect, it } from 'vitest';
import { createGitLab } from '../../src/gitlab/gitbeaker-adapter.js';
import { applyPlan } from '../../src/plan/apply-plan.js';
import { createPlan, type Action } from '../../src/plan/plan.js';

// Both checks run before any write, so a connection to nowhere is never used.
const writer = createGitLab({ host: 'http://127.0.0.1:9', token: 'glpat-never-sent-0000' }).writer;
const plan = (actions: Action[]) => createPlan({ command: 'test', scope: 'p', date: '2026-11-16', context: {}, actions });
const close = (key: string, after: string[]): Action => ({
  kind: 'close-issue',
  key,
  summary: key,
  target: { project: 'p', iid: 1 },
  after,
});

describe('applyPlan', () => {
  it('refuses a plan whose actions depend on each other in a cycle', async () => {
    await expect(applyPlan(plan([close('a', ['b']), close('b', ['a'])]), writer, { concurrency: 2 })).rejects.toThrow(
      'plan actions depend on each other in a cycle through a',
    );
  });

  it('refuses a plan that depends on an action it does not have', async () => {
    await expect(applyPlan(plan([close('a', ['missing'])]), writer, { concurrency: 2 })).rejects.toThrow(
      'plan action a depends on unknown action missing',
    );
  });
});

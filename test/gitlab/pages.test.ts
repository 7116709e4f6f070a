import type { SeedDocument } from '@teamops/gitlab-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitLab } from '../../src/gitlab/gitbeaker-adapter.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';

const PROJECT = 'acme/tasks';
const seedWith = (issues: number): SeedDocument => ({
  groups: [{ path: 'acme' }],
  projects: [{ path: PROJECT, issues: Array.from({ length: issues }, (_, i) => ({ title: `Issue ${i + 1}` })) }],
});

/** The `page` of each list request the sandbox served, in order. */
function pagesRequested(sandbox: TestSandbox): number[] {
  return sandbox.requestLog
    .filter((entry) => entry.method === 'GET' && entry.path.endsWith('/issues'))
    .map((entry) => Number(new URLSearchParams(entry.query).get('page') ?? '1'));
}

describe('reading a list of many pages', () => {
  let sandbox: TestSandbox | undefined;
  afterEach(() => sandbox?.stop());

  it('requests every page once, the rest together once the first says how many there are', async () => {
    sandbox = await startSandbox({ seed: seedWith(250) });
    const gitlab = createGitLab({ host: sandbox.url, token: sandbox.token, clock: sandbox.clock });
    const issues = await gitlab.reader.listIssues({ kind: 'project', ref: PROJECT });
    expect(new Set(issues.map((issue) => issue.iid)).size).toBe(250);
    expect(pagesRequested(sandbox).sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(gitlab.stats().requests).toBe(3);
  });

  it('follows X-Next-Page when GitLab leaves out X-Total-Pages (more than 10,000 items)', async () => {
    sandbox = await startSandbox({ seed: seedWith(10_050) });
    const gitlab = createGitLab({ host: sandbox.url, token: sandbox.token, clock: sandbox.clock });
    const issues = await gitlab.reader.listIssues({ kind: 'project', ref: PROJECT });
    expect(new Set(issues.map((issue) => issue.iid)).size).toBe(10_050);
    expect(pagesRequested(sandbox)).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));
  }, 60_000);
});

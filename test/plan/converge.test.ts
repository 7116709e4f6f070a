import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedDocument } from '@teamops/gitlab-sandbox';
import { createGitLab } from '../../src/gitlab/gitbeaker-adapter.js';
import type { GitLab } from '../../src/gitlab/port.js';
import { convergeDuplicates } from '../../src/plan/converge.js';
import { createPlan } from '../../src/plan/plan.js';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';

const PROJECT = 'acme/tasks';
const KEY = 'async-update-summary/2026-11-10/2026-11-16';
const marker = `<!-- teamops:key=${KEY} -->`;
const seed: SeedDocument = {
  groups: [{ path: 'acme' }],
  projects: [
    {
      path: PROJECT,
      issues: [
        { title: 'Weekly summary', description: `The first\n\n${marker}\n`, created_at: '2026-11-16T08:00:00Z' },
        { title: 'Unrelated', description: 'Nothing to see' },
        { title: 'Weekly summary', description: `The second\n\n${marker}\n`, created_at: '2026-11-16T08:00:01Z' },
      ],
    },
  ],
};

describe('converging duplicates after applying', () => {
  let sandbox: TestSandbox;
  let gitlab: GitLab;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed });
    gitlab = createGitLab({ host: sandbox.url, token: sandbox.token, clock: sandbox.clock });
  });
  afterAll(() => sandbox.stop());

  const plan = createPlan({
    command: 'update summary',
    scope: PROJECT,
    date: '2026-11-16',
    context: {},
    actions: [
      {
        kind: 'create-issue',
        key: KEY,
        summary: 'create the summary',
        project: PROJECT,
        issue: { title: 'Weekly summary', description: 'x' },
      },
    ],
  });
  const applied = {
    results: [{ key: KEY, kind: 'create-issue' as const, status: 'done' as const, summary: 'create the summary' }],
    done: 1,
    failed: 0,
    skipped: 0,
    interrupted: false,
  };

  it('keeps the oldest issue with a key, closes the others as its duplicates with a note, and takes their key away', async () => {
    const outcome = await convergeDuplicates(plan, applied, gitlab.reader, gitlab.writer, 4);

    expect(outcome.failed).toEqual([]);
    expect(outcome.closed).toEqual([
      {
        key: KEY,
        kept: { reference: 'acme/tasks#1', webUrl: `${sandbox.url}/acme/tasks/-/issues/1` },
        closed: { reference: 'acme/tasks#3', webUrl: `${sandbox.url}/acme/tasks/-/issues/3` },
      },
    ]);
    const [first, , second] = await gitlab.reader
      .listIssues({ kind: 'project', ref: PROJECT })
      .then((all) => all.sort((a, b) => a.iid - b.iid));
    expect(first).toMatchObject({ state: 'opened', key: KEY, description: 'The first' });
    expect(second).toMatchObject({ state: 'closed', key: null, description: 'The second' });
    const notes = await gitlab.reader.listNotes(PROJECT, 3);
    expect(notes.filter((n) => !n.system).map((n) => n.body)).toEqual([
      `Closed as a duplicate of acme/tasks#1 (${sandbox.url}/acme/tasks/-/issues/1): teamops found two issues for ${KEY} and keeps the oldest.`,
    ]);
  });

  it('finds nothing more to do the second time', async () => {
    const again = await convergeDuplicates(plan, applied, gitlab.reader, gitlab.writer, 4);
    expect(again).toEqual({ closed: [], failed: [] });
  });
});

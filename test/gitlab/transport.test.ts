import { Issues, Projects } from '@gitbeaker/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, GitLabApiError, NetworkError } from '../../src/errors.js';
import { createGitLab } from '../../src/gitlab/gitbeaker-adapter.js';
import type { GitLab } from '../../src/gitlab/port.js';
import { startSandbox, type TestSandbox as Sandbox } from '../support/sandbox.js';

const PROJECT = 'acme/tasks';
const seed = {
  users: [{ username: 'dev', name: 'Dev Eloper' }],
  groups: [{ path: 'acme', name: 'Acme', members: { dev: 'developer' } }],
  projects: [{ path: 'acme/tasks', name: 'Tasks', issues: [{ title: 'Existing issue' }] }],
};

describe('teamops transport against the sandbox', () => {
  let sandbox: Sandbox;
  let gitlab: GitLab;

  beforeEach(async () => {
    sandbox = await startSandbox({ seed: seed as never, faultSeed: 7 });
    gitlab = createGitLab({ host: sandbox.url, token: sandbox.token, clock: sandbox.clock });
  });
  afterEach(() => sandbox.stop());

  const writes = () => sandbox.requestLog.filter((entry) => entry.method !== 'GET');
  const issueTitles = async () =>
    (await new Issues({ host: sandbox.url, token: sandbox.token }).all({ projectId: PROJECT })).map((i) => i.title);

  it('retries a read that failed with 5xx and succeeds', async () => {
    sandbox.setFaults({ script: [{ method: 'GET', path: /\/issues$/, when: 'before', kind: 503, times: 2 }] });
    const issues = await gitlab.reader.listIssues({ kind: 'project', ref: PROJECT });
    expect(issues.map((i) => i.title)).toEqual(['Existing issue']);
    expect(sandbox.requestLog.filter((e) => e.path.endsWith('/issues')).map((e) => e.status)).toEqual([503, 503, 200]);
  });

  it('retries a read whose connection was dropped', async () => {
    sandbox.setFaults({ script: [{ method: 'GET', path: /\/projects\/[^/]+$/, when: 'before', kind: 'drop', times: 1 }] });
    const project = await gitlab.reader.getProject(PROJECT);
    expect(project?.pathWithNamespace).toBe(PROJECT);
    expect(sandbox.stats().faults).toBe(1);
  });

  it('gives up on a read after a bounded number of attempts, with a clear error', async () => {
    sandbox.setFaults({ script: [{ method: 'GET', path: /\/issues$/, when: 'before', kind: 503, times: 100 }] });
    const failure = gitlab.reader.listIssues({ kind: 'project', ref: PROJECT });
    await expect(failure).rejects.toBeInstanceOf(GitLabApiError);
    await expect(failure).rejects.toThrow(/cannot list issues of project acme\/tasks: GitLab returned 503/);
    expect(sandbox.requestLog.filter((e) => e.path.endsWith('/issues')).length).toBe(6);
  });

  it('does not duplicate a create whose response was lost after GitLab applied it', async () => {
    sandbox.setFaults({ script: [{ method: 'POST', path: /\/issues$/, when: 'after', kind: 502, times: 1 }] });
    const { issue, created } = await gitlab.writer.createIssue(
      PROJECT,
      { title: 'Week of 2026-11-16', description: 'Body' },
      'test/lost-response',
    );
    expect(created).toBe(false);
    expect(issue.title).toBe('Week of 2026-11-16');
    expect((await issueTitles()).filter((t) => t === 'Week of 2026-11-16')).toHaveLength(1);
    expect(writes().filter((e) => e.method === 'POST')).toHaveLength(1);
  });

  it('does not duplicate a create whose connection dropped after GitLab applied it', async () => {
    sandbox.setFaults({ script: [{ method: 'POST', path: /\/issues$/, when: 'after', kind: 'drop', times: 1 }] });
    await gitlab.writer.createIssue(PROJECT, { title: 'Dropped', description: '' }, 'test/dropped');
    expect((await issueTitles()).filter((t) => t === 'Dropped')).toHaveLength(1);
  });

  it('creates once when the create failed before GitLab applied it', async () => {
    sandbox.setFaults({ script: [{ method: 'POST', path: /\/issues$/, when: 'before', kind: 500, times: 1 }] });
    const { created } = await gitlab.writer.createIssue(PROJECT, { title: 'Retried', description: '' }, 'test/retried');
    expect(created).toBe(true);
    expect((await issueTitles()).filter((t) => t === 'Retried')).toHaveLength(1);
    expect(
      writes()
        .filter((e) => e.method === 'POST')
        .map((e) => e.status),
    ).toEqual([500, 201]);
  });

  it('finds an issue by its exact key, not by a key that merely starts the same', async () => {
    await gitlab.writer.createIssue(PROJECT, { title: 'Ten', description: '' }, 'okr/2027-q1/o10');
    expect(await gitlab.reader.findIssueByKey(PROJECT, 'okr/2027-q1/o1')).toBeNull();
    expect((await gitlab.reader.findIssueByKey(PROJECT, 'okr/2027-q1/o10'))?.title).toBe('Ten');
  });

  it('looks a key up by the title too, and keeps only the exact key', async () => {
    await gitlab.writer.createIssue(PROJECT, { title: 'Week of 2026-11-16', description: '' }, 'dri/2026-11-16');
    await gitlab.writer.createIssue(PROJECT, { title: 'Week of 2026-11-16', description: 'a copy made by hand' }, 'dri/2026-11-16-copy');
    const before = sandbox.requestLog.length;
    const found = await gitlab.reader.findIssueByKey(PROJECT, 'dri/2026-11-16', 'Week of 2026-11-16');
    expect(found?.key).toBe('dri/2026-11-16');
    const searches = sandbox.requestLog.slice(before).map((e) => new URLSearchParams(e.query));
    expect(searches.map((q) => q.get('in')).sort()).toEqual(['description', 'title']);
    expect(searches.find((q) => q.get('in') === 'title')?.get('search')).toBe('Week of 2026-11-16');
  });

  it('waits as told by a 429 instead of hammering, and every request succeeds', async () => {
    sandbox.setRateLimit({ limit: 5, windowSeconds: 1 });
    const started = sandbox.now().getTime();
    const results = await Promise.all(Array.from({ length: 12 }, () => gitlab.reader.getProject(PROJECT)));
    expect(results.every((p) => p?.id !== undefined)).toBe(true);
    const stats = sandbox.stats();
    // gitbeaker alone would resend each 429 ten times within a quarter of a second and then fail.
    expect(stats.rate_limited).toBeGreaterThan(0);
    expect(stats.total - stats.rate_limited).toBe(12);
    // Waiting as told means each 429 is followed by a pause, not by ten immediate resends: the
    // twelve requests took three one-second windows of the sandbox's clock, which only teamops' waits moved.
    expect(stats.rate_limited).toBeLessThanOrEqual(12);
    expect(sandbox.now().getTime() - started).toBeGreaterThanOrEqual(2_000);
  });

  it('keeps at most --concurrency requests on the wire, reads started all at once included, and spends each window without a 429', async () => {
    sandbox.setRateLimit({ limit: 5, windowSeconds: 1 });
    const bounded = createGitLab({ host: sandbox.url, token: sandbox.token, clock: sandbox.clock, maxConcurrency: 3 });
    const started = sandbox.now().getTime();
    const results = await Promise.all(Array.from({ length: 20 }, () => bounded.reader.getProject(PROJECT)));
    expect(results.every((p) => p?.pathWithNamespace === PROJECT)).toBe(true);
    // Only three go before the first answer tells the budget; after that each answer says how much the
    // window has left when GitLab counted it, less what was sent since: none is turned away.
    expect(sandbox.stats().rate_limited).toBe(0);
    expect(sandbox.stats().total).toBe(20);
    // Four of each window's five (one kept back in case two requests arrive in the other order): five windows.
    expect(sandbox.now().getTime() - started).toBeGreaterThanOrEqual(4_000);
    expect(sandbox.now().getTime() - started).toBeLessThan(6_000);
  });

  it('maps 401 to an authentication error with a hint about the token', async () => {
    const stranger = createGitLab({ host: sandbox.url, token: 'glpat-not-a-real-token-000' });
    const failure = stranger.reader.currentUser();
    await expect(failure).rejects.toBeInstanceOf(AuthError);
    await expect(failure).rejects.toMatchObject({ exitCode: 4, hint: expect.stringContaining('GITLAB_TOKEN') });
    // GitLab's body ("401 Unauthorized") repeats the status: it is said once.
    await expect(failure).rejects.toThrow(/^cannot read the current user: GitLab returned 401 Unauthorized$/);
  });

  it('maps a refused connection to a network error', async () => {
    const nowhere = createGitLab({ host: 'http://127.0.0.1:9', token: 'glpat-0123456789abcdef', clock: sandbox.clock });
    await expect(nowhere.reader.currentUser()).rejects.toBeInstanceOf(NetworkError);
  });

  it('returns null for a project that does not exist', async () => {
    expect(await gitlab.reader.getProject('acme/nope')).toBeNull();
    // and gitbeaker itself sees GitLab's wording
    await expect(new Projects({ host: sandbox.url, token: sandbox.token }).show('acme/nope')).rejects.toThrow('404 Project Not Found');
  });
});

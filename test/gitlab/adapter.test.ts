import { IssueNotes, Issues } from '@gitbeaker/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitLab } from '../../src/gitlab/gitbeaker-adapter.js';
import type { GitLab } from '../../src/gitlab/port.js';
import type { SeedDocument } from '@teamops/gitlab-sandbox';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';

const PROJECT = 'acme/tasks';
const seed: SeedDocument = {
  users: [{ username: 'dev', name: 'Dev Eloper' }],
  groups: [{ path: 'acme', name: 'Acme', members: { dev: 'developer' } }],
  projects: [
    {
      path: PROJECT,
      name: 'Tasks',
      issues: [
        { title: 'Made by hand' },
        { title: 'Edited below the key', description: 'Top\n\n<!-- teamops:key=hand/edited -->\nA line someone added' },
      ],
    },
  ],
};

/** The issue's description as GitLab stores it, read with gitbeaker alone. */
async function rawDescription(sandbox: TestSandbox, iid: number): Promise<string> {
  const issue = await new Issues({ host: sandbox.url, token: sandbox.token }).show(iid, { projectId: PROJECT });
  return issue.description;
}

describe('the GitLab adapter and idempotency keys, against the sandbox', () => {
  let sandbox: TestSandbox;
  let gitlab: GitLab;
  const scope = { kind: 'project', ref: PROJECT } as const;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed });
    gitlab = createGitLab({ host: sandbox.url, token: sandbox.token, clock: sandbox.clock });
  });
  afterAll(() => sandbox.stop());

  it('stores the key hidden in GitLab, and reads it back as `key` with a description that has no marker', async () => {
    const { issue } = await gitlab.writer.createIssue(PROJECT, { title: 'Keyed', description: 'What it is about.\n' }, 'test/keyed');
    expect(issue).toMatchObject({ key: 'test/keyed', description: 'What it is about.' });
    expect(await rawDescription(sandbox, issue.iid)).toBe('What it is about.\n\n<!-- teamops:key=test/keyed -->\n');

    const listed = (await gitlab.reader.listIssues(scope)).find((i) => i.iid === issue.iid);
    expect(listed).toMatchObject({ key: 'test/keyed', description: 'What it is about.' });
    expect((await gitlab.reader.findIssueByKey(PROJECT, 'test/keyed'))?.iid).toBe(issue.iid);
  });

  it('gives issues without a key a null key and their description as it is', async () => {
    const issues = await gitlab.reader.listIssues(scope);
    expect(issues.find((i) => i.title === 'Made by hand')).toMatchObject({ key: null, description: '' });
    expect(issues.find((i) => i.title === 'Edited below the key')).toMatchObject({
      key: 'hand/edited',
      description: 'Top\n\nA line someone added',
    });
    expect(issues.every((i) => !i.description.includes('teamops:key'))).toBe(true);
  });

  it('keeps the key in GitLab when an update replaces the description', async () => {
    const { issue } = await gitlab.writer.createIssue(PROJECT, { title: 'Objective', description: 'Intro' }, 'test/objective');
    const read = (await gitlab.reader.findIssueByKey(PROJECT, 'test/objective'))!;
    const updated = await gitlab.writer.updateIssue(PROJECT, issue.iid, {
      description: `${read.description}\n\n- [ ] a key result`,
      key: read.key,
    });
    expect(updated).toMatchObject({ key: 'test/objective', description: 'Intro\n\n- [ ] a key result' });
    expect(await rawDescription(sandbox, issue.iid)).toBe('Intro\n\n- [ ] a key result\n\n<!-- teamops:key=test/objective -->\n');
    // and the issue is still found by its key
    expect((await gitlab.reader.findIssueByKey(PROJECT, 'test/objective'))?.iid).toBe(issue.iid);
  });

  it('writes no marker when the issue had no key', async () => {
    const handMade = (await gitlab.reader.listIssues(scope)).find((i) => i.title === 'Made by hand')!;
    await gitlab.writer.updateIssue(PROJECT, handMade.iid, { description: 'Now with text', key: handMade.key });
    expect(await rawDescription(sandbox, handMade.iid)).toBe('Now with text');
  });

  it('leaves the description, and so the key, alone when an update does not replace it', async () => {
    const { issue } = await gitlab.writer.createIssue(PROJECT, { title: 'Labelled', description: 'Body' }, 'test/labelled');
    await gitlab.writer.updateIssue(PROJECT, issue.iid, { addLabels: ['extra'] });
    expect(await rawDescription(sandbox, issue.iid)).toBe('Body\n\n<!-- teamops:key=test/labelled -->\n');
  });

  it('lists the issues whose key starts with a prefix, and only those', async () => {
    const project = { kind: 'project', ref: PROJECT } as const;
    for (const [title, key] of [
      ['Q1 objective', 'okr/2027-Q1/o'],
      ['Q1 key result', 'okr/2027-Q1/o/kr'],
      ['Q2 objective', 'okr/2027-Q2/o'],
      ['Q10', 'okr/2027-Q10/o'],
    ]) {
      await gitlab.writer.createIssue(PROJECT, { title: title!, description: '', labels: ['OKR'] }, key!);
    }
    // Search finds a key merely written in the text; it is not this issue's key.
    await gitlab.writer.createIssue(PROJECT, { title: 'Mentions', description: 'Copied: teamops:key=okr/2027-Q1/o' }, 'other/mentions');

    const before = sandbox.requestLog.length;
    const found = await gitlab.reader.listIssuesByKeyPrefix(project, 'okr/2027-Q1/', { labels: ['OKR'], title: 'objective' });
    expect(found.map((i) => [i.key, i.title, i.description])).toEqual([
      ['okr/2027-Q1/o', 'Q1 objective', ''],
      ['okr/2027-Q1/o/kr', 'Q1 key result', ''],
    ]);
    // One description search for the key, and the labels and title words as GitLab's search may miss it.
    const asked = sandbox.requestLog.slice(before).map((e) => new URLSearchParams(e.query));
    expect(asked.map((q) => `in=${q.get('in')} search=${q.get('search')} labels=${q.get('labels')}`).sort()).toEqual([
      'in=description search=teamops:key=okr/2027-Q1/ labels=null',
      'in=null search=null labels=OKR',
      'in=title search=objective labels=null',
    ]);
  });

  it('hides a comment’s key the same way, and finds the comment by it when the response to its create was lost', async () => {
    const { issue } = await gitlab.writer.createIssue(PROJECT, { title: 'Commented', description: '' }, 'test/commented');
    sandbox.setFaults({ script: [{ method: 'POST', path: /\/notes$/, when: 'after', kind: 502, times: 1 }] });
    const { note, created } = await gitlab.writer.createNote(PROJECT, issue.iid, 'Handing over.', 'test/note');
    expect({ created, key: note.key, body: note.body }).toEqual({ created: false, key: 'test/note', body: 'Handing over.' });

    const raw = await new IssueNotes({ host: sandbox.url, token: sandbox.token }).all(PROJECT, issue.iid);
    expect(raw.map((n) => n.body)).toEqual(['Handing over.\n\n<!-- teamops:key=test/note -->\n']);
    expect((await gitlab.reader.listNotes(PROJECT, issue.iid)).map((n) => ({ key: n.key, body: n.body }))).toEqual([
      { key: 'test/note', body: 'Handing over.' },
    ]);
  });
});

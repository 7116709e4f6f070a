import {
  GroupMilestones,
  Groups,
  IssueLinks,
  IssueNotes,
  Issues,
  MergeRequests,
  ProjectLabels,
  ProjectMilestones,
  Projects,
  ProjectTemplates,
  RepositoryFiles,
  Users,
} from '@gitbeaker/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';

// The real @gitbeaker/rest client, unchanged, against the sandbox.

const TEAM_TASKS = 'distribution/team-tasks';
let sandbox: Sandbox;
let options: { host: string; token: string };

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' });
  options = { host: sandbox.url, token: sandbox.token };
});

afterAll(async () => {
  await sandbox.stop();
});

describe('gitbeaker against the sandbox', () => {
  it('follows Link headers across pages with .all()', async () => {
    const issues = new Issues(options);
    const all = await issues.all({ projectId: 'distribution/omnibus', perPage: 7 });
    // The demo's omnibus project holds the engineering issues and the queue's (seeds/demo.ts).
    const { paginationInfo } = await issues.all({ projectId: 'distribution/omnibus', perPage: 1, page: 1, showExpanded: true });
    expect(paginationInfo.total).toBeGreaterThan(28);
    expect(all).toHaveLength(paginationInfo.total);
    expect(new Set(all.map((issue) => issue.iid)).size).toBe(paginationInfo.total);
    const requests = sandbox.requestLog.filter((entry) => entry.path === '/api/v4/projects/distribution%2Fomnibus/issues');
    expect(requests.length).toBeGreaterThanOrEqual(5);
  });

  it('reads pagination info with showExpanded', async () => {
    const issues = new Issues(options);
    const page = await issues.all({ projectId: TEAM_TASKS, perPage: 4, page: 2, showExpanded: true });
    expect(page.data).toHaveLength(4);
    expect(page.paginationInfo).toMatchObject({ total: 9, totalPages: 3, current: 2, next: 3, previous: 1, perPage: 4 });
  });

  it('filters, creates and edits issues', async () => {
    const issues = new Issues(options);
    const requests = await issues.all({ projectId: TEAM_TASKS, labels: 'dri::active-request', state: 'opened' });
    expect(requests.map((issue) => issue.iid).sort()).toEqual([3, 4]);
    const notDri = await issues.all({ projectId: TEAM_TASKS, not: { labels: 'DRI' }, state: 'opened', iids: [2, 3, 4] });
    expect(notDri.map((issue) => issue.iid).sort()).toEqual([3, 4]);

    const created = await issues.create(TEAM_TASKS, 'Made by gitbeaker', { labels: 'dri::active-request', assigneeIds: [2] });
    expect(created).toMatchObject({ title: 'Made by gitbeaker', labels: ['dri::active-request'] });
    const edited = await issues.edit(TEAM_TASKS, created.iid, { addLabels: 'dri::completed', stateEvent: 'close', milestoneId: 0 });
    expect(edited).toMatchObject({ state: 'closed', labels: ['dri::completed'] });
    const shown = await issues.show(created.iid, { projectId: TEAM_TASKS });
    expect(shown.id).toBe(created.id);
  });

  it('creates and lists issue links and notes', async () => {
    const links = new IssueLinks(options);
    const link = await links.create(TEAM_TASKS, 6, 'distribution/omnibus', 2, { linkType: 'relates_to' });
    expect(link.link_type).toBe('relates_to');
    expect((await links.all(TEAM_TASKS, 6)).map((issue) => issue.iid)).toEqual([2]);

    const notes = new IssueNotes(options);
    await notes.create(TEAM_TASKS, 6, 'From gitbeaker');
    expect((await notes.all(TEAM_TASKS, 6)).map((note) => note.body)).toContain('From gitbeaker');
  });

  it('reads issue templates and raw repository files', async () => {
    const templates = new ProjectTemplates(options);
    expect((await templates.all(TEAM_TASKS, 'issues')).map((template) => template.key)).toEqual(['Async-Update', 'Distribution-DRI']);
    const template = await templates.show(TEAM_TASKS, 'issues', 'Distribution-DRI');
    expect(template.content).toContain('{% for request in handover %}');

    const files = new RepositoryFiles(options);
    const raw = await files.showRaw(TEAM_TASKS, '.gitlab/issue_templates/Distribution-DRI.md', 'main');
    expect(raw).toBe(template.content);
    await files.create(TEAM_TASKS, '.gitlab/issue_templates/Bug.md', 'main', '## Bug\n', 'Add bug template');
    await files.edit(TEAM_TASKS, '.gitlab/issue_templates/Bug.md', 'main', '## Bug report\n', 'Edit bug template');
    const file = await files.show(TEAM_TASKS, '.gitlab/issue_templates/Bug.md', 'main');
    expect(Buffer.from(file.content, 'base64').toString('utf8')).toBe('## Bug report\n');
    expect((await templates.show(TEAM_TASKS, 'issues', 'Bug')).content).toBe('## Bug report\n');
  });

  it('reads users, statuses, projects, groups, labels, milestones and merge requests', async () => {
    const users = new Users(options);
    expect((await users.showCurrentUser()).username).toBe('root');
    expect((await users.all({ username: 'dana.kowalski' })).map((user) => user.username)).toEqual(['dana.kowalski']);
    expect(await users.showStatus({ iDOrUsername: 'dana.kowalski' })).toMatchObject({ availability: 'busy' });

    expect((await new Projects(options).show(TEAM_TASKS)).path_with_namespace).toBe(TEAM_TASKS);
    expect((await new Groups(options).show('distribution')).full_path).toBe('distribution');
    const labels = await new ProjectLabels(options).all(TEAM_TASKS);
    expect(labels.map((label) => label.name)).toContain('DRI');

    const groupMilestones = await new GroupMilestones(options).all('distribution', { state: 'active' });
    expect(groupMilestones).toHaveLength(3);
    const current = groupMilestones[1];
    const assigned = await new GroupMilestones(options).allAssignedIssues('distribution', current?.id ?? 0);
    expect(assigned.length).toBeGreaterThan(0);
    const created = await new ProjectMilestones(options).create('distribution/okrs', 'FY27-Q1', { dueDate: '2027-04-30' });
    expect(created.title).toBe('FY27-Q1');

    const merged = await new MergeRequests(options).all({ groupId: 'distribution', state: 'merged' });
    expect(merged.length).toBe(7);
  });

  it('surfaces GitLab’s error bodies through GitbeakerRequestError', async () => {
    const issues = new Issues(options);
    await expect(issues.create(TEAM_TASKS, '')).rejects.toMatchObject({ message: '{"title":["can\'t be blank"]}' });
    await expect(issues.show(999, { projectId: TEAM_TASKS })).rejects.toMatchObject({
      message: '404 Not found',
      cause: { response: { status: 404 } },
    });
  });
});

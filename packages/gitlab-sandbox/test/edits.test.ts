import {
  GroupLabels,
  GroupMembers,
  GroupMilestones,
  Groups,
  IssueNotes,
  Issues,
  ProjectLabels,
  ProjectMembers,
  ProjectMilestones,
  Projects,
  Users,
} from '@gitbeaker/rest';
import { beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';
import { api, asArray, asObject, projectPath } from './support/http.js';

// Clean-up and edits, through the real gitbeaker client: DELETE for issues, labels, milestones,
// notes, members, projects and groups; PUT for labels, notes, members, projects, groups and users;
// one member, direct or inherited. Status codes and messages as lib/api answers them.

const APP = 'acme/app';
let sandbox: Sandbox;
let root: { host: string; token: string };
const as = (username: string) => ({ host: sandbox.url, token: sandbox.tokenFor(username) });

beforeEach(async () => {
  sandbox = await startSandbox({
    seed: {
      users: [
        { username: 'olivia.owner' },
        { username: 'mark.maintainer' },
        { username: 'dev.dora' },
        { username: 'rita.reporter' },
        { username: 'outsider' },
      ],
      groups: [
        {
          path: 'acme',
          members: { 'olivia.owner': 'owner', 'mark.maintainer': 'maintainer', 'dev.dora': 'developer', 'rita.reporter': 'reporter' },
          labels: [{ name: 'group-wide', color: '#00ff00' }],
          milestones: [{ title: 'G1' }],
        },
        { path: 'acme/platform' },
      ],
      projects: [
        {
          path: APP,
          labels: [{ name: 'bug', color: '#ff0000' }, { name: 'doomed' }],
          milestones: [{ title: 'M1' }],
          issues: [
            {
              title: 'Labelled',
              labels: ['bug', 'doomed', 'group-wide'],
              milestone: 'M1',
              author: 'dev.dora',
              notes: [
                { body: 'first', author: 'dev.dora' },
                { body: 'second', author: 'rita.reporter' },
              ],
            },
            { title: 'Group milestone', milestone: 'G1', links: ['#1'] },
          ],
        },
        { path: 'acme/platform/tools' },
      ],
    },
  });
  root = { host: sandbox.url, token: sandbox.token };
});

function statusOf(error: unknown): number | undefined {
  return (error as { cause?: { response?: { status?: number } } }).cause?.response?.status;
}

async function failure(promise: Promise<unknown>): Promise<{ status: number | undefined; description: string }> {
  try {
    await promise;
  } catch (error) {
    const description = String((error as { cause?: { description?: unknown } }).cause?.description ?? '');
    return { status: statusOf(error), description };
  }
  throw new Error('expected the request to fail');
}

describe('DELETE an issue', () => {
  it('is for owners and administrators: 204, and the issue, its notes and links are gone', async () => {
    expect(await failure(new Issues(as('mark.maintainer')).remove(APP, 1))).toMatchObject({ status: 403 });
    await new Issues(as('olivia.owner')).remove(APP, 1);
    const response = await api(sandbox, `/projects/${projectPath(APP)}/issues/1`);
    expect(response.status).toBe(404);
    const links = await api(sandbox, `/projects/${projectPath(APP)}/issues/2/links`);
    expect(asArray(links.json)).toEqual([]);
    const raw = await api(sandbox, `/projects/${projectPath(APP)}/issues/2`, { method: 'DELETE' });
    expect(raw.status).toBe(204);
    const list = await api(sandbox, `/projects/${projectPath(APP)}/issues`);
    expect(asArray(list.json)).toEqual([]);
    expect(list.headers.get('x-total')).toBe('0');
    // The iid is not handed out again.
    expect(
      asObject((await api(sandbox, `/projects/${projectPath(APP)}/issues`, { method: 'POST', body: { title: 'Next' } })).json)['iid'],
    ).toBe(3);
  });

  it('answers 404 Issue Not Found for an iid that does not exist', async () => {
    const response = await api(sandbox, `/projects/${projectPath(APP)}/issues/99`, { method: 'DELETE' });
    expect(response).toMatchObject({ status: 404, json: { message: '404 Issue Not Found' } });
  });
});

describe('labels', () => {
  it('renames and recolours a project label with new_name and color, on its issues too', async () => {
    const labels = new ProjectLabels(as('rita.reporter'));
    const edited = await labels.edit(APP, 'bug', { newName: 'defect', description: 'Broken' });
    expect(edited).toMatchObject({ name: 'defect', color: '#ff0000', description: 'Broken' });
    expect(await labels.edit(APP, 'defect', { color: '#123456' })).toMatchObject({ name: 'defect', color: '#123456' });
    const issue = await new Issues(root).show(1, { projectId: APP });
    expect(issue.labels).toEqual(['defect', 'doomed', 'group-wide']);
    const filtered = await api(sandbox, `/projects/${projectPath(APP)}/issues?labels=defect`);
    expect(asArray(filtered.json).map((item) => item['iid'])).toEqual([1]);
  });

  it('refuses a rename onto a taken name, and an edit with nothing to change', async () => {
    const taken = await api(sandbox, `/projects/${projectPath(APP)}/labels/bug`, { method: 'PUT', body: { new_name: 'doomed' } });
    expect(taken).toMatchObject({ status: 400, json: { message: { title: ['has already been taken'] } } });
    const empty = await api(sandbox, `/projects/${projectPath(APP)}/labels/bug`, { method: 'PUT', body: {} });
    expect(empty).toMatchObject({
      status: 400,
      json: { error: 'new_name, color, description, priority are missing, at least one parameter must be provided' },
    });
    const badColour = await api(sandbox, `/projects/${projectPath(APP)}/labels/bug`, { method: 'PUT', body: { color: 'nope' } });
    expect(badColour).toMatchObject({ status: 400, json: { message: { color: ['must be a valid color code'] } } });
  });

  it('deletes project and group labels with 204 and takes them off issues', async () => {
    await new ProjectLabels(root).remove(APP, 'doomed');
    await new GroupLabels(root).remove('acme', 'group-wide');
    const issue = await new Issues(root).show(1, { projectId: APP });
    expect(issue.labels).toEqual(['bug']);
    const names = (await new ProjectLabels(root).all(APP)).map((label) => label.name);
    expect(names).toEqual(['bug']);
    const again = await api(sandbox, `/projects/${projectPath(APP)}/labels/doomed`, { method: 'DELETE' });
    expect(again).toMatchObject({ status: 404, json: { message: '404 Label Not Found' } });
  });

  it('lets only reporters and up edit or delete labels', async () => {
    const guest = await api(sandbox, `/projects/${projectPath(APP)}/labels/bug`, { method: 'DELETE', token: sandbox.tokenFor('outsider') });
    expect(guest.status).toBe(404); // a private project is not found for a non-member
  });

  it('renames a group label with new_name', async () => {
    const edited = await new GroupLabels(root).edit('acme', 'group-wide', { newName: 'company-wide' });
    expect(edited).toMatchObject({ name: 'company-wide' });
    expect((await new Issues(root).show(1, { projectId: APP })).labels).toEqual(['bug', 'company-wide', 'doomed']);
  });
});

describe('milestones', () => {
  it('deletes project and group milestones with 204; their issues lose the milestone', async () => {
    const projectMilestone = (await new ProjectMilestones(root).all(APP))[0];
    const groupMilestone = (await new GroupMilestones(root).all('acme'))[0];
    await new ProjectMilestones(root).remove(APP, projectMilestone?.id as number);
    await new GroupMilestones(root).remove('acme', groupMilestone?.id as number);
    const issues = await new Issues(root).all({ projectId: APP });
    expect(issues.map((issue) => issue.milestone)).toEqual([null, null]);
    expect((await api(sandbox, `/projects/${projectPath(APP)}/milestones?include_ancestors=true`)).json).toEqual([]);
    expect(await failure(new ProjectMilestones(as('dev.dora')).remove(APP, 999))).toMatchObject({ status: 404 });
  });
});

describe('notes', () => {
  it('edits a note for its author, and deletes it for the author or a maintainer', async () => {
    const notes = new IssueNotes(as('dev.dora'));
    const [first, second] = await notes.all(APP, 1, { sort: 'asc' });
    const edited = await notes.edit(APP, 1, first?.id as number, { body: 'first, edited' });
    expect(edited).toMatchObject({ body: 'first, edited' });
    expect(await failure(notes.edit(APP, 1, second?.id as number, { body: 'not mine' }))).toMatchObject({ status: 403 });
    expect(await failure(notes.remove(APP, 1, second?.id as number))).toMatchObject({ status: 403 });
    await new IssueNotes(as('mark.maintainer')).remove(APP, 1, second?.id as number);
    const left = await new IssueNotes(root).all(APP, 1);
    expect(left.map((note) => note.body)).toEqual(['first, edited']);
    expect((await new Issues(root).show(1, { projectId: APP })).user_notes_count).toBe(1);
  });

  it('refuses an empty body, and answers 404 Note Not Found for another note', async () => {
    const [first] = await new IssueNotes(root).all(APP, 1);
    const empty = await api(sandbox, `/projects/${projectPath(APP)}/issues/1/notes/${first?.id}`, { method: 'PUT', body: { body: ' ' } });
    expect(empty).toMatchObject({ status: 400, json: { message: `400 Bad request - Failed to save note {:note=>["can't be blank"]}` } });
    const missing = await api(sandbox, `/projects/${projectPath(APP)}/issues/1/notes/9999`, { method: 'DELETE' });
    expect(missing).toMatchObject({ status: 404, json: { message: '404 Note Not Found' } });
  });
});

describe('members', () => {
  it('shows one member, direct or inherited, and 404 Member Not Found for others', async () => {
    const users = new Users(root);
    const [dora] = await users.all({ username: 'dev.dora' });
    const [outsider] = await users.all({ username: 'outsider' });
    const inherited = await new ProjectMembers(root).show(APP, dora?.id as number, { includeInherited: true });
    expect(inherited).toMatchObject({ username: 'dev.dora', access_level: 30 });
    expect(await failure(new ProjectMembers(root).show(APP, dora?.id as number))).toMatchObject({ status: 404 });
    const direct = await api(sandbox, `/projects/${projectPath(APP)}/members/${dora?.id}`);
    expect(direct).toMatchObject({ status: 404, json: { message: '404 Member Not Found' } });
    expect(await new GroupMembers(root).show('acme', dora?.id as number)).toMatchObject({ access_level: 30 });
    const none = await api(sandbox, `/groups/acme/members/all/${outsider?.id}`);
    expect(none).toMatchObject({ status: 404, json: { message: '404 Member Not Found' } });
  });

  it('changes access levels (maintainers, not above their own) and removes members', async () => {
    const [dora] = await new Users(root).all({ username: 'dev.dora' });
    const doraId = dora?.id as number;
    const members = new GroupMembers(as('mark.maintainer'));
    expect(await members.edit('acme', doraId, 40)).toMatchObject({ access_level: 40 });
    expect(await failure(members.edit('acme', doraId, 50))).toMatchObject({ status: 403 });
    expect(await failure(new GroupMembers(as('rita.reporter')).edit('acme', doraId, 20))).toMatchObject({ status: 403 });
    const invalid = await api(sandbox, `/groups/acme/members/${doraId}`, { method: 'PUT', body: { access_level: 42 } });
    expect(invalid).toMatchObject({ status: 400, json: { error: 'access_level does not have a valid value' } });
    await members.remove('acme', doraId);
    expect(await failure(new GroupMembers(root).show('acme', doraId))).toMatchObject({ status: 404 });
    const project = await api(sandbox, `/projects/${projectPath(APP)}`, { token: sandbox.tokenFor('dev.dora') });
    expect(project.status).toBe(404);
  });
});

describe('projects and groups', () => {
  it('edits a project (maintainers; path and visibility for owners) and deletes it with 202 Accepted', async () => {
    const projects = new Projects(as('mark.maintainer'));
    expect(await projects.edit(APP, { description: 'The app' })).toMatchObject({ description: 'The app' });
    expect(await failure(projects.edit(APP, { visibility: 'public' }))).toMatchObject({ status: 403 });
    const renamed = await new Projects(as('olivia.owner')).edit(APP, { path: 'application', name: 'Application' });
    expect(renamed).toMatchObject({ path_with_namespace: 'acme/application', name: 'Application' });
    expect((await api(sandbox, `/projects/${projectPath(APP)}`)).status).toBe(404);

    expect(await failure(projects.remove('acme/application'))).toMatchObject({ status: 403 });
    const deleted = await api(sandbox, `/projects/${projectPath('acme/application')}`, {
      method: 'DELETE',
      token: sandbox.tokenFor('olivia.owner'),
    });
    expect(deleted).toMatchObject({ status: 202, json: { message: '202 Accepted' } });
    expect((await api(sandbox, `/projects/${projectPath('acme/application')}`)).status).toBe(404);
    expect((await api(sandbox, '/issues?scope=all')).json).toEqual([]);
  });

  it('edits a group (owners) and deletes it with its subgroups and projects', async () => {
    expect(await failure(new Groups(as('mark.maintainer')).edit('acme', { description: 'x' }))).toMatchObject({ status: 403 });
    const edited = await new Groups(as('olivia.owner')).edit('acme', { name: 'ACME Corp', description: 'We make everything' });
    expect(edited).toMatchObject({ name: 'ACME Corp', description: 'We make everything', full_path: 'acme' });
    expect(asArray(asObject(edited)['projects']).map((project) => project['path'])).toEqual(['app']);
    const deleted = await api(sandbox, '/groups/acme', { method: 'DELETE', token: sandbox.tokenFor('olivia.owner') });
    expect(deleted).toMatchObject({ status: 202, json: { message: '202 Accepted' } });
    for (const path of ['/groups/acme', '/groups/acme%2Fplatform', `/projects/${projectPath('acme/platform/tools')}`]) {
      expect((await api(sandbox, path)).status, path).toBe(404);
    }
    expect(await new Groups(root).all()).toEqual([]);
  });
});

describe('users', () => {
  it('lets administrators edit a user, keeping e-mails and usernames unique', async () => {
    const [rita] = await new Users(root).all({ username: 'rita.reporter' });
    const ritaId = rita?.id as number;
    // gitbeaker sends user edits as multipart/form-data.
    const edited = await new Users(root).edit(ritaId, { name: 'Rita R.', bio: 'Finds bugs' });
    expect(edited).toMatchObject({ name: 'Rita R.', bio: 'Finds bugs', is_admin: false });
    const jobTitle = await api(sandbox, `/users/${ritaId}`, { method: 'PUT', body: { job_title: 'QA Lead' } });
    expect(jobTitle.json).toMatchObject({ job_title: 'QA Lead', name: 'Rita R.' });
    const taken = await api(sandbox, `/users/${ritaId}`, { method: 'PUT', body: { email: 'dev.dora@example.com' } });
    expect(taken).toMatchObject({ status: 409, json: { message: 'Email has already been taken' } });
    const renamed = await new Users(root).edit(ritaId, { username: 'rita' });
    expect(renamed).toMatchObject({ username: 'rita' });
    expect((await api(sandbox, '/user', { token: sandbox.tokenFor('rita') })).json).toMatchObject({ username: 'rita' });
    expect(await failure(new Users(as('dev.dora')).edit(ritaId, { name: 'x' }))).toMatchObject({ status: 403 });
    const missing = await api(sandbox, '/users/9999', { method: 'PUT', body: { name: 'Nobody' } });
    expect(missing).toMatchObject({ status: 404, json: { message: '404 User Not Found' } });
  });
});

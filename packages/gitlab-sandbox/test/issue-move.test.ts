import { IssueDiscussions, IssueLinks, IssueNotes, Issues, Projects } from '@gitbeaker/rest';
import { beforeEach, describe, expect, it } from 'vitest';
import { api, asArray, asObject, projectPath } from './support/http.js';
import { expectValid, schema } from './support/schemas.js';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';

// Moving an issue to another project (POST /projects/:id/issues/:issue_iid/move, Issues::MoveService),
// through gitbeaker's Issues.move, and GitLab's errors.

const APP = 'acme/app';
const TOOLS = 'acme/tools';
const SITE = 'elsewhere/site';
let sandbox: Sandbox;
let ids: Record<string, number>;
const as = (username: string) => ({ host: sandbox.url, token: sandbox.tokenFor(username) });

beforeEach(async () => {
  sandbox = await startSandbox({
    seed: {
      users: [{ username: 'mark.maintainer' }, { username: 'dev.dora' }, { username: 'rita.reporter' }, { username: 'gus.guest' }],
      groups: [
        {
          path: 'acme',
          members: { 'mark.maintainer': 'maintainer', 'dev.dora': 'developer', 'rita.reporter': 'reporter', 'gus.guest': 'guest' },
          labels: [{ name: 'group-wide' }],
          milestones: [{ title: 'G1' }],
        },
        { path: 'elsewhere', members: { 'mark.maintainer': 'maintainer' } },
      ],
      projects: [
        {
          path: APP,
          labels: [{ name: 'bug' }, { name: 'only-here' }],
          milestones: [{ title: 'M1' }],
          issues: [
            {
              title: 'Move me',
              description: 'All of it',
              author: 'dev.dora',
              assignees: ['dev.dora'],
              labels: ['bug', 'only-here', 'group-wide'],
              milestone: 'M1',
              created_at: '2026-10-01T08:00:00Z',
              notes: [{ body: 'a comment', author: 'rita.reporter' }],
              links: ['#2'],
            },
            { title: 'Linked', milestone: 'G1' },
          ],
        },
        { path: TOOLS, labels: [{ name: 'bug' }], milestones: [{ title: 'M1' }], issues: [{ title: 'Already here' }] },
        { path: SITE, labels: [{ name: 'bug' }] },
      ],
    },
  });
  const projects = await new Projects({ host: sandbox.url, token: sandbox.token }).all({ perPage: 100 });
  ids = Object.fromEntries(projects.map((project) => [project.path_with_namespace, project.id]));
});

describe('moving an issue', () => {
  it('creates the issue in the target project and closes the original, pointing to it', async () => {
    const moved = await new Issues(as('rita.reporter')).move(APP, 1, ids[TOOLS] ?? 0);
    expectValid(schema('issue'), moved);
    const toolsMilestone = asArray((await api(sandbox, `/projects/${projectPath(TOOLS)}/milestones`)).json)[0];
    expect(moved).toMatchObject({
      project_id: ids[TOOLS],
      iid: 2,
      title: 'Move me',
      description: 'All of it',
      state: 'opened',
      created_at: '2026-10-01T08:00:00.000Z',
      author: { username: 'dev.dora' },
      assignees: [{ username: 'dev.dora' }],
      // Labels whose titles exist in the target (its own or its group's); the milestone by title.
      labels: ['bug', 'group-wide'],
      milestone: { id: toolsMilestone?.['id'], title: 'M1' },
      moved_to_id: null,
      references: { short: '#2', relative: '#2', full: 'acme/tools#2' },
    });

    const original = await new Issues(as('rita.reporter')).show(1, { projectId: APP });
    expect(original).toMatchObject({ state: 'closed', moved_to_id: moved.id, closed_by: { username: 'rita.reporter' } });
    const oldNotes = (await new IssueNotes(as('rita.reporter')).all(APP, 1, { sort: 'asc' })).map((note) => [note.system, note.body]);
    expect(oldNotes.slice(-2)).toEqual([
      [true, 'closed'],
      [true, 'moved to tools#2'],
    ]);
    const newNotes = (await new IssueNotes(as('rita.reporter')).all(TOOLS, 2, { sort: 'asc' })).map((note) => [note.system, note.body]);
    expect(newNotes).toContainEqual([false, 'a comment']);
    expect(newNotes.at(-1)).toEqual([true, 'moved from app#1']);
    expect(newNotes).not.toContainEqual([true, 'closed']);

    // Its history comes along: label events as they were, milestone events mapped to the target's M1.
    const events = async (project: string, iid: number, kind: string) =>
      asArray((await api(sandbox, `/projects/${projectPath(project)}/issues/${iid}/resource_${kind}_events`)).json);
    const labelEvents = (await events(APP, 1, 'label')).map((event) => [asObject(event['label'])['name'], event['action']]);
    expect(labelEvents.length).toBeGreaterThan(0);
    expect((await events(TOOLS, 2, 'label')).map((event) => [asObject(event['label'])['name'], event['action']])).toEqual(labelEvents);
    expect((await events(TOOLS, 2, 'milestone')).map((event) => asObject(event['milestone'])['id'])).toEqual([toolsMilestone?.['id']]);

    // The link now joins the new issue.
    expect((await new IssueLinks(as('rita.reporter')).all(TOOLS, 2)).map((link) => link.iid)).toEqual([2]);
    expect(await new IssueLinks(as('rita.reporter')).all(APP, 1)).toEqual([]);
    expect((await new IssueLinks(as('rita.reporter')).all(APP, 2)).map((link) => [link.project_id, link.iid])).toEqual([[ids[TOOLS], 2]]);
  });

  it('drops the milestone when the target has none of that title, and keeps threads together', async () => {
    const discussions = new IssueDiscussions(as('mark.maintainer'));
    const thread = await discussions.create(APP, 2, 'Where should this live?');
    await discussions.addNote(APP, 2, thread.id, 'Elsewhere.');
    const moved = await new Issues(as('mark.maintainer')).move(APP, 2, ids[SITE] ?? 0);
    expect(moved).toMatchObject({ project_id: ids[SITE], iid: 1, milestone: null, references: { full: 'elsewhere/site#1' } });
    const copied = await new IssueDiscussions(as('mark.maintainer')).all(SITE, 1);
    const copiedThread = copied.find((discussion) => discussion.individual_note === false);
    expect(copiedThread?.notes?.map((note) => note.body)).toEqual(['Where should this live?', 'Elsewhere.']);
    expect(copiedThread?.id).not.toBe(thread.id);
    expect(copied.at(-1)?.notes?.[0]).toMatchObject({ system: true, body: 'moved from acme/app#2' });
    const original = await new IssueNotes(as('mark.maintainer')).all(APP, 2, { sort: 'desc' });
    expect(original[0]).toMatchObject({ system: true, body: 'moved to elsewhere/site#1' });
  });

  it('answers GitLab’s errors', async () => {
    const path = `/projects/${projectPath(APP)}/issues/1/move`;
    const move = (body: unknown, username?: string, route = path) =>
      api(sandbox, route, { method: 'POST', body, ...(username ? { token: sandbox.tokenFor(username) } : {}) });
    expect(await move({ to_project_id: ids[APP] })).toMatchObject({
      status: 400,
      json: { message: 'Cannot move issue to project it originates from!' },
    });
    expect(await move({ to_project_id: 9999 })).toMatchObject({ status: 404, json: { message: '404 Project Not Found' } });
    expect(await move({})).toMatchObject({ status: 400, json: { error: 'to_project_id is missing' } });
    expect(await move({ to_project_id: ids[TOOLS] }, undefined, `/projects/${projectPath(APP)}/issues/99/move`)).toMatchObject({
      status: 404,
      json: { message: '404 Not found' },
    });
    const insufficient = { status: 400, json: { message: 'Cannot move issue due to insufficient permissions!' } };
    // A guest cannot move issues; a reporter of the source cannot move into a project they cannot administer.
    expect(await move({ to_project_id: ids[TOOLS] }, 'gus.guest')).toMatchObject(insufficient);
    expect(await move({ to_project_id: ids[SITE] }, 'rita.reporter')).toMatchObject(insufficient);
    expect(await api(sandbox, path, { method: 'POST', token: null, body: { to_project_id: ids[TOOLS] } })).toMatchObject({ status: 401 });

    // An issue moves once.
    expect((await move({ to_project_id: ids[TOOLS] })).status).toBe(201);
    expect(await move({ to_project_id: ids[SITE] })).toMatchObject(insufficient);
    // The moved issue keeps its creation time, so it lists after the target's newer issue.
    const tools = asArray((await api(sandbox, `/projects/${projectPath(TOOLS)}/issues?state=all`)).json);
    expect(tools.map((issue) => issue['title'])).toEqual(['Already here', 'Move me']);
    expect(asObject((await api(sandbox, `/projects/${projectPath(APP)}/issues/1`)).json)['moved_to_id']).toBe(tools[1]?.['id']);
  });
});

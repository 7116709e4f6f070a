import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';
import { api, asArray, asObject, projectPath } from './support/http.js';
import { compose, expectValid, schema } from './support/schemas.js';

// Every endpoint that has a GitLab schema, validated against it (corrected as the schema README
// describes; see support/schemas.ts). Responses come from a real HTTP round trip.

const TEAM_TASKS = projectPath('distribution/team-tasks');
const OMNIBUS = projectPath('distribution/omnibus');

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo', now: '2026-11-18T12:00:00.000Z' });
});

afterAll(async () => {
  await sandbox.stop();
});

describe('the schema harness', () => {
  it('rejects responses that break the schemas, so these tests can fail', () => {
    expect(schema('issue')({ id: 1, title: 'no iid' })).toBe(false);
    expect(
      schema('milestone')({
        id: 1,
        iid: 1,
        title: 't',
        description: null,
        state: 'active',
        created_at: 'x',
        updated_at: 'x',
        start_date: null,
        due_date: null,
        expired: false,
        surprise: 1,
      }),
    ).toBe(false);
    expect(
      schema('milestone')({
        id: 1,
        iid: 1,
        title: 't',
        description: null,
        state: 'active',
        created_at: 'x',
        updated_at: 'x',
        start_date: '2026-01-01',
        due_date: 'soon',
        expired: false,
      }),
    ).toBe(false);
  });
});

describe('issues', () => {
  it('lists project, group and global issues as issues.json (CE and EE)', async () => {
    for (const path of [`/projects/${TEAM_TASKS}/issues`, '/groups/distribution/issues?per_page=100', '/issues?scope=all&per_page=100']) {
      const response = await api(sandbox, path);
      expect(response.status, path).toBe(200);
      expect(asArray(response.json).length, path).toBeGreaterThan(0);
      expectValid(schema('issues'), response.json);
      expectValid(schema('ee/issues'), response.json);
    }
  });

  it('returns a single, a created and an edited issue as issue.json', async () => {
    const single = await api(sandbox, `/projects/${TEAM_TASKS}/issues/2`);
    expectValid(schema('issue'), single.json);

    const created = await api(sandbox, `/projects/${OMNIBUS}/issues`, {
      method: 'POST',
      body: { title: 'Contract', labels: 'type::bug,new-label', assignee_ids: [2, 3], milestone_id: 3, due_date: '2026-12-01' },
    });
    expect(created.status).toBe(201);
    expectValid(schema('issue'), created.json);
    const iid = asObject(created.json)['iid'];

    const edited = await api(sandbox, `/projects/${OMNIBUS}/issues/${String(iid)}`, {
      method: 'PUT',
      body: { state_event: 'close', add_labels: 'Stretch' },
    });
    expect(edited.status).toBe(200);
    expectValid(schema('issue'), edited.json);
  });

  it('lists a milestone’s issues as issues.json (IssueBasic)', async () => {
    const milestones = asArray((await api(sandbox, '/groups/distribution/milestones?state=active')).json);
    const milestone = milestones[0];
    const response = await api(sandbox, `/groups/distribution/milestones/${String(milestone?.['id'])}/issues`);
    expect(response.status).toBe(200);
    expect(asArray(response.json).length).toBeGreaterThan(0);
    expectValid(schema('issues'), response.json);
  });
});

describe('issue links and notes', () => {
  it('lists links as issue_links.json and creates and deletes them as issue_link.json', async () => {
    const list = await api(sandbox, `/projects/${TEAM_TASKS}/issues/2/links`);
    expect(asArray(list.json)).toHaveLength(3);
    expectValid(schema('issue_links'), list.json);

    const created = await api(sandbox, `/projects/${TEAM_TASKS}/issues/6/links`, {
      method: 'POST',
      body: { target_project_id: 'distribution/omnibus', target_issue_iid: 1, link_type: 'blocks' },
    });
    expect(created.status).toBe(201);
    expectValid(schema('issue_link'), created.json);

    const linkId = asArray((await api(sandbox, `/projects/${TEAM_TASKS}/issues/6/links`)).json)[0]?.['issue_link_id'];
    const deleted = await api(sandbox, `/projects/${TEAM_TASKS}/issues/6/links/${String(linkId)}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expectValid(schema('issue_link'), deleted.json);
  });

  it('lists and creates notes as notes.json items', async () => {
    const created = await api(sandbox, `/projects/${TEAM_TASKS}/issues/7/notes`, {
      method: 'POST',
      body: { body: 'Thanks for the update!' },
    });
    expect(created.status).toBe(201);
    expectValid(schema('notes'), [created.json]);

    const list = await api(sandbox, `/projects/${TEAM_TASKS}/issues/7/notes`);
    expect(asArray(list.json).length).toBeGreaterThanOrEqual(2);
    expectValid(schema('notes'), list.json);
  });

  it('edits a note as its author and answers as notes.json items; a blank body is a 400, a system note a 403', async () => {
    const created = await api(sandbox, `/projects/${TEAM_TASKS}/issues/7/notes`, { method: 'POST', body: { body: 'First draft' } });
    const path = `/projects/${TEAM_TASKS}/issues/7/notes/${String(asObject(created.json)['id'])}`;
    const edited = await api(sandbox, path, { method: 'PUT', body: { body: 'Second draft' } });
    expect(edited.status).toBe(200);
    expectValid(schema('notes'), [edited.json]);
    expect(asObject(edited.json)['body']).toBe('Second draft');
    expect(asObject((await api(sandbox, path)).json)['body']).toBe('Second draft');

    const blank = await api(sandbox, path, { method: 'PUT', body: { body: '  ' } });
    expect(blank.status).toBe(400);
    await api(sandbox, `/projects/${TEAM_TASKS}/issues/7`, { method: 'PUT', body: { add_labels: 'edited-notes' } });
    const systemNote = asArray((await api(sandbox, `/projects/${TEAM_TASKS}/issues/7/notes`)).json).find((n) => n['system'] === true);
    expect(systemNote).toBeDefined();
    const refused = await api(sandbox, `/projects/${TEAM_TASKS}/issues/7/notes/${String(systemNote?.['id'])}`, {
      method: 'PUT',
      body: { body: 'rewritten history' },
    });
    expect(refused.status).toBe(403);
  });
});

describe('milestones', () => {
  it('returns milestones as milestone.json, alone and in lists', async () => {
    const list = await api(sandbox, '/groups/distribution/milestones');
    expectValid(
      compose((ref) => ({ type: 'array', items: ref('milestone') })),
      list.json,
    );

    const created = await api(sandbox, `/projects/${OMNIBUS}/milestones`, {
      method: 'POST',
      body: { title: 'Hackathon', start_date: '2026-12-01', due_date: '2026-12-05' },
    });
    expect(created.status).toBe(201);
    expectValid(schema('milestone'), created.json);
    const id = String(asObject(created.json)['id']);

    const single = await api(sandbox, `/projects/${OMNIBUS}/milestones/${id}`);
    expectValid(schema('milestone'), single.json);
    const edited = await api(sandbox, `/projects/${OMNIBUS}/milestones/${id}`, { method: 'PUT', body: { state_event: 'close' } });
    expectValid(schema('milestone'), edited.json);
    const projectList = await api(sandbox, `/projects/${OMNIBUS}/milestones?include_ancestors=true`);
    expectValid(
      compose((ref) => ({ type: 'array', items: ref('milestone') })),
      projectList.json,
    );
  });
});

describe('labels', () => {
  it('returns project labels as project_label.json, with counts as project_label_with_counts.json', async () => {
    const list = await api(sandbox, `/projects/${TEAM_TASKS}/labels`);
    expect(asArray(list.json).length).toBeGreaterThan(5);
    expectValid(
      compose((ref) => ({ type: 'array', items: ref('labels/project_label') })),
      list.json,
    );

    const withCounts = await api(sandbox, `/projects/${TEAM_TASKS}/labels?with_counts=true`);
    expectValid(
      compose((ref) => ({ type: 'array', items: ref('labels/project_label_with_counts') })),
      withCounts.json,
    );
    expect(asArray(withCounts.json).find((label) => label['name'] === 'dri::active-request')).toMatchObject({
      open_issues_count: 2,
      closed_issues_count: 1,
    });

    const created = await api(sandbox, `/projects/${TEAM_TASKS}/labels`, {
      method: 'POST',
      body: { name: 'contract', color: '#FF0000', priority: 3 },
    });
    expect(created.status).toBe(201);
    expectValid(schema('labels/project_label'), created.json);
  });

  it('returns group labels as label.json and label_with_counts.json', async () => {
    const list = await api(sandbox, '/groups/distribution/labels?with_counts=true');
    expectValid(
      compose((ref) => ({ type: 'array', items: ref('labels/label_with_counts') })),
      list.json,
    );
    const created = await api(sandbox, '/groups/distribution/labels', { method: 'POST', body: { name: 'group-contract', color: 'red' } });
    expect(created.status).toBe(201);
    expectValid(schema('labels/label'), created.json);
  });

  it("deletes a label by id or title with 204, only its own parent's, and answers 409 to a taken title as the lock teamops builds on", async () => {
    const first = await api(sandbox, `/projects/${TEAM_TASKS}/labels`, { method: 'POST', body: { name: 'lock::x', color: '#808080' } });
    expect(first.status).toBe(201);
    const again = await api(sandbox, `/projects/${TEAM_TASKS}/labels`, { method: 'POST', body: { name: 'lock::x', color: '#808080' } });
    expect(again).toMatchObject({ status: 409, json: { message: 'Label already exists' } });
    const id = (first.json as { id: number }).id;
    expect((await api(sandbox, `/projects/${TEAM_TASKS}/labels/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(sandbox, `/projects/${TEAM_TASKS}/labels/${id}`, { method: 'DELETE' })).status).toBe(404);
    // A group's label is not the project's to delete (`include_ancestor_groups: false`).
    expect((await api(sandbox, `/projects/${TEAM_TASKS}/labels/group-contract`, { method: 'DELETE' })).status).toBe(404);
    expect((await api(sandbox, '/groups/distribution/labels/group-contract', { method: 'DELETE' })).status).toBe(204);
  });

  it('returns label details on issues as label_basic.json', async () => {
    const response = await api(sandbox, `/projects/${TEAM_TASKS}/issues/3?with_labels_details=true`);
    expect(response.status).toBe(200);
    const list = await api(sandbox, `/projects/${TEAM_TASKS}/issues?with_labels_details=true&iids[]=3`);
    const labels = asArray(asArray(list.json)[0]?.['labels']);
    expect(labels.length).toBe(2);
    for (const label of labels)
      expectValid(
        compose((ref) => ({ allOf: [ref('label_basic')] })),
        { ...label, remove_on_close: false },
      );
  });
});

describe('users', () => {
  it('returns /user as user/public.json for a regular user and user/admin.json for an administrator', async () => {
    const regular = await api(sandbox, '/user', { token: sandbox.tokenFor('chen.wei') });
    expectValid(schema('user/public'), regular.json);
    const admin = await api(sandbox, '/user');
    expectValid(schema('user/admin'), admin.json);
  });

  it('returns /users as user/basics.json to users and user/admin.json items to administrators', async () => {
    const asUser = await api(sandbox, '/users?username=grace.hopper', { token: sandbox.tokenFor('chen.wei') });
    expect(asArray(asUser.json)).toHaveLength(1);
    expectValid(schema('user/basics'), asUser.json);
    const asAdmin = await api(sandbox, '/users?per_page=100');
    expectValid(
      compose((ref) => ({ type: 'array', items: ref('user/admin') })),
      asAdmin.json,
    );
  });

  it('returns /users/:id as user/basic.json and created users as user/admin.json', async () => {
    const single = await api(sandbox, '/users/2', { token: sandbox.tokenFor('chen.wei') });
    expectValid(schema('user/basic'), single.json);
    const created = await api(sandbox, '/users', {
      method: 'POST',
      body: { username: 'new.hire', name: 'New Hire', email: 'new.hire@example.com', reset_password: true, skip_confirmation: true },
    });
    expect(created.status).toBe(201);
    expectValid(schema('user/admin'), created.json);
  });
});

describe('templates and merge requests', () => {
  it('returns issue templates as template_list.json and template.json', async () => {
    const list = await api(sandbox, `/projects/${TEAM_TASKS}/templates/issues`);
    expectValid(schema('template_list'), list.json);
    const single = await api(sandbox, `/projects/${TEAM_TASKS}/templates/issues/Distribution-DRI`);
    expectValid(schema('template'), single.json);
  });

  it('returns merge requests as merge_request.json, alone and in lists', async () => {
    const items = compose((ref) => ({ type: 'array', items: ref('merge_request') }));
    for (const path of [
      `/projects/${OMNIBUS}/merge_requests`,
      '/groups/distribution/merge_requests?state=merged',
      '/merge_requests?scope=all',
    ]) {
      const response = await api(sandbox, path);
      expect(asArray(response.json).length, path).toBeGreaterThan(0);
      expectValid(items, response.json);
    }
    const created = await api(sandbox, `/projects/${OMNIBUS}/merge_requests`, {
      method: 'POST',
      body: { source_branch: 'contract', target_branch: 'main', title: 'Contract MR', milestone_id: 3, labels: ['type::bug'] },
    });
    expect(created.status).toBe(201);
    expectValid(schema('merge_request'), created.json);
    const simple = await api(sandbox, `/projects/${OMNIBUS}/merge_requests?view=simple`);
    expectValid(
      compose((ref) => ({ type: 'array', items: ref('merge_request_simple') })),
      simple.json,
    );
  });

  it("edits a merge request as GitLab does: metadata incrementally, errors in GitLab's words", async () => {
    const created = asObject(
      (
        await api(sandbox, `/projects/${OMNIBUS}/merge_requests`, {
          method: 'POST',
          body: { source_branch: 'edit-me', target_branch: 'main', title: 'Edit me', labels: 'backend' },
        })
      ).json,
    );
    const path = `/projects/${OMNIBUS}/merge_requests/${String(created['iid'])}`;
    const milestone = asArray((await api(sandbox, '/groups/distribution/milestones?state=active')).json)[0] as {
      id: number;
      title: string;
    };

    const edited = await api(sandbox, path, { method: 'PUT', body: { milestone_id: milestone.id, add_labels: 'missed:19.6' } });
    expect(edited.status).toBe(200);
    expectValid(schema('merge_request'), edited.json);
    expect(asObject(edited.json)).toMatchObject({ labels: ['backend', 'missed:19.6'], milestone: { title: milestone.title } });
    const again = await api(sandbox, path, { method: 'PUT', body: { add_labels: 'missed:19.6' } });
    expect(asObject(again.json)['labels']).toEqual(['backend', 'missed:19.6']);

    const nothing = await api(sandbox, path, { method: 'PUT', body: {} });
    expect(nothing.status).toBe(400);
    expect(String(asObject(nothing.json)['error'])).toMatch(/are missing, at least one parameter must be provided$/);
    const missing = await api(sandbox, `/projects/${OMNIBUS}/merge_requests/9999`, { method: 'PUT', body: { title: 'x' } });
    expect(missing).toMatchObject({ status: 404, json: { message: '404 Not found' } });
  });
});

describe('projects', () => {
  it('returns `simple=true` group projects exactly as project.json', async () => {
    const response = await api(sandbox, '/groups/distribution/projects?simple=true');
    expect(asArray(response.json)).toHaveLength(3);
    expectValid(
      compose((ref) => ({ type: 'array', items: ref('project') })),
      response.json,
    );
  });

  it('returns full projects with every project.json field, plus the Project entity’s extra fields', async () => {
    // project.json describes the basic entity and forbids other keys, so the full entity is
    // checked on its basic part; `permissions` only appears on GET /projects/:id.
    const basic = asArray((await api(sandbox, '/groups/distribution/projects?simple=true')).json)[0] ?? {};
    const full = asObject((await api(sandbox, `/projects/${TEAM_TASKS}`)).json);
    const basicPart = Object.fromEntries(Object.keys(basic).map((key) => [key, full[key]]));
    expectValid(schema('project'), basicPart);
    expect(full).toMatchObject({ visibility: 'private', open_issues_count: expect.any(Number), permissions: expect.any(Object) });
  });
});

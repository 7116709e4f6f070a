import { IssueMilestoneEvents, Issues } from '@gitbeaker/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, asArray, asObject, projectPath } from './support/http.js';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';

// POST /api/graphql through a plain HTTP client (gitbeaker speaks REST only); the REST side of
// every change is read back through gitbeaker.

const OMNIBUS = 'distribution/omnibus';
let sandbox: Sandbox;
let release: Record<'older' | 'previous' | 'current' | 'next', { id: number; title: string }>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo', features: { bulk_update_issues_mutation: true } });
  const milestones = asArray((await api(sandbox, '/groups/distribution/milestones?state=all')).json)
    .map((m) => ({ id: Number(m['id']), title: String(m['title']), due: String(m['due_date']) }))
    .sort((a, b) => (a.due < b.due ? -1 : 1));
  const [older, previous, current, next] = milestones;
  if (!older || !previous || !current || !next) throw new Error('the demo has four group milestones');
  release = { older, previous, current, next };
});

afterAll(async () => {
  await sandbox.stop();
});

interface GraphqlResponse {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; locations?: unknown; path?: unknown }> };
  headers: Headers;
}

async function graphql(
  target: Sandbox,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string | null; method?: 'GET' | 'POST' } = {},
): Promise<GraphqlResponse> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = options.token === undefined ? target.token : options.token;
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  const url = new URL(`${target.url}/api/graphql`);
  let body: string | undefined;
  if (options.method === 'GET') {
    url.searchParams.set('query', query);
    url.searchParams.set('variables', JSON.stringify(variables));
  } else body = JSON.stringify({ query, variables });
  const response = await fetch(url, { method: options.method ?? 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as GraphqlResponse['body'], headers: response.headers };
}

function dataOf(response: GraphqlResponse): Record<string, unknown> {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  expect(response.status).toBe(200);
  return asObject(response.body.data);
}

const ISSUES = /* GraphQL */ `
  query Issues($path: ID!, $milestone: [String], $labels: [String], $after: String, $first: Int, $state: IssuableState) {
    project(fullPath: $path) {
      id
      issues(milestoneTitle: $milestone, labelName: $labels, state: $state, first: $first, after: $after, sort: CREATED_ASC) {
        count
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          iid
          title
          state
          webUrl
          healthStatus
          weight
          milestone {
            id
            title
          }
          labels {
            nodes {
              id
              title
            }
          }
          assignees {
            nodes {
              id
              username
            }
          }
        }
      }
    }
  }
`;

async function allIssueIids(path: string, variables: Record<string, unknown>): Promise<string[]> {
  const iids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page += 1) {
    const data = dataOf(await graphql(sandbox, ISSUES, { path, first: 4, after, ...variables }));
    const issues = asObject(asObject(data['project'])['issues']);
    iids.push(...asArray(issues['nodes']).map((node) => String(node['iid'])));
    const pageInfo = asObject(issues['pageInfo']);
    if (pageInfo['hasNextPage'] !== true) break;
    after = String(pageInfo['endCursor']);
  }
  return iids;
}

describe('queries', () => {
  it('lists a project’s issues with GitLab’s global ids, filters and cursor pagination', async () => {
    const data = dataOf(await graphql(sandbox, ISSUES, { path: OMNIBUS, milestone: [release.previous.title], state: 'opened' }));
    const project = asObject(data['project']);
    expect(project['id']).toMatch(/^gid:\/\/gitlab\/Project\/\d+$/);
    const issues = asObject(project['issues']);
    const rest = await new Issues({ host: sandbox.url, token: sandbox.token }).all({
      projectId: OMNIBUS,
      milestone: release.previous.title,
      state: 'opened',
      orderBy: 'created_at',
      sort: 'asc',
    });
    expect(issues['count']).toBe(rest.length);
    const nodes = asArray(issues['nodes']);
    expect(nodes.map((node) => node['iid'])).toEqual(rest.map((issue) => String(issue.iid)));
    const first = nodes[0] ?? {};
    const restFirst = rest[0];
    expect(first).toMatchObject({
      id: `gid://gitlab/Issue/${String(restFirst?.id)}`,
      title: restFirst?.title,
      state: 'opened',
      webUrl: restFirst?.web_url,
      healthStatus: null,
      weight: null,
      milestone: { id: `gid://gitlab/Milestone/${release.previous.id}`, title: release.previous.title },
    });
    expect(asArray(asObject(first['labels'])['nodes']).map((label) => label['title'])).toEqual(restFirst?.labels);
    expect(asArray(asObject(first['labels'])['nodes'])[0]?.['id']).toMatch(/^gid:\/\/gitlab\/(GroupLabel|ProjectLabel)\/\d+$/);
    expect(asArray(asObject(first['assignees'])['nodes'])[0]).toMatchObject({ username: restFirst?.assignees?.[0]?.username });

    const total = Number((await api(sandbox, `/projects/${projectPath(OMNIBUS)}/issues?per_page=1`)).headers.get('x-total'));
    expect(total).toBeGreaterThan(20);
    const paged = await allIssueIids(OMNIBUS, {});
    expect(paged).toHaveLength(total);
    expect(new Set(paged).size).toBe(total);
  });

  it('keeps its place while the issues it pages through leave the list', async () => {
    const s = await startSandbox({ seed: 'demo', features: { bulk_update_issues_mutation: true } });
    try {
      const variables = { path: OMNIBUS, milestone: [release.current.title], first: 3 };
      const inMilestone = Number(
        (await api(s, `/projects/${projectPath(OMNIBUS)}/issues?per_page=1&milestone=${release.current.title}`)).headers.get('x-total'),
      );
      expect(inMilestone).toBeGreaterThan(6);
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const data = dataOf(await graphql(s, ISSUES, { ...variables, after }));
        const issues = asObject(asObject(data['project'])['issues']);
        const nodes = asArray(issues['nodes']);
        seen.push(...nodes.map((node) => String(node['iid'])));
        // Move this page out of the milestone before asking for the next one, as a rollover does.
        for (const node of nodes)
          await api(s, `/projects/${projectPath(OMNIBUS)}/issues/${String(node['iid'])}`, {
            method: 'PUT',
            body: { milestone_id: release.next.id },
          });
        if (asObject(issues['pageInfo'])['hasNextPage'] !== true) break;
        after = String(asObject(issues['pageInfo'])['endCursor']);
      }
      expect(seen).toHaveLength(inMilestone);
      expect(new Set(seen).size).toBe(inMilestone);
    } finally {
      await s.stop();
    }
  });

  it('lists a group’s issues, its subgroups’ only with includeSubgroups, and labels with their ids', async () => {
    const query = /* GraphQL */ `
      query ($labels: [String]) {
        group(fullPath: "distribution") {
          id
          issues(labelName: $labels, first: 100) {
            count
          }
          labels(searchTerm: "workflow") {
            nodes {
              id
              title
            }
          }
        }
      }
    `;
    const data = dataOf(await graphql(sandbox, query, { labels: ['type::bug'] }));
    const group = asObject(data['group']);
    expect(group['id']).toMatch(/^gid:\/\/gitlab\/Group\/\d+$/);
    // No project sits in the group itself: every project is in distribution/, so this is all of them.
    const rest = await new Issues({ host: sandbox.url, token: sandbox.token }).all({
      groupId: 'distribution',
      labels: 'type::bug',
      perPage: 100,
    });
    expect(asObject(group['issues'])['count']).toBe(rest.length);
    const labels = asArray(asObject(group['labels'])['nodes']);
    expect(labels.map((label) => label['title'])).toEqual(['workflow::in dev', 'workflow::in review', 'workflow::ready for development']);
  });

  it('answers null for a project or group the user cannot see, and Invalid token for a bad one', async () => {
    const anonymous = await graphql(sandbox, '{ project(fullPath: "distribution/omnibus") { id } }', {}, { token: null });
    expect(anonymous.body).toEqual({ data: { project: null } });
    const bad = await graphql(sandbox, '{ currentUser { username } }', {}, { token: 'glpat-not-a-real-token-at-all' });
    expect(bad).toMatchObject({ status: 401, body: { errors: [{ message: 'Invalid token' }] } });
    const me = dataOf(await graphql(sandbox, '{ currentUser { id username } }', {}, { token: sandbox.tokenFor('chen.wei') }));
    expect(me['currentUser']).toMatchObject({ username: 'chen.wei' });
  });
});

describe('errors and limits', () => {
  it('answers syntax and validation errors with 200 and their locations', async () => {
    const syntax = await graphql(sandbox, '{ project(fullPath: "x") { id }');
    expect(syntax.status).toBe(200);
    expect(syntax.body.data).toBeUndefined();
    expect(syntax.body.errors?.[0]).toMatchObject({ locations: [{ line: 1, column: 32 }] });
    const unknown = await graphql(sandbox, '{ project(fullPath: "distribution/omnibus") { nope } }');
    expect(unknown.status).toBe(200);
    expect(unknown.body.errors?.[0]?.message).toContain('nope');
    const empty = await graphql(sandbox, '');
    expect(empty.body).toEqual({ errors: [{ message: 'No query string was present' }] });
  });

  it('refuses a query over 10,000 characters with 422, and mutations over GET', async () => {
    const large = await graphql(
      sandbox,
      `
        {
          currentUser {
            username
          }
        }
        ${'#'.repeat(10_000)}
      `,
    );
    expect(large).toMatchObject({ status: 422, body: { errors: [{ message: 'Query too large' }] } });
    const get = await graphql(sandbox, 'mutation { updateIssue(input: {projectPath: "x", iid: "1"}) { errors } }', {}, { method: 'GET' });
    expect(get).toMatchObject({ status: 422, body: { errors: [{ message: 'Mutations are forbidden in GET requests' }] } });
    const query = dataOf(await graphql(sandbox, '{ currentUser { username } }', {}, { method: 'GET' }));
    expect(query['currentUser']).toMatchObject({ username: 'root' });
  });

  it('enforces GitLab’s depth limit, 10 for anonymous callers and 15 with a token', async () => {
    const nested = (levels: number) =>
      `{ project(fullPath: "distribution/omnibus") { group { ${'parent { '.repeat(levels)}id${' }'.repeat(levels)} } } }`;
    // project, group, then the parents and the id: a depth of levels + 3.
    const anonymous = await graphql(sandbox, nested(8), {}, { token: null });
    expect(anonymous).toMatchObject({
      status: 200,
      body: { errors: [{ message: 'Query has depth of 11, which exceeds max depth of 10' }] },
    });
    expect(anonymous.body.data).toBeUndefined();
    expect(dataOf(await graphql(sandbox, nested(12)))).toEqual({
      project: { group: expect.objectContaining({ parent: null }) as unknown },
    });
    const tooDeep = await graphql(sandbox, nested(13));
    expect(tooDeep.body).toEqual({ errors: [{ message: 'Query has depth of 16, which exceeds max depth of 15' }] });
  });

  it('enforces GitLab’s complexity limits: 200 anonymous, 250 with a token, 300 for administrators', async () => {
    // What teamops asks for a rollover page stays well inside the limit.
    const page = `{ project(fullPath: "distribution/omnibus") { issues(first: 100, milestoneTitle: ["x"]) { pageInfo { hasNextPage endCursor } nodes { id iid labels { nodes { id title } } } } } }`;
    dataOf(await graphql(sandbox, page, {}, { token: sandbox.tokenFor('chen.wei') }));
    const fields = (count: number) =>
      `{ project(fullPath: "distribution/omnibus") { ${Array.from({ length: count }, (_, i) => `f${i}: issues(first: 100) { nodes { id iid title } }`).join(' ')} } }`;
    const message = (body: GraphqlResponse['body']) => body.errors?.[0]?.message ?? '';
    const admin = await graphql(sandbox, fields(40));
    expect(admin.status).toBe(200);
    expect(admin.body.data).toBeUndefined();
    expect(message(admin.body)).toMatch(/^Query has complexity of \d+, which exceeds max complexity of 300$/);
    expect(message((await graphql(sandbox, fields(30), {}, { token: sandbox.tokenFor('chen.wei') })).body)).toMatch(
      /max complexity of 250$/,
    );
    expect(message((await graphql(sandbox, fields(30), {}, { token: null })).body)).toMatch(/max complexity of 200$/);
    expect((await graphql(sandbox, fields(2), {}, { token: sandbox.tokenFor('chen.wei') })).body.errors).toBeUndefined();
  });

  it('counts GraphQL requests in the rate limit like REST', async () => {
    sandbox.setRateLimit({ limit: 2, windowSeconds: 60 });
    try {
      const first = await graphql(sandbox, '{ currentUser { username } }');
      expect(first.headers.get('ratelimit-remaining')).toBe('1');
      await api(sandbox, '/version');
      const third = await fetch(`${sandbox.url}/api/graphql`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: '{ currentUser { username } }' }),
      });
      expect(third.status).toBe(429);
      expect(
        sandbox.requestLog
          .filter((entry) => entry.path === '/api/graphql')
          .map((entry) => entry.status)
          .slice(-2),
      ).toEqual([200, 429]);
    } finally {
      sandbox.setRateLimit(undefined);
    }
  });
});

const BULK_UPDATE = /* GraphQL */ `
  mutation Move($input: IssuesBulkUpdateInput!) {
    issuesBulkUpdate(input: $input) {
      updatedIssueCount
      errors
    }
  }
`;

const UPDATE_ISSUE = /* GraphQL */ `
  mutation Update($input: UpdateIssueInput!) {
    updateIssue(input: $input) {
      errors
      issue {
        iid
        healthStatus
        milestone {
          title
        }
        labels {
          nodes {
            title
          }
        }
      }
    }
  }
`;

async function restIds(target: Sandbox, path: string) {
  const project = asObject((await api(target, `/projects/${projectPath(path)}`)).json);
  const labels = asArray((await api(target, `/projects/${projectPath(path)}/labels?include_ancestor_groups=true&per_page=100`)).json);
  const labelId = (name: string) => {
    const label = labels.find((candidate) => candidate['name'] === name);
    return `gid://gitlab/${label?.['is_project_label'] ? 'ProjectLabel' : 'GroupLabel'}/${String(label?.['id'])}`;
  };
  return { projectGid: `gid://gitlab/Project/${String(project['id'])}`, labelId };
}

describe('issuesBulkUpdate', () => {
  it('moves issues to a milestone and labels them, as REST and the resource events then show', async () => {
    const gitbeaker = { host: sandbox.url, token: sandbox.tokenFor('grace.hopper') };
    const open = await new Issues(gitbeaker).all({ projectId: OMNIBUS, milestone: release.previous.title, state: 'opened' });
    expect(open.length).toBeGreaterThan(1);
    const { projectGid, labelId } = await restIds(sandbox, OMNIBUS);
    sandbox.clock.advance(3_600_000);
    const response = await graphql(
      sandbox,
      BULK_UPDATE,
      {
        input: {
          parentId: projectGid,
          ids: [...open.map((issue) => `gid://gitlab/Issue/${issue.id}`), 'gid://gitlab/Issue/999999'],
          milestoneId: `gid://gitlab/Milestone/${release.current.id}`,
          addLabelIds: [labelId('Stretch')],
          removeLabelIds: [labelId('Deliverable')],
        },
      },
      { token: sandbox.tokenFor('grace.hopper') },
    );
    expect(dataOf(response)).toEqual({ issuesBulkUpdate: { updatedIssueCount: open.length, errors: [] } });

    for (const before of open) {
      const after = await new Issues(gitbeaker).show(before.iid, { projectId: OMNIBUS });
      expect(after.milestone?.title).toBe(release.current.title);
      expect(after.labels).toContain('Stretch');
      expect(after.labels).not.toContain('Deliverable');
      expect(after.updated_at).toBe(new Date(sandbox.now()).toISOString());
      const events = await new IssueMilestoneEvents(gitbeaker).all(OMNIBUS, before.iid);
      expect(events.at(-1)).toMatchObject({
        action: 'add',
        milestone: { title: release.current.title },
        user: { username: 'grace.hopper' },
      });
    }
    expect(await new Issues(gitbeaker).all({ projectId: OMNIBUS, milestone: release.previous.title, state: 'opened' })).toEqual([]);
  });

  it('answers as GitLab does with the flag off, over 100 ids, and for a parent the user cannot see', async () => {
    const off = await startSandbox({ seed: 'demo' });
    try {
      const { projectGid } = await restIds(off, OMNIBUS);
      const disabled = await graphql(off, BULK_UPDATE, { input: { parentId: projectGid, ids: ['gid://gitlab/Issue/1'] } });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toEqual({
        errors: [
          {
            message: '`bulk_update_issues_mutation` feature flag is disabled.',
            locations: [{ line: 3, column: 5 }],
            path: ['issuesBulkUpdate'],
          },
        ],
        data: { issuesBulkUpdate: null },
      });
      off.setFeature('bulk_update_issues_mutation', true);
      expect(dataOf(await graphql(off, BULK_UPDATE, { input: { parentId: projectGid, ids: ['gid://gitlab/Issue/1'] } }))).toEqual({
        issuesBulkUpdate: { updatedIssueCount: 0, errors: [] },
      });
      expect(() => off.setFeature('bulk_update_issue_mutation', true)).toThrow('unknown feature flag "bulk_update_issue_mutation"');
    } finally {
      await off.stop();
    }

    const { projectGid } = await restIds(sandbox, OMNIBUS);
    const ids = Array.from({ length: 101 }, (_, i) => `gid://gitlab/Issue/${i + 1}`);
    const tooMany = await graphql(sandbox, BULK_UPDATE, { input: { parentId: projectGid, ids } });
    expect(tooMany.body.errors?.map((error) => error.message)).toEqual(['No more than 100 issues can be updated at the same time']);
    const outsider = await graphql(
      sandbox,
      BULK_UPDATE,
      { input: { parentId: projectGid, ids: ['gid://gitlab/Issue/1'] } },
      { token: null },
    );
    expect(outsider.body.errors?.map((error) => error.message)).toEqual([
      "The resource that you are attempting to access does not exist or you don't have permission to perform this action",
    ]);
    const wrongType = await graphql(sandbox, BULK_UPDATE, { input: { parentId: projectGid, ids: ['gid://gitlab/Project/1'] } });
    expect(wrongType.body.errors?.[0]?.message).toContain('"gid://gitlab/Project/1" does not represent an instance of Issue');
  });

  it('takes a group as the parent on Premium only', async () => {
    const group = asObject((await api(sandbox, '/groups/distribution')).json);
    const issue = asObject((await api(sandbox, `/projects/${projectPath('distribution/team-tasks')}/issues/3`)).json);
    const input = {
      parentId: `gid://gitlab/Group/${String(group['id'])}`,
      ids: [`gid://gitlab/Issue/${String(issue['id'])}`],
      stateEvent: 'CLOSE',
    };
    expect(dataOf(await graphql(sandbox, BULK_UPDATE, { input }))).toEqual({ issuesBulkUpdate: { updatedIssueCount: 1, errors: [] } });
    expect(asObject((await api(sandbox, `/projects/${projectPath('distribution/team-tasks')}/issues/3`)).json)['state']).toBe('closed');

    const free = await startSandbox({ seed: 'demo', tier: 'free', features: { bulk_update_issues_mutation: true } });
    try {
      const response = await graphql(free, BULK_UPDATE, { input });
      expect(response.body.errors?.map((error) => error.message)).toEqual([
        "The resource that you are attempting to access does not exist or you don't have permission to perform this action",
      ]);
    } finally {
      await free.stop();
    }
  });
});

describe('feature flags from a seed file', () => {
  it('takes features from the seed, lets the option win, and names an unknown flag', async () => {
    const flagOff = '`bulk_update_issues_mutation` feature flag is disabled.';
    const probe = async (target: Sandbox) =>
      (await graphql(target, BULK_UPDATE, { input: { parentId: 'gid://gitlab/Project/1', ids: [] } })).body.errors?.[0]?.message === flagOff
        ? 'disabled'
        : 'enabled';
    const seeded = await startSandbox({ seed: { features: { bulk_update_issues_mutation: true } } });
    expect(await probe(seeded)).toBe('enabled');
    const overridden = await startSandbox({
      seed: { features: { bulk_update_issues_mutation: true } },
      features: { bulk_update_issues_mutation: false },
    });
    expect(await probe(overridden)).toBe('disabled');
    await expect(startSandbox({ seed: { features: { bulk_updates: true } } })).rejects.toThrow('features: unknown feature flag');
  });
});

describe('updateIssue', () => {
  it('sets health status, milestone and labels on Premium, and REST shows health_status', async () => {
    const { labelId } = await restIds(sandbox, OMNIBUS);
    const response = await graphql(sandbox, UPDATE_ISSUE, {
      input: {
        projectPath: OMNIBUS,
        iid: '25',
        healthStatus: 'atRisk',
        milestoneId: `gid://gitlab/Milestone/${release.next.id}`,
        labelIds: [labelId('type::bug'), labelId('Deliverable')],
      },
    });
    expect(dataOf(response)).toEqual({
      updateIssue: {
        errors: [],
        issue: {
          iid: '25',
          healthStatus: 'atRisk',
          milestone: { title: release.next.title },
          labels: { nodes: [{ title: 'Deliverable' }, { title: 'type::bug' }] },
        },
      },
    });
    const rest = await new Issues({ host: sandbox.url, token: sandbox.token }).show(25, { projectId: OMNIBUS });
    expect(rest).toMatchObject({
      health_status: 'at_risk',
      labels: ['Deliverable', 'type::bug'],
      milestone: { title: release.next.title },
    });
    const blank = await graphql(sandbox, UPDATE_ISSUE, { input: { projectPath: OMNIBUS, iid: '25', title: ' ' } });
    expect(asObject(dataOf(blank)['updateIssue'])['errors']).toEqual(["Title can't be blank"]);
    const missing = await graphql(sandbox, UPDATE_ISSUE, { input: { projectPath: OMNIBUS, iid: '999', title: 'x' } });
    expect(missing.body.errors?.[0]?.message).toMatch(/^The resource that you are attempting to access does not exist/);
  });

  it('drops health status on Free, as GitLab does without the licence, and leaves it out of REST', async () => {
    const free = await startSandbox({ seed: 'demo', tier: 'free' });
    try {
      const response = await graphql(free, UPDATE_ISSUE, {
        input: { projectPath: OMNIBUS, iid: '25', healthStatus: 'onTrack', stateEvent: 'CLOSE' },
      });
      expect(asObject(asObject(dataOf(response)['updateIssue'])['issue'])['healthStatus']).toBeNull();
      const rest = asObject((await api(free, `/projects/${projectPath(OMNIBUS)}/issues/25`)).json);
      expect(rest['state']).toBe('closed');
      expect('health_status' in rest).toBe(false);
    } finally {
      await free.stop();
    }
  });
});

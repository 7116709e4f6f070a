import { Groups, Namespaces, Projects } from '@gitbeaker/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';
import { api, asArray } from './support/http.js';
import { compose, expectValid } from './support/schemas.js';

// GET /projects, /groups, subgroups, descendant groups and /namespaces with GitLab's visibility
// rules: anonymous callers see public things, users also internal ones and their memberships,
// administrators everything.

let sandbox: Sandbox;
const as = (username: string) => ({ host: sandbox.url, token: sandbox.tokenFor(username) });
const root = () => ({ host: sandbox.url, token: sandbox.token });

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: {
      users: [{ username: 'ada' }, { username: 'bob' }, { username: 'cy' }],
      groups: [
        { path: 'open', name: 'Open Source', visibility: 'public', members: { ada: 'owner' } },
        { path: 'open/docs', name: 'Docs', visibility: 'public' },
        { path: 'open/docs/api', name: 'API docs', visibility: 'public' },
        { path: 'corp', name: 'Corporate', visibility: 'internal', members: { bob: 'developer' } },
        { path: 'secret', name: 'Secret', visibility: 'private', members: { bob: 'maintainer' } },
        { path: 'secret/inner', name: 'Inner', visibility: 'private' },
      ],
      projects: [
        { path: 'open/website', name: 'Website', visibility: 'public', description: 'The public face' },
        { path: 'open/docs/handbook', name: 'Handbook', visibility: 'public' },
        { path: 'corp/intranet', name: 'Intranet', visibility: 'internal' },
        { path: 'secret/vault', name: 'Vault', visibility: 'private' },
        { path: 'secret/inner/keys', name: 'Keys', visibility: 'private', members: { cy: 'reporter' } },
      ],
    },
  });
});

afterAll(async () => {
  await sandbox.stop();
});

const paths = (items: Array<Record<string, unknown>>, key = 'path_with_namespace'): unknown[] => items.map((item) => item[key]).sort();

describe('GET /projects', () => {
  it('shows anonymous callers public projects only, with the simple fields', async () => {
    const response = await api(sandbox, '/projects', { token: null });
    expect(paths(asArray(response.json))).toEqual(['open/docs/handbook', 'open/website']);
    expectValid(
      compose((ref) => ({ type: 'array', items: ref('project') })),
      response.json,
    );
  });

  it('shows users public and internal projects and their own, and administrators everything', async () => {
    expect(paths(await new Projects(as('cy')).all())).toEqual(['corp/intranet', 'open/docs/handbook', 'open/website', 'secret/inner/keys']);
    expect(paths(await new Projects(as('bob')).all())).toEqual([
      'corp/intranet',
      'open/docs/handbook',
      'open/website',
      'secret/inner/keys',
      'secret/vault',
    ]);
    expect(await new Projects(root()).all()).toHaveLength(5);
  });

  it('filters by membership, owned, min_access_level, visibility and search', async () => {
    const bob = new Projects(as('bob'));
    expect(paths(await bob.all({ membership: true }))).toEqual(['corp/intranet', 'secret/inner/keys', 'secret/vault']);
    expect(paths(await bob.all({ minAccessLevel: 40 }))).toEqual(['secret/inner/keys', 'secret/vault']);
    expect(paths(await new Projects(as('ada')).all({ owned: true }))).toEqual(['open/docs/handbook', 'open/website']);
    expect(paths(await bob.all({ visibility: 'internal' }))).toEqual(['corp/intranet']);
    expect(paths(await bob.all({ search: 'public face' }))).toEqual(['open/website']);
    expect(paths(await bob.all({ search: 'secret', searchNamespaces: true }))).toEqual(['secret/inner/keys', 'secret/vault']);
    expect(await new Projects(root()).all({ owned: true })).toEqual([]);
  });

  it('orders by order_by and sort, newest first by default', async () => {
    const byName = await new Projects(root()).all({ orderBy: 'name', sort: 'asc' });
    expect(byName.map((project) => project.name)).toEqual(['Handbook', 'Intranet', 'Keys', 'Vault', 'Website']);
    const byDefault = await new Projects(root()).all();
    expect(byDefault.map((project) => project.id)).toEqual([5, 4, 3, 2, 1]);
    const invalid = await api(sandbox, '/projects?order_by=stars');
    expect(invalid).toMatchObject({ status: 400, json: { error: 'order_by does not have a valid value' } });
  });
});

describe('GET /groups', () => {
  it('lists public groups to anonymous callers, their own to users, every group to administrators', async () => {
    expect(paths(asArray((await api(sandbox, '/groups', { token: null })).json), 'full_path')).toEqual([
      'open',
      'open/docs',
      'open/docs/api',
    ]);
    expect(paths(await new Groups(as('bob')).all(), 'full_path')).toEqual(['corp', 'secret', 'secret/inner']);
    expect(paths(await new Groups(as('cy')).all(), 'full_path')).toEqual(['secret', 'secret/inner']);
    expect(paths(await new Groups(as('cy')).all({ allAvailable: true }), 'full_path')).toEqual([
      'corp',
      'open',
      'open/docs',
      'open/docs/api',
      'secret',
      'secret/inner',
    ]);
    expect(await new Groups(root()).all()).toHaveLength(6);
  });

  it('orders by name ascending by default and filters by search, owned, min_access_level and top_level_only', async () => {
    expect((await new Groups(root()).all()).map((group) => group.name)).toEqual([
      'API docs',
      'Corporate',
      'Docs',
      'Inner',
      'Open Source',
      'Secret',
    ]);
    expect(paths(await new Groups(root()).all({ search: 'doc' }), 'full_path')).toEqual(['open/docs', 'open/docs/api']);
    expect(paths(await new Groups(as('ada')).all({ owned: true }), 'full_path')).toEqual(['open', 'open/docs', 'open/docs/api']);
    expect(paths(await new Groups(as('bob')).all({ minAccessLevel: 40 }), 'full_path')).toEqual(['secret', 'secret/inner']);
    expect(paths(await new Groups(root()).all({ topLevelOnly: true }), 'full_path')).toEqual(['corp', 'open', 'secret']);
  });

  it('lists subgroups and descendant groups the caller can see', async () => {
    expect(paths(await new Groups(root()).allSubgroups('open'), 'full_path')).toEqual(['open/docs']);
    expect(paths(await new Groups(root()).allDescendantGroups('open', {}), 'full_path')).toEqual(['open/docs', 'open/docs/api']);
    expect(paths(asArray((await api(sandbox, '/groups/open/descendant_groups', { token: null })).json), 'full_path')).toEqual([
      'open/docs',
      'open/docs/api',
    ]);
    const hidden = await api(sandbox, '/groups/secret/subgroups', { token: sandbox.tokenFor('ada') });
    expect(hidden).toMatchObject({ status: 404, json: { message: '404 Group Not Found' } });
  });
});

describe('GET /namespaces', () => {
  it('lists the user’s own namespace and the groups they can create projects in', async () => {
    const namespaces = await new Namespaces(as('bob')).all();
    expect(namespaces.map((namespace) => [namespace.kind, namespace.full_path])).toEqual([
      ['user', 'bob'],
      ['group', 'corp'],
      ['group', 'secret'],
      ['group', 'secret/inner'],
    ]);
    expect((await new Namespaces(as('bob')).all({ search: 'inn' })).map((namespace) => namespace.full_path)).toEqual(['secret/inner']);
    expect((await new Namespaces(root()).all()).length).toBe(4 + 6);
  });

  it('shows one namespace by id or path, and 404 Namespace Not Found otherwise', async () => {
    expect(await new Namespaces(as('bob')).show('secret/inner')).toMatchObject({
      kind: 'group',
      full_path: 'secret/inner',
      parent_id: expect.any(Number),
    });
    const [own] = await new Namespaces(as('cy')).all();
    expect(await new Namespaces(as('cy')).show(own?.id as number)).toMatchObject({ kind: 'user', path: 'cy' });
    const hidden = await api(sandbox, '/namespaces/secret', { token: sandbox.tokenFor('cy') });
    expect(hidden).toMatchObject({ status: 404, json: { message: '404 Namespace Not Found' } });
    expect((await api(sandbox, '/namespaces', { token: null })).status).toBe(401);
  });
});

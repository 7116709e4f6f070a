import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeed, loadSeedFile } from '../src/index.js';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';
import { api, asArray, asObject, projectPath } from './support/http.js';

// The demo organisation (dates relative to the sandbox clock) and seed files.

const TODAY = new Date('2026-11-18T15:30:00.000Z'); // a Wednesday
const TEAM_TASKS = projectPath('distribution/team-tasks');
const dir = mkdtempSync(join(tmpdir(), 'teamops-seed-'));
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo', now: TODAY.toISOString() });
});

afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo seed', () => {
  it('has last week’s DRI issue, assigned to a roster member, with two open requests and one closed linked to it', async () => {
    const dri = asArray((await api(sandbox, `/projects/${TEAM_TASKS}/issues?labels=DRI&state=opened`)).json);
    expect(dri).toHaveLength(1);
    expect(dri[0]).toMatchObject({
      title: 'Distribution DRI rotation week of 2026-11-09',
      assignees: [expect.objectContaining({ username: 'chen.wei' })],
    });
    const links = asArray((await api(sandbox, `/projects/${TEAM_TASKS}/issues/${String(dri[0]?.['iid'])}/links`)).json);
    expect(links.map((issue) => [issue['state'], issue['labels']])).toEqual([
      ['opened', ['dri::active-request', 'type::bug']],
      ['opened', ['dri::active-request']],
      ['closed', ['dri::active-request']],
    ]);
  });

  it('holds the Distribution-DRI template with its Liquid variables', async () => {
    const template = asObject((await api(sandbox, `/projects/${TEAM_TASKS}/templates/issues/Distribution-DRI`)).json);
    for (const variable of [
      '{{ dri }}',
      '{{ previous_dri }}',
      '{{ week_start }}',
      '{{ week_end }}',
      '{{ previous_issue }}',
      '{% for request in handover %}- {{ request.reference }} {{ request.title }}',
    ]) {
      expect(template['content']).toContain(variable);
    }
  });

  it('has six roster developers, two managers and one member who is away', async () => {
    const members = asArray((await api(sandbox, '/groups/distribution/members/all')).json);
    expect(members.filter((member) => member['access_level'] === 30).map((member) => member['username'])).toEqual([
      'amara.okafor',
      'bruno.silva',
      'chen.wei',
      'dana.kowalski',
      'emeka.eze',
      'farah.haddad',
    ]);
    expect(members.filter((member) => Number(member['access_level']) >= 40).map((member) => member['username'])).toEqual([
      'grace.hopper',
      'director.lee',
    ]);
    expect((await api(sandbox, '/users/dana.kowalski/status')).json).toMatchObject({ availability: 'busy' });
  });

  it('places the previous, current and next milestones around today', async () => {
    const active = asArray((await api(sandbox, '/groups/distribution/milestones?state=active')).json);
    const [previous, current, next] = active.map((m) => ({
      due: String(m['due_date']),
      start: String(m['start_date']),
      title: m['title'],
    }));
    expect(previous?.due).toBe('2026-11-08'); // ended 10 days ago
    expect(current?.start).toBe('2026-11-09');
    expect(current?.due && current.due > '2026-11-18').toBe(true);
    expect(next?.start && current?.due && next.start > current.due).toBe(true);
    const leftOver = asArray((await api(sandbox, `/groups/distribution/issues?milestone=${String(previous?.title)}&state=opened`)).json);
    expect(leftOver).toHaveLength(4);
    expect(leftOver.filter((issue) => (issue['labels'] as string[]).some((label) => label.startsWith('missed:')))).toHaveLength(2);
  });

  it('has async updates from the last seven days with HIGHLIGHT paragraphs, and an older weekly update', async () => {
    const since = new Date(TODAY.getTime() - 7 * 86_400_000).toISOString();
    const updates = asArray(
      (await api(sandbox, `/projects/${TEAM_TASKS}/issues?labels=OpsSection::AsyncUpdate&created_after=${since}`)).json,
    );
    expect(updates).toHaveLength(3);
    const text = updates.map((issue) => String(issue['description'])).join('\n');
    expect(text).toMatch(/```text\nHIGHLIGHT:/);
    expect(text).toMatch(/\S HIGHLIGHT: in the middle/);
    const weekly = asArray((await api(sandbox, `/projects/${TEAM_TASKS}/issues?labels=OpsSection::Weekly-Update`)).json);
    expect(weekly).toHaveLength(1);
    expect(String(weekly[0]?.['created_at']) < since).toBe(true);
  });

  it('has engineering work and merged merge requests in the omnibus project', async () => {
    const omnibus = projectPath('distribution/omnibus');
    expect((await api(sandbox, `/projects/${omnibus}/issues?per_page=1`)).headers.get('x-total')).toBe('34');
    const merged = await api(
      sandbox,
      `/projects/${omnibus}/merge_requests?state=merged&merged_after=${new Date(TODAY.getTime() - 7 * 86_400_000).toISOString()}`,
    );
    expect(asArray(merged.json)).toHaveLength(3);
  });

  it('never places anything in the future, whatever the day', () => {
    for (let offset = 0; offset < 7; offset += 1) {
      const today = new Date(Date.UTC(2026, 10, 16 + offset, 0, 30));
      const seed = demoSeed(today);
      const stamps = [...JSON.stringify(seed).matchAll(/"(?:created_at|closed_at|merged_at)":"([^"]+)"/g)].map((match) => match[1] ?? '');
      expect(stamps.length).toBeGreaterThan(50);
      for (const stamp of stamps) expect(stamp <= today.toISOString(), stamp).toBe(true);
    }
  });
});

describe('seed files', () => {
  it('loads YAML and JSON descriptions of an organisation', async () => {
    const yamlFile = join(dir, 'org.yaml');
    writeFileSync(
      yamlFile,
      [
        'users:',
        '  - { username: ada, name: Ada Lovelace, status: { availability: busy, message: Travelling } }',
        'groups:',
        '  - path: engine',
        '    members: { ada: owner }',
        '    milestones: [{ title: M1, start_date: 2026-11-01, due_date: 2026-11-30 }]',
        'projects:',
        '  - path: engine/core',
        '    visibility: internal',
        '    issues:',
        '      - { title: Build it, milestone: M1, assignees: [ada], links: ["#2"], notes: [{ body: Started, author: ada }] }',
        '      - { title: Test it, state: closed }',
      ].join('\n'),
    );
    const jsonFile = join(dir, 'org.json');
    writeFileSync(jsonFile, JSON.stringify(loadSeedFile(yamlFile)));
    for (const file of [yamlFile, jsonFile]) {
      const seeded = await startSandbox({ seed: loadSeedFile(file) });
      try {
        const issues = asArray((await api(seeded, `/projects/${projectPath('engine/core')}/issues?sort=asc`)).json);
        expect(issues.map((issue) => [issue['title'], issue['state'], asObject(issue['milestone'] ?? {})['title'] ?? null])).toEqual([
          ['Build it', 'opened', 'M1'],
          ['Test it', 'closed', null],
        ]);
        expect(asArray((await api(seeded, `/projects/${projectPath('engine/core')}/issues/1/links`)).json)).toHaveLength(1);
        expect((await api(seeded, '/users/ada/status')).json).toMatchObject({ availability: 'busy', message: 'Travelling' });
        expect((await api(seeded, '/user', { token: seeded.tokenFor('ada') })).json).toMatchObject({ username: 'ada' });
      } finally {
        await seeded.stop();
      }
    }
  });

  it('names the field of every mistake', () => {
    const file = join(dir, 'broken.yml');
    writeFileSync(file, 'users:\n  - name: No Username\ngroups:\n  - path: g\n    visibility: secret\n');
    expect(() => loadSeedFile(file)).toThrow(
      /broken\.yml: invalid seed document\n {2}users\[0\]\.username: .*\n {2}groups\[0\]\.visibility: /,
    );
  });

  it('refuses references to users and milestones that do not exist', async () => {
    await expect(startSandbox({ seed: { groups: [{ path: 'g', members: { nobody: 'developer' } }] } })).rejects.toThrow(
      'groups[0].members.nobody: unknown user "nobody"',
    );
    await expect(
      startSandbox({ seed: { groups: [{ path: 'g' }], projects: [{ path: 'g/p', issues: [{ title: 'x', milestone: 'Nope' }] }] } }),
    ).rejects.toThrow('projects[0].issues[0].milestone: no milestone "Nope" in g/p or its groups');
  });
});

describe('the seed format documentation', () => {
  it('has an example that loads', async () => {
    const docs = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = /## Seed files[\s\S]*?```yaml\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(example).toBeDefined();
    const file = join(dir, 'docs-example.yml');
    writeFileSync(file, example ?? '');
    const documented = await startSandbox({ seed: loadSeedFile(file) });
    try {
      const links = asArray((await api(documented, `/projects/${projectPath('platform/team-tasks')}/issues/1/links`)).json);
      expect(links.map((issue) => [issue['title'], issue['link_type']])).toEqual([['Write the handbook page', 'blocks']]);
      expect((await api(documented, '/user', { token: 'glpat-my-fixed-token-123' })).json).toMatchObject({ username: 'ada.lovelace' });
    } finally {
      await documented.stop();
    }
  });
});

import {
  IssueLabelEvents,
  IssueMilestoneEvents,
  Issues,
  IssueStateEvents,
  MergeRequestLabelEvents,
  MergeRequestMilestoneEvents,
  MergeRequests,
} from '@gitbeaker/rest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type SeedDocument } from '../src/index.js';
import { api, asArray, asObject, projectPath } from './support/http.js';
import { compose, expectValid } from './support/schemas.js';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';

// Resource milestone, label and state events: recorded for every change, served as GitLab serves
// them (lib/api/resource_*_events.rb), and seeded as history in the demo organisation.

const OMNIBUS = 'distribution/omnibus';
const NOW = '2026-11-18T12:00:00.000Z';
let sandbox: Sandbox;
/** The demo's group milestones by role, oldest first: closed, ended 10 days ago, current, next. */
let release: Record<'older' | 'previous' | 'current' | 'next', { id: number; title: string; start: string }>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo', now: NOW });
  const milestones = asArray((await api(sandbox, '/groups/distribution/milestones?state=all')).json)
    .map((m) => ({ id: Number(m['id']), title: String(m['title']), start: String(m['start_date']), due: String(m['due_date']) }))
    .sort((a, b) => (a.due < b.due ? -1 : 1));
  const [older, previous, current, next] = milestones;
  if (!older || !previous || !current || !next) throw new Error('the demo has four group milestones');
  release = { older, previous, current, next };
});

afterAll(async () => {
  await sandbox.stop();
});

/** GitLab has no schema file for these events; their parts are GitLab's (UserBasic, Milestone, LabelBasic). */
const eventHead = (ref: (name: string) => { $ref: string }) => ({
  id: { type: 'integer' },
  user: ref('user/basic'),
  created_at: { type: 'string', format: 'date-time' },
  resource_type: { enum: ['Issue', 'MergeRequest'] },
  resource_id: { type: 'integer' },
});
const milestoneEvents = compose((ref) => ({
  type: 'array',
  items: {
    type: 'object',
    properties: {
      ...eventHead(ref),
      milestone: { oneOf: [{ type: 'null' }, ref('milestone')] },
      action: { enum: ['add', 'remove'] },
      state: { enum: ['opened', 'closed', 'merged', 'locked'] },
    },
    required: ['id', 'user', 'created_at', 'resource_type', 'resource_id', 'milestone', 'action', 'state'],
    additionalProperties: false,
  },
}));
const labelEvents = compose((ref) => ({
  type: 'array',
  items: {
    type: 'object',
    properties: {
      ...eventHead(ref),
      label: { oneOf: [{ type: 'null' }, ref('label_basic')] },
      action: { enum: ['add', 'remove'] },
    },
    required: ['id', 'user', 'created_at', 'resource_type', 'resource_id', 'label', 'action'],
    additionalProperties: false,
  },
}));
const stateEvents = compose((ref) => ({
  type: 'array',
  items: {
    type: 'object',
    properties: {
      ...eventHead(ref),
      source_commit: { type: ['string', 'null'] },
      source_merge_request_id: { type: ['integer', 'null'] },
      state: { enum: ['closed', 'reopened', 'merged', 'locked'] },
    },
    required: ['id', 'user', 'created_at', 'resource_type', 'resource_id', 'source_commit', 'source_merge_request_id', 'state'],
    additionalProperties: false,
  },
}));

async function events(path: string, kind: 'milestone' | 'label' | 'state'): Promise<Array<Record<string, unknown>>> {
  const response = await api(sandbox, `${path}/resource_${kind}_events?per_page=100`);
  expect(response.status, path).toBe(200);
  // The sandbox's LabelBasic leaves out `remove_on_close`, as the label contract test does.
  const checked =
    kind === 'label'
      ? asArray(response.json).map((e) => ({ ...e, label: e['label'] && { ...asObject(e['label']), remove_on_close: false } }))
      : response.json;
  expectValid({ milestone: milestoneEvents, label: labelEvents, state: stateEvents }[kind], checked);
  return asArray(response.json);
}

describe('events recorded for REST changes to an issue', () => {
  it('records labels and milestone set at creation, then each change, by whoever made it', async () => {
    const { previous, current } = release;
    const created = asObject(
      (
        await api(sandbox, `/projects/${projectPath(OMNIBUS)}/issues`, {
          method: 'POST',
          token: sandbox.tokenFor('grace.hopper'),
          body: { title: 'History', labels: 'type::bug,Deliverable', milestone_id: previous.id },
        })
      ).json,
    );
    const path = `/projects/${projectPath(OMNIBUS)}/issues/${String(created['iid'])}`;
    sandbox.clock.advance(60_000);
    await api(sandbox, path, {
      method: 'PUT',
      token: sandbox.tokenFor('chen.wei'),
      body: { milestone_id: current.id, add_labels: `missed:${previous.title}`, remove_labels: 'Deliverable' },
    });
    sandbox.clock.advance(60_000);
    await api(sandbox, path, { method: 'PUT', body: { milestone_id: 0, state_event: 'close' } });
    sandbox.clock.advance(60_000);
    await api(sandbox, path, { method: 'PUT', body: { state_event: 'reopen' } });

    const milestone = await events(path, 'milestone');
    expect(milestone.map((e) => [e['action'], asObject(e['milestone'])['title'], asObject(e['user'])['username'], e['state']])).toEqual([
      ['add', previous.title, 'grace.hopper', 'opened'],
      ['add', current.title, 'chen.wei', 'opened'],
      ['remove', current.title, 'root', 'closed'],
    ]);
    expect(milestone.map((e) => e['created_at'])).toEqual([
      '2026-11-18T12:00:00.000Z',
      '2026-11-18T12:01:00.000Z',
      '2026-11-18T12:02:00.000Z',
    ]);
    expect(milestone.every((e) => e['resource_type'] === 'Issue' && e['resource_id'] === created['id'])).toBe(true);

    const labels = await events(path, 'label');
    expect(labels.map((e) => [e['action'], asObject(e['label'])['name'], asObject(e['user'])['username']])).toEqual([
      ['add', 'Deliverable', 'grace.hopper'],
      ['add', 'type::bug', 'grace.hopper'],
      ['add', `missed:${previous.title}`, 'chen.wei'],
      ['remove', 'Deliverable', 'chen.wei'],
    ]);

    const states = await events(path, 'state');
    expect(states.map((e) => [e['state'], e['created_at']])).toEqual([
      ['closed', '2026-11-18T12:02:00.000Z'],
      ['reopened', '2026-11-18T12:03:00.000Z'],
    ]);
  });

  it('records nothing for an edit that changes none of them', async () => {
    const path = `/projects/${projectPath(OMNIBUS)}/issues/20`;
    const before = (await events(path, 'label')).length + (await events(path, 'milestone')).length + (await events(path, 'state')).length;
    await api(sandbox, path, { method: 'PUT', body: { title: 'A new title', add_labels: 'Stretch' } });
    const after = (await events(path, 'label')).length + (await events(path, 'milestone')).length + (await events(path, 'state')).length;
    expect(after).toBe(before);
  });

  it('serves a single event and answers GitLab’s 404s and 401', async () => {
    const path = `/projects/${projectPath(OMNIBUS)}/issues/1`;
    const [first] = await events(path, 'milestone');
    const single = await api(sandbox, `${path}/resource_milestone_events/${String(first?.['id'])}`);
    expect(single.status).toBe(200);
    expect(single.json).toEqual(first);

    const other = (await events(`/projects/${projectPath(OMNIBUS)}/issues/2`, 'milestone'))[0];
    expect(await api(sandbox, `${path}/resource_milestone_events/${String(other?.['id'])}`)).toMatchObject({
      status: 404,
      json: { message: '404 Not found' },
    });
    expect(await api(sandbox, `/projects/${projectPath(OMNIBUS)}/issues/999/resource_label_events`)).toMatchObject({
      status: 404,
      json: { message: '404 Issue Not Found' },
    });
    expect(await api(sandbox, `/projects/${projectPath(OMNIBUS)}/merge_requests/999/resource_state_events`)).toMatchObject({
      status: 404,
      json: { message: '404 MergeRequest Not Found' },
    });
    expect(await api(sandbox, `${path}/resource_state_events`, { token: null })).toMatchObject({
      status: 401,
      json: { message: '401 Unauthorized' },
    });
  });
});

describe('through gitbeaker', () => {
  it('lists and shows issue and merge request events after gitbeaker edits', async () => {
    const options = { host: sandbox.url, token: sandbox.token };
    const issue = await new Issues(options).create(OMNIBUS, 'Gitbeaker history', { labels: 'type::bug' });
    await new Issues(options).edit(OMNIBUS, issue.iid, { stateEvent: 'close', addLabels: 'Stretch' });
    const labelEvents = await new IssueLabelEvents(options).all(OMNIBUS, issue.iid);
    expect(labelEvents.map((e) => [e.action, e.label?.name])).toEqual([
      ['add', 'type::bug'],
      ['add', 'Stretch'],
    ]);
    const stateEvents = await new IssueStateEvents(options).all(OMNIBUS, issue.iid);
    expect(stateEvents.map((e) => e.state)).toEqual(['closed']);
    const shown = await new IssueStateEvents(options).show(OMNIBUS, issue.iid, stateEvents[0]?.id ?? 0);
    expect(shown.id).toBe(stateEvents[0]?.id);
    expect(await new IssueMilestoneEvents(options).all(OMNIBUS, issue.iid)).toEqual([]);

    const mr = await new MergeRequests(options).create(OMNIBUS, 'history-branch', 'main', 'MR history', {
      milestoneId: release.current.id,
      labels: 'type::feature',
    });
    await new MergeRequests(options).edit(OMNIBUS, mr.iid, { stateEvent: 'close', milestoneId: release.next.id });
    const mrMilestones = await new MergeRequestMilestoneEvents(options).all(OMNIBUS, mr.iid);
    expect(mrMilestones.map((e) => [e.action, e.milestone?.title, e.resource_type, e.state])).toEqual([
      ['add', release.current.title, 'MergeRequest', 'opened'],
      ['add', release.next.title, 'MergeRequest', 'closed'],
    ]);
    expect((await new MergeRequestLabelEvents(options).all(OMNIBUS, mr.iid)).map((e) => e.label?.name)).toEqual(['type::feature']);
    // gitbeaker has no class for merge request state events.
    const mrStates = await events(`/projects/${projectPath(OMNIBUS)}/merge_requests/${mr.iid}`, 'state');
    expect(mrStates.map((e) => e['state'])).toEqual(['closed']);
  });
});

describe('the demo organisation’s history', () => {
  it('shows slipped issues moving out of the older milestone the day after it ended', async () => {
    const { older, previous } = release;
    const issues = asArray((await api(sandbox, `/projects/${projectPath(OMNIBUS)}/issues?labels=missed:${older.title}&per_page=100`)).json);
    expect(issues.map((issue) => issue['iid']).sort()).toEqual([10, 16, 8]);
    for (const issue of issues) {
      const path = `/projects/${projectPath(OMNIBUS)}/issues/${String(issue['iid'])}`;
      const milestone = await events(path, 'milestone');
      expect(milestone[0]).toMatchObject({ action: 'add', milestone: { title: older.title }, created_at: issue['created_at'] });
      expect(milestone[1]).toMatchObject({ action: 'add', milestone: { title: previous.title }, user: { username: 'grace.hopper' } });
      expect(String(milestone[1]?.['created_at']) < NOW).toBe(true);
      expect(milestone.at(-1)?.['milestone']).toMatchObject({ title: asObject(issue['milestone'])['title'] });
      const labels = await events(path, 'label');
      expect(labels.find((e) => asObject(e['label'])['name'] === `missed:${older.title}`)?.['created_at']).toBe(
        milestone[1]?.['created_at'],
      );
    }
  });

  it('shows work added to the current milestone after it started, and closes and merges when they happened', async () => {
    const unplanned = await events(`/projects/${projectPath(OMNIBUS)}/issues/22`, 'milestone');
    expect(unplanned.map((e) => asObject(e['milestone'])['title'])).toEqual([release.current.title]);
    expect(String(unplanned[0]?.['created_at']).slice(0, 10) > release.current.start).toBe(true);

    const closed = asObject((await api(sandbox, `/projects/${projectPath(OMNIBUS)}/issues/1`)).json);
    const closedEvents = await events(`/projects/${projectPath(OMNIBUS)}/issues/1`, 'state');
    expect(closedEvents.map((e) => [e['state'], e['created_at']])).toEqual([['closed', closed['closed_at']]]);

    const merged = asArray((await api(sandbox, `/projects/${projectPath(OMNIBUS)}/merge_requests?state=merged&per_page=1`)).json)[0];
    const mergedEvents = await events(`/projects/${projectPath(OMNIBUS)}/merge_requests/${String(merged?.['iid'])}`, 'state');
    expect(mergedEvents.map((e) => [e['state'], e['created_at'], e['resource_type']])).toEqual([
      ['merged', merged?.['merged_at'], 'MergeRequest'],
    ]);
  });
});

describe('seeded history and saved state', () => {
  const seed: SeedDocument = {
    users: [{ username: 'ada' }],
    groups: [
      {
        path: 'g',
        members: { ada: 'maintainer' },
        milestones: [{ title: 'M1' }, { title: 'M2' }],
      },
    ],
    projects: [
      {
        path: 'g/p',
        issues: [
          {
            title: 'Slipped',
            author: 'ada',
            milestone: 'M1',
            labels: ['Deliverable'],
            created_at: '2026-10-01T09:00:00Z',
            state: 'closed',
            closed_at: '2026-10-20T09:00:00Z',
            history: [
              { at: '2026-10-10T09:00:00Z', milestone: 'M2', add_labels: ['missed:M1'], remove_labels: ['Deliverable'], author: 'root' },
              { at: '2026-10-12T09:00:00Z', milestone: null },
            ],
          },
        ],
      },
    ],
  };

  it('replays a seed issue’s history into its state and its events', async () => {
    const seeded = await startSandbox({ seed });
    const issue = asObject((await api(seeded, '/projects/g%2Fp/issues/1')).json);
    expect(issue).toMatchObject({ state: 'closed', milestone: null, labels: ['missed:M1'], closed_at: '2026-10-20T09:00:00.000Z' });
    expect(issue['updated_at']).toBe('2026-10-20T09:00:00.000Z');
    const milestone = asArray((await api(seeded, '/projects/g%2Fp/issues/1/resource_milestone_events')).json);
    expect(
      milestone.map((e) => [e['action'], asObject(e['milestone'])['title'], e['created_at'], asObject(e['user'])['username']]),
    ).toEqual([
      ['add', 'M1', '2026-10-01T09:00:00.000Z', 'ada'],
      ['add', 'M2', '2026-10-10T09:00:00.000Z', 'root'],
      ['remove', 'M2', '2026-10-12T09:00:00.000Z', 'ada'],
    ]);
    const labels = asArray((await api(seeded, '/projects/g%2Fp/issues/1/resource_label_events')).json);
    expect(labels.map((e) => [e['action'], asObject(e['label'])['name']])).toEqual([
      ['add', 'Deliverable'],
      ['add', 'missed:M1'],
      ['remove', 'Deliverable'],
    ]);
    const states = asArray((await api(seeded, '/projects/g%2Fp/issues/1/resource_state_events')).json);
    expect(states.map((e) => [e['state'], e['created_at']])).toEqual([['closed', '2026-10-20T09:00:00.000Z']]);
  });

  it('names the field of a bad history entry', async () => {
    const bad = structuredClone(seed);
    const issue = bad.projects?.[0]?.issues?.[0];
    if (issue) issue.history = [{ at: '2026-10-10T09:00:00Z', milestone: 'M9', add_labels: [], remove_labels: [], author: 'root' }];
    await expect(startSandbox({ seed: bad })).rejects.toThrow(
      'projects[0].issues[0].history[0].milestone: no milestone "M9" in g/p or its groups',
    );
  });

  it('keeps the events in a data file across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamops-sandbox-events-'));
    try {
      const dataFile = join(dir, 'state.json');
      const first = await createSandbox({ seed, dataFile });
      await api(first, '/projects/g%2Fp/issues/1', { method: 'PUT', body: { state_event: 'reopen' } });
      const summary = (json: unknown) => asArray(json).map((e) => [e['id'], e['state'], e['created_at'], asObject(e['user'])['username']]);
      const before = summary((await api(first, '/projects/g%2Fp/issues/1/resource_state_events')).json);
      await first.stop();
      const second = await createSandbox({ dataFile });
      try {
        expect(summary((await api(second, '/projects/g%2Fp/issues/1/resource_state_events')).json)).toEqual(before);
        expect(before.map((e) => e[1])).toEqual(['closed', 'reopened']);
        await api(second, '/projects/g%2Fp/issues/1', { method: 'PUT', body: { state_event: 'close' } });
        const ids = asArray((await api(second, '/projects/g%2Fp/issues/1/resource_state_events')).json).map((e) => e['id']);
        expect(new Set(ids).size).toBe(3);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

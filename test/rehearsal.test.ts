import {
  GroupLabels,
  GroupMilestones,
  Groups,
  IssueLinks,
  IssueNotes,
  Issues,
  MergeRequests,
  ProjectLabels,
  ProjectMilestones,
} from '@gitbeaker/rest';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoSteps } from '../scripts/demo/steps.js';
import { runCli, withConfig } from './support/run-cli.js';
import { startSandbox, type TestSandbox } from './support/sandbox.js';

// A rehearsal leaves no trace: seed the demo organisation, run every ritual the way the demo does
// (dry run, apply, rerun), then clean up through the API alone — delete what the rituals created,
// put back what they changed — and find the organisation as it was seeded. The comparison covers
// issues (title, description, state, labels, milestone, assignees, links), merge requests, labels,
// milestones and comments; GitLab's system notes and timestamps are history and stay, as they
// would on GitLab.

const GROUP = 'distribution';
let sandbox: TestSandbox;
let api: { host: string; token: string };

interface IssueShape {
  id: number;
  projectId: number;
  iid: number;
  title: string;
  description: string | null;
  state: string;
  labels: string[];
  milestoneId: number | null;
  assigneeIds: number[];
  links: string[];
  notes: Array<{ id: number; body: string; author: string }>;
}

interface Snapshot {
  issues: IssueShape[];
  mergeRequests: Array<{ projectId: number; iid: number; state: string; labels: string[]; milestoneId: number | null }>;
  labels: Array<{ owner: string; id: number; name: string; color: string; description: string | null }>;
  milestones: Array<{ owner: string; id: number; title: string; state: string; dueDate: string | null }>;
}

async function projectIds(): Promise<number[]> {
  const projects = await new Groups(api).allProjects(GROUP, { includeSubgroups: true });
  return projects.map((project) => project.id).sort((a, b) => a - b);
}

async function snapshot(): Promise<Snapshot> {
  const issues: IssueShape[] = [];
  const mergeRequests: Snapshot['mergeRequests'] = [];
  const labels: Snapshot['labels'] = [];
  const milestones: Snapshot['milestones'] = [];
  for (const label of await new GroupLabels(api).all(GROUP))
    labels.push({ owner: GROUP, id: label.id, name: label.name, color: label.color, description: label.description ?? null });
  for (const milestone of await new GroupMilestones(api).all(GROUP))
    milestones.push({
      owner: GROUP,
      id: milestone.id,
      title: milestone.title,
      state: milestone.state,
      dueDate: milestone.due_date ?? null,
    });
  for (const projectId of await projectIds()) {
    for (const issue of await new Issues(api).all({ projectId, state: 'all', perPage: 100 })) {
      const links = await new IssueLinks(api).all(projectId, issue.iid);
      const notes = await new IssueNotes(api).all(projectId, issue.iid, { sort: 'asc', perPage: 100 });
      issues.push({
        id: issue.id,
        projectId,
        iid: issue.iid,
        title: issue.title,
        description: issue.description ?? null,
        state: issue.state,
        labels: [...(issue.labels as string[])].sort(),
        milestoneId: (issue.milestone as { id: number } | null)?.id ?? null,
        assigneeIds: (issue.assignees ?? []).map((user) => user.id).sort((a, b) => a - b),
        links: links.map((link) => `${String(link.link_type)}:${link.id}`).sort(),
        notes: notes.filter((note) => !note.system).map((note) => ({ id: note.id, body: note.body, author: note.author.username })),
      });
    }
    for (const mr of await new MergeRequests(api).all({ projectId, perPage: 100 }))
      mergeRequests.push({
        projectId,
        iid: mr.iid,
        state: mr.state,
        labels: [...(mr.labels as unknown as string[])].sort(),
        milestoneId: (mr.milestone as { id: number } | null)?.id ?? null,
      });
    for (const label of await new ProjectLabels(api).all(projectId, { includeAncestorGroups: false }))
      labels.push({ owner: String(projectId), id: label.id, name: label.name, color: label.color, description: label.description ?? null });
    for (const milestone of await new ProjectMilestones(api).all(projectId))
      milestones.push({
        owner: String(projectId),
        id: milestone.id,
        title: milestone.title,
        state: milestone.state,
        dueDate: milestone.due_date ?? null,
      });
  }
  issues.sort((a, b) => a.id - b.id);
  return { issues, mergeRequests, labels, milestones };
}

/** Deletes what is not in `seeded` and puts back what changed, through GitLab's API only. */
async function cleanUp(seeded: Snapshot): Promise<void> {
  const now = await snapshot();
  const seededIssues = new Map(seeded.issues.map((issue) => [issue.id, issue]));
  for (const issue of now.issues) {
    const before = seededIssues.get(issue.id);
    if (!before) {
      await new Issues(api).remove(issue.projectId, issue.iid);
      continue;
    }
    const seededNotes = new Set(before.notes.map((note) => note.id));
    for (const note of issue.notes) if (!seededNotes.has(note.id)) await new IssueNotes(api).remove(issue.projectId, issue.iid, note.id);
  }
  const remaining = new Map((await snapshot()).issues.map((issue) => [issue.id, issue]));
  for (const before of seeded.issues) {
    const issue = remaining.get(before.id);
    if (!issue) throw new Error(`seeded issue ${before.projectId}#${before.iid} was deleted by a ritual`);
    const changes: Record<string, unknown> = {};
    if (issue.title !== before.title) changes['title'] = before.title;
    if (issue.description !== before.description) changes['description'] = before.description ?? '';
    if (issue.labels.join(',') !== before.labels.join(',')) changes['labels'] = before.labels.join(',');
    if (issue.milestoneId !== before.milestoneId) changes['milestoneId'] = before.milestoneId ?? 0;
    if (issue.assigneeIds.join(',') !== before.assigneeIds.join(','))
      changes['assigneeIds'] = before.assigneeIds.length > 0 ? before.assigneeIds : [0];
    if (issue.state !== before.state) changes['stateEvent'] = before.state === 'closed' ? 'close' : 'reopen';
    if (Object.keys(changes).length > 0) await new Issues(api).edit(before.projectId, before.iid, changes);
    for (const link of before.links) {
      if (issue.links.includes(link)) continue;
      const [linkType, targetId] = link.split(':');
      const target = seededIssues.get(Number(targetId));
      const current = await new IssueLinks(api).all(before.projectId, before.iid);
      if (!target || current.some((existing) => `${String(existing.link_type)}:${existing.id}` === link)) continue;
      await new IssueLinks(api).create(before.projectId, before.iid, target.projectId, target.iid, {
        linkType: linkType as 'relates_to' | 'blocks' | 'is_blocked_by',
      });
    }
  }
  for (const before of seeded.mergeRequests) {
    const mr = now.mergeRequests.find((candidate) => candidate.projectId === before.projectId && candidate.iid === before.iid);
    if (mr && JSON.stringify(mr) !== JSON.stringify(before))
      await new MergeRequests(api).edit(before.projectId, before.iid, {
        labels: before.labels.join(','),
        milestoneId: before.milestoneId ?? 0,
      });
  }
  const seededLabels = new Set(seeded.labels.map((label) => label.id));
  for (const label of now.labels) {
    if (seededLabels.has(label.id)) continue;
    if (label.owner === GROUP) await new GroupLabels(api).remove(GROUP, label.id);
    else await new ProjectLabels(api).remove(Number(label.owner), label.id);
  }
  const seededMilestones = new Map(seeded.milestones.map((milestone) => [milestone.id, milestone]));
  for (const milestone of now.milestones) {
    const before = seededMilestones.get(milestone.id);
    const owner = milestone.owner === GROUP ? new GroupMilestones(api) : new ProjectMilestones(api);
    const ownerId = milestone.owner === GROUP ? GROUP : Number(milestone.owner);
    if (!before) await owner.remove(ownerId, milestone.id);
    else if (before.state !== milestone.state)
      await owner.edit(ownerId, milestone.id, { stateEvent: before.state === 'closed' ? 'close' : 'activate' });
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' });
  api = { host: sandbox.url, token: sandbox.token };
});

describe('a rehearsal of every ritual', () => {
  it('can be cleaned up through the API until the organisation is exactly as seeded', { timeout: 120_000 }, async () => {
    const seeded = await snapshot();
    expect(seeded.issues.length).toBeGreaterThan(30);
    const cwd = withConfig(readFileSync(new URL('../scripts/demo/teamops.yml', import.meta.url), 'utf8'));
    for (const step of demoSteps(sandbox.clock.now())) {
      for (const run of step.runs) {
        const result = await runCli(run.args, { cwd, env: { ...sandbox.env(), CI: 'true' } });
        expect(result.exitCode, `teamops ${run.args.join(' ')}\n${result.stderr}`).toBe(run.exitCode ?? 0);
      }
    }
    const rehearsed = await snapshot();
    // The rituals did write: new issues, comments, moved issues, labels.
    expect(rehearsed.issues.length).toBeGreaterThan(seeded.issues.length);
    expect(rehearsed).not.toEqual(seeded);

    await cleanUp(seeded);
    const after = await snapshot();
    expect(after.issues).toEqual(seeded.issues);
    expect(after.mergeRequests).toEqual(seeded.mergeRequests);
    expect(after.labels).toEqual(seeded.labels);
    expect(after.milestones).toEqual(seeded.milestones);
  });
});

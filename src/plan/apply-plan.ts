import pLimit from 'p-limit';
import type { GitLabWriter, ProjectRef, TeamIssue } from '../gitlab/port.js';
import { ExitCode, TeamopsError } from '../errors.js';
import type { Action, IssueTarget, Plan, UpdateIssueAction } from './plan.js';

export interface ActionResult {
  key: string;
  kind: Action['kind'];
  status: 'done' | 'failed' | 'skipped';
  summary: string;
  /** The issue the action created or changed. */
  issue?: { project: ProjectRef; iid: number; reference: string; webUrl: string };
  /** false when a create found the thing already there (a retry after a lost response). */
  created?: boolean;
  /** For a change planned as part of a GraphQL bulk update: how it was made in the end. */
  via?: 'graphql' | 'rest';
  error?: string;
  /** GitLab refused the change to the token's user (401/403): a rerun alone cannot finish it. */
  denied?: boolean;
}

export interface ApplyResult {
  results: ActionResult[];
  done: number;
  failed: number;
  skipped: number;
  /** The run was interrupted: the skipped actions include those never started. */
  interrupted: boolean;
}

export interface ApplyOptions {
  /**
   * The most independent actions at a time. Below it the writer's `inFlightLimit()` decides, adapting
   * to GitLab's responses (the rate limit paces them further).
   */
  concurrency: number;
  onActionDone?: (result: ActionResult) => void;
  /** Once aborted (Ctrl-C), no new action starts; those in flight finish and are reported. */
  signal?: AbortSignal;
}

/** Mutations::Issues::BulkUpdate::MAX_ISSUES. */
export const BULK_UPDATE_MAX_ISSUES = 100;

type BulkIssueAction = UpdateIssueAction & { bulk: NonNullable<UpdateIssueAction['bulk']> };
const isBulk = (action: Action): action is BulkIssueAction => action.kind === 'update-issue' && action.bulk !== undefined;

/** The batches of bulk updates, 100 at a time in plan order: each action's chunk. */
function chunkBulkUpdates(actions: Action[]): Map<string, BulkIssueAction[]> {
  const batches = new Map<string, BulkIssueAction[]>();
  for (const action of actions.filter(isBulk)) batches.set(action.bulk.batch, [...(batches.get(action.bulk.batch) ?? []), action]);
  const chunkOf = new Map<string, BulkIssueAction[]>();
  for (const members of batches.values()) {
    for (let start = 0; start < members.length; start += BULK_UPDATE_MAX_ISSUES) {
      const chunk = members.slice(start, start + BULK_UPDATE_MAX_ISSUES);
      for (const member of chunk) chunkOf.set(member.key, chunk);
    }
  }
  return chunkOf;
}

/** Whether the issue as read back has the change: the milestone, and every label to add, none to remove. */
function hasChange(issue: TeamIssue, action: BulkIssueAction): boolean {
  const { addLabels = [], removeLabels = [] } = action.change;
  return (
    (issue.milestone?.title ?? null) === action.bulk.milestoneTitle &&
    addLabels.every((label) => issue.labels.includes(label)) &&
    !removeLabels.some((label) => issue.labels.includes(label))
  );
}

const PLACEHOLDER = /\{\{(ref|url|iid):([^}\s]+)\}\}/g;

function findDependencies(action: Action): string[] {
  const fromTargets = ['target' in action ? action.target : undefined, 'source' in action ? action.source : undefined].flatMap((target) =>
    target && 'createdBy' in target ? [target.createdBy] : [],
  );
  const fromText = [
    action.kind === 'create-issue' ? action.issue.description : '',
    action.kind === 'create-note' || action.kind === 'update-note' ? action.body : '',
    action.kind === 'update-issue' ? (action.change.description ?? '') : '',
  ].flatMap((text) => [...text.matchAll(PLACEHOLDER)].map((m) => m[2]!));
  return [...new Set([...(action.after ?? []), ...fromTargets, ...fromText])];
}

/** A planner bug would otherwise leave actions waiting on each other forever. */
function assertNoCycle(actions: Action[], byKey: Map<string, Action>, dependenciesOf: (action: Action) => string[]): void {
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (action: Action): void => {
    if (done.has(action.key)) return;
    if (visiting.has(action.key)) throw new Error(`plan actions depend on each other in a cycle through ${action.key}`);
    visiting.add(action.key);
    for (const dependency of dependenciesOf(action)) visit(byKey.get(dependency)!);
    visiting.delete(action.key);
    done.add(action.key);
  };
  actions.forEach(visit);
}

/**
 * Applies a plan: each action after the actions it depends on, independent ones concurrently.
 * A failure does not stop unrelated actions; actions that depend on a failed one are skipped.
 * Every writer call is safe to repeat, so running the command again finishes the job.
 */
export async function applyPlan(plan: Plan, writer: GitLabWriter, options: ApplyOptions): Promise<ApplyResult> {
  const byKey = new Map(plan.actions.map((action) => [action.key, action]));
  // Each action's dependencies are read three times (checks, cycle search, run): once per action is enough.
  const dependencies = new Map(plan.actions.map((action) => [action, findDependencies(action)]));
  const dependenciesOf = (action: Action): string[] => dependencies.get(action) ?? findDependencies(action);
  for (const action of plan.actions) {
    for (const dependency of dependenciesOf(action)) {
      if (!byKey.has(dependency)) throw new Error(`plan action ${action.key} depends on unknown action ${dependency}`);
    }
  }
  assertNoCycle(plan.actions, byKey, dependenciesOf);
  const ceiling = Math.max(1, options.concurrency);
  const currentLimit = () => Math.max(1, Math.min(ceiling, writer.inFlightLimit?.() ?? ceiling));
  const limit = pLimit(currentLimit());
  /** Each finished action lets the limit follow what the writer has learnt since (p-limit starts more when it grows). */
  const performPaced = async <T>(work: () => Promise<T>) => {
    try {
      return await work();
    } finally {
      const next = currentLimit();
      if (next !== limit.concurrency) limit.concurrency = next;
    }
  };
  const issues = new Map<string, TeamIssue>();
  const outcomes = new Map<string, Promise<ActionResult>>();

  const resolveTarget = (target: IssueTarget): { project: ProjectRef; iid: number } => {
    if ('iid' in target) return target;
    const created = issues.get(target.createdBy);
    if (!created) throw new Error(`action ${target.createdBy} produced no issue`);
    return { project: target.project, iid: created.iid };
  };

  const fill = (text: string): string =>
    text.replace(PLACEHOLDER, (_match, what: string, key: string) => {
      const issue = issues.get(key);
      if (!issue) throw new Error(`action ${key} produced no issue`);
      return what === 'url' ? issue.webUrl : what === 'iid' ? String(issue.iid) : issue.reference;
    });

  const describeIssue = (project: ProjectRef, issue: TeamIssue): ActionResult['issue'] => ({
    project,
    iid: issue.iid,
    reference: issue.reference,
    webUrl: issue.webUrl,
  });

  async function perform(action: Action): Promise<Omit<ActionResult, 'key' | 'kind' | 'status' | 'summary'>> {
    switch (action.kind) {
      case 'create-issue': {
        const issue = { ...action.issue, description: fill(action.issue.description) };
        const { issue: created, created: isNew } = await writer.createIssue(action.project, issue, action.key);
        issues.set(action.key, created);
        return { issue: describeIssue(action.project, created), created: isNew };
      }
      case 'update-issue': {
        const target = resolveTarget(action.target);
        const change =
          action.change.description === undefined ? action.change : { ...action.change, description: fill(action.change.description) };
        const updated = await writer.updateIssue(target.project, target.iid, change);
        issues.set(action.key, updated);
        return { issue: describeIssue(target.project, updated) };
      }
      case 'close-issue': {
        const target = resolveTarget(action.target);
        const closed = await writer.updateIssue(target.project, target.iid, { stateEvent: 'close' });
        return { issue: describeIssue(target.project, closed) };
      }
      case 'link-issues': {
        const source = resolveTarget(action.source);
        const target = resolveTarget(action.target);
        const outcome = await writer.linkIssues(source.project, source.iid, target);
        return { created: outcome === 'linked' };
      }
      case 'create-note': {
        const target = resolveTarget(action.target);
        const { created } = await writer.createNote(target.project, target.iid, fill(action.body), action.key);
        return { created };
      }
      case 'update-note': {
        const target = resolveTarget(action.target);
        await writer.updateNote(target.project, target.iid, action.noteId, fill(action.body), action.noteKey);
        return {};
      }
      case 'update-milestone': {
        await writer.updateMilestone(action.scope, action.milestoneId, { description: action.description });
        return {};
      }
      case 'update-merge-request': {
        await writer.updateMergeRequest(action.project, action.iid, action.change);
        return {};
      }
      case 'close-milestone': {
        await writer.closeMilestone(action.scope, action.milestoneId);
        return {};
      }
      case 'create-label': {
        await writer.createLabel(action.scope, { name: action.name, color: action.color });
        return {};
      }
      case 'set-health-status': {
        await writer.setHealthStatus(action.projectPath, action.iid, action.healthStatus);
        return {};
      }
    }
  }

  const chunkOf = chunkBulkUpdates(plan.actions);
  const chunkRuns = new Map<BulkIssueAction[], Promise<Map<number, TeamIssue> | undefined>>();
  /**
   * One mutation for the chunk, then its issues as read back, by id (undefined: interrupted). Any
   * failure leaves the map empty, so every issue of the chunk is finished through REST, which is
   * safe whatever the mutation did: REST sets the milestone and adds labels without doubling one.
   */
  const runChunk = (chunk: BulkIssueAction[]): Promise<Map<number, TeamIssue> | undefined> => {
    const existing = chunkRuns.get(chunk);
    if (existing) return existing;
    const first = chunk[0]!;
    const run = limit(async () => {
      if (options.signal?.aborted) return undefined;
      try {
        const issues = chunk.map((action) => ({ id: action.bulk.issueId, ...resolveTarget(action.target) }));
        const change = { milestoneId: first.change.milestoneId ?? null, addLabels: first.change.addLabels };
        const { issues: now } = await performPaced(() => writer.bulkUpdateIssues(first.bulk.parent, issues, change));
        return new Map(now.map((issue) => [issue.id, issue]));
      } catch {
        return new Map<number, TeamIssue>();
      }
    });
    chunkRuns.set(chunk, run);
    return run;
  };

  /** A bulk-planned change: done by its chunk's mutation when the read-back shows it, else through REST. */
  async function performBulk(action: BulkIssueAction): Promise<Omit<ActionResult, 'key' | 'kind' | 'status' | 'summary'> | undefined> {
    const readBack = await runChunk(chunkOf.get(action.key)!);
    if (!readBack) return undefined;
    const now = readBack.get(action.bulk.issueId);
    const target = resolveTarget(action.target);
    if (now && hasChange(now, action)) {
      issues.set(action.key, now);
      return { issue: describeIssue(target.project, now), via: 'graphql' };
    }
    const performed = await limit(async () => (options.signal?.aborted ? undefined : performPaced(() => perform(action))));
    return performed && { ...performed, via: 'rest' };
  }

  const run = (action: Action): Promise<ActionResult> => {
    const existing = outcomes.get(action.key);
    if (existing) return existing;
    const outcome = (async (): Promise<ActionResult> => {
      const base = { key: action.key, kind: action.kind, summary: action.summary };
      const prerequisites = await Promise.all(dependenciesOf(action).map((key) => run(byKey.get(key)!)));
      const blocked = prerequisites.find((d) => d.status !== 'done');
      if (blocked) return { ...base, status: 'skipped', error: `not attempted: "${blocked.summary}" did not succeed` };
      try {
        const performed = isBulk(action)
          ? await performBulk(action)
          : await limit(async () => (options.signal?.aborted ? undefined : performPaced(() => perform(action))));
        if (!performed) return { ...base, status: 'skipped', error: 'not started: interrupted' };
        return { ...base, status: 'done', ...performed };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const hint = error instanceof TeamopsError && error.hint ? ` (${error.hint})` : '';
        const denied = error instanceof TeamopsError && error.exitCode === ExitCode.Auth;
        return { ...base, status: 'failed', error: `${message}${hint}`, ...(denied ? { denied } : {}) };
      }
    })().then((result) => {
      options.onActionDone?.(result);
      return result;
    });
    outcomes.set(action.key, outcome);
    return outcome;
  };

  const results = await Promise.all(plan.actions.map(run));
  return {
    results,
    done: results.filter((r) => r.status === 'done').length,
    failed: results.filter((r) => r.status === 'failed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    interrupted: options.signal?.aborted === true,
  };
}

import pLimit from 'p-limit';
import type { GitLabWriter, ProjectRef, TeamIssue } from '../gitlab/port.js';
import { ExitCode, TeamopsError } from '../errors.js';
import type { Action, IssueTarget, Plan } from './plan.js';

export interface ActionResult {
  key: string;
  kind: Action['kind'];
  status: 'done' | 'failed' | 'skipped';
  summary: string;
  /** The issue the action created or changed. */
  issue?: { project: ProjectRef; iid: number; reference: string; webUrl: string };
  /** false when a create found the thing already there (a retry after a lost response). */
  created?: boolean;
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
  const performPaced = async (action: Action) => {
    try {
      return await perform(action);
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
    }
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
        const performed = await limit(async () => (options.signal?.aborted ? undefined : performPaced(action)));
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

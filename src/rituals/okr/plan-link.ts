// okr link: the work that supports a key result, linked to it. An issue gets a GitLab issue link
// (relates_to) to the key result; a milestone gets a `Supports: <key result>` line in its
// description. Links and lines that exist are left as they are, so reruns write nothing.
import type { Scope } from '../../gitlab/port.js';
import { createPlan, type Action, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import type { IsoDate } from '../common/calendar.js';
import { keyResultLabel } from './key-result-issue.js';
import { issueId } from './model.js';
import { supports, withSupportsLine } from './supports.js';

/** What `okr link` was given, each found in GitLab (or null) before planning. */
export type LinkTarget =
  | { kind: 'issue'; text: string; issue: { projectId: number; iid: number; reference: string; webUrl: string; title: string } | null }
  | {
      kind: 'milestone';
      text: string;
      milestone: { id: number; title: string; description: string; webUrl: string; scope: Scope } | null;
      /** Where it was looked for, for the message. */
      where: string;
    };

export interface LinkState {
  keyResult: { projectId: number; iid: number; reference: string; title: string; webUrl: string } | null;
  /** The issues linked to the key result, by `issueId`. */
  linked: string[];
  targets: LinkTarget[];
}

export interface LinkRequest {
  reference: string;
  quarter: string;
}

export interface LinkPlanContext {
  keyResult: string;
  issues: string[];
  milestones: string[];
}

export type LinkPlanning = { ok: true; plan: Plan<LinkPlanContext> } | { ok: false; problems: string[] };

export function planLink(state: LinkState, request: LinkRequest, today: IsoDate): LinkPlanning {
  const kr = state.keyResult;
  if (!kr) return { ok: false, problems: [`${request.reference} is not a key result of ${request.quarter} in the places looked at`] };
  const problems = state.targets.flatMap((target) => {
    if (target.kind === 'issue') {
      if (!target.issue) return [`${target.text}: no such issue, or the token cannot see it`];
      return issueId(target.issue) === issueId(kr) ? [`${target.text} is the key result itself`] : [];
    }
    return target.milestone ? [] : [`${target.text}: no milestone of that title in ${target.where}`];
  });
  if (problems.length > 0) return { ok: false, problems };

  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  const linked = new Set(state.linked);
  const context: LinkPlanContext = { keyResult: kr.reference, issues: [], milestones: [] };
  for (const target of state.targets) {
    if (target.kind === 'issue' && target.issue) {
      const issue = target.issue;
      const key = `okr-link/${kr.reference}/${issue.reference}`;
      context.issues.push(issue.reference);
      if (linked.has(issueId(issue))) {
        unchanged.push({ key, summary: `${issue.reference} "${issue.title}" is linked to ${kr.reference}`, url: issue.webUrl });
        continue;
      }
      linked.add(issueId(issue));
      actions.push({
        kind: 'link-issues',
        key,
        summary: `link ${issue.reference} "${issue.title}" to ${keyResultLabel(kr)}`,
        source: { project: kr.projectId, iid: kr.iid },
        target: { project: issue.projectId, iid: issue.iid },
      });
    } else if (target.kind === 'milestone' && target.milestone) {
      const milestone = target.milestone;
      const key = `okr-link/${kr.reference}/milestone/${milestone.id}`;
      context.milestones.push(milestone.title);
      if (supports(milestone.description, kr.reference) || actions.some((a) => a.key === key)) {
        unchanged.push({ key, summary: `milestone ${milestone.title} supports ${kr.reference}`, url: milestone.webUrl });
        continue;
      }
      actions.push({
        kind: 'update-milestone',
        key,
        summary: `add "Supports: ${kr.reference}" to milestone ${milestone.title}`,
        scope: milestone.scope,
        milestoneId: milestone.id,
        description: withSupportsLine(milestone.description, kr.reference),
      });
    }
  }
  return {
    ok: true,
    plan: createPlan<LinkPlanContext>({ command: 'okr link', scope: kr.reference, date: today, actions, unchanged, context }),
  };
}

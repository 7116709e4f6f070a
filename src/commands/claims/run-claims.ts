import type { Deps } from '../../deps.js';
import type { GitLabReader, Scope, TeamIssue } from '../../gitlab/port.js';
import { printJson, printTable, status } from '../../io/output.js';
import { readClaims } from '../../rituals/queue/claims.js';
import { planClaimsSync, type ClaimedIssue, type ClaimsState } from '../../rituals/queue/plan-claims.js';
import type { IsoDate } from '../../rituals/common/calendar.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import { rejectProjectAndGroup, scopeName } from '../common/scope.js';
import { queueScope } from '../queue/scope.js';
import { checkScope } from '../queue/read-state.js';
import type { ClaimsOptions } from './index.js';

async function readClaimedIssues(
  reader: GitLabReader,
  scope: Scope,
  options: { milestone?: string; label: string; today: IsoDate; timezone: string },
): Promise<ClaimedIssue[]> {
  const [unassigned, labelled] = await Promise.all([
    reader.listIssues(scope, { state: 'opened', unassigned: true, milestone: options.milestone }),
    reader.listIssues(scope, { state: 'opened', labels: [options.label], milestone: options.milestone }),
  ]);
  const issues = [...new Map([...unassigned, ...labelled].map((issue) => [issue.id, issue])).values()];
  return Promise.all(issues.map((issue) => readIssue(reader, issue, options)));
}

async function readIssue(reader: GitLabReader, issue: TeamIssue, options: { today: IsoDate; timezone: string }): Promise<ClaimedIssue> {
  const notes = await reader.listNotes(issue.projectId, issue.iid);
  const comments = notes
    .filter((n) => !n.system && n.key === null)
    .map((n) => ({ noteId: n.id, author: n.author, body: n.body, createdAt: n.createdAt }));
  return {
    project: issue.projectId,
    iid: issue.iid,
    reference: issue.reference,
    title: issue.title,
    webUrl: issue.webUrl,
    labels: issue.labels,
    assignees: issue.assignees,
    claims: issue.assignees.length === 0 ? readClaims(issue.reference, comments, options.today, options.timezone) : [],
    noteKeys: notes.flatMap((n) => n.key ?? []),
  };
}

export async function runClaims(options: ClaimsOptions, deps: Deps): Promise<void> {
  rejectProjectAndGroup(options, 'claims are read from one place');
  const context = openContext(options.globals, deps);
  const { claims, timezone } = context.config;
  const scope = queueScope(options, context.config);
  const reader = context.reader();
  await checkScope(reader, scope, 'cannot read claims');
  const issues = await readClaimedIssues(reader, scope, {
    milestone: options.milestone,
    label: claims.label,
    today: context.today,
    timezone,
  });
  const state: ClaimsState = { scope: scopeName(scope), label: claims.label, issues };
  const plan = planClaimsSync(state, context.today);
  if (options.sync) {
    await emitAndApply(plan, context, deps, { lock: scope, target: scopeName(scope) });
    return;
  }
  if (options.globals.json) {
    printJson(deps.io, { schemaVersion: 1, command: 'claims', date: context.today, claims: plan.context.claims });
    return;
  }
  if (plan.context.claims.length === 0) {
    status(deps.io, `No claims on unassigned open issues of ${scopeName(scope)}.`);
    return;
  }
  printTable(
    deps.io,
    ['ISSUE', 'CLAIMER', 'START', 'STATE', 'TITLE', 'URL'],
    plan.context.claims.map((c) => [c.issue, `@${c.claimer}`, c.startDate ?? '(no date)', c.state, c.title, c.webUrl]),
  );
}

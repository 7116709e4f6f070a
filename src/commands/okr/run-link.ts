import type { Deps } from '../../deps.js';
import { ValidationError } from '../../errors.js';
import type { GitLabReader, TeamMilestone } from '../../gitlab/port.js';
import { findKeyResult, type KeyResultIssue } from '../../rituals/okr/key-result-issue.js';
import { issueId } from '../../rituals/okr/model.js';
import { planLink, type LinkTarget } from '../../rituals/okr/plan-link.js';
import { counted } from '../../rituals/common/text.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import { readQuarterKeyResults } from './read-key-results.js';
import { scopesOf, statusRequest } from './run-status.js';
import type { OkrLinkOptions, WorkReference } from './link.js';

export async function runOkrLink(options: OkrLinkOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { request, labels } = statusRequest(options, context.config, context.today);
  const reader = context.reader();
  const { keyResults } = await readQuarterKeyResults(reader, scopesOf(options, context.config), labels, () => false);
  const kr = findKeyResult(keyResults, options.kr);
  const [linked, targets] = kr
    ? await Promise.all([reader.listIssueLinks(kr.projectId, kr.iid), Promise.all(options.targets.map((t) => findTarget(reader, t, kr)))])
    : [[], []];
  const planning = planLink(
    { keyResult: kr ?? null, linked: linked.map(issueId), targets },
    { reference: options.kr, quarter: request.quarter.quarter.name },
    context.today,
  );
  if (!planning.ok)
    throw new ValidationError(
      `cannot link to ${options.kr}: ${counted(planning.problems.length, 'problem')}; nothing was written`,
      planning.problems,
    );
  await emitAndApply(planning.plan, context, deps, { lock: scopesOf(options, context.config)[0]!.scope });
}

const milestoneScope = (m: TeamMilestone) =>
  m.projectId !== null ? { kind: 'project' as const, ref: m.projectId } : { kind: 'group' as const, ref: m.groupId ?? 0 };

async function findTarget(reader: GitLabReader, target: WorkReference, kr: KeyResultIssue): Promise<LinkTarget> {
  if (target.kind === 'issue') {
    const issue = await reader.getIssue(target.project ?? kr.projectId, target.iid);
    return { kind: 'issue', text: target.text, issue };
  }
  // A milestone of the key result's project is also one of its groups'; a namespace may be a project or a group.
  const project = target.namespace === undefined ? kr.projectId : (await reader.getProject(target.namespace))?.id;
  const scope = project !== undefined ? { kind: 'project' as const, ref: project } : { kind: 'group' as const, ref: target.namespace! };
  const where = target.namespace ?? kr.reference.slice(0, kr.reference.lastIndexOf('#'));
  const milestones =
    project !== undefined || (await reader.getGroup(scope.ref)) ? await reader.listMilestones(scope, { includeAncestors: true }) : [];
  const found = milestones.find((m) => m.title === target.title);
  return {
    kind: 'milestone',
    text: target.text,
    where,
    milestone: found
      ? { id: found.id, title: found.title, description: found.description, webUrl: found.webUrl, scope: milestoneScope(found) }
      : null,
  };
}

import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { UsageError, ValidationError } from '../../errors.js';
import type { GitLabReader, TeamMilestone } from '../../gitlab/port.js';
import { findKeyResult, type KeyResultIssue } from '../../rituals/okr/key-result-issue.js';
import { issueId } from '../../rituals/okr/model.js';
import { planLink, type LinkTarget } from '../../rituals/okr/plan-link.js';
import { QUARTER_EXAMPLES } from '../../rituals/shared/quarter.js';
import { counted } from '../../rituals/shared/text.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { openContext } from '../shared/context.js';
import { examples, globalsOf, type GlobalOptions } from '../shared/global-options.js';
import { issueReference, quarterName } from '../shared/parsers.js';
import { rejectProjectAndGroup } from '../shared/scope.js';
import { readQuarterKeyResults } from './read-key-results.js';
import { scopesOf, statusRequest } from './run-status.js';

/** What to link, as written: an issue (`#12` is in the key result's project) or a milestone (`%16.6`, `group%"Q1 work"`). */
export type WorkReference =
  { kind: 'issue'; text: string; project?: string; iid: number } | { kind: 'milestone'; text: string; namespace?: string; title: string };

export interface OkrLinkOptions {
  globals: GlobalOptions;
  kr: string;
  targets: WorkReference[];
  quarter?: string;
  team?: string;
  projects: string[];
  group?: string;
}

const collectRepeated = (value: string, previous: string[] = []) => [...previous, value];

/** GitLab's own reference syntax: `group/project#12`, `#12`, an issue URL, `%16.6`, `%"Q1 work"`, `group/project%16.6`. */
export function parseWorkReference(text: string): WorkReference {
  const milestone = /^([\w.-]+(?:\/[\w.-]+)*)?%(?:"([^"]+)"|(\S+))$/.exec(text.trim());
  if (milestone) return { kind: 'milestone', text, namespace: milestone[1], title: (milestone[2] ?? milestone[3])! };
  const local = /^#(\d+)$/.exec(text.trim());
  if (local) return { kind: 'issue', text, iid: Number(local[1]) };
  try {
    const reference = issueReference('ISSUE_OR_MILESTONE')(text);
    const at = reference.lastIndexOf('#');
    return { kind: 'issue', text, project: reference.slice(0, at), iid: Number(reference.slice(at + 1)) };
  } catch {
    throw new UsageError(
      `"${text}" is neither an issue (group/project#12, #12 or its URL) nor a milestone (%16.6, %"Q1 work", group/project%16.6)`,
    );
  }
}

export function registerOkrLink(parent: Command, deps: Deps, run = runOkrLink): Command {
  return parent
    .command('link')
    .description('link issues (relates_to) and milestones (a "Supports:" line) to the key result they support')
    .argument('<issue-or-milestone...>', 'issues (group/project#12, #12, a URL) and milestones (%16.6, %"Q1 work", group/project%16.6)')
    .requiredOption('--kr <reference>', 'the key result, group/project#12 or its URL')
    .addOption(
      new Option('--quarter <quarter>', `the key result's quarter, ${QUARTER_EXAMPLES} (default: the one containing today)`).argParser(
        quarterName('--quarter'),
      ),
    )
    .option('--team <team>', 'look among this team’s key results')
    .option('--project <path>', 'where the key results are (repeatable; default: okr.project and the teams’ projects)', collectRepeated)
    .option('--group <path>', 'look for key results in every project of this group instead')
    .addHelpText(
      'after',
      examples(
        'teamops okr link --kr distribution/omnibus#12 distribution/omnibus#340 distribution/omnibus#341',
        'teamops okr link --kr distribution/omnibus#12 %16.6 --dry-run',
        'teamops okr link --kr distribution/omnibus#12 distribution%"FIPS builds" --yes',
      ),
    )
    .action(
      async (
        targets: string[],
        flags: { kr: string; quarter?: string; team?: string; project?: string[]; group?: string },
        command: Command,
      ) => {
        rejectProjectAndGroup(flags, 'pick one place to look');
        await run(
          {
            globals: globalsOf(command, deps),
            kr: issueReference('--kr')(flags.kr),
            targets: targets.map(parseWorkReference),
            quarter: flags.quarter,
            team: flags.team,
            projects: flags.project ?? [],
            group: flags.group,
          },
          deps,
        );
      },
    );
}

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
  await emitAndApply(planning.plan, context, deps);
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

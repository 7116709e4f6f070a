import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { GitLabReader, TeamIssue, TeamMilestone } from '../../gitlab/port.js';
import { printJson, printTable, status } from '../../io/output.js';
import { summariseCoverage, type CoverageDocument } from '../../rituals/okr/coverage.js';
import { issueId } from '../../rituals/okr/model.js';
import { compareDates, type IsoDate } from '../../rituals/shared/calendar.js';
import { QUARTER_EXAMPLES } from '../../rituals/shared/quarter.js';
import { counted } from '../../rituals/shared/text.js';
import { openContext } from '../shared/context.js';
import { examples, globalsOf, type GlobalOptions } from '../shared/global-options.js';
import { quarterName } from '../shared/parsers.js';
import { rejectProjectAndGroup } from '../shared/scope.js';
import { readQuarterKeyResults } from './read-key-results.js';
import type { NamedScope } from './read-status.js';
import { scopesOf, statusRequest } from './run-status.js';

export interface OkrCoverageOptions {
  globals: GlobalOptions;
  /** Default: the active milestone that contains today. */
  milestone?: string;
  quarter?: string;
  team?: string;
  projects: string[];
  group?: string;
}

const collectRepeated = (value: string, previous: string[] = []) => [...previous, value];

export function registerOkrCoverage(parent: Command, deps: Deps, run = runOkrCoverage): Command {
  return parent
    .command('coverage')
    .description("list a milestone's open issues that support no key result of the quarter, and the key results no work supports")
    .option('--milestone <title>', 'the milestone (default: the active one that contains today)')
    .addOption(
      new Option('--quarter <quarter>', `the quarter, ${QUARTER_EXAMPLES} (default: the one containing today)`).argParser(
        quarterName('--quarter'),
      ),
    )
    .option('--team <team>', 'only this team’s key results')
    .option(
      '--project <path>',
      'where the key results and the milestone’s issues are (repeatable; default: okr.project and the teams’ projects)',
      collectRepeated,
    )
    .option('--group <path>', 'look in every project of this group instead')
    .addHelpText(
      'after',
      examples(
        'teamops okr coverage',
        'teamops okr coverage --milestone 16.6 --group distribution',
        'teamops okr coverage --json | jq ".unsupportedIssues[].reference"',
      ),
    )
    .action(
      async (flags: { milestone?: string; quarter?: string; team?: string; project?: string[]; group?: string }, command: Command) => {
        rejectProjectAndGroup(flags, 'pick one place to look');
        await run(
          {
            globals: globalsOf(command, deps),
            milestone: flags.milestone,
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

export async function runOkrCoverage(options: OkrCoverageOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { request, labels } = statusRequest(options, context.config, context.today);
  const scopes = scopesOf(options, context.config);
  const reader = context.reader();
  const { keyResults } = await readQuarterKeyResults(reader, scopes, labels, () => false);
  const milestones = await readMilestones(reader, scopes);
  const title = options.milestone ?? currentMilestone(milestones, context.today);
  if (!milestones.some((m) => m.title === title))
    throw new UsageError(`no milestone "${title}" in ${scopes.map((s) => s.scope.ref).join(', ')}`, {
      hint: 'pass --milestone with a title GitLab shows',
    });
  const [links, issues] = await Promise.all([
    Promise.all(keyResults.map((kr) => reader.listIssueLinks(kr.projectId, kr.iid))),
    Promise.all(scopes.map(({ scope }) => reader.listIssues(scope, { state: 'opened', milestone: title }))),
  ]);
  const document = summariseCoverage(
    {
      keyResults: keyResults.map((kr, i) => ({ ...kr, milestone: null, linked: links[i]! })),
      milestones: milestones.map((m) => ({ title: m.title, description: m.description, webUrl: m.webUrl })),
      issues: unique(issues.flat()),
    },
    {
      quarter: { name: request.quarter.quarter.name, label: request.quarter.label },
      milestone: title,
      okrLabels: [context.config.labels.objective, context.config.labels.key_result],
    },
  );
  if (options.globals.json) printJson(deps.io, document);
  else printCoverage(document, deps);
}

const unique = (issues: TeamIssue[]) => [...new Map(issues.map((i) => [issueId(i), i])).values()];

async function readMilestones(reader: GitLabReader, scopes: NamedScope[]): Promise<TeamMilestone[]> {
  const lists = await Promise.all(scopes.map(({ scope }) => reader.listMilestones(scope, { includeAncestors: true })));
  return [...new Map(lists.flat().map((m) => [m.id, m])).values()];
}

/** The one active milestone whose dates contain today; anything else needs --milestone. */
function currentMilestone(milestones: TeamMilestone[], today: IsoDate): string {
  const current = [
    ...new Set(
      milestones
        .filter((m) => m.state === 'active' && m.startDate !== null && m.dueDate !== null)
        .filter((m) => compareDates(m.startDate!, today) <= 0 && compareDates(today, m.dueDate!) <= 0)
        .map((m) => m.title),
    ),
  ];
  if (current.length === 1) return current[0]!;
  throw new UsageError(
    current.length === 0 ? `no active milestone contains ${today}` : `several active milestones contain ${today}: ${current.join(', ')}`,
    { hint: 'pass --milestone TITLE' },
  );
}

function printCoverage(document: CoverageDocument, deps: Deps): void {
  const { counts, milestone } = document;
  status(
    deps.io,
    `${milestone.title}: ${counts.supportedIssues} of ${counted(counts.issues, 'open issue')} support a key result of ${document.quarter.name}` +
      (milestone.supports.length > 0 ? ` (the milestone supports ${milestone.supports.join(', ')})` : '') +
      `; ${counts.supportedKeyResults} of ${counted(counts.keyResults, 'key result')} have work linked`,
  );
  const people = (assignees: string[]) => assignees.map((a) => `@${a}`).join(' ');
  const rows = [
    ...document.unsupportedIssues.map((i) => ['ISSUE', i.reference, i.title, people(i.assignees), i.webUrl]),
    ...document.unsupportedKeyResults.map((kr) => ['KR', kr.reference, kr.title, people(kr.assignees), kr.webUrl]),
  ];
  if (rows.length === 0) {
    status(deps.io, 'Every open issue supports a key result, and every key result has work.');
    return;
  }
  printTable(deps.io, ['TYPE', 'ISSUE', 'TITLE', 'ASSIGNEES', 'URL'], rows);
  status(deps.io, 'ISSUE = supports no key result (okr link --kr REF ISSUE); KR = no issue or milestone supports it.');
}

import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { GitLabReader, TeamIssue, TeamMilestone } from '../../gitlab/port.js';
import { printJson, printTable, status } from '../../io/output.js';
import { summariseCoverage, type CoverageDocument } from '../../rituals/okr/coverage.js';
import { issueId } from '../../rituals/okr/model.js';
import type { IsoDate } from '../../rituals/common/calendar.js';
import { compareText, counted } from '../../rituals/common/text.js';
import { openContext } from '../common/context.js';
import { readQuarterKeyResults } from './read-key-results.js';
import type { NamedScope } from './read-status.js';
import { scopesOf, statusRequest } from './run-status.js';
import type { OkrCoverageOptions } from './coverage.js';

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
        .filter((m) => compareText(m.startDate!, today) <= 0 && compareText(today, m.dueDate!) <= 0)
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

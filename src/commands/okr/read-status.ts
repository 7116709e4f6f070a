import { ValidationError } from '../../errors.js';
import type { GitLabReader, Scope, TeamIssue } from '../../gitlab/port.js';
import { issueId } from '../../rituals/okr/model.js';
import type { OkrStatusState } from '../../rituals/okr/status.js';
import { scopeProblem } from '../common/scope.js';

/** A place to look, with where it was named (the flag or the teamops.yml key), for messages. */
export interface NamedScope {
  scope: Scope;
  source: string;
}

/** The labels that find the quarter's objectives and key results (and the team's, when one is asked for). */
export interface StatusLabels {
  quarter: string;
  objective: string;
  keyResult: string;
  team?: string;
}

async function checkScopes(reader: GitLabReader, scopes: NamedScope[]): Promise<void> {
  const problems = await Promise.all(
    scopes.map(async ({ scope, source }) => {
      const problem = await scopeProblem(reader, scope);
      return problem ? [`${source}: ${problem}`] : [];
    }),
  );
  const missing = problems.flat();
  if (missing.length > 0)
    throw new ValidationError('cannot show the OKR status', missing, {
      hint: 'fix the project or group (or teamops.yml) and run the command again',
    });
}

const unique = (issues: TeamIssue[]) => [...new Map(issues.map((i) => [issueId(i), i])).values()];

/** The quarter's objectives and key results in every place (each once), and what is linked to each objective. */
export async function readOkrStatus(reader: GitLabReader, scopes: NamedScope[], labels: StatusLabels): Promise<OkrStatusState> {
  await checkScopes(reader, scopes);
  const withTeam = (kind: string) => [kind, labels.quarter, ...(labels.team ? [labels.team] : [])];
  const lists = await Promise.all(
    scopes.flatMap(({ scope }) => [
      reader.listIssues(scope, { labels: withTeam(labels.objective) }),
      reader.listIssues(scope, { labels: withTeam(labels.keyResult) }),
    ]),
  );
  const objectives = unique(lists.filter((_, i) => i % 2 === 0).flat());
  const keyResults = unique(lists.filter((_, i) => i % 2 === 1).flat());
  const links = await Promise.all(objectives.map((objective) => reader.listIssueLinks(objective.projectId, objective.iid)));
  return { objectives, keyResults, links: Object.fromEntries(objectives.map((objective, i) => [issueId(objective), links[i]!])) };
}

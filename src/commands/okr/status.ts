import { rejectProjectAndGroup, scopeProblem } from '../shared/scope.js';
import type { Command } from 'commander';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import type { Deps } from '../../deps.js';
import { UsageError, ValidationError } from '../../errors.js';
import type { GitLabReader, Scope, TeamIssue } from '../../gitlab/port.js';
import { printJson, printTable, status } from '../../io/output.js';
import { formatScore, readKeyResultProgress } from '../../rituals/okr/progress.js';
import { counted } from '../../rituals/shared/text.js';
import { QUARTER_EXAMPLES, type Quarter } from '../../rituals/shared/quarter.js';
import { globalsOf, openContext } from '../shared/context.js';
import { readPatternAll } from '../../rituals/shared/pattern.js';
import { teamLabel } from '../../rituals/okr/labels.js';
import { resolveOkrQuarter } from '../../rituals/okr/quarter.js';
import { checkQuarterFlag } from './okr-quarter.js';
import { okrSettings } from './settings.js';

export interface OkrStatusOptions {
  globals: GlobalOptions;
  quarter?: string;
  team?: string;
  /** Where to look; default: okr.project and every okr.teams.<team>.project. */
  projects: string[];
  group?: string;
}

interface IssueSummary {
  reference: string;
  webUrl: string;
  title: string;
  state: 'opened' | 'closed';
  assignees: string[];
  updatedAt: string;
}

interface KeyResultStatus extends IssueSummary {
  target: string | null;
  current: string | null;
  score: number | null;
}

interface ObjectiveStatus extends IssueSummary {
  team: string | null;
  keyResults: KeyResultStatus[];
}

export interface OkrStatusDocument {
  schemaVersion: 1;
  command: 'okr status';
  quarter: { name: string; start: string; end: string; label: string };
  team: string | null;
  objectives: ObjectiveStatus[];
  /** Key results of the quarter that are not linked to any objective found. */
  unlinkedKeyResults: KeyResultStatus[];
}

const collectRepeated = (value: string, previous: string[] = []) => [...previous, value];

export function registerOkrStatus(parent: Command, deps: Deps, run = runOkrStatus): Command {
  return parent
    .command('status')
    .description("show the quarter's objectives and key results: state, assignees, target, current value, score and last update")
    .option('--quarter <quarter>', `the quarter, ${QUARTER_EXAMPLES} (default: the one containing today)`)
    .option('--team <team>', 'only this team’s objectives')
    .option('--project <path>', 'where the objectives are (repeatable; default: okr.project and the teams’ projects in teamops.yml)', collectRepeated)
    .option('--group <path>', 'look for objectives in every project of this group instead')
    .addHelpText(
      'after',
      examples('teamops okr status', 'teamops okr status --quarter FY27-Q1 --team distribution', 'teamops okr status --group distribution --json | jq ".objectives[].keyResults[].score"'),
    )
    .action(async (flags: { quarter?: string; team?: string; project?: string[]; group?: string }, command: Command) => {
      const globals = globalsOf(command, deps);
      checkQuarterFlag(flags.quarter);
      rejectProjectAndGroup(flags, 'pick one place to look');
      await run({ globals, quarter: flags.quarter, team: flags.team, projects: flags.project ?? [], group: flags.group }, deps);
    });
}

export async function runOkrStatus(options: OkrStatusOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { config } = context;
  const settings = okrSettings(config);
  const { quarter: okrQuarter, problems } = resolveOkrQuarter({ flag: options.quarter }, context.today, settings.quarters);
  if (!okrQuarter) throw new UsageError(problems.join('; '));
  const { quarter } = okrQuarter;
  const team = options.team === undefined ? undefined : teamLabel(options.team, settings.labels.team, problems);
  const labels = { quarter: okrQuarter.label, objective: settings.labels.objective, keyResult: settings.labels.keyResult };
  if (problems.length > 0) throw new ValidationError('teamops.yml: cannot make the OKR labels to look for', problems, { hint: 'fix labels.* in teamops.yml and run the command again' });
  const scopes = scopesOf(options, [
    ['okr.project', config.okr.project],
    ...Object.entries(config.okr.teams).map(([name, t]): [string, string | undefined] => [`okr.teams.${name}.project`, t.project]),
  ]);
  const reader = context.reader();
  const missing = (await Promise.all(scopes.map(async ({ scope, source }) => {
    const problem = await scopeProblem(reader, scope);
    return problem && `${source}: ${problem}`;
  }))).filter((p): p is string => Boolean(p));
  if (missing.length > 0) throw new ValidationError('cannot show the OKR status', missing, { hint: 'fix the project or group (or teamops.yml) and run the command again' });
  const document = await readOkrStatus(reader, scopes.map((s) => s.scope), quarter, { ...labels, team, teamPattern: config.labels.team }, options.team ?? null);
  if (options.globals.json) printJson(deps.io, document);
  else printStatus(document, deps);
}

/** Where to look, each with where it was named (the flag or the teamops.yml key), for messages. */
function scopesOf(options: OkrStatusOptions, configured: Array<[string, string | undefined]>): Array<{ scope: Scope; source: string }> {
  if (options.group) return [{ scope: { kind: 'group', ref: options.group }, source: '--group' }];
  const named: Array<[string, string]> =
    options.projects.length > 0 ? options.projects.map((p) => ['--project', p]) : configured.filter((c): c is [string, string] => Boolean(c[1]));
  if (named.length === 0) throw new UsageError('missing --project', { hint: 'pass --project or --group, or set okr.project in teamops.yml' });
  const byRef = new Map<string, string>();
  for (const [source, ref] of named) if (!byRef.has(ref)) byRef.set(ref, source);
  return [...byRef].map(([ref, source]) => ({ scope: { kind: 'project', ref }, source }));
}

function summarise(issue: TeamIssue): IssueSummary {
  return { reference: issue.reference, webUrl: issue.webUrl, title: issue.title, state: issue.state, assignees: issue.assignees, updatedAt: issue.updatedAt };
}

function keyResultStatus(issue: TeamIssue): KeyResultStatus {
  const progress = readKeyResultProgress(issue.description);
  return { ...summarise(issue), target: progress.target, current: progress.current, score: progress.score };
}

const idOf = (issue: { projectId: number; iid: number }) => `${issue.projectId}#${issue.iid}`;
const byReference = (a: { reference: string }, b: { reference: string }) => a.reference.localeCompare(b.reference, 'en', { numeric: true });

async function readOkrStatus(
  reader: GitLabReader,
  scopes: Scope[],
  quarter: Quarter,
  labels: { quarter: string; objective: string; keyResult: string; team?: string; teamPattern: string },
  team: string | null,
): Promise<OkrStatusDocument> {
  const withTeam = (kind: string) => [kind, labels.quarter, ...(labels.team ? [labels.team] : [])];
  const lists = await Promise.all(
    scopes.flatMap((scope) => [
      reader.listIssues(scope, { labels: withTeam(labels.objective) }),
      reader.listIssues(scope, { labels: withTeam(labels.keyResult) }),
    ]),
  );
  const unique = (issues: TeamIssue[]) => [...new Map(issues.map((i) => [idOf(i), i])).values()];
  const objectives = unique(lists.filter((_, i) => i % 2 === 0).flat());
  const keyResults = new Map(unique(lists.filter((_, i) => i % 2 === 1).flat()).map((i) => [idOf(i), i]));

  const linked = new Set<string>();
  const objectiveStatuses = await Promise.all(
    objectives.map(async (objective): Promise<ObjectiveStatus> => {
      const links = await reader.listIssueLinks(objective.projectId, objective.iid);
      // A key result in a project outside the scopes read above still shows: the link carries the whole issue.
      const krs = links.filter((l) => l.labels.includes(labels.keyResult)).map((link) => keyResults.get(idOf(link)) ?? link);
      for (const kr of krs) linked.add(idOf(kr));
      return { ...summarise(objective), team: readPatternAll(labels.teamPattern, 'team', objective.labels)[0] ?? null, keyResults: krs.map(keyResultStatus).sort(byReference) };
    }),
  );
  return {
    schemaVersion: 1,
    command: 'okr status',
    quarter: { name: quarter.name, start: quarter.start, end: quarter.end, label: labels.quarter },
    team,
    objectives: objectiveStatuses.sort(byReference),
    unlinkedKeyResults: [...keyResults.values()].filter((kr) => !linked.has(idOf(kr))).map(keyResultStatus).sort(byReference),
  };
}

function printStatus(document: OkrStatusDocument, deps: Deps): void {
  const { quarter, objectives, unlinkedKeyResults } = document;
  const krCount = objectives.reduce((n, o) => n + o.keyResults.length, 0) + unlinkedKeyResults.length;
  status(
    deps.io,
    `${quarter.name} (${quarter.start} – ${quarter.end}, label ${quarter.label})${document.team ? `, team ${document.team}` : ''}: ` +
      `${counted(objectives.length, 'objective')}, ${counted(krCount, 'key result')}`,
  );
  if (objectives.length === 0 && unlinkedKeyResults.length === 0) {
    status(deps.io, `No objectives labelled ${quarter.label} found.`);
    return;
  }
  const day = (iso: string) => iso.slice(0, 10);
  const state = (s: string) => (s === 'opened' ? 'open' : s);
  const people = (assignees: string[]) => assignees.map((a) => `@${a}`).join(' ');
  const indent = deps.io.stdoutIsTTY ? '  ' : '';
  const krRow = (kr: KeyResultStatus): string[] => [
    'KR',
    kr.reference,
    `${indent}${kr.title}`,
    state(kr.state),
    people(kr.assignees),
    kr.target ?? '',
    kr.current ?? '',
    kr.score === null ? '' : formatScore(kr.score),
    day(kr.updatedAt),
  ];
  const rows: string[][] = [];
  for (const objective of objectives) {
    rows.push(['O', objective.reference, objective.title, state(objective.state), people(objective.assignees), '', '', '', day(objective.updatedAt)]);
    rows.push(...objective.keyResults.map(krRow));
  }
  rows.push(...unlinkedKeyResults.map((kr) => { const row = krRow(kr); row[0] = 'KR?'; return row; }));
  printTable(deps.io, ['TYPE', 'ISSUE', 'TITLE', 'STATE', 'ASSIGNEES', 'TARGET', 'CURRENT', 'SCORE', 'UPDATED'], rows);
  if (unlinkedKeyResults.length > 0) status(deps.io, `KR? = key results labelled ${quarter.label} that are not linked to any objective shown.`);
}

import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { UsageError, ValidationError } from '../../errors.js';
import type { GitLabReader } from '../../gitlab/port.js';
import { teamLabel } from '../../rituals/okr/labels.js';
import { issueId } from '../../rituals/okr/model.js';
import { nextQuarter, planningKey, planPlanning, type PlanningState } from '../../rituals/okr/plan-planning.js';
import { firstNumber, readKeyResultProgress, targetUnit } from '../../rituals/okr/progress.js';
import { todaysQuarter } from '../../rituals/okr/quarter.js';
import type { OkrStatusState } from '../../rituals/okr/status.js';
import { addDays } from '../../rituals/common/calendar.js';
import { parseQuarter, quarterContaining, type Quarter } from '../../rituals/common/quarter.js';
import { counted } from '../../rituals/common/text.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import { stringifyOkrFile, type OkrFileInput } from './okr-file.js';
import { readOkrStatus } from './read-status.js';
import { okrSettings } from './settings.js';
import { scopesOf, statusRequest } from './run-status.js';
import type { OkrPlanOptions } from './plan.js';

export async function runOkrPlan(options: OkrPlanOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { config } = context;
  const { quarters } = okrSettings(config);
  const next = options.quarter
    ? parseQuarter(options.quarter, quarters.fiscalStartMonth)!
    : nextQuarter(todaysQuarter(context.today, quarters), quarters.fiscalStartMonth);
  const current = quarterContaining(addDays(next.start, -1), next.kind, quarters.fiscalStartMonth);
  const team = teamOf(options, config);
  const project = config.okr.project ?? config.okr.teams[team]?.project;
  if (!project) throw new UsageError('missing okr.project', { hint: 'set okr.project (or okr.teams.<team>.project) in teamops.yml' });
  const planners = config.okr.teams[team]?.planners ?? [];
  const reader = context.reader();
  const { request: statusOf, labels } = statusRequest({ quarter: current.name, team }, config, context.today);
  const [state, status] = await Promise.all([
    readPlanningState(reader, project, planners, planningKey(next, team)),
    readOkrStatus(reader, scopesOf({ projects: [] }, config), labels),
  ]);
  const problems: string[] = [];
  const label = teamLabel(team, config.labels.team, problems);
  const planning = planPlanning(
    state,
    {
      current,
      next,
      team,
      project,
      planners,
      titlePattern: config.okr.plan_title,
      labels: label ? [label] : [],
      draftFile: stringifyOkrFile(draftOkrFile(status, next, team, statusOf.labels.keyResult)),
    },
    context.today,
  );
  if (!planning.ok || problems.length > 0) {
    const all = [...problems, ...(planning.ok ? [] : planning.problems)];
    throw new ValidationError(`cannot open the ${next.name} planning issue: ${counted(all.length, 'problem')}; nothing was written`, all, {
      hint: 'fix teamops.yml and run the command again',
    });
  }
  await emitAndApply(planning.plan, context, deps, { lock: { kind: 'project', ref: project } });
}

function teamOf(options: OkrPlanOptions, config: TeamopsConfig): string {
  if (options.team) return options.team;
  const teams = Object.keys(config.okr.teams);
  if (teams.length === 1) return teams[0]!;
  throw new UsageError('missing --team', {
    hint: teams.length === 0 ? 'add the team under okr.teams in teamops.yml' : `pass one of: ${teams.join(', ')}`,
  });
}

async function readPlanningState(reader: GitLabReader, project: string, planners: string[], key: string): Promise<PlanningState> {
  const [me, found, users] = await Promise.all([
    reader.currentUser(),
    reader.getProject(project),
    Promise.all(planners.map((p) => reader.findUser(p))),
  ]);
  // Whether the user may file the issue there is the write-access check every ritual makes on its plan.
  const projectProblem = found ? null : `okr.project: ${project} does not exist, or the token's user (@${me.username}) cannot see it`;
  const existing = found ? await reader.findIssueByKey(project, key) : null;
  return {
    existing: existing ? { reference: existing.reference, webUrl: existing.webUrl } : null,
    plannerIds: Object.fromEntries(planners.map((p, i) => [p, users[i]?.id ?? null])),
    projectProblem,
  };
}

/**
 * The next quarter's OKR file, to edit: this quarter's objectives of the team carried over, each key
 * result starting from where it stands now; a skeleton when the team has none.
 */
export function draftOkrFile(status: OkrStatusState, next: Quarter, team: string, keyResultLabel: string): OkrFileInput {
  const objectives = status.objectives.flatMap((objective) => {
    const keyResults = (status.links[issueId(objective)] ?? [])
      .filter((kr) => kr.labels.includes(keyResultLabel))
      .flatMap((kr) => {
        const progress = readKeyResultProgress(kr.description);
        const from = firstNumber(progress.current) ?? progress.from;
        if (from === null || progress.to === null || from === progress.to) return [];
        const unit = targetUnit(progress.target);
        const percent = unit === '%';
        return [
          {
            title: kr.title,
            from: percent ? `${from}%` : from,
            to: percent ? `${progress.to}%` : progress.to,
            ...(unit && !percent ? { unit } : {}),
            ...(kr.assignees.length > 0 ? { assignees: kr.assignees } : {}),
          },
        ];
      });
    return keyResults.length > 0 ? [{ title: objective.title, assignees: objective.assignees, key_results: keyResults }] : [];
  });
  return {
    quarter: next.name,
    team,
    objectives:
      objectives.length > 0
        ? objectives
        : [
            {
              title: 'Objective: what the team wants to achieve',
              key_results: [1, 2, 3].map((n) => ({ title: `Key result ${n}: what shows it`, from: 0, to: 100, unit: '%' })),
            },
          ],
  };
}

import type { Deps } from '../../deps.js';
import { UsageError, ValidationError } from '../../errors.js';
import { warn } from '../../io/output.js';
import type { Plan } from '../../plan/plan.js';
import { planOkrs, type OkrPlanContext, type OkrPlanning } from '../../rituals/okr/plan-okrs.js';
import { resolveOkrQuarter, todaysQuarter } from '../../rituals/okr/quarter.js';
import { counted } from '../../rituals/common/text.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext, type CommandContext } from '../common/context.js';
import { askForOkrs } from './ask-okrs.js';
import { applyDefaults, readOkrFile } from './okr-file.js';
import { readOkrState } from './read-state.js';
import { okrSettings } from './settings.js';
import type { OkrCreateOptions } from './create.js';

export async function runOkrCreate(options: OkrCreateOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const settings = okrSettings(context.config);
  const source = await readSource(options, context, deps, todaysQuarter(context.today, settings.quarters).name);
  const objectives = applyDefaults(source.data, context.config);
  const quarter = resolveOkrQuarter({ flag: options.quarter, file: source.data.quarter }, context.today, settings.quarters);
  const state = await readOkrState(context.reader(), objectives, quarter.quarter, context.config, deps.cwd);
  const planning = planOkrs(state, { quarter, objectives, labels: settings.labels, strict: options.strict }, context.today);
  const plan = planOrFail(planning, source, deps);
  // The objectives' first project, by the file: the same for every run of the same file.
  const home = objectives.find((objective) => objective.project)?.project ?? context.config.okr.project;
  await emitAndApply(plan, context, deps, {
    notes: notesFor(plan),
    target: `GitLab (${plan.scope})`,
    lock: { kind: 'project', ref: home ?? firstProject(plan) },
  });
}

async function readSource(options: OkrCreateOptions, context: CommandContext, deps: Deps, thisQuarter: string) {
  if (options.file) return readOkrFile(options.file, deps.cwd);
  if (!context.canPrompt) {
    throw new UsageError('missing --file', {
      hint: 'pass --file okrs.yml (teamops okr create --help shows the format), or run in a terminal to be asked for each objective',
    });
  }
  return askForOkrs(deps.prompter, deps.io, context.config, { quarter: options.quarter ?? thisQuarter, cwd: deps.cwd });
}

/**
 * The plan; or the warnings shown and every problem raised, with nothing written: the file's shape
 * problems first, then what planning found in the rest (not again for the parts already rejected).
 */
function planOrFail(
  planning: OkrPlanning,
  source: { name: string; problems?: string[]; rejected?: string[] },
  deps: Deps,
): Plan<OkrPlanContext> {
  const rejected = source.rejected ?? [];
  const reportedAlready = (problem: string) => rejected.some((place) => problem.startsWith(`${place}:`) || problem.startsWith(`${place},`));
  const problems = [...(source.problems ?? []), ...(planning.ok ? [] : planning.problems.filter((problem) => !reportedAlready(problem)))];
  if (planning.ok && problems.length === 0) return planning.plan;
  for (const warning of planning.ok ? planning.plan.warnings : planning.warnings) warn(deps.io, warning);
  const summary = `${source.name}: ${counted(problems.length, 'problem')}; nothing was written to GitLab`;
  throw new ValidationError(summary, problems, {
    hint: 'fix them and run the command again; --dry-run shows the plan without writing',
  });
}

function notesFor(plan: Plan<OkrPlanContext>): string[] {
  return plan.context.notInFile.map(
    (kr) => `key result ${kr.reference} "${kr.title}" is in GitLab but no longer in the file; teamops leaves it as it is`,
  );
}

/** A plan with actions always names a project; only a file without any project gets here. */
function firstProject(plan: Plan): string {
  const projects = plan.actions.flatMap((action) => ('project' in action ? [String(action.project)] : []));
  return projects.sort()[0] ?? plan.scope;
}

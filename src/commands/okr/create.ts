import type { Command } from 'commander';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import type { Deps } from '../../deps.js';
import { UsageError, ValidationError } from '../../errors.js';
import { warn } from '../../io/output.js';
import type { Plan } from '../../plan/plan.js';
import { templateProblemOf } from '../../rituals/shared/issue-body.js';
import { counted } from '../../rituals/shared/text.js';
import { checkObjectives, okrWarnings, planOkrCycle, type OkrPlanContext, type OkrRequest } from '../../rituals/okr-cycle.js';
import { QUARTER_EXAMPLES } from '../../rituals/shared/quarter.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { globalsOf, openContext, type CommandContext } from '../shared/context.js';
import { askForOkrs } from './ask-okrs.js';
import { applyDefaults, readOkrFile } from './okr-file.js';
import { checkQuarterFlag, okrLabels, resolveQuarter, todaysQuarter } from './okr-quarter.js';
import { readOkrState, type OkrReading } from './okr-state.js';

export interface OkrCreateOptions {
  globals: GlobalOptions;
  /** The OKR file; without it, the questions are asked on a terminal. */
  file?: string;
  /** Overrides the file's quarter. */
  quarter?: string;
  /** Warnings (key result counts) fail the run like errors. */
  strict: boolean;
}

export function registerOkrCreate(parent: Command, deps: Deps, run = runOkrCreate): Command {
  return parent
    .command('create')
    .description("create the quarter's objectives and key results as linked GitLab issues, from an OKR file or by asking")
    .option('-f, --file <okrs.yml>', 'the OKR file (format: templates/okrs.example.yml); without it teamops asks, on a terminal')
    .option('--quarter <quarter>', `the quarter, ${QUARTER_EXAMPLES} (default: the file's quarter, else the one containing today)`)
    .option('--strict', 'treat the warnings (an objective without two to four key results, more than nine per team) as errors')
    .addHelpText(
      'after',
      examples(
        'teamops okr create --file okrs.yml --dry-run',
        'teamops okr create --file okrs.yml --quarter FY27-Q1 --yes',
        'teamops okr create --file okrs.yml --strict --json',
        'teamops okr create            # on a terminal: asks for each objective and key result',
      ),
    )
    .action(async (flags: { file?: string; quarter?: string; strict?: boolean }, command: Command) => {
      const globals = globalsOf(command, deps);
      checkQuarterFlag(flags.quarter);
      await run({ globals, file: flags.file, quarter: flags.quarter, strict: flags.strict === true }, deps);
    });
}

export async function runOkrCreate(options: OkrCreateOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { config } = context;
  const source = await readSource(options, context, deps);
  const { quarter, problems: quarterProblems } = resolveQuarter(options.quarter, source.data.quarter, context);
  const drafts = applyDefaults(source.data, config);
  const checked = checkObjectives(drafts);
  const labels = quarter ? okrLabels(quarter, [...new Set(checked.objectives.map((o) => o.team))], config) : undefined;
  const reading = await readOkrState(context.reader(), drafts, quarter && { quarter, label: labels!.labels.quarter }, config);

  const problems = [...quarterProblems, ...(labels?.problems ?? []), ...checked.errors, ...reading.problems];
  const warnings = quarter ? okrWarnings(checked.objectives, quarter, reading.state.issues.map((i) => i.key)) : [];
  failOnProblems(source.name, problems, warnings, options.strict, deps);

  const request: OkrRequest = { quarter: quarter!, labels: labels!.labels, objectives: checked.objectives, templates: reading.templates, userIds: reading.userIds };
  const plan = planOrFail(reading, request, context.today, source.name);
  await emitAndApply(plan, context, deps, { notes: notesFor(plan), target: `GitLab (${plan.scope})` });
}

async function readSource(options: OkrCreateOptions, context: CommandContext, deps: Deps) {
  if (options.file) return readOkrFile(options.file, deps.cwd);
  if (!context.canPrompt) {
    throw new UsageError('missing --file', { hint: 'pass --file okrs.yml (see templates/okrs.example.yml), or run in a terminal to be asked for each objective' });
  }
  return askForOkrs(deps.prompter, deps.io, context.config, { quarter: options.quarter ?? todaysQuarter(context).name, cwd: deps.cwd });
}

function failOnProblems(fileName: string, problems: string[], warnings: string[], strict: boolean, deps: Deps): void {
  const all = strict ? [...problems, ...warnings.map((w) => `${w} (a warning; --strict makes it an error)`)] : problems;
  if (all.length === 0) return;
  if (!strict) for (const warning of warnings) warn(deps.io, warning);
  throw new ValidationError(`${fileName}: ${counted(all.length, 'problem')}; nothing was written to GitLab`, all, {
    hint: 'fix them and run the command again; --dry-run shows the plan without writing',
  });
}

function planOrFail(reading: OkrReading, request: OkrRequest, today: string, fileName: string): Plan<OkrPlanContext> {
  // The templates were checked against sample values; real values can still take a branch the sample did not.
  let plan: Plan<OkrPlanContext> | undefined;
  const problem = templateProblemOf(() => (plan = planOkrCycle(reading.state, request, today)));
  if (problem) throw new ValidationError(`${fileName}: cannot fill the issue templates; nothing was written to GitLab`, [problem]);
  return plan!;
}

function notesFor(plan: Plan<OkrPlanContext>): string[] {
  return plan.context.notInFile.map((kr) => `key result ${kr.reference} "${kr.title}" is in GitLab but no longer in the file; teamops leaves it as it is`);
}

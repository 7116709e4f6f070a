import { Option, type Command } from 'commander';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import type { Deps } from '../../deps.js';
import { UsageError, ValidationError } from '../../errors.js';
import { warn } from '../../io/output.js';
import type { Plan } from '../../plan/plan.js';
import { planOkrs, type OkrPlanContext, type OkrPlanning } from '../../rituals/okr/plan-okrs.js';
import { resolveOkrQuarter, todaysQuarter } from '../../rituals/okr/quarter.js';
import { QUARTER_EXAMPLES } from '../../rituals/shared/quarter.js';
import { counted } from '../../rituals/shared/text.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { quarterName } from '../shared/parsers.js';
import { globalsOf, openContext, type CommandContext } from '../shared/context.js';
import { askForOkrs } from './ask-okrs.js';
import { applyDefaults, readOkrFile } from './okr-file.js';
import { readOkrState } from './read-state.js';
import { okrSettings } from './settings.js';

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
    .addOption(
      new Option(
        '--quarter <quarter>',
        `the quarter, ${QUARTER_EXAMPLES} (default: the file's quarter, else the one containing today)`,
      ).argParser(quarterName('--quarter')),
    )
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
      await run({ globals: globalsOf(command, deps), file: flags.file, quarter: flags.quarter, strict: flags.strict === true }, deps);
    });
}

export async function runOkrCreate(options: OkrCreateOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const settings = okrSettings(context.config);
  const source = await readSource(options, context, deps, todaysQuarter(context.today, settings.quarters).name);
  const objectives = applyDefaults(source.data, context.config);
  const quarter = resolveOkrQuarter({ flag: options.quarter, file: source.data.quarter }, context.today, settings.quarters);
  const state = await readOkrState(context.reader(), objectives, quarter.quarter, context.config, deps.cwd);
  const planning = planOkrs(state, { quarter, objectives, labels: settings.labels, strict: options.strict }, context.today);
  const plan = planOrFail(planning, source.name, deps);
  await emitAndApply(plan, context, deps, { notes: notesFor(plan), target: `GitLab (${plan.scope})` });
}

async function readSource(options: OkrCreateOptions, context: CommandContext, deps: Deps, thisQuarter: string) {
  if (options.file) return readOkrFile(options.file, deps.cwd);
  if (!context.canPrompt) {
    throw new UsageError('missing --file', {
      hint: 'pass --file okrs.yml (see templates/okrs.example.yml), or run in a terminal to be asked for each objective',
    });
  }
  return askForOkrs(deps.prompter, deps.io, context.config, { quarter: options.quarter ?? thisQuarter, cwd: deps.cwd });
}

/** The plan; or the warnings shown and every problem raised, with nothing written. */
function planOrFail(planning: OkrPlanning, fileName: string, deps: Deps): Plan<OkrPlanContext> {
  if (planning.ok) return planning.plan;
  for (const warning of planning.warnings) warn(deps.io, warning);
  const summary = `${fileName}: ${counted(planning.problems.length, 'problem')}; nothing was written to GitLab`;
  throw new ValidationError(summary, planning.problems, {
    hint: 'fix them and run the command again; --dry-run shows the plan without writing',
  });
}

function notesFor(plan: Plan<OkrPlanContext>): string[] {
  return plan.context.notInFile.map(
    (kr) => `key result ${kr.reference} "${kr.title}" is in GitLab but no longer in the file; teamops leaves it as it is`,
  );
}

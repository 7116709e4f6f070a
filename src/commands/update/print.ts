import type { Command } from 'commander';
import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { TemplateError } from '../../rituals/shared/issue-body.js';
import { QUARTER_EXAMPLES } from '../../rituals/shared/quarter.js';
import { planUpdatePrint, type UpdatePrintRequest } from '../../rituals/updates/plan-update.js';
import { UPDATE_VARIABLES } from '../../rituals/updates/variables.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { globalsOf, openContext, type CommandContext } from '../shared/context.js';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import { rejectProjectAndGroup, scopeName } from '../shared/scope.js';
import { bundledTemplateNames } from '../shared/templates.js';
import { readPrintState } from './read-state.js';
import { addPeriodFlags, printDocument, readUpdateFlags, updateScope, type UpdateFlags } from './update-scope.js';

export interface UpdatePrintOptions extends UpdateFlags {
  globals: GlobalOptions;
  /** A project issue template name, a bundled template, or a path to a Markdown file. */
  template?: string;
  author?: string;
  quarter?: string;
  create: boolean;
}

export function registerUpdatePrint(parent: Command, deps: Deps, run = runUpdatePrint): Command {
  const command = parent
    .command('print')
    .description(
      "print an async update for the period, filled from GitLab (closed issues, merged MRs, work in progress, slipped issues, the quarter's key results); --create opens it as an issue",
    )
    .option('--template <name>', `a project issue template, a bundled one (${bundledTemplateNames('updates').join(', ')}), or a .md file`)
    .option('--project <path>', 'report on this project (default: updates.group, else updates.project)')
    .option('--group <path>', 'report on this group and its projects')
    .option('--author <username>', "whose update it is (default: the token's user)")
    .option('--quarter <quarter>', `the key results' quarter, ${QUARTER_EXAMPLES} (default: the quarter holding --until, by okr.quarters)`)
    .option('--create', 'create the update as an issue in updates.project, assigned to the author (once per author, template and period)');
  addPeriodFlags(command, '7 days ending --until, a month for monthly templates');
  return command
    .addHelpText(
      'after',
      examples(
        'teamops update print --template em-weekly > update.md',
        'teamops update print --template sem-monthly --group distribution --since 2026-10-01 --until 2026-10-31',
        'teamops update print --template pe-weekly --author chen.wei --create --dry-run',
        'teamops update print --template "Weekly Update" --project distribution/team-tasks --create --yes',
      ) + `\nTemplate variables: ${UPDATE_VARIABLES.join(', ')} (see README).\n`,
    )
    .action(async (raw: Record<string, unknown>, cmd: Command) => {
      const flags = readUpdateFlags(raw);
      rejectProjectAndGroup(flags, 'the update covers one project or one group');
      const { template, author, quarter } = raw as Partial<Record<'template' | 'author' | 'quarter', string>>;
      await run({ globals: globalsOf(cmd, deps), ...flags, template, author, quarter, create: raw.create === true }, deps);
    });
}

export async function runUpdatePrint(options: UpdatePrintOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const request = printRequest(options, await chooseTemplate(options.template, context, deps), context.config);
  const state = await readPrintState(context, request, deps.cwd);
  const { document, plan } = asUsage(() => planUpdatePrint(state, request, context.today));
  if (!plan) return printDocument(deps, options.globals.json, document);
  const { period, template } = state.update;
  await emitAndApply(plan, context, deps, {
    notes: [`Template ${request.templateName} (${template.source}), ${period.since} to ${period.until}, ${scopeName(request.scope)}.`],
  });
}

function printRequest(options: UpdatePrintOptions, templateName: string, config: TeamopsConfig): UpdatePrintRequest {
  const { updates } = config;
  const target = options.create ? (updates.project ?? options.project) : undefined;
  if (options.create && !target)
    throw new UsageError('--create needs a project for the update', { hint: 'set updates.project in teamops.yml, or pass --project' });
  return {
    templateName,
    scope: updateScope(options, config),
    since: options.since,
    until: options.until,
    author: options.author,
    quarter: options.quarter,
    target,
    timeZone: config.timezone,
    periods: updates.periods,
    quarters: { kind: config.okr.quarters, fiscalStartMonth: config.fiscal_year_start_month, labelPattern: config.labels.quarter },
    missedLabel: config.milestone.missed_label,
    titlePattern: updates.title,
    labels: updates.labels,
  };
}

async function chooseTemplate(name: string | undefined, context: CommandContext, deps: Deps): Promise<string> {
  if (name) return name;
  const bundled = bundledTemplateNames('updates');
  if (!context.canPrompt)
    throw new UsageError('missing --template', { hint: `pass --template with a project issue template or one of ${bundled.join(', ')}` });
  return deps.prompter.select(
    'template',
    'Which template?',
    bundled.map((value) => ({ value })),
  );
}

/** A template that checked out on sample values but fails on the period's own is still the user's to fix: exit 3. */
function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof TemplateError) throw new UsageError(error.message, { hint: `template variables: ${UPDATE_VARIABLES.join(', ')}` });
    throw error;
  }
}

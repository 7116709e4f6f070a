import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { TemplateError } from '../../rituals/common/template-error.js';
import { planUpdatePrint, type UpdatePrintRequest } from '../../rituals/updates/plan-update.js';
import { UPDATE_VARIABLES } from '../../rituals/updates/variable-names.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext, type CommandContext } from '../common/context.js';
import { scopeName } from '../common/scope.js';
import { bundledTemplateNames } from '../common/templates.js';
import { readPrintState } from './read-state.js';
import { printDocument, updateScope } from './update-scope.js';
import type { UpdatePrintOptions } from './print.js';

export async function runUpdatePrint(options: UpdatePrintOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const request = printRequest(options, await chooseTemplate(options.template, context, deps), context.config);
  const state = await readPrintState(context, request, deps.cwd);
  const { document, plan } = asUsage(() => planUpdatePrint(state, request, context.today));
  if (!plan) return printDocument(deps, options.globals.json, document);
  const { period, template } = state.update;
  await emitAndApply(plan, context, deps, {
    notes: [`Template ${request.templateName} (${template.source}), ${period.since} to ${period.until}, ${scopeName(request.scope)}.`],
    lock: { kind: 'project', ref: plan.scope },
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
    period: options.period,
    weekStartsOn: updates.week_starts_on,
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

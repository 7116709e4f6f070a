import type { Command } from 'commander';
import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { planUpdateSummary, type SummaryRequest } from '../../rituals/updates/summary.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { globalsOf, openContext } from '../shared/context.js';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import { pickScope, rejectProjectAndGroup, scopeName } from '../shared/scope.js';
import { readSummaryState } from './read-state.js';
import { addPeriodFlags, printDocument, readUpdateFlags, UPDATE_SCOPE_MISSING, type UpdateFlags } from './update-scope.js';

export interface UpdateSummaryOptions extends UpdateFlags {
  globals: GlobalOptions;
  create: boolean;
}

export function registerUpdateSummary(parent: Command, deps: Deps, run = runUpdateSummary): Command {
  const command = parent
    .command('summary')
    .description("list the period's async updates (author, title, link, first lines) as the weekly summary; --create opens it as an issue")
    .option('--group <path>', 'read the updates in this group and its projects (default: updates.group)')
    .option(
      '--project <path>',
      'with --create, the project for the summary issue (default: updates.project); otherwise, read the updates in this project',
    )
    .option('--create', 'create the summary as an issue (once per period)');
  addPeriodFlags(command, '7 days ending --until');
  return command
    .addHelpText(
      'after',
      examples(
        'teamops update summary',
        'teamops update summary --since 2026-11-09 --until 2026-11-15 --json',
        'teamops update summary --create --project distribution/team-tasks --dry-run',
        'teamops update summary --group distribution --create --yes',
      ),
    )
    .action(async (raw: Record<string, unknown>, cmd: Command) => {
      const flags = readUpdateFlags(raw);
      const create = raw.create === true;
      if (!create) rejectProjectAndGroup(flags, 'without --create, the updates are read from one project or one group');
      await run({ globals: globalsOf(cmd, deps), ...flags, create }, deps);
    });
}

export async function runUpdateSummary(options: UpdateSummaryOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const request = summaryRequest(options, context.config);
  const state = await readSummaryState(context, request);
  const { document, plan } = planUpdateSummary(state, request, context.today);
  if (!plan) return printDocument(deps, options.globals.json, document);
  const { period } = state.summary;
  await emitAndApply(plan, context, deps, {
    notes: [`${document.updates.length} updates in ${scopeName(request.scope)}, ${period.since} to ${period.until}.`],
  });
}

function summaryRequest(options: UpdateSummaryOptions, config: TeamopsConfig): SummaryRequest {
  const { updates } = config;
  const target = options.create ? (options.project ?? updates.project) : undefined;
  if (options.create && !target)
    throw new UsageError('--create needs a project for the summary', { hint: 'pass --project or set updates.project in teamops.yml' });
  return {
    scope: readScope(options, config),
    since: options.since,
    until: options.until,
    target,
    timeZone: config.timezone,
    updateLabels: [...updates.labels, ...updates.legacy_labels],
    titlePattern: updates.summary_title,
    labels: updates.summary_labels,
  };
}

/** Where the updates are read: --group, else --project unless it names the summary's project, else teamops.yml, else that project. */
function readScope(options: UpdateSummaryOptions, config: TeamopsConfig) {
  return pickScope(
    [
      ['group', options.group],
      ['project', options.create ? undefined : options.project],
      ['group', config.updates.group],
      ['project', config.updates.project],
      ['project', options.project],
    ],
    UPDATE_SCOPE_MISSING,
  );
}

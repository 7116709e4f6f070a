import { pickScope, rejectProjectAndGroup, scopeName, scopeProblem } from '../shared/scope.js';
import type { Command } from 'commander';
import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { UsageError, ValidationError } from '../../errors.js';
import type { Scope } from '../../gitlab/port.js';
import { printJson } from '../../io/output.js';
import { planUpdateSummary, renderSummary, summariseUpdates, summaryKey, summaryTitle, updatePeriod } from '../../rituals/async-update.js';
import { templateProblemOf } from '../../rituals/shared/issue-body.js';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { globalsOf, openContext } from '../shared/context.js';
import { addPeriodFlags, checkPeriod, readUpdateFlags, readUpdateIssues, UPDATE_SCOPE_MISSING, type UpdateFlags } from './update-scope.js';

export interface UpdateSummaryOptions extends UpdateFlags {
  globals: GlobalOptions;
  create: boolean;
}

export function registerUpdateSummary(parent: Command, deps: Deps, run = runUpdateSummary): Command {
  const command = parent
    .command('summary')
    .description("list the period's async updates (author, title, link, first lines) as the weekly summary; --create opens it as an issue")
    .option('--group <path>', 'read the updates in this group and its projects (default: updates.group)')
    .option('--project <path>', 'with --create, the project for the summary issue (default: updates.project); otherwise, read the updates in this project')
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

/** Where the updates are read: --group, else --project unless it names the summary's project, else teamops.yml, else that project. */
function readScope(options: UpdateSummaryOptions, config: TeamopsConfig): Scope {
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

export async function runUpdateSummary(options: UpdateSummaryOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { config } = context;
  const period = checkPeriod(updatePeriod({ kind: 'week', since: options.since, until: options.until }, context.today));
  const scope = readScope(options, config);
  const target = options.create ? (options.project ?? config.updates.project) : undefined;
  if (options.create && !target) throw new UsageError('--create needs a project for the summary', { hint: 'pass --project or set updates.project in teamops.yml' });
  const reader = context.reader();

  const problems = [await scopeProblem(reader, scope)];
  if (target && target !== scope.ref) problems.push(await scopeProblem(reader, { kind: 'project', ref: target }));
  problems.push(templateProblemOf(() => summaryTitle(config.updates.summary_title, period)));
  const found = problems.filter((p): p is string => p !== null);
  if (found.length > 0) throw new ValidationError(`cannot ${target ? 'create' : 'print'} the summary`, found);

  const labels = [...config.updates.labels, ...config.updates.legacy_labels];
  const issues = await readUpdateIssues(reader, scope, { labels, period, timeZone: config.timezone, withNotes: false, concurrency: options.globals.concurrency });
  const updates = summariseUpdates(issues, period, config.timezone);

  if (!target) {
    const markdown = renderSummary(updates, period);
    if (options.globals.json) {
      printJson(deps.io, { schemaVersion: 1, command: 'update summary', scope: { kind: scope.kind, ref: scope.ref }, period: { since: period.since, until: period.until }, updates, markdown });
    } else deps.io.stdout.write(markdown);
    return;
  }
  const existing = await reader.findIssueByKey(target, summaryKey(period), summaryTitle(config.updates.summary_title, period));
  const plan = planUpdateSummary({ updates, existing }, { project: target, period, titlePattern: config.updates.summary_title, labels: config.updates.summary_labels }, context.today);
  await emitAndApply(plan, context, deps, { notes: [`${updates.length} updates in ${scopeName(scope)}, ${period.since} to ${period.until}.`] });
}

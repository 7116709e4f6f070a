import { rejectProjectAndGroup, scopeName, scopeProblem } from '../shared/scope.js';
import type { Command } from 'commander';
import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { UsageError, ValidationError } from '../../errors.js';
import type { GitLabReader, Scope, TeamUser } from '../../gitlab/port.js';
import { printJson } from '../../io/output.js';
import {
  asyncUpdateKey,
  periodKindOf,
  planAsyncUpdate,
  renderAsyncUpdate,
  updatePeriod,
  updateTemplateProblems,
  updateTitle,
  updateVariables,
  UPDATE_VARIABLES,
  type UpdateContext,
  type UpdateData,
  type UpdatePeriod,
} from '../../rituals/async-update.js';
import { startOfTeamDay } from '../../rituals/shared/calendar.js';
import { TemplateError, templateProblemOf } from '../../rituals/shared/issue-body.js';
import { parseQuarter, quarterContaining, quarterLabel, QUARTER_EXAMPLES } from '../../rituals/shared/quarter.js';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { globalsOf, openContext, type CommandContext } from '../shared/context.js';
import { bundledTemplateNames, loadIssueTemplate, type IssueTemplate } from '../shared/templates.js';
import { addPeriodFlags, checkPeriod, readUpdateFlags, updateScope, type UpdateFlags } from './update-scope.js';

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
    .description("print an async update for the period, filled from GitLab (closed issues, merged MRs, work in progress, slipped issues, the quarter's key results); --create opens it as an issue")
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
      await run(
        {
          globals: globalsOf(cmd, deps),
          ...flags,
          template: raw.template as string | undefined,
          author: raw.author as string | undefined,
          quarter: raw.quarter as string | undefined,
          create: raw.create === true,
        },
        deps,
      );
    });
}

export async function runUpdatePrint(options: UpdatePrintOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { config } = context;
  const templateName = await chooseTemplate(options.template, context, deps);
  const period = checkPeriod(updatePeriod({ kind: periodKindOf(templateName, config.updates.periods), since: options.since, until: options.until }, context.today));
  const scope = updateScope(options, config);
  const quarter = quarterOf(options.quarter, period, config);
  const target = options.create ? createProject(options, config) : undefined;
  const reader = context.reader();

  const checked = await checkPrint(reader, { ...options, templateName, scope, target, period }, context, deps);
  const data = await readUpdateData(reader, scope, period, quarter, context);
  const updateContext: UpdateContext = {
    templateName,
    author: { username: checked.author.username, name: checked.author.name },
    scope: String(scope.ref),
    period,
    timeZone: config.timezone,
    quarter,
    missedLabel: config.milestone.missed_label,
    teamLabel: config.labels.team,
  };
  const body = asUsage(() => renderAsyncUpdate(checked.template.text, data, updateContext));

  if (!target) {
    printUpdate(deps, options.globals.json, { template: { name: templateName, source: checked.template.source }, scope, quarter, data, updateContext, body });
    return;
  }
  const title = updateTitle(config.updates.title, checked.author.username, templateName, period);
  const existing = await reader.findIssueByKey(target, asyncUpdateKey(checked.author.username, templateName, period), title);
  const plan = planAsyncUpdate(
    { existing, body },
    { project: target, templateName, author: checked.author, period, titlePattern: config.updates.title, labels: config.updates.labels },
    context.today,
  );
  await emitAndApply(plan, context, deps, {
    notes: [`Template ${templateName} (${checked.template.source}), ${period.since} to ${period.until}, ${scopeName(scope)}.`],
  });
}

/** The update on stdout: the Markdown, or under --json one document with the variables it was filled from. */
function printUpdate(
  deps: Deps,
  json: boolean,
  update: { template: { name: string; source: IssueTemplate['source'] }; scope: Scope; quarter: string; data: UpdateData; updateContext: UpdateContext; body: string },
): void {
  if (!json) {
    deps.io.stdout.write(update.body);
    return;
  }
  const { period, author } = update.updateContext;
  printJson(deps.io, {
    schemaVersion: 1,
    command: 'update print',
    template: update.template,
    author: author.username,
    scope: { kind: update.scope.kind, ref: update.scope.ref },
    period: { kind: period.kind, since: period.since, until: period.until },
    quarter: update.quarter,
    variables: updateVariables(update.data, update.updateContext),
    markdown: update.body,
  });
}

async function chooseTemplate(name: string | undefined, context: CommandContext, deps: Deps): Promise<string> {
  if (name) return name;
  if (!context.canPrompt) {
    throw new UsageError('missing --template', { hint: `pass --template with a project issue template or one of ${bundledTemplateNames('updates').join(', ')}` });
  }
  return deps.prompter.select(
    'template',
    'Which template?',
    bundledTemplateNames('updates').map((value) => ({ value })),
  );
}

function quarterOf(flag: string | undefined, period: UpdatePeriod, config: TeamopsConfig): string {
  const quarter = flag === undefined ? quarterContaining(period.until, config.okr.quarters, config.fiscal_year_start_month) : parseQuarter(flag, config.fiscal_year_start_month);
  if (!quarter) throw new UsageError(`--quarter must be ${QUARTER_EXAMPLES}, got "${flag}"`);
  return asUsage(() => quarterLabel(quarter, config.labels.quarter), 'fix labels.quarter in teamops.yml');
}

function createProject(options: UpdatePrintOptions, config: TeamopsConfig): string {
  const project = config.updates.project ?? options.project;
  if (!project) throw new UsageError('--create needs a project for the update', { hint: 'set updates.project in teamops.yml, or pass --project' });
  return project;
}

/** Template problems (unknown variables, bad syntax, a bad title pattern) are the user's to fix: exit 3. */
function asUsage<T>(fn: () => T, hint = `template variables: ${UPDATE_VARIABLES.join(', ')}`): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof TemplateError) throw new UsageError(error.message, { hint });
    throw error;
  }
}

/** Everything that can be wrong is found before GitLab is read for the update, and reported together. */
async function checkPrint(
  reader: GitLabReader,
  request: UpdatePrintOptions & { templateName: string; scope: Scope; target: string | undefined; period: UpdatePeriod },
  context: CommandContext,
  deps: Deps,
): Promise<{ author: TeamUser; template: IssueTemplate }> {
  const templateProject = request.target ?? context.config.updates.project ?? (request.scope.kind === 'project' ? String(request.scope.ref) : undefined);
  const [author, template, scope, target] = await Promise.all([
    request.author ? reader.findUser(request.author) : reader.currentUser(),
    loadIssueTemplate(reader, { name: request.templateName, project: templateProject, bundledFolder: 'updates', cwd: deps.cwd }),
    scopeProblem(reader, request.scope),
    request.target ? reader.getProject(request.target) : Promise.resolve(true),
  ]);
  const problems: string[] = [];
  if (!author) problems.push(`--author ${request.author}: no GitLab user of that name`);
  if (scope) problems.push(scope);
  if (!target) problems.push(`project ${request.target} (where the update is created) does not exist, or the token cannot see it`);
  if (typeof template === 'string') problems.push(template);
  else {
    const sample = { username: author?.username ?? 'author', name: author?.name ?? 'Author' };
    problems.push(...updateTemplateProblems(template.text, { templateName: request.templateName, author: sample, scope: String(request.scope.ref), period: request.period, quarter: 'quarter' }));
  }
  const title = request.target ? templateProblemOf(() => updateTitle(context.config.updates.title, author?.username ?? 'author', request.templateName, request.period)) : null;
  if (title) problems.push(title);
  if (problems.length > 0 || !author || typeof template === 'string') {
    throw new ValidationError(`cannot ${request.target ? 'create' : 'print'} the ${request.templateName} update`, problems);
  }
  return { author, template };
}

/**
 * Issues and MRs of the scope touched since the period began (the planner sorts them into closed,
 * merged, in progress and slipped), and the quarter's key results.
 */
async function readUpdateData(reader: GitLabReader, scope: Scope, period: UpdatePeriod, quarter: string, context: CommandContext): Promise<UpdateData> {
  const { config } = context;
  const updatedAfter = startOfTeamDay(period.since, config.timezone);
  const keyResultScope: Scope = scope.kind === 'project' && config.okr.project ? { kind: 'project', ref: config.okr.project } : scope;
  const [issues, mergeRequests, keyResults] = await Promise.all([
    reader.listIssues(scope, { updatedAfter, state: 'all' }),
    reader.listMergeRequests(scope, { state: 'merged', updatedAfter }),
    reader.listIssues(keyResultScope, { labels: [config.labels.key_result, quarter], state: 'all' }),
  ]);
  context.debug(`read ${issues.length} issues, ${mergeRequests.length} merged MRs and ${keyResults.length} key results (${quarter})`);
  return { issues, mergeRequests, keyResults };
}

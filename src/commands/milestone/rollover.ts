import { findScope, pickScope, rejectProjectAndGroup, scopeName } from '../shared/scope.js';
import { Option, type Command } from 'commander';
import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { UsageError, ValidationError } from '../../errors.js';
import type { GitLabReader, Scope, TeamIssue, TeamMergeRequest, TeamMilestone } from '../../gitlab/port.js';
import { printTable } from '../../io/output.js';
import type { ApplyResult } from '../../plan/apply-plan.js';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import type { IsoDate } from '../../rituals/shared/calendar.js';
import { chooseMilestones, type ChosenMilestones } from '../../rituals/milestone/choose-milestones.js';
import { closeProblem } from '../../rituals/milestone/close-milestone.js';
import { missedLabelFor, missedLabelPatternProblem } from '../../rituals/milestone/missed-label.js';
import type { RolloverItem, RolloverMilestone } from '../../rituals/milestone/model.js';
import { moveKey } from '../../rituals/milestone/move-items.js';
import { planMilestoneRollover, type RolloverState } from '../../rituals/milestone/plan-rollover.js';
import { describeRollover, type RolloverReport } from '../../rituals/milestone/report.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { globalsOf, openContext } from '../shared/context.js';

export interface MilestoneRolloverOptions {
  globals: GlobalOptions;
  project?: string;
  group?: string;
  from?: string;
  to?: string;
  assignee?: string;
  /** undefined: take `milestone.include_mrs` from teamops.yml. */
  includeMrs?: boolean;
  /** A label pattern, false for --no-missed-label, undefined for `milestone.missed_label`. */
  missedLabel?: string | false;
  close: boolean;
}

/** What the run works with once flags and teamops.yml are merged. */
interface RolloverSettings {
  scope: Scope;
  from?: string;
  to?: string;
  assignee?: string;
  includeMergeRequests: boolean;
  missedLabelPattern: string;
  addMissedLabel: boolean;
  close: boolean;
}

export function registerMilestoneRollover(parent: Command, deps: Deps, run = runMilestoneRollover): Command {
  return parent
    .command('rollover')
    .description('move the open issues of the milestone that ended to the next one, label what slipped, and report repeat slips')
    .option('--project <path>', 'roll over this project (default: milestone.project in teamops.yml)')
    .option('--group <path>', 'roll over every project of this group (default: milestone.group in teamops.yml)')
    .option('--from <title>', 'the milestone to empty (default: the active milestone that ended most recently, else the closed one that did)')
    .option('--to <title>', 'the milestone to move to (default: the active milestone starting next after --from)')
    .option('--assignee <username>', 'move only what is assigned to this person (each engineer rolls over their own)')
    .option('--include-mrs', 'move open merge requests too (default: milestone.include_mrs)')
    .addOption(new Option('--no-include-mrs', 'move issues only, whatever teamops.yml says').hideHelp())
    .option('--missed-label <pattern>', 'label added to moved items; {milestone} is the missed title (default: milestone.missed_label, "missed:{milestone}")')
    .option('--no-missed-label', 'move without adding a missed label')
    .option('--close', 'close the --from milestone once every move succeeded')
    .addHelpText(
      'after',
      examples(
        'teamops milestone rollover --group distribution --dry-run',
        'teamops milestone rollover --project distribution/omnibus --from 16.5 --to 16.6 --close',
        'teamops milestone rollover --group distribution --assignee amara.okafor --include-mrs',
        'teamops milestone rollover --json --yes > rollover.json',
      ),
    )
    .action(async (flags: Record<string, unknown>, command: Command) => {
      const options: MilestoneRolloverOptions = {
        globals: globalsOf(command, deps),
        project: flags.project as string | undefined,
        group: flags.group as string | undefined,
        from: flags.from as string | undefined,
        to: flags.to as string | undefined,
        assignee: (flags.assignee as string | undefined)?.replace(/^@/, ''),
        includeMrs: flags.includeMrs as boolean | undefined,
        missedLabel: flags.missedLabel as string | false | undefined,
        close: flags.close === true,
      };
      rejectProjectAndGroup(options, 'a rollover covers one project or one group');
      if (options.close && options.assignee !== undefined) {
        throw new UsageError('--close cannot be used with --assignee: other people may still have open issues in the milestone', {
          hint: 'close the milestone in a run without --assignee, once everyone has rolled over',
        });
      }
      if (options.from !== undefined && options.from === options.to) {
        throw new UsageError(`--from and --to are both "${options.from}"; pass two different milestones`);
      }
      const patternProblem = typeof options.missedLabel === 'string' ? missedLabelPatternProblem(options.missedLabel) : null;
      if (patternProblem) throw new UsageError(`--missed-label ${patternProblem}; got "${String(options.missedLabel)}"`);
      await run(options, deps);
    });
}

export async function runMilestoneRollover(options: MilestoneRolloverOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const settings = settingsFrom(options, context.config);
  const state = await readRolloverState(context.reader(), settings, context.today);
  const plan = planMilestoneRollover(
    state,
    {
      missedLabelPattern: settings.missedLabelPattern,
      addMissedLabel: settings.addMissedLabel,
      close: settings.close,
      assignee: settings.assignee ?? null,
      includeMergeRequests: settings.includeMergeRequests,
      warnings: state.warnings,
    },
    context.today,
  );
  await emitAndApply(plan, context, deps, {
    notes: describeRollover(plan.context),
    target: scopeName(settings.scope),
    report: (result) => printMoved(deps, plan.context, result),
  });
}

function settingsFrom(options: MilestoneRolloverOptions, config: TeamopsConfig): RolloverSettings {
  const section = config.milestone;
  // A flag for either kind of scope overrides teamops.yml's setting for either kind.
  const scope = pickScope(
    [
      ['project', options.project],
      ['group', options.group],
      ['project', section.project],
      ['group', section.group],
    ],
    { flags: '--project or --group', configKeys: 'milestone.project or milestone.group' },
  );
  return {
    scope,
    from: options.from,
    to: options.to,
    assignee: options.assignee,
    includeMergeRequests: options.includeMrs ?? section.include_mrs,
    missedLabelPattern: typeof options.missedLabel === 'string' ? options.missedLabel : section.missed_label,
    addMissedLabel: options.missedLabel !== false,
    close: options.close,
  };
}

function toRolloverMilestone(m: TeamMilestone): RolloverMilestone {
  return {
    id: m.id,
    title: m.title,
    state: m.state,
    startDate: m.startDate,
    dueDate: m.dueDate,
    webUrl: m.webUrl,
    owner: m.groupId !== null ? { kind: 'group', id: m.groupId } : { kind: 'project', id: m.projectId ?? 0 },
  };
}

function toItem(item: TeamIssue | TeamMergeRequest, kind: RolloverItem['kind']): RolloverItem {
  return { kind, projectId: item.projectId, iid: item.iid, reference: item.reference, title: item.title, webUrl: item.webUrl, labels: item.labels };
}

/**
 * Everything the planner needs, read before any write: the scope, the person, the milestones,
 * and the items to move (one request per 100).
 */
async function readRolloverState(reader: GitLabReader, settings: RolloverSettings, today: IsoDate): Promise<RolloverState & { warnings: string[] }> {
  const { scope } = settings;
  const { from, to, warnings, assignee } = await checkRollover(reader, settings, today);
  const label = missedLabelFor(settings.missedLabelPattern, from.title);
  const none = Promise.resolve([] as RolloverItem[]);
  const [openIssues, movedIssues, openMrs, movedMrs] = await Promise.all([
    reader.listIssues(scope, { state: 'opened', milestone: from.title, assigneeUsername: assignee }).then((list) => list.map((i) => toItem(i, 'issue'))),
    // Without the label an earlier run's moves cannot be told apart from other issues in `to`.
    settings.addMissedLabel
      ? reader.listIssues(scope, { state: 'all', milestone: to.title, labels: [label], assigneeUsername: assignee }).then((list) => list.map((i) => toItem(i, 'issue')))
      : none,
    settings.includeMergeRequests ? listMergeRequests(reader, scope, { state: 'opened', milestone: from.title }, assignee) : none,
    settings.includeMergeRequests && settings.addMissedLabel ? listMergeRequests(reader, scope, { state: 'all', milestone: to.title, labels: [label] }, assignee) : none,
  ]);
  return { scope: String(scope.ref), from, to, open: [...openIssues, ...openMrs], alreadyMoved: [...movedIssues, ...movedMrs], warnings };
}

/** The scope, the person and the two milestones, checked together: every problem found is reported at once. */
async function checkRollover(reader: GitLabReader, settings: RolloverSettings, today: IsoDate): Promise<ChosenMilestones & { assignee?: string }> {
  const { scope } = settings;
  const name = scopeName(scope);
  const [{ found, problem }, person] = await Promise.all([
    findScope(reader, scope),
    settings.assignee !== undefined ? reader.findUser(settings.assignee) : Promise.resolve(undefined),
  ]);
  const problems: string[] = [];
  if (problem) problems.push(problem);
  if (person === null) problems.push(`--assignee: no GitLab user is called @${settings.assignee}`);
  if (!found) throw new ValidationError('cannot roll over', problems);

  // A project's issues can use its own milestones and those of every group above it.
  const milestones = (await reader.listMilestones(scope, { includeAncestors: true })).map(toRolloverMilestone);
  const choice = chooseMilestones(milestones, { from: settings.from, to: settings.to, scopeName: name }, today);
  if (!choice.ok) throw new ValidationError('cannot roll over', [...problems, ...choice.problems]);

  const closing = settings.close ? closeProblem(choice.from, { kind: scope.kind, id: found.id, name }) : null;
  if (closing) problems.push(closing);
  if (settings.addMissedLabel) {
    const label = missedLabelFor(settings.missedLabelPattern, choice.from.title);
    if (label.includes(',')) {
      problems.push(`milestone "${choice.from.title}" has a comma in its title, so the label "${label}" cannot be added (GitLab separates labels with commas); rename the milestone or pass --no-missed-label`);
    }
    if (label.length > 255) problems.push(`the missed label "${label.slice(0, 40)}…" is longer than GitLab's 255 characters; pass a shorter --missed-label`);
  }
  if (problems.length > 0) throw new ValidationError('cannot roll over', problems);
  return { from: choice.from, to: choice.to, warnings: choice.warnings, assignee: person?.username };
}

async function listMergeRequests(
  reader: GitLabReader,
  scope: Scope,
  query: Parameters<GitLabReader['listMergeRequests']>[1],
  assignee: string | undefined,
): Promise<RolloverItem[]> {
  const list = await reader.listMergeRequests(scope, query);
  // The merge request list has no assignee filter in teamops' reader; the page size is the same either way.
  return list.filter((mr) => assignee === undefined || mr.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase())).map((mr) => toItem(mr, 'merge-request'));
}

/** The product of a rollover on stdout: what moved, its slip count, the handbook's call-out and a link. */
/** One row per issue or merge request this run moved (not those whose move failed). */
function printMoved(deps: Deps, report: RolloverReport, result: ApplyResult): void {
  const done = new Set(result.results.filter((r) => r.status === 'done').map((r) => r.key));
  const moved = report.items.filter((item) => item.status === 'move' && done.has(moveKey(item)));
  if (moved.length === 0) return;
  printTable(
    deps.io,
    ['MOVED', 'SLIPS', 'HANDBOOK', 'URL'],
    moved.map((item) => [item.reference, String(item.slips), item.callOut ?? '', item.webUrl]),
  );
}

import { Option, type Command } from 'commander';
import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { Scope } from '../../gitlab/port.js';
import { printTable } from '../../io/output.js';
import type { ApplyResult } from '../../plan/apply-plan.js';
import { sameMilestoneProblem } from '../../rituals/milestone/choose-milestones.js';
import { missedLabelPatternProblem } from '../../rituals/milestone/missed-label.js';
import type { RolloverRequest } from '../../rituals/milestone/model.js';
import { moveKey } from '../../rituals/milestone/move-items.js';
import { planRollover } from '../../rituals/milestone/plan-rollover.js';
import { describeRollover, type RolloverReport } from '../../rituals/milestone/report.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { globalsOf, openContext } from '../shared/context.js';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import { pickScope, rejectProjectAndGroup, scopeName } from '../shared/scope.js';
import { readRolloverState } from './read-state.js';

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

type RolloverFlags = Omit<MilestoneRolloverOptions, 'globals' | 'close'> & { close?: true };

export function registerMilestoneRollover(parent: Command, deps: Deps, run = runMilestoneRollover): Command {
  return parent
    .command('rollover')
    .description('move the open issues of the milestone that ended to the next one, label what slipped, and report repeat slips')
    .option('--project <path>', 'roll over this project (default: milestone.project in teamops.yml)')
    .option('--group <path>', 'roll over every project of this group (default: milestone.group in teamops.yml)')
    .option(
      '--from <title>',
      'the milestone to empty (default: the active milestone that ended most recently, else the closed one that did)',
    )
    .option('--to <title>', 'the milestone to move to (default: the active milestone starting next after --from)')
    .option('--assignee <username>', 'move only what is assigned to this person (each engineer rolls over their own)', (value: string) =>
      value.replace(/^@/, ''),
    )
    .option('--include-mrs', 'move open merge requests too (default: milestone.include_mrs)')
    .addOption(new Option('--no-include-mrs', 'move issues only, whatever teamops.yml says').hideHelp())
    .option(
      '--missed-label <pattern>',
      'label added to moved items; {milestone} is the missed title (default: milestone.missed_label, "missed:{milestone}")',
      missedLabelPattern,
    )
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
    .action(async (flags: RolloverFlags, command: Command) => {
      rejectProjectAndGroup(flags, 'a rollover covers one project or one group');
      if (flags.close && flags.assignee !== undefined) {
        throw new UsageError('--close cannot be used with --assignee: other people may still have open issues in the milestone', {
          hint: 'close the milestone in a run without --assignee, once everyone has rolled over',
        });
      }
      if (flags.from !== undefined && flags.from === flags.to) throw new UsageError(sameMilestoneProblem(flags.from));
      const { project, group, from, to, assignee, includeMrs, missedLabel } = flags;
      await run(
        { globals: globalsOf(command, deps), project, group, from, to, assignee, includeMrs, missedLabel, close: flags.close === true },
        deps,
      );
    });
}

function missedLabelPattern(value: string): string {
  const problem = missedLabelPatternProblem(value);
  if (problem) throw new UsageError(`--missed-label ${problem}; got "${value}"`);
  return value;
}

export async function runMilestoneRollover(options: MilestoneRolloverOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { scope, request } = settingsFrom(options, context.config);
  const state = await readRolloverState(context.reader(), scope, request, context.today);
  const plan = planRollover(state, request, context.today);
  await emitAndApply(plan, context, deps, {
    notes: describeRollover(plan.context),
    target: scopeName(scope),
    report: (result) => printMoved(deps, plan.context, result),
  });
}

/** Flags over teamops.yml: where to roll over, and the planner's request. */
function settingsFrom(options: MilestoneRolloverOptions, config: TeamopsConfig): { scope: Scope; request: RolloverRequest } {
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
  const request: RolloverRequest = {
    scopeName: scopeName(scope),
    from: options.from,
    to: options.to,
    assignee: options.assignee ?? null,
    includeMergeRequests: options.includeMrs ?? section.include_mrs,
    missedLabelPattern: typeof options.missedLabel === 'string' ? options.missedLabel : section.missed_label,
    addMissedLabel: options.missedLabel !== false,
    close: options.close,
  };
  return { scope, request };
}

/** The product of a rollover on stdout: one row per item this run moved (not those whose move failed), with its slips, the handbook's call-out and a link. */
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

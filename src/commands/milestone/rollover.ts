import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { sameMilestoneProblem } from '../../rituals/milestone/choose-milestones.js';
import { missedLabelPatternProblem } from '../../rituals/milestone/missed-label.js';
import { globalsOf, examples, type GlobalOptions } from '../shared/global-options.js';
import { rejectProjectAndGroup } from '../shared/scope.js';
import { runOnFirstUse, type Run } from '../shared/lazy.js';

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
  /** undefined: take `milestone.circuit_breakers` from teamops.yml. */
  circuitBreakers?: boolean;
}

type RolloverFlags = Omit<MilestoneRolloverOptions, 'globals' | 'close'> & { close?: true };

/** The command's body, loaded when it runs (commands/shared/lazy.ts). */
export const runMilestoneRollover = runOnFirstUse<MilestoneRolloverOptions>(
  async () => (await import('./run-rollover.js')).runMilestoneRollover,
);

export function registerMilestoneRollover(parent: Command, deps: Deps, run: Run<MilestoneRolloverOptions> = runMilestoneRollover): Command {
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
    .option(
      '--circuit-breakers',
      "act on the handbook's circuit breakers: a retrospective issue at two slips, an evaluation at three (default: milestone.circuit_breakers)",
    )
    .addOption(new Option('--no-circuit-breakers', 'only report repeated slips, whatever teamops.yml says').hideHelp())
    .addHelpText(
      'after',
      examples(
        'teamops milestone rollover --group distribution --dry-run',
        'teamops milestone rollover --project distribution/omnibus --from 16.5 --to 16.6 --close',
        'teamops milestone rollover --group distribution --assignee amara.okafor --include-mrs',
        'teamops milestone rollover --json --yes > rollover.json',
        'teamops milestone rollover --group distribution --circuit-breakers --yes',
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
      const { project, group, from, to, assignee, includeMrs, missedLabel, circuitBreakers } = flags;
      const globals = globalsOf(command, deps);
      await run(
        { globals, project, group, from, to, assignee, includeMrs, missedLabel, circuitBreakers, close: flags.close === true },
        deps,
      );
    });
}

function missedLabelPattern(value: string): string {
  const problem = missedLabelPatternProblem(value);
  if (problem) throw new UsageError(`--missed-label ${problem}; got "${value}"`);
  return value;
}

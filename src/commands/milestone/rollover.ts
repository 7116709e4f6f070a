import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { sameMilestoneProblem } from '../../rituals/milestone/choose-milestones.js';
import { missedLabelPatternProblem } from '../../rituals/milestone/missed-label.js';
import { API_CHOICES, SLIPS_CHOICES, type ApiChoice, type SlipsChoice } from '../../rituals/milestone/model.js';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import { rejectProjectAndGroup } from '../common/scope.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';
import { collectRepeated, oneOf } from '../common/parsers.js';

/** `--to none`: GitLab's own word for "no milestone" in its filters. */
const NO_MILESTONE_WORD = 'none';

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
  /** --to none: out of any milestone (then `to` is undefined). */
  toNone: boolean;
  /** --api: how issues move; merge requests always move through REST. undefined: take `milestone.api` from teamops.yml. */
  api?: ApiChoice;
  /** --slips: where slips are counted from. undefined: take `milestone.slips` from teamops.yml. */
  slips?: SlipsChoice;
  /** --label, repeatable: only items carrying every one. */
  labels: string[];
  /** --health: set moved issues' health status (Premium and up). */
  health: boolean;
  /** --report-md FILE: the call-outs as Markdown, written after applying. */
  reportMd?: string;
}

type RolloverFlags = Omit<MilestoneRolloverOptions, 'globals' | 'close' | 'toNone' | 'labels' | 'health'> & {
  close?: true;
  label?: string[];
  health?: true;
};

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
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
    .option(
      '--to <title>',
      'the milestone to move to, or "none" for no milestone (back to the backlog) (default: the active milestone starting next after --from)',
    )
    .option('--label <label>', 'move only items with this label (repeatable: items with every one)', collectRepeated)
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
    .option(
      '--health',
      'set moved issues\' health status: "needs attention" at the first slip, "at risk" from the second (GitLab Premium and up)',
    )
    .addOption(
      new Option(
        '--api <api>',
        'how issues move: "graphql" (issuesBulkUpdate, 100 per request), "rest" (one request each) or "auto": GraphQL when GitLab allows it and it saves requests (default: milestone.api, auto)',
      )
        .choices(API_CHOICES)
        .argParser(oneOf('--api', API_CHOICES)),
    )
    .addOption(
      new Option(
        '--slips <source>',
        'count slips from "history" (GitLab\'s milestone history: exact, one request per item) or "labels" (the missed labels: no extra request) (default: milestone.slips, history)',
      )
        .choices(SLIPS_CHOICES)
        .argParser(oneOf('--slips', SLIPS_CHOICES)),
    )
    .option('--report-md <file>', "write the report's call-outs to this file as a Markdown section for the retrospective (after applying)")
    .addHelpText(
      'after',
      examples(
        'teamops milestone rollover --group distribution --dry-run',
        'teamops milestone rollover --project distribution/omnibus --from 16.5 --to 16.6 --close',
        'teamops milestone rollover --group distribution --assignee amara.okafor --include-mrs',
        'teamops milestone rollover --json --yes > rollover.json',
        'teamops milestone rollover --group distribution --circuit-breakers --yes',
        'teamops milestone rollover --group distribution --health --report-md retro.md --yes',
        'teamops milestone rollover --project distribution/omnibus --label type::bug --to none --yes',
        'teamops milestone rollover --group distribution --api graphql --debug --yes',
        'teamops milestone rollover --group distribution --api graphql --slips labels --yes   # fewest requests',
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
      const toNone = flags.to?.toLowerCase() === NO_MILESTONE_WORD;
      if (toNone && flags.api === 'graphql') {
        // Issuable::BulkUpdateService drops a blank milestone_id, so the mutation cannot clear one.
        throw new UsageError(
          "--to none cannot be used with --api graphql: GitLab's issuesBulkUpdate cannot take issues out of a milestone",
          {
            hint: 'leave out --api (issues then move through REST)',
          },
        );
      }
      const { project, group, from, assignee, includeMrs, missedLabel, circuitBreakers, api, slips, reportMd } = flags;
      const globals = globalsOf(command, deps);
      await run(
        {
          globals,
          project,
          group,
          from,
          to: toNone ? undefined : flags.to,
          toNone,
          assignee,
          includeMrs,
          missedLabel,
          circuitBreakers,
          close: flags.close === true,
          api,
          slips,
          labels: flags.label ?? [],
          health: flags.health === true,
          reportMd,
        },
        deps,
      );
    });
}

function missedLabelPattern(value: string): string {
  const problem = missedLabelPatternProblem(value);
  if (problem) throw new UsageError(`--missed-label ${problem}; got "${value}"`);
  return value;
}

import { Option, type Command } from 'commander';
import { addKeyResultScopeFlags } from './key-result-flags.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { MEASURE_EXAMPLES } from '../../rituals/okr/measure.js';
import type { CheckinEntry } from '../../rituals/okr/plan-checkin.js';
import { examples, globalsOf, type GlobalOptions } from '../common/global-options.js';
import { issueReference } from '../common/parsers.js';
import { rejectProjectAndGroup } from '../common/scope.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface OkrCheckinOptions {
  globals: GlobalOptions;
  /** One key result's check-in from the flags; without it, the questions are asked on a terminal. */
  entry?: CheckinEntry;
  /** Comment on the overdue key results instead of checking in. */
  remind: boolean;
  quarter?: string;
  team?: string;
  projects: string[];
  group?: string;
}

interface CheckinFlags {
  kr?: string;
  current?: string;
  note?: string;
  remind?: boolean;
  quarter?: string;
  team?: string;
  project?: string[];
  group?: string;
}

function entryOf(flags: CheckinFlags): CheckinEntry | undefined {
  if (flags.remind && (flags.kr !== undefined || flags.current !== undefined || flags.note !== undefined))
    throw new UsageError('--remind cannot be used with --kr, --current or --note', { hint: 'remind in one run, check in in another' });
  if (flags.kr === undefined && flags.current === undefined) {
    if (flags.note !== undefined) throw new UsageError('--note needs --kr and --current');
    return undefined;
  }
  if (flags.kr === undefined) throw new UsageError('--current needs --kr: which key result is it for?');
  if (flags.current === undefined) throw new UsageError('--kr needs --current: the key result’s value today');
  return { reference: flags.kr, value: flags.current, note: flags.note };
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runOkrCheckin = runOnFirstUse<OkrCheckinOptions>(async () => (await import('./run-checkin.js')).runOkrCheckin);

export function registerOkrCheckin(parent: Command, deps: Deps, run: Run<OkrCheckinOptions> = runOkrCheckin): Command {
  return addKeyResultScopeFlags(
    parent
      .command('checkin')
      .description("the weekly key-result check-in: update a key result's Current and Score lines and comment the change")
      .addOption(new Option('--kr <reference>', 'the key result, group/project#12 or its URL').argParser(issueReference('--kr')))
      .option('--current <value>', `its value today, ${MEASURE_EXAMPLES}`)
      .option('--note <text>', 'a line for the check-in comment: what moved it, what blocks it')
      .option(
        '--remind',
        'instead: comment on each key result without a check-in in the cadence (okr.checkin_cadence), mentioning its assignees',
      ),
  )
    .addHelpText(
      'after',
      examples(
        'teamops okr checkin --kr distribution/omnibus#12 --current 62 --note "cache warm-up landed"',
        'teamops okr checkin            # on a terminal: asks for each key result assigned to you',
        'teamops okr checkin --remind --yes   # a pipeline the day before the staff meeting',
        'teamops okr checkin --kr distribution/omnibus#12 --current 70% --dry-run --json',
      ),
    )
    .action(async (flags: CheckinFlags, command: Command) => {
      rejectProjectAndGroup(flags, 'pick one place to look');
      await run(
        {
          globals: globalsOf(command, deps),
          entry: entryOf(flags),
          remind: flags.remind === true,
          quarter: flags.quarter,
          team: flags.team,
          projects: flags.project ?? [],
          group: flags.group,
        },
        deps,
      );
    });
}

import { Option, type Command } from 'commander';
import { collectRepeated } from './key-result-flags.js';
import type { Deps } from '../../deps.js';
import { QUARTER_EXAMPLES } from '../../rituals/common/quarter.js';
import { quarterName } from '../common/parsers.js';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import { rejectProjectAndGroup } from '../common/scope.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface OkrStatusOptions {
  globals: GlobalOptions;
  quarter?: string;
  team?: string;
  /** Where to look; default: okr.project and every okr.teams.<team>.project. */
  projects: string[];
  group?: string;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runOkrStatus = runOnFirstUse<OkrStatusOptions>(async () => (await import('./run-status.js')).runOkrStatus);

export function registerOkrStatus(parent: Command, deps: Deps, run: Run<OkrStatusOptions> = runOkrStatus): Command {
  return parent
    .command('status')
    .description("show the quarter's objectives and key results: state, assignees, target, current value, score and last update")
    .addOption(
      new Option('--quarter <quarter>', `the quarter, ${QUARTER_EXAMPLES} (default: the one containing today)`).argParser(
        quarterName('--quarter'),
      ),
    )
    .option('--team <team>', 'only this team’s objectives')
    .option(
      '--project <path>',
      'where the objectives are (repeatable; default: okr.project and the teams’ projects in teamops.yml)',
      collectRepeated,
    )
    .option('--group <path>', 'look for objectives in every project of this group instead')
    .addHelpText(
      'after',
      examples(
        'teamops okr status',
        'teamops okr status --quarter FY27-Q1 --team distribution',
        'teamops okr status --group distribution --json | jq ".objectives[].keyResults[].score"',
      ),
    )
    .action(async (flags: { quarter?: string; team?: string; project?: string[]; group?: string }, command: Command) => {
      rejectProjectAndGroup(flags, 'pick one place to look');
      await run(
        { globals: globalsOf(command, deps), quarter: flags.quarter, team: flags.team, projects: flags.project ?? [], group: flags.group },
        deps,
      );
    });
}

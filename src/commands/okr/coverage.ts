import { Option, type Command } from 'commander';
import { collectRepeated } from './key-result-flags.js';
import type { Deps } from '../../deps.js';
import { QUARTER_EXAMPLES } from '../../rituals/common/quarter.js';
import { examples, globalsOf, type GlobalOptions } from '../common/global-options.js';
import { quarterName } from '../common/parsers.js';
import { rejectProjectAndGroup } from '../common/scope.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface OkrCoverageOptions {
  globals: GlobalOptions;
  /** Default: the active milestone that contains today. */
  milestone?: string;
  quarter?: string;
  team?: string;
  projects: string[];
  group?: string;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runOkrCoverage = runOnFirstUse<OkrCoverageOptions>(async () => (await import('./run-coverage.js')).runOkrCoverage);

export function registerOkrCoverage(parent: Command, deps: Deps, run: Run<OkrCoverageOptions> = runOkrCoverage): Command {
  return parent
    .command('coverage')
    .description("list a milestone's open issues that support no key result of the quarter, and the key results no work supports")
    .option('--milestone <title>', 'the milestone (default: the active one that contains today)')
    .addOption(
      new Option('--quarter <quarter>', `the quarter, ${QUARTER_EXAMPLES} (default: the one containing today)`).argParser(
        quarterName('--quarter'),
      ),
    )
    .option('--team <team>', 'only this team’s key results')
    .option(
      '--project <path>',
      'where the key results and the milestone’s issues are (repeatable; default: okr.project and the teams’ projects)',
      collectRepeated,
    )
    .option('--group <path>', 'look in every project of this group instead')
    .addHelpText(
      'after',
      examples(
        'teamops okr coverage',
        'teamops okr coverage --milestone 16.6 --group distribution',
        'teamops okr coverage --json | jq ".unsupportedIssues[].reference"',
      ),
    )
    .action(
      async (flags: { milestone?: string; quarter?: string; team?: string; project?: string[]; group?: string }, command: Command) => {
        rejectProjectAndGroup(flags, 'pick one place to look');
        await run(
          {
            globals: globalsOf(command, deps),
            milestone: flags.milestone,
            quarter: flags.quarter,
            team: flags.team,
            projects: flags.project ?? [],
            group: flags.group,
          },
          deps,
        );
      },
    );
}

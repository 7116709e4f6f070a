import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { QUARTER_EXAMPLES } from '../../rituals/shared/quarter.js';
import { examples, globalsOf, type GlobalOptions } from '../shared/global-options.js';
import { quarterName } from '../shared/parsers.js';
import { rejectProjectAndGroup } from '../shared/scope.js';
import { runOnFirstUse, type Run } from '../shared/lazy.js';

export interface OkrRetroOptions {
  globals: GlobalOptions;
  /** Close the key results whose retrospective is filled in, and objectives whose key results are all closed. */
  close: boolean;
  /** The quarter's OKR file: key results in GitLab that it no longer lists were dropped. */
  file?: string;
  quarter?: string;
  team?: string;
  projects: string[];
  group?: string;
}

const collectRepeated = (value: string, previous: string[] = []) => [...previous, value];

/** The command's body, loaded when it runs (commands/shared/lazy.ts). */
export const runOkrRetro = runOnFirstUse<OkrRetroOptions>(async () => (await import('./run-retro.js')).runOkrRetro);

export function registerOkrRetro(parent: Command, deps: Deps, run: Run<OkrRetroOptions> = runOkrRetro): Command {
  return parent
    .command('retro')
    .description('the quarter-end retrospective: a Good / Bad / Try comment on each key result; --close closes those filled in')
    .option(
      '--close',
      'close the key results whose retrospective has content in each section, and objectives whose key results are all closed',
    )
    .option(
      '-f, --file <okrs.yml>',
      'with --close: the quarter’s OKR file; key results it no longer lists are closed with a comment saying so',
    )
    .addOption(
      new Option('--quarter <quarter>', `the quarter, ${QUARTER_EXAMPLES} (default: the one containing today)`).argParser(
        quarterName('--quarter'),
      ),
    )
    .option('--team <team>', 'only this team’s key results')
    .option('--project <path>', 'where the key results are (repeatable; default: okr.project and the teams’ projects)', collectRepeated)
    .option('--group <path>', 'look for key results in every project of this group instead')
    .addHelpText(
      'after',
      examples(
        'teamops okr retro --dry-run',
        'teamops okr retro --yes                      # the last week of the quarter',
        'teamops okr retro --close --file okrs.yml    # once the DRIs filled them in',
      ),
    )
    .action(
      async (
        flags: { close?: boolean; file?: string; quarter?: string; team?: string; project?: string[]; group?: string },
        command: Command,
      ) => {
        rejectProjectAndGroup(flags, 'pick one place to look');
        await run(
          {
            globals: globalsOf(command, deps),
            close: flags.close === true,
            file: flags.file,
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

import { type Command } from 'commander';
import { addKeyResultScopeFlags } from './key-result-flags.js';
import type { Deps } from '../../deps.js';
import { examples, globalsOf, type GlobalOptions } from '../common/global-options.js';
import { rejectProjectAndGroup } from '../common/scope.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

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

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runOkrRetro = runOnFirstUse<OkrRetroOptions>(async () => (await import('./run-retro.js')).runOkrRetro);

export function registerOkrRetro(parent: Command, deps: Deps, run: Run<OkrRetroOptions> = runOkrRetro): Command {
  return addKeyResultScopeFlags(
    parent
      .command('retro')
      .description('the quarter-end retrospective: a Good / Bad / Try comment on each key result; --close closes those filled in')
      .option(
        '--close',
        'close the key results whose retrospective has content in each section, and objectives whose key results are all closed',
      )
      .option(
        '-f, --file <okrs.yml>',
        'with --close: the quarter’s OKR file; key results it no longer lists are closed with a comment saying so',
      ),
  )
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

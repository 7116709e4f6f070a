import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import { rejectProjectAndGroup } from '../common/scope.js';
import { addPeriodFlags, readUpdateFlags, type UpdateFlags } from './update-scope.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface UpdateHighlightsOptions extends UpdateFlags {
  globals: GlobalOptions;
  /** Read comments on the updates too; undefined leaves it to updates.highlights_from_comments. */
  comments?: boolean;
  /** Open (or refresh) the director's monthly update issue in updates.project. */
  create: boolean;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runUpdateHighlights = runOnFirstUse<UpdateHighlightsOptions>(
  async () => (await import('./run-highlights.js')).runUpdateHighlights,
);

export function registerUpdateHighlights(parent: Command, deps: Deps, run: Run<UpdateHighlightsOptions> = runUpdateHighlights): Command {
  const command = parent
    .command('highlights')
    .description(
      "collect every HIGHLIGHT: paragraph from the period's async updates into the director's Highlights & Accomplishments section",
    )
    .option('--project <path>', 'read the updates in this project (default: updates.group, else updates.project)')
    .option('--group <path>', 'read the updates in this group and its projects')
    .option('--comments', 'also read comments on the updates (default: updates.highlights_from_comments)')
    .option('--no-comments', 'read descriptions only')
    .option(
      '--create',
      "open the director's monthly update in updates.project (template director-monthly), or refresh its Highlights & Accomplishments section",
    );
  addPeriodFlags(command, 'the calendar month');
  return command
    .addHelpText(
      'after',
      examples(
        'teamops update highlights >> director-update.md',
        'teamops update highlights --group distribution --since 2026-10-01 --until 2026-10-31 --comments',
        'teamops update highlights --project distribution/team-tasks --json',
        "teamops update highlights --create --period last --yes    # on the 1st: last month's director's update",
      ),
    )
    .action(async (raw: Record<string, unknown>, cmd: Command) => {
      const flags = readUpdateFlags(raw);
      rejectProjectAndGroup(flags, 'the update covers one project or one group');
      await run(
        { globals: globalsOf(cmd, deps), ...flags, comments: raw.comments as boolean | undefined, create: raw.create === true },
        deps,
      );
    });
}

import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import { rejectProjectAndGroup } from '../common/scope.js';
import { addPeriodFlags, readUpdateFlags, type UpdateFlags } from './update-scope.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface UpdateSummaryOptions extends UpdateFlags {
  globals: GlobalOptions;
  create: boolean;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runUpdateSummary = runOnFirstUse<UpdateSummaryOptions>(async () => (await import('./run-summary.js')).runUpdateSummary);

export function registerUpdateSummary(parent: Command, deps: Deps, run: Run<UpdateSummaryOptions> = runUpdateSummary): Command {
  const command = parent
    .command('summary')
    .description("list the period's async updates (author, title, link, first lines) as the weekly summary; --create opens it as an issue")
    .option('--group <path>', 'read the updates in this group and its projects (default: updates.group)')
    .option(
      '--project <path>',
      'with --create, the project for the summary issue (default: updates.project); otherwise, read the updates in this project',
    )
    .option('--create', 'create the summary as an issue (once per period)');
  addPeriodFlags(command, 'the team week (updates.week_starts_on)');
  return command
    .addHelpText(
      'after',
      examples(
        'teamops update summary',
        'teamops update summary --since 2026-11-09 --until 2026-11-15 --json',
        'teamops update summary --create --project distribution/team-tasks --dry-run',
        'teamops update summary --group distribution --create --yes',
        "teamops update summary --period last    # last week's, with who has not posted and who awaits feedback",
      ),
    )
    .action(async (raw: Record<string, unknown>, cmd: Command) => {
      const flags = readUpdateFlags(raw);
      const create = raw.create === true;
      if (!create) rejectProjectAndGroup(flags, 'without --create, the updates are read from one project or one group');
      await run({ globals: globalsOf(cmd, deps), ...flags, create }, deps);
    });
}

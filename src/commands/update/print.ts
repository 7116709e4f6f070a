import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { QUARTER_EXAMPLES } from '../../rituals/common/quarter.js';
import { UPDATE_VARIABLES } from '../../rituals/updates/variable-names.js';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import { rejectProjectAndGroup } from '../common/scope.js';
import { bundledTemplateNames } from '../common/templates.js';
import { addPeriodFlags, readUpdateFlags, type UpdateFlags } from './update-scope.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface UpdatePrintOptions extends UpdateFlags {
  globals: GlobalOptions;
  /** A project issue template name, a bundled template, or a path to a Markdown file. */
  template?: string;
  author?: string;
  quarter?: string;
  create: boolean;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runUpdatePrint = runOnFirstUse<UpdatePrintOptions>(async () => (await import('./run-print.js')).runUpdatePrint);

export function registerUpdatePrint(parent: Command, deps: Deps, run: Run<UpdatePrintOptions> = runUpdatePrint): Command {
  const command = parent
    .command('print')
    .description(
      "print an async update for the period, filled from GitLab (closed issues, merged MRs, work in progress, slipped issues, the quarter's key results); --create opens it as an issue",
    )
    .option('--template <name>', `a project issue template, a bundled one (${bundledTemplateNames('updates').join(', ')}), or a .md file`)
    .option('--project <path>', 'report on this project (default: updates.group, else updates.project)')
    .option('--group <path>', 'report on this group and its projects')
    .option('--author <username>', "whose update it is (default: the token's user)")
    .option('--quarter <quarter>', `the key results' quarter, ${QUARTER_EXAMPLES} (default: the quarter holding --until, by okr.quarters)`)
    .option('--create', 'create the update as an issue in updates.project, assigned to the author (once per author, template and period)');
  addPeriodFlags(command, 'the team week (updates.week_starts_on), the calendar month for monthly templates,');
  return command
    .addHelpText(
      'after',
      examples(
        'teamops update print --template em-weekly > update.md',
        'teamops update print --template sem-monthly --group distribution --since 2026-10-01 --until 2026-10-31',
        'teamops update print --template pe-weekly --author chen.wei --create --dry-run',
        "teamops update print --template em-weekly --period last --create --yes    # on Monday: last week's update",
        'teamops update print --template "Weekly Update" --project distribution/team-tasks --create --yes',
      ) +
        `\nTemplate variables: ${UPDATE_VARIABLES.join(', ')} (https://gitlab.com/teamops/teamops#teamops-update-print-update-highlights-update-summary).\n`,
    )
    .action(async (raw: Record<string, unknown>, cmd: Command) => {
      const flags = readUpdateFlags(raw);
      rejectProjectAndGroup(flags, 'the update covers one project or one group');
      const { template, author, quarter } = raw as Partial<Record<'template' | 'author' | 'quarter', string>>;
      await run({ globals: globalsOf(cmd, deps), ...flags, template, author, quarter, create: raw.create === true }, deps);
    });
}

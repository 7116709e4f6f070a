import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import { rejectProjectAndGroup } from '../common/scope.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface LabelsCheckOptions {
  globals: GlobalOptions;
  project?: string;
  group?: string;
  /** Only the items of this milestone (a title). */
  milestone?: string;
  fix: boolean;
  /** undefined: take `labels.rules.include_mrs` from teamops.yml. */
  includeMrs?: boolean;
  includeClosed: boolean;
}

type CheckFlags = Omit<LabelsCheckOptions, 'globals' | 'fix' | 'includeClosed'> & { fix?: true; includeClosed?: true };

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runLabelsCheck = runOnFirstUse<LabelsCheckOptions>(async () => (await import('./run-check.js')).runLabelsCheck);

export function registerLabelsCheck(parent: Command, deps: Deps, run: Run<LabelsCheckOptions> = runLabelsCheck): Command {
  return parent
    .command('check')
    .description(
      'list every item that breaks a label rule (required, one of, quarter, unplanned) and how to fix it; exit 1 while any remains',
    )
    .option('--project <path>', 'check this project (default: labels.rules.project, else milestone.project in teamops.yml)')
    .option('--group <path>', 'check every project of this group (default: labels.rules.group, else milestone.group)')
    .option('--milestone <title>', 'only the items of this milestone')
    .option('--fix', 'add the missing labels and the right quarter label, remove wrong quarter labels; never picks one of a group')
    .option('--include-mrs', 'check merge requests too (default: labels.rules.include_mrs)')
    .addOption(new Option('--no-include-mrs', 'check issues only, whatever teamops.yml says').hideHelp())
    .option('--include-closed', 'check closed items too (default: open ones)')
    .addHelpText(
      'after',
      examples(
        'teamops labels check --group distribution',
        'teamops labels check --group distribution --milestone 18.7 --fix --dry-run',
        'teamops labels check --fix --yes',
        'teamops labels check --json > violations.json',
      ),
    )
    .action(async (flags: CheckFlags, command: Command) => {
      rejectProjectAndGroup(flags, 'a check covers one project or one group');
      const { project, group, milestone, includeMrs } = flags;
      const globals = globalsOf(command, deps);
      await run(
        { globals, project, group, milestone, includeMrs, fix: flags.fix === true, includeClosed: flags.includeClosed === true },
        deps,
      );
    });
}

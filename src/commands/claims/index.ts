import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

export interface ClaimsOptions {
  globals: GlobalOptions;
  milestone?: string;
  group?: string;
  project?: string;
  sync: boolean;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runClaims = runOnFirstUse<ClaimsOptions>(async () => (await import('./run-claims.js')).runClaims);

export function registerClaims(program: Command, deps: Deps, run: Run<ClaimsOptions> = runClaims): Command {
  return program
    .command('claims')
    .description('list the claims people left in comments on unassigned issues; --sync labels the valid ones and frees the lapsed')
    .addOption(new Option('--milestone <title>', 'only issues of this milestone'))
    .addOption(new Option('--group <path>', 'the group to look at (default: queue.group, then milestone.group)'))
    .addOption(new Option('--project <path>', 'one project instead of a group'))
    .option('--sync', 'keep claims.label on validly claimed issues only, and comment once on each lapsed claim')
    .addHelpText(
      'after',
      examples('teamops claims --milestone 17.8', 'teamops claims --sync --dry-run', 'teamops claims --sync --yes') +
        `
A claim is a comment such as "I'll pick this up, starting 2026-12-03" (or "on Dec 3", "from 3 December",
"next Monday"): valid until that day has passed, then lapsed; a claim without a date is not a claim.
`,
    )
    .action(async (flags: { milestone?: string; group?: string; project?: string; sync?: boolean }, command: Command) => {
      await run({ globals: globalsOf(command, deps), ...flags, sync: flags.sync === true }, deps);
    });
}

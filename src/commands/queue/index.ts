import { Option, type Command } from 'commander';
import type { Deps } from '../../deps.js';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';
import { wholeNumber } from '../common/parsers.js';

export interface QueueOptions {
  globals: GlobalOptions;
  user?: string;
  group?: string;
  project?: string;
  limit?: number;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runQueue = runOnFirstUse<QueueOptions>(async () => (await import('./run-queue.js')).runQueue);

export function registerQueue(program: Command, deps: Deps, run: Run<QueueOptions> = runQueue): Command {
  return program
    .command('queue')
    .description("what to work on today, in the order of the Distribution handbook's prioritisation table (reads GitLab, writes nothing)")
    .addOption(new Option('--user <username>', "whose queue (default: the token's user)"))
    .addOption(new Option('--group <path>', 'the group whose work to look at (default: queue.group, then milestone.group)'))
    .addOption(new Option('--project <path>', 'one project instead of a group'))
    .addOption(new Option('--limit <n>', 'show only the first n items').argParser(wholeNumber('--limit', 1, 1000)))
    .addHelpText(
      'after',
      examples('teamops queue', 'teamops queue --user chen.wei --limit 5', "teamops queue --json | jq -r '.entries[0].webUrl'") +
        `
Levels follow the handbook: 1 priority::1 (unblock my MRs in review, review, continue, pick up);
2 my other MRs in review, priority::2 in progress, reviews breaching then near the review SLO,
priority::2 to pick up; 3 priority::3 and reviews within the SLO; 4 priority::4. Change it in queue.order.
`,
    )
    .action(async (flags: Omit<QueueOptions, 'globals'>, command: Command) => {
      await run({ globals: globalsOf(command, deps), ...flags }, deps);
    });
}

import { Option, type Command } from 'commander';
import { isIsoDate } from '../../rituals/common/iso-date.js';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';
import { notADate } from '../common/parsers.js';

export interface DriRotateOptions {
  globals: GlobalOptions;
  /** `YYYY-MM-DD` (any day of the week) or `next`; the week containing today when absent. */
  week?: string;
  /** A substitute for this rotation; the roster order is unchanged. */
  to?: string;
}

function weekFlag(value: string): string {
  if (value !== 'next' && !isIsoDate(value)) throw new UsageError(notADate('--week', value, 'a date as YYYY-MM-DD or "next"'));
  return value;
}

function usernameFlag(value: string): string {
  const username = value.trim().replace(/^@/, '');
  if (!username) throw new UsageError('--to needs a GitLab username');
  return username;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runDriRotate = runOnFirstUse<DriRotateOptions>(async () => (await import('./run-rotate.js')).runDriRotate);

export function registerDriRotate(parent: Command, deps: Deps, run: Run<DriRotateOptions> = runDriRotate): Command {
  return parent
    .command('rotate')
    .description(
      "hand the DRI role to the next person on the roster: open the week's issue, hand over active requests, close the previous issue",
    )
    .addOption(
      new Option(
        '--week <YYYY-MM-DD|next>',
        'the week to rotate to: any day of it, or "next" (default: the week containing today)',
      ).argParser(weekFlag),
    )
    .addOption(new Option('--to <username>', 'a substitute for this rotation; the roster order stays as it is').argParser(usernameFlag))
    .addHelpText(
      'after',
      examples(
        'teamops dri rotate --dry-run',
        'teamops dri rotate --yes',
        'teamops dri rotate --week next --to emeka.eze',
        'teamops dri rotate --json --yes',
      ) +
        `
Hand-off options, per active request (a label on it, or a question at a terminal):
  dri-handoff::next   hand it to the next DRI in the hand-over comment (the default)
  dri-handoff::sme    the outgoing DRI stays on as subject-matter expert
  dri-handoff::close  open a follow-up issue, post the request's "Mitigation:" comment, close it
  dri-handoff::sync   pass it on synchronously: listed under "To discuss" in the new issue
The labels are set in dri.handoff_labels; planned swaps in dri.overrides.
`,
    )
    .action(async (flags: { week?: string; to?: string }, command: Command) => {
      await run({ globals: globalsOf(command, deps), week: flags.week, to: flags.to }, deps);
    });
}

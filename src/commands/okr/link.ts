import { Option, type Command } from 'commander';
import { collectRepeated } from './key-result-flags.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import { QUARTER_EXAMPLES } from '../../rituals/common/quarter.js';
import { examples, globalsOf, type GlobalOptions } from '../common/global-options.js';
import { issueReference, quarterName } from '../common/parsers.js';
import { rejectProjectAndGroup } from '../common/scope.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

/** What to link, as written: an issue (`#12` is in the key result's project) or a milestone (`%16.6`, `group%"Q1 work"`). */
export type WorkReference =
  { kind: 'issue'; text: string; project?: string; iid: number } | { kind: 'milestone'; text: string; namespace?: string; title: string };

export interface OkrLinkOptions {
  globals: GlobalOptions;
  kr: string;
  targets: WorkReference[];
  quarter?: string;
  team?: string;
  projects: string[];
  group?: string;
}

/** GitLab's own reference syntax: `group/project#12`, `#12`, an issue URL, `%16.6`, `%"Q1 work"`, `group/project%16.6`. */
export function parseWorkReference(text: string): WorkReference {
  const milestone = /^([\w.-]+(?:\/[\w.-]+)*)?%(?:"([^"]+)"|(\S+))$/.exec(text.trim());
  if (milestone) return { kind: 'milestone', text, namespace: milestone[1], title: (milestone[2] ?? milestone[3])! };
  const local = /^#(\d+)$/.exec(text.trim());
  if (local) return { kind: 'issue', text, iid: Number(local[1]) };
  try {
    const reference = issueReference('ISSUE_OR_MILESTONE')(text);
    const at = reference.lastIndexOf('#');
    return { kind: 'issue', text, project: reference.slice(0, at), iid: Number(reference.slice(at + 1)) };
  } catch {
    throw new UsageError(
      `"${text}" is neither an issue (group/project#12, #12 or its URL) nor a milestone (%16.6, %"Q1 work", group/project%16.6)`,
    );
  }
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runOkrLink = runOnFirstUse<OkrLinkOptions>(async () => (await import('./run-link.js')).runOkrLink);

export function registerOkrLink(parent: Command, deps: Deps, run: Run<OkrLinkOptions> = runOkrLink): Command {
  return parent
    .command('link')
    .description('link issues (relates_to) and milestones (a "Supports:" line) to the key result they support')
    .argument('<issue-or-milestone...>', 'issues (group/project#12, #12, a URL) and milestones (%16.6, %"Q1 work", group/project%16.6)')
    .requiredOption('--kr <reference>', 'the key result, group/project#12 or its URL')
    .addOption(
      new Option('--quarter <quarter>', `the key result's quarter, ${QUARTER_EXAMPLES} (default: the one containing today)`).argParser(
        quarterName('--quarter'),
      ),
    )
    .option('--team <team>', 'look among this team’s key results')
    .option('--project <path>', 'where the key results are (repeatable; default: okr.project and the teams’ projects)', collectRepeated)
    .option('--group <path>', 'look for key results in every project of this group instead')
    .addHelpText(
      'after',
      examples(
        'teamops okr link --kr distribution/omnibus#12 distribution/omnibus#340 distribution/omnibus#341',
        'teamops okr link --kr distribution/omnibus#12 %16.6 --dry-run',
        'teamops okr link --kr distribution/omnibus#12 distribution%"FIPS builds" --yes',
      ),
    )
    .action(
      async (
        targets: string[],
        flags: { kr: string; quarter?: string; team?: string; project?: string[]; group?: string },
        command: Command,
      ) => {
        rejectProjectAndGroup(flags, 'pick one place to look');
        await run(
          {
            globals: globalsOf(command, deps),
            kr: issueReference('--kr')(flags.kr),
            targets: targets.map(parseWorkReference),
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

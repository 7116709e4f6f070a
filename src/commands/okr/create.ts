import { Option, type Command } from 'commander';
import { globalsOf, examples, type GlobalOptions } from '../common/global-options.js';
import type { Deps } from '../../deps.js';
import { QUARTER_EXAMPLES } from '../../rituals/common/quarter.js';
import { quarterName } from '../common/parsers.js';
import { runOnFirstUse, type Run } from '../common/lazy.js';

const OKR_FILE_FORMAT = `
The OKR file (a complete example ships with teamops as templates/okrs.example.yml):
  quarter: FY27-Q1                 # optional; --quarter wins
  team: distribution               # the default team of every objective
  objectives:
    - title: Faster, more reliable builds
      project: distribution/okrs   # optional: okr.project or the team's project in teamops.yml
      assignees: [grace.hopper]    # optional: the team's manager and director
      key_results:
        - title: Cut the median pipeline time
          from: 95                 # numbers or percentages ("40%")
          to: 45
          unit: minutes
`;

export interface OkrCreateOptions {
  globals: GlobalOptions;
  /** The OKR file; without it, the questions are asked on a terminal. */
  file?: string;
  /** Overrides the file's quarter. */
  quarter?: string;
  /** Warnings (key result counts) fail the run like errors. */
  strict: boolean;
}

/** The command's body, loaded when it runs (commands/common/lazy.ts). */
export const runOkrCreate = runOnFirstUse<OkrCreateOptions>(async () => (await import('./run-create.js')).runOkrCreate);

export function registerOkrCreate(parent: Command, deps: Deps, run: Run<OkrCreateOptions> = runOkrCreate): Command {
  return parent
    .command('create')
    .description("create the quarter's objectives and key results as linked GitLab issues, from an OKR file or by asking")
    .option('-f, --file <okrs.yml>', 'the OKR file (its format: below, and in the README); without it teamops asks, on a terminal')
    .addOption(
      new Option(
        '--quarter <quarter>',
        `the quarter, ${QUARTER_EXAMPLES} (default: the file's quarter, else the one containing today)`,
      ).argParser(quarterName('--quarter')),
    )
    .option('--strict', 'treat the warnings (an objective without two to four key results, more than nine per team) as errors')
    .addHelpText(
      'after',
      examples(
        'teamops okr create --file okrs.yml --dry-run',
        'teamops okr create --file okrs.yml --quarter FY27-Q1 --yes',
        'teamops okr create --file okrs.yml --strict --json',
        'teamops okr create            # on a terminal: asks for each objective and key result',
      ) + OKR_FILE_FORMAT,
    )
    .action(async (flags: { file?: string; quarter?: string; strict?: boolean }, command: Command) => {
      await run({ globals: globalsOf(command, deps), file: flags.file, quarter: flags.quarter, strict: flags.strict === true }, deps);
    });
}

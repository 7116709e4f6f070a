import { Option, type Command } from 'commander';
import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { ValidationError } from '../../errors.js';
import { checkObjectives } from '../../rituals/okr/check-objectives.js';
import { keyResultKey, objectiveKey } from '../../rituals/okr/keys.js';
import { issueId } from '../../rituals/okr/model.js';
import type { OkrQuarter } from '../../rituals/okr/quarter.js';
import { planRetro } from '../../rituals/okr/retro.js';
import { QUARTER_EXAMPLES } from '../../rituals/shared/quarter.js';
import { emitAndApply } from '../shared/apply-flow.js';
import { openContext } from '../shared/context.js';
import { examples, globalsOf, type GlobalOptions } from '../shared/global-options.js';
import { quarterName } from '../shared/parsers.js';
import { rejectProjectAndGroup } from '../shared/scope.js';
import { applyDefaults, readOkrFile } from './okr-file.js';
import { readQuarterKeyResults } from './read-key-results.js';
import { scopesOf, statusRequest } from './run-status.js';

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

const collectRepeated = (value: string, previous: string[] = []) => [...previous, value];

export function registerOkrRetro(parent: Command, deps: Deps, run = runOkrRetro): Command {
  return parent
    .command('retro')
    .description('the quarter-end retrospective: a Good / Bad / Try comment on each key result; --close closes those filled in')
    .option(
      '--close',
      'close the key results whose retrospective has content in each section, and objectives whose key results are all closed',
    )
    .option(
      '-f, --file <okrs.yml>',
      'with --close: the quarter’s OKR file; key results it no longer lists are closed with a comment saying so',
    )
    .addOption(
      new Option('--quarter <quarter>', `the quarter, ${QUARTER_EXAMPLES} (default: the one containing today)`).argParser(
        quarterName('--quarter'),
      ),
    )
    .option('--team <team>', 'only this team’s key results')
    .option('--project <path>', 'where the key results are (repeatable; default: okr.project and the teams’ projects)', collectRepeated)
    .option('--group <path>', 'look for key results in every project of this group instead')
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

export async function runOkrRetro(options: OkrRetroOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { request, labels } = statusRequest(options, context.config, context.today);
  const fileKeys = options.file ? keysInFile(options.file, deps.cwd, context.config, request.quarter) : undefined;
  const { status, keyResults } = await readQuarterKeyResults(
    context.reader(),
    scopesOf(options, context.config),
    labels,
    (kr) => kr.state === 'opened',
  );
  const objectives = status.objectives.map((objective) => ({
    ...objective,
    keyResults: (status.links[issueId(objective)] ?? []).filter((l) => l.labels.includes(labels.keyResult)).map(issueId),
  }));
  const plan = planRetro({ keyResults, objectives }, { quarter: request.quarter, close: options.close, fileKeys }, context.today);
  const waiting = plan.context.waiting.map(
    (kr) =>
      `waiting for the retrospective of ${kr.reference} "${kr.title}": ${kr.emptySections.join(', ')} ${kr.emptySections.length === 1 ? 'is' : 'are'} empty (${kr.webUrl})`,
  );
  await emitAndApply(plan, context, deps, { notes: waiting });
}

/** The keys of the file's key results; the file must be for the quarter asked for. */
function keysInFile(file: string, cwd: string, config: TeamopsConfig, quarter: OkrQuarter): Set<string> {
  const source = readOkrFile(file, cwd);
  const checked = checkObjectives(applyDefaults(source.data, config));
  const problems = [...checked.errors];
  if (source.data.quarter !== undefined && source.data.quarter.toUpperCase() !== quarter.quarter.name.toUpperCase())
    problems.push(`quarter: the file is for ${source.data.quarter}, not ${quarter.quarter.name}`);
  if (problems.length > 0) throw new ValidationError(`${source.name}: cannot tell which key results were dropped`, problems);
  return new Set(
    checked.objectives.flatMap((o) => o.keyResults.map((kr) => keyResultKey(objectiveKey(quarter.quarter, o.team, o.slug), kr.slug))),
  );
}

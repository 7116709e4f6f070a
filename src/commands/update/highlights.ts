import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { planUpdateHighlights, type HighlightsRequest } from '../../rituals/updates/highlights.js';
import { globalsOf, openContext } from '../shared/context.js';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import { rejectProjectAndGroup } from '../shared/scope.js';
import { readHighlightsState } from './read-state.js';
import { addPeriodFlags, printDocument, readUpdateFlags, updateScope, type UpdateFlags } from './update-scope.js';

export interface UpdateHighlightsOptions extends UpdateFlags {
  globals: GlobalOptions;
  /** Read comments on the updates too; undefined leaves it to updates.highlights_from_comments. */
  comments?: boolean;
}

export function registerUpdateHighlights(parent: Command, deps: Deps, run = runUpdateHighlights): Command {
  const command = parent
    .command('highlights')
    .description(
      "collect every HIGHLIGHT: paragraph from the period's async updates into the director's Highlights & Accomplishments section",
    )
    .option('--project <path>', 'read the updates in this project (default: updates.group, else updates.project)')
    .option('--group <path>', 'read the updates in this group and its projects')
    .option('--comments', 'also read comments on the updates (default: updates.highlights_from_comments)')
    .option('--no-comments', 'read descriptions only');
  addPeriodFlags(command, 'a month ending --until, for the monthly update');
  return command
    .addHelpText(
      'after',
      examples(
        'teamops update highlights >> director-update.md',
        'teamops update highlights --group distribution --since 2026-10-01 --until 2026-10-31 --comments',
        'teamops update highlights --project distribution/team-tasks --json',
      ),
    )
    .action(async (raw: Record<string, unknown>, cmd: Command) => {
      const flags = readUpdateFlags(raw);
      rejectProjectAndGroup(flags, 'the update covers one project or one group');
      await run({ globals: globalsOf(cmd, deps), ...flags, comments: raw.comments as boolean | undefined }, deps);
    });
}

export async function runUpdateHighlights(options: UpdateHighlightsOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { config } = context;
  const request: HighlightsRequest = {
    scope: updateScope(options, config),
    since: options.since,
    until: options.until,
    labels: [...config.updates.labels, ...config.updates.legacy_labels],
    comments: options.comments ?? config.updates.highlights_from_comments,
    timeZone: config.timezone,
    teamLabel: config.labels.team,
  };
  const state = await readHighlightsState(context, request);
  const document = planUpdateHighlights(state, request);
  printDocument(deps, options.globals.json, document);
  context.debug(`${document.highlights.length} highlights in ${document.updates} updates labelled ${request.labels.join(' or ')}`);
}

import { rejectProjectAndGroup, scopeProblem } from '../shared/scope.js';
import type { Command } from 'commander';
import type { Deps } from '../../deps.js';
import { ValidationError } from '../../errors.js';
import type { Scope } from '../../gitlab/port.js';
import { printJson } from '../../io/output.js';
import { collectHighlights, renderHighlights, updatePeriod } from '../../rituals/async-update.js';
import { examples, type GlobalOptions } from '../shared/global-options.js';
import { globalsOf, openContext } from '../shared/context.js';
import { addPeriodFlags, checkPeriod, readUpdateFlags, readUpdateIssues, updateScope, type UpdateFlags } from './update-scope.js';

export interface UpdateHighlightsOptions extends UpdateFlags {
  globals: GlobalOptions;
  /** Read comments on the updates too; undefined leaves it to updates.highlights_from_comments. */
  comments?: boolean;
}

export function registerUpdateHighlights(parent: Command, deps: Deps, run = runUpdateHighlights): Command {
  const command = parent
    .command('highlights')
    .description("collect every HIGHLIGHT: paragraph from the period's async updates into the director's Highlights & Accomplishments section")
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
  const period = checkPeriod(updatePeriod({ kind: 'month', since: options.since, until: options.until }, context.today));
  const scope: Scope = updateScope(options, config);
  const reader = context.reader();
  const problem = await scopeProblem(reader, scope);
  if (problem) throw new ValidationError('cannot collect highlights', [problem]);

  const withNotes = options.comments ?? config.updates.highlights_from_comments;
  const labels = [...config.updates.labels, ...config.updates.legacy_labels];
  const updates = await readUpdateIssues(reader, scope, { labels, period, timeZone: config.timezone, withNotes, concurrency: options.globals.concurrency });
  const highlights = collectHighlights(updates, { period, timeZone: config.timezone, teamLabel: config.labels.team });
  const markdown = renderHighlights(highlights, period);

  if (options.globals.json) {
    printJson(deps.io, {
      schemaVersion: 1,
      command: 'update highlights',
      scope: { kind: scope.kind, ref: scope.ref },
      period: { since: period.since, until: period.until },
      labels,
      comments: withNotes,
      updates: updates.length,
      highlights,
      markdown,
    });
    return;
  }
  deps.io.stdout.write(markdown);
  context.debug(`${highlights.length} highlights in ${updates.length} updates labelled ${labels.join(' or ')}`);
}

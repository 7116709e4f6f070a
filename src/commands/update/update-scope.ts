import { Option, type Command } from 'commander';
import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { UsageError } from '../../errors.js';
import type { Scope } from '../../gitlab/port.js';
import { printJson } from '../../io/lines.js';
import { pickScope } from '../common/scope.js';
import { isoDate } from '../common/parsers.js';
import type { PeriodChoice } from '../../rituals/updates/period.js';

/** The flags all three update commands share. */
export interface UpdateFlags {
  project?: string;
  group?: string;
  since?: string;
  until?: string;
  /** --period: this week (month) or the last one. */
  period?: PeriodChoice;
}

export function addPeriodFlags(command: Command, defaultPeriod: string): Command {
  return command
    .addOption(
      new Option(
        '--period <which>',
        `without --since/--until: ${defaultPeriod} holding today (current, the default) or the one before (last)`,
      ).choices(['current', 'last']),
    )
    .addOption(
      new Option(
        '--since <YYYY-MM-DD>',
        "first day of a custom period, in the team's time zone (default: 7 days, or a month, before --until)",
      ).argParser(isoDate('--since')),
    )
    .addOption(
      new Option('--until <YYYY-MM-DD>', 'last day of a custom period, included (default: today, or --date)').argParser(isoDate('--until')),
    );
}

/** --project, --group, --since and --until as given; the dates checked. */
export function readUpdateFlags(raw: Record<string, unknown>): UpdateFlags {
  const flags: UpdateFlags = {
    project: raw.project as string | undefined,
    group: raw.group as string | undefined,
    since: raw.since as string | undefined,
    until: raw.until as string | undefined,
    period: raw.period as PeriodChoice | undefined,
  };
  if (flags.period && (flags.since || flags.until)) {
    throw new UsageError('--period cannot be combined with --since or --until', {
      hint: '--period picks a calendar week or month; --since and --until a range of your own',
    });
  }
  if (flags.since && flags.until && flags.since > flags.until) {
    throw new UsageError(`--since ${flags.since} is after --until ${flags.until}`);
  }
  return flags;
}

export const UPDATE_SCOPE_MISSING = { flags: '--group or --project', configKeys: 'updates.group or updates.project' };

/** --group or --project, else updates.group, else updates.project from teamops.yml. */
export function updateScope(flags: { project?: string; group?: string }, config: TeamopsConfig): Scope {
  return pickScope(
    [
      ['group', flags.group],
      ['project', flags.project],
      ['group', config.updates.group],
      ['project', config.updates.project],
    ],
    UPDATE_SCOPE_MISSING,
  );
}

/** What the three commands print without --create: the Markdown, or under --json the whole document. */
export function printDocument(deps: Deps, json: boolean, document: { markdown: string }): void {
  if (json) printJson(deps.io, document);
  else deps.io.stdout.write(document.markdown);
}

import { Option, type Command } from 'commander';
import pLimit from 'p-limit';
import type { TeamopsConfig } from '../../config/schema.js';
import { UsageError } from '../../errors.js';
import type { GitLabReader, Scope } from '../../gitlab/port.js';
import { pickScope } from '../shared/scope.js';
import { isoDate } from '../shared/parsers.js';
import { addDays, startOfTeamDay } from '../../rituals/shared/calendar.js';
import type { UpdateIssue, UpdatePeriod } from '../../rituals/async-update.js';

/** The flags all three update commands share. */
export interface UpdateFlags {
  project?: string;
  group?: string;
  since?: string;
  until?: string;
}

export function addPeriodFlags(command: Command, defaultPeriod: string): Command {
  return command
    .addOption(new Option('--since <YYYY-MM-DD>', `first day of the period, in the team's time zone (default: ${defaultPeriod})`).argParser(isoDate('--since')))
    .addOption(new Option('--until <YYYY-MM-DD>', 'last day of the period, included (default: today, or --date)').argParser(isoDate('--until')));
}

/** --project, --group, --since and --until as given; the dates checked. */
export function readUpdateFlags(raw: Record<string, unknown>): UpdateFlags {
  const flags: UpdateFlags = {
    project: raw.project as string | undefined,
    group: raw.group as string | undefined,
    since: raw.since as string | undefined,
    until: raw.until as string | undefined,
  };
  if (flags.since && flags.until && flags.since > flags.until) {
    throw new UsageError(`--since ${flags.since} is after --until ${flags.until}`);
  }
  return flags;
}

/** A lone --since after today (or --until) leaves an empty period. */
export function checkPeriod(period: UpdatePeriod): UpdatePeriod {
  if (period.since > period.until) {
    throw new UsageError(`the period is empty: --since ${period.since} is after ${period.until}`, { hint: 'pass an earlier --since, or a later --until' });
  }
  return period;
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

/**
 * Update issues created in the period, carrying any of the labels. GitLab's `labels` filter
 * wants all of them, so each label is its own query; the created_* bounds are the period's
 * first and last instants in the team's zone.
 */
export async function readUpdateIssues(
  reader: GitLabReader,
  scope: Scope,
  request: { labels: string[]; period: UpdatePeriod; timeZone: string; withNotes: boolean; concurrency: number },
): Promise<UpdateIssue[]> {
  const createdAfter = startOfTeamDay(request.period.since, request.timeZone);
  const createdBefore = startOfTeamDay(addDays(request.period.until, 1), request.timeZone);
  const lists = await Promise.all(
    [...new Set(request.labels)].map((label) => reader.listIssues(scope, { labels: [label], createdAfter, createdBefore, state: 'all' })),
  );
  const byId = new Map(lists.flat().map((issue) => [issue.id, issue]));
  const limit = pLimit(request.concurrency);
  return Promise.all(
    [...byId.values()].map(async (issue): Promise<UpdateIssue> => {
      const update: UpdateIssue = {
        iid: issue.iid,
        title: issue.title,
        description: issue.description,
        author: issue.author,
        labels: issue.labels,
        webUrl: issue.webUrl,
        reference: issue.reference,
        createdAt: issue.createdAt,
      };
      if (!request.withNotes) return update;
      const notes = await limit(() => reader.listNotes(issue.projectId, issue.iid));
      return { ...update, notes };
    }),
  );
}

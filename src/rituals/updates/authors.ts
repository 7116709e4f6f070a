// Who owes an update: the handbook asks engineering managers and principal engineers for a weekly
// update and senior managers for a monthly one, so `updates.authors` lists, per template, people
// and groups (optionally one role in them, or a job title: "every Engineering Manager of the group"). Someone has posted when the period has their update:
// teamops' own, found by its key, or one opened by hand that they wrote or are assigned to.
// The review loop: "Director reviews all updates weekly … and provides feedback", so an update
// awaits feedback until someone other than its author (or, with `updates.reviewers`, a reviewer) comments.
import { compareText } from '../common/text.js';
import { asyncUpdateKeyPrefix, issueForPeriod } from './identity.js';
import type { UpdateIssue } from './model.js';
import { inPeriod, type UpdatePeriod } from './period.js';

/** GitLab's roles and their access levels (doc/api/members.md, "Roles"). */
export const ACCESS_LEVELS = { guest: 10, planner: 15, reporter: 20, developer: 30, maintainer: 40, owner: 50 } as const;
export type RoleName = keyof typeof ACCESS_LEVELS;
export const ROLE_NAMES = Object.keys(ACCESS_LEVELS) as [RoleName, ...RoleName[]];

export type AuthorSource = string | { group: string; role?: RoleName; job_title?: string };

export interface GroupMember {
  username: string;
  accessLevel: number;
  /** From the member's profile; read only for groups named with a job title. */
  jobTitle?: string;
}

const ASYNC_UPDATE_KEY = 'async-update/';
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The groups the sources name, to read their members. */
export function groupsOf(sources: readonly AuthorSource[]): string[] {
  return [...new Set(sources.flatMap((source) => (typeof source === 'string' ? [] : [source.group])))];
}

/** The groups whose members' job titles matter. */
export function groupsByJobTitle(sources: readonly AuthorSource[]): string[] {
  return [...new Set(sources.flatMap((source) => (typeof source !== 'string' && source.job_title ? [source.group] : [])))];
}

/** Everyone the sources name, each once, A–Z. */
export function expectedAuthors(sources: readonly AuthorSource[], members: ReadonlyMap<string, readonly GroupMember[]>): string[] {
  const names = sources.flatMap((source) => {
    if (typeof source === 'string') return [source];
    const level = source.role ? ACCESS_LEVELS[source.role] : null;
    const title = source.job_title?.toLowerCase() ?? null;
    return (members.get(source.group) ?? [])
      .filter((m) => level === null || m.accessLevel === level)
      .filter((m) => title === null || (m.jobTitle ?? '').toLowerCase().includes(title))
      .map((m) => m.username);
  });
  const unique = new Map(names.map((name) => [name.toLowerCase(), name]));
  return [...unique.values()].sort((a, b) => compareText(a.toLowerCase(), b.toLowerCase()));
}

/** Who wrote an update: the author its teamops key names (a pipeline's token may have opened it), else the issue's author. */
export function updateAuthor(issue: Pick<UpdateIssue, 'key' | 'author'>): string {
  if (issue.key?.startsWith(ASYNC_UPDATE_KEY)) return issue.key.slice(ASYNC_UPDATE_KEY.length).split('/')[0] ?? issue.author;
  return issue.author;
}

/** The author's update for the template and period, if the period has one. */
export function postedUpdate(
  issues: readonly UpdateIssue[],
  request: { author: string; templateName: string; period: UpdatePeriod; timeZone: string },
): UpdateIssue | null {
  const { author, templateName, period, timeZone } = request;
  // GitLab usernames are case-insensitive; teamops.yml may spell one differently from the key.
  const prefix = asyncUpdateKeyPrefix(author, templateName).toLowerCase();
  const keyed = issueForPeriod(
    issues.map((issue) => ({ issue, key: issue.key?.toLowerCase() ?? null })),
    prefix,
    period,
  );
  if (keyed) return keyed.issue;
  // Written by hand: no template to tell, so any update of theirs in the period counts.
  return (
    issues.find(
      (issue) =>
        !issue.key?.startsWith('async-update') &&
        inPeriod(issue.createdAt, period, timeZone) &&
        (same(issue.author, author) || (issue.assignees ?? []).some((name) => same(name, author))),
    ) ?? null
  );
}

/** No comment yet from anyone but the author, or from none of the reviewers when they are named. teamops' own notes do not count. */
export function awaitsFeedback(issue: UpdateIssue, reviewers: readonly string[]): boolean {
  const author = updateAuthor(issue);
  const comments = (issue.notes ?? []).filter((note) => !note.system && !note.key && !same(note.author, author));
  if (reviewers.length === 0) return comments.length === 0;
  return !comments.some((note) => reviewers.some((reviewer) => same(reviewer, note.author)));
}

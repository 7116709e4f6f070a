// Each rotation has one issue, found by its teamops key or, when made by hand, by its title; of two
// for the same week, teamops' own wins over a hand-made one and an open one over a closed one.
import { weekStart, type IsoDate } from '../common/calendar.js';
import { isIsoDate } from '../common/iso-date.js';
import type { UnchangedEntry } from '../../plan/plan.js';
import { driIssueKey, driIssueKeyPrefix, readRotationMember } from './markers.js';
import type { DriIssue, DriSettings } from './model.js';
import { titleMatcher } from './title.js';

export interface IssueFacts {
  id: number;
  iid: number;
  title: string;
  description: string;
  /** teamops' idempotency key, when teamops created the issue. */
  key: string | null;
  state: 'opened' | 'closed';
  assignees: string[];
  reference: string;
  webUrl: string;
}

/** The rotation week an issue is for, and how that was found, or null for any other issue. */
function weekOf(
  issue: IssueFacts,
  settings: Pick<DriSettings, 'project' | 'title' | 'weekStartsOn'>,
): { week: IsoDate; foundBy: DriIssue['foundBy'] } | null {
  const { key } = issue;
  const prefix = driIssueKeyPrefix(settings.project);
  if (key?.startsWith(prefix) && isIsoDate(key.slice(prefix.length))) return { week: key.slice(prefix.length), foundBy: 'key' };
  const fromTitle = titleMatcher(settings.title)(issue.title);
  return fromTitle ? { week: weekStart(fromTitle, settings.weekStartsOn), foundBy: 'title' } : null;
}

/** A rotation issue of this project (by key, else by title), or null for any other issue. */
export function recogniseDriIssue(issue: IssueFacts, settings: Pick<DriSettings, 'project' | 'title' | 'weekStartsOn'>): DriIssue | null {
  const found = weekOf(issue, settings);
  if (!found) return null;
  const assignee = issue.assignees[0] ?? null;
  return {
    id: issue.id,
    iid: issue.iid,
    title: issue.title,
    weekStart: found.week,
    assignee,
    rotationMember: readRotationMember(issue.description) ?? assignee,
    state: issue.state,
    reference: issue.reference,
    webUrl: issue.webUrl,
    foundBy: found.foundBy,
  };
}

/** The one issue of a week, if any. */
export function issueForWeek(issues: DriIssue[], week: IsoDate): DriIssue | undefined {
  const rank = (issue: DriIssue) => (issue.foundBy === 'key' ? 0 : 2) + (issue.state === 'opened' ? 0 : 1);
  return issues.filter((i) => i.weekStart === week).sort((a, b) => rank(a) - rank(b) || a.iid - b.iid)[0];
}

export interface IssuesAround {
  /** The week's own issue. */
  target?: DriIssue;
  /** The latest issue before the week. */
  previous?: DriIssue;
  /** Issues of later weeks, earliest first. */
  later: DriIssue[];
}

export function issuesAround(issues: DriIssue[], week: IsoDate): IssuesAround {
  const earlier = issues
    .filter((i) => i.weekStart < week)
    .map((i) => i.weekStart)
    .sort();
  const previousWeek = earlier[earlier.length - 1];
  return {
    target: issueForWeek(issues, week),
    previous: previousWeek === undefined ? undefined : issueForWeek(issues, previousWeek),
    later: issues.filter((i) => i.weekStart > week).sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1)),
  };
}

/** A rotation issue that is in place, as a plan shows it. */
export function issueInPlace(project: string, issue: DriIssue): UnchangedEntry {
  return {
    key: driIssueKey(project, issue.weekStart),
    summary: `DRI issue for the week of ${issue.weekStart}: ${issue.reference}${issue.assignee ? ` (@${issue.assignee})` : ''}`,
    url: issue.webUrl,
  };
}

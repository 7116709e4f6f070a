import { ValidationError } from '../../errors.js';
import type { GitLabReader } from '../../gitlab/port.js';
import { groupsByJobTitle, groupsOf, type AuthorSource, type GroupMember } from '../../rituals/updates/authors.js';
import type { UpdatePeriod } from '../../rituals/updates/period.js';
import { compareText } from '../../rituals/common/text.js';
import type { ReminderTarget, TemplatePeriod } from '../../rituals/updates/plan-missing.js';
import { issueForPeriod, summaryKeyPrefix } from '../../rituals/updates/identity.js';

// What `update missing` and the summary's "Not yet posted" read: the members of the groups that
// `updates.authors` names (with their job titles where it asks for one), checked (with the
// usernames it names) before anything is written.

/** The members of every group the templates' authors name; an unknown user or group is a problem, all reported together. */
export async function readAuthorMembers(
  reader: GitLabReader,
  authors: Record<string, AuthorSource[]>,
  templates: readonly string[],
): Promise<Map<string, GroupMember[]>> {
  const sources = templates.flatMap((name) => (authors[name] ?? []).map((source) => ({ name, source })));
  const usernames = [...new Set(sources.flatMap(({ source }) => (typeof source === 'string' ? [source] : [])))];
  const groups = groupsOf(sources.map(({ source }) => source));
  const [users, members] = await Promise.all([
    Promise.all(usernames.map(async (username) => [username, await reader.findUser(username)] as const)),
    Promise.all(
      groups.map(async (group) => [group, (await reader.getGroup(group)) ? await reader.listGroupMembers(group) : null] as const),
    ),
  ]);
  const problems = [
    ...users.filter(([, user]) => user === null).map(([username]) => `updates.authors: no GitLab user "${username}"`),
    ...members
      .filter(([, list]) => list === null)
      .map(([group]) => `updates.authors: group ${group} does not exist, or the token cannot see it`),
  ].sort(compareText);
  if (problems.length > 0) throw new ValidationError('cannot tell who is expected to post updates', problems);
  const byJobTitle = new Set(groupsByJobTitle(sources.map(({ source }) => source)));
  return new Map(
    await Promise.all(
      members.map(async ([group, list]): Promise<[string, GroupMember[]]> => {
        if (!byJobTitle.has(group)) return [group, list ?? []];
        // The members list has no job titles: each member's profile has.
        return [group, await Promise.all((list ?? []).map(async (m) => ({ ...m, jobTitle: await reader.userJobTitle(m.id) })))];
      }),
    ),
  );
}

/** `group/project#12` */
export function parseIssueReference(reference: string): { project: string; iid: number } {
  const at = reference.lastIndexOf('#');
  return { project: reference.slice(0, at), iid: Number(reference.slice(at + 1)) };
}

/**
 * Where each template's reminder goes: `updates.reminder_issue`, else the summary issue of the
 * template's period in `updates.project` (weekly templates only: summaries are weekly).
 */
export async function readReminderTargets(
  reader: GitLabReader,
  periods: readonly TemplatePeriod[],
  settings: { reminderIssue?: string; project?: string; summaryTitle: (period: UpdatePeriod) => string },
): Promise<Map<string, ReminderTarget>> {
  const targets = new Map<string, ReminderTarget>();
  const withNotes = async (project: string | number, iid: number, reference: string, webUrl: string): Promise<ReminderTarget> => ({
    project: String(project),
    iid,
    reference,
    webUrl,
    noteKeys: (await reader.listNotes(project, iid)).flatMap((note) => (note.key ? [note.key] : [])),
  });
  if (settings.reminderIssue) {
    const { project, iid } = parseIssueReference(settings.reminderIssue);
    const issue = await reader.getIssue(project, iid);
    const target: ReminderTarget = issue
      ? await withNotes(project, iid, issue.reference, issue.webUrl)
      : `updates.reminder_issue ${settings.reminderIssue} does not exist, or the token cannot see it`;
    for (const { templateName } of periods) targets.set(templateName, target);
    return targets;
  }
  for (const { templateName, period } of periods) {
    if (period.kind !== 'week' || !settings.project) {
      targets.set(
        templateName,
        `no issue to remind ${templateName} authors on: set updates.reminder_issue${period.kind === 'week' ? ' or updates.project' : ' (summaries are weekly)'}`,
      );
      continue;
    }
    const found = await reader.listIssuesByKeyPrefix({ kind: 'project', ref: settings.project }, summaryKeyPrefix(), {
      title: settings.summaryTitle(period),
    });
    const summary = issueForPeriod(found, summaryKeyPrefix(), period);
    targets.set(
      templateName,
      summary
        ? await withNotes(settings.project, summary.iid, summary.reference, summary.webUrl)
        : `no summary issue for ${period.since} to ${period.until} in ${settings.project} to remind ${templateName} authors on: run teamops update summary --create first, or set updates.reminder_issue`,
    );
  }
  return targets;
}

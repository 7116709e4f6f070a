import { ConfigError, ValidationError } from '../../errors.js';
import type { GitLabReader } from '../../gitlab/port.js';
import { serviceKeyPrefix, serviceLabel } from '../../rituals/slo/keys.js';
import { checkSloPeople, type FoundSloPeople } from '../../rituals/slo/people.js';
import type { ExistingSloIssue } from '../../rituals/slo/plan-init.js';
import type { SloService, SloSettings } from '../../rituals/slo/settings.js';
import { counted } from '../../rituals/common/text.js';
import type { CommandContext } from '../common/context.js';

export function sloProject(settings: SloSettings): string {
  if (!settings.project) {
    throw new ConfigError('slo.project is not set', { hint: 'set slo.project in teamops.yml to the project the SLO issues go to' });
  }
  return settings.project;
}

async function findPeople(reader: GitLabReader, project: string, usernames: string[]): Promise<FoundSloPeople> {
  const [found, users] = await Promise.all([
    reader.getProject(project),
    Promise.all(usernames.map(async (username) => ({ username, user: await reader.findUser(username) }))),
  ]);
  const projectMemberIds = found ? (await reader.listProjectMembers(project)).map((user) => user.id) : null;
  return { projectFound: found !== null, users, projectMemberIds };
}

/**
 * The people the chart names, checked against GitLab before anything is written: each must be a
 * user, and each assignee a member of the project. Returns their ids by username.
 */
export async function readSloPeople(
  context: CommandContext,
  doing: string,
  project: string,
  usernames: string[],
  assignees: string[],
): Promise<Record<string, number>> {
  const found = await findPeople(context.reader(), project, usernames);
  const problems = checkSloPeople(project, found, assignees);
  if (problems.length > 0) {
    throw new ValidationError(`${doing}: found ${counted(problems.length, 'problem')}`, problems, {
      hint: 'nothing was written to GitLab; fix these and run again',
    });
  }
  return Object.fromEntries(found.users.map(({ username, user }) => [username, user!.id]));
}

/** The service's SLO issues by key (lifecycle steps, budget episodes, recalibrations), with their links when asked. */
export async function readSloIssues(
  context: CommandContext,
  project: string,
  service: SloService,
  withLinks: (key: string) => boolean = () => false,
): Promise<Record<string, ExistingSloIssue>> {
  const reader = context.reader();
  const issues = await reader.listIssuesByKeyPrefix({ kind: 'project', ref: project }, serviceKeyPrefix(service.name), {
    labels: [serviceLabel(service.name)],
  });
  const entries = await Promise.all(
    issues.map(async (issue): Promise<[string, ExistingSloIssue]> => {
      const linked = withLinks(issue.key) ? await reader.listIssueLinks(project, issue.iid) : [];
      return [
        issue.key,
        {
          project,
          iid: issue.iid,
          reference: issue.reference,
          webUrl: issue.webUrl,
          title: issue.title,
          state: issue.state,
          linkedIids: linked.filter((l) => l.projectId === issue.projectId).map((l) => l.iid),
        },
      ];
    }),
  );
  return Object.fromEntries(entries);
}

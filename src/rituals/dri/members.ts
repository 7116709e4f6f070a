// Everyone on dri.roster, and a substitute named by --to, must be a GitLab user and a member of
// dri.project: GitLab silently drops any other assignee, which would leave the week without a DRI.
import type { DriMember, DriSettings } from './model.js';

/** What GitLab said about the project and the people. */
export interface FoundPeople {
  /** Whether dri.project exists; null when it is not set, so nobody looked. */
  projectFound: boolean | null;
  users: Array<{ username: string; user: Omit<DriMember, 'username'> | null }>;
  /** Ids of the project's members, direct or through its groups; null when the project was not found. */
  projectMemberIds: number[] | null;
}

/** The roster, then the substitute when they are not on it. */
export function wantedUsernames(settings: Pick<DriSettings, 'roster'>, substitute: string | undefined): string[] {
  const onRoster = substitute !== undefined && settings.roster.some((name) => name.toLowerCase() === substitute.toLowerCase());
  return [...settings.roster, ...(substitute === undefined || onRoster ? [] : [substitute])];
}

export function checkMembers(
  settings: Pick<DriSettings, 'project' | 'roster'>,
  found: FoundPeople,
): { members: DriMember[]; problems: string[] } {
  const problems: string[] = [];
  if (found.projectFound === false) problems.push(`project ${settings.project} (dri.project) does not exist, or the token cannot see it`);
  const members: DriMember[] = [];
  for (const { username, user } of found.users) {
    const where = settings.roster.includes(username) ? 'dri.roster' : '--to';
    if (!user) {
      problems.push(`${where} names ${username}, who is not a GitLab user`);
      continue;
    }
    if (found.projectMemberIds && !found.projectMemberIds.includes(user.id)) {
      problems.push(
        `${where} names ${username}, who is not a member of ${settings.project}, so GitLab would not assign the DRI issue to them`,
      );
    }
    members.push({ username, id: user.id, name: user.name });
  }
  return { members, problems };
}

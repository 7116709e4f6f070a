// Everyone on dri.roster, everyone dri.overrides names, and a substitute named by --to, must be a GitLab user and a member of
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

/** The roster, then the people of planned swaps and the substitute who are not on it. */
export function wantedUsernames(settings: Pick<DriSettings, 'roster' | 'overrides'>, substitute: string | undefined): string[] {
  const wanted = [...settings.roster];
  for (const name of [...Object.values(settings.overrides), ...(substitute === undefined ? [] : [substitute])]) {
    if (!wanted.some((w) => w.toLowerCase() === name.toLowerCase())) wanted.push(name);
  }
  return wanted;
}

export function checkMembers(
  settings: Pick<DriSettings, 'project' | 'roster' | 'overrides'>,
  found: FoundPeople,
): { members: DriMember[]; problems: string[] } {
  const problems: string[] = [];
  if (found.projectFound === false) problems.push(`project ${settings.project} (dri.project) does not exist, or the token cannot see it`);
  const members: DriMember[] = [];
  for (const { username, user } of found.users) {
    const where = settings.roster.includes(username)
      ? 'dri.roster'
      : Object.values(settings.overrides).includes(username)
        ? 'dri.overrides'
        : '--to';
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

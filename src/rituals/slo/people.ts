// The chart's roles as GitLab sees them: Responsible people are assigned (GitLab assigns only
// project members, and drops anyone else silently), and every role is listed and mentioned in the
// description, so Accountable, Consulted and Informed people are notified as the chart says.
import type { StepPeople } from './settings.js';

export interface SloUser {
  id: number;
  username: string;
}

/** What GitLab said about the project and the people the chart names. */
export interface FoundSloPeople {
  projectFound: boolean;
  users: Array<{ username: string; user: SloUser | null }>;
  /** Null when the project was not found. */
  projectMemberIds: number[] | null;
}

export function checkSloPeople(project: string, found: FoundSloPeople, assignees: string[]): string[] {
  const problems: string[] = [];
  if (!found.projectFound) problems.push(`project ${project} (slo.project) does not exist, or the token cannot see it`);
  for (const { username, user } of found.users) {
    if (!user) problems.push(`slo.personas names ${username}, who is not a GitLab user`);
    else if (found.projectMemberIds && assignees.includes(username) && !found.projectMemberIds.includes(user.id))
      problems.push(`${username} is Responsible in the chart but not a member of ${project}, so GitLab would not assign the issue to them`);
  }
  return problems;
}

const ROLE_NAMES = { responsible: 'Responsible', accountable: 'Accountable', consulted: 'Consulted', informed: 'Informed' } as const;

const mentions = (usernames: string[]) => usernames.map((u) => `@${u}`).join(' ');

/** The step's RACI as a Markdown table: one row per role and persona, the people mentioned. */
export function raciTable(people: StepPeople): string {
  const rows = (Object.keys(ROLE_NAMES) as Array<keyof typeof ROLE_NAMES>).flatMap((role) =>
    people[role].map((p) => `| ${ROLE_NAMES[role]} | ${p.personaName} | ${mentions(p.usernames)} |`),
  );
  return ['| Role | Persona | People |', '| --- | --- | --- |', ...rows].join('\n');
}

/** `@a @b; accountable @c; consulted @d; informed @e`: who gets what, for the plan line. */
export function whoGetsWhat(people: StepPeople, assignees: string[]): string {
  const of = (role: keyof StepPeople) => [...new Set(people[role].flatMap((p) => p.usernames))];
  return [
    `assigned to ${mentions(assignees) || 'nobody'}`,
    ...(['accountable', 'consulted', 'informed'] as const)
      .filter((role) => of(role).length > 0)
      .map((role) => `${role} ${mentions(of(role))}`),
  ].join('; ');
}

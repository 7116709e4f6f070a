// okr create files issues only in projects GitLab shows the token's user, and assigns them only to
// users GitLab knows. Each problem names who in the file refers to the project or user. Whether the
// user may write there is the check every ritual makes on its plan (commands/common/write-access.ts),
// a permission failure rather than a problem with the file.
import { keyResultName, objectiveName, type ObjectiveDraft } from './model.js';

/** What GitLab says about the token's user, the projects and the users the file names. */
export interface AccessFacts {
  me: { username: string; isAdmin?: boolean };
  /** Each project the file names; null when the token's user cannot see it. */
  projects: Record<string, { id: number; accessLevel?: number } | null>;
  /** Each assignee's GitLab id; null when GitLab has no such user. */
  userIds: Record<string, number | null>;
}

/** Every project and user the objectives name, each with who names it (for messages), in file order. */
export function namedIn(drafts: ObjectiveDraft[]): { projects: Map<string, string[]>; users: Map<string, string[]> } {
  const projects = new Map<string, string[]>();
  const users = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string | undefined, who: string) => {
    if (key) map.set(key, [...(map.get(key) ?? []), who]);
  };
  drafts.forEach((objective, o) => {
    const name = objectiveName(o, objective.title);
    add(projects, objective.project, name);
    for (const user of objective.assignees ?? []) add(users, user, name);
    objective.keyResults.forEach((kr, k) => {
      const krName = keyResultName(o, objective.title, k, kr.title);
      add(projects, kr.project, krName);
      for (const user of kr.assignees ?? []) add(users, user, krName);
    });
  });
  return { projects, users };
}

/** Who refers to a project or user, for messages: `objective 1 "X"` and how many others. */
function referrers(names: string[]): string {
  const [first, ...others] = names;
  return others.length === 0 ? first! : `${first} and ${others.length} more`;
}

export function accessProblems(drafts: ObjectiveDraft[], facts: AccessFacts): string[] {
  const { projects, users } = namedIn(drafts);
  const me = facts.me.username;
  const projectProblems = [...projects].flatMap(([ref, who]) => {
    const project = facts.projects[ref];
    return project ? [] : [`${referrers(who)}: project: ${ref} does not exist, or the token's user (@${me}) cannot see it`];
  });
  const userProblems = [...users].flatMap(([username, who]) =>
    typeof facts.userIds[username] === 'number' ? [] : [`${referrers(who)}: assignees: unknown user "${username}"`],
  );
  return [...projectProblems, ...userProblems];
}

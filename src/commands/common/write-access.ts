import { AuthError } from '../../errors.js';
import type { Scope } from '../../gitlab/port.js';
import type { Plan } from '../../plan/plan.js';
import { hasRole, roleName, writeNeeds } from '../../plan/write-access.js';
import type { CommandContext } from './context.js';

/**
 * Every ritual's check before --dry-run shows its plan and before it is applied: the token's user
 * holds the role each change needs in each project it writes to (plan/write-access.ts). GitLab
 * would refuse the others with 403 one at a time, after the rest of the plan was written, and a
 * rerun would not help.
 */
export async function checkWriteAccess(plan: Plan, lock: Scope, context: CommandContext): Promise<void> {
  const needs = writeNeeds(plan, lock);
  if (needs.length === 0) return;
  const reader = context.reader();
  const [me, projects] = await Promise.all([reader.currentUser(), Promise.all(needs.map((need) => reader.getProject(need.project)))]);
  const problems = needs.flatMap((need, i) => {
    const project = projects[i];
    if (!project) return [`${need.project}: the project does not exist, or @${me.username} cannot see it`];
    if (hasRole(project, me, need.level)) return [];
    const role = project.accessLevel === undefined ? 'no role' : `the ${roleName(project.accessLevel)} role`;
    return [`${project.pathWithNamespace}: @${me.username} has ${role} there; ${need.because} needs ${roleName(need.level)} or higher`];
  });
  if (problems.length === 0) return;
  throw new AuthError(
    `the token's user @${me.username} cannot make these changes; nothing was written to GitLab:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    {
      hint: `give @${me.username} that role in those projects, or set GITLAB_TOKEN to a token (with the "api" scope) of a user who has it`,
    },
  );
}

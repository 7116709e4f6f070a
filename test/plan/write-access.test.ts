import { describe, expect, it } from 'vitest';
import { createPlan, type Action } from '../../src/plan/plan.js';
import { hasRole, roleName, ROLES, writeNeeds } from '../../src/plan/write-access.js';

const planOf = (actions: Action[]) => createPlan({ command: 'test', scope: 'acme/tasks', date: '2026-11-16', context: {}, actions });
const note: Action = {
  kind: 'create-note',
  key: 'n',
  summary: 'comment on acme/tasks#1',
  target: { project: 'acme/tasks', iid: 1 },
  body: 'Hi',
};
const moveMr: Action = {
  kind: 'update-merge-request',
  key: 'mr',
  summary: 'move acme/app!3',
  project: 'acme/app',
  iid: 3,
  change: { milestoneId: 7 },
};

describe('the roles a plan needs', () => {
  it('asks Planner where it writes issues and comments and takes its lock, Developer where it updates merge requests', () => {
    expect(writeNeeds(planOf([note, moveMr]), { kind: 'project', ref: 'acme/tasks' })).toEqual([
      { project: 'acme/tasks', level: ROLES.planner, because: 'taking the run lock (a label)' },
      { project: 'acme/app', level: ROLES.developer, because: 'move acme/app!3' },
    ]);
  });

  it('asks nothing of an empty plan, which writes nothing and takes no lock', () => {
    expect(writeNeeds(planOf([]), { kind: 'project', ref: 'acme/tasks' })).toEqual([]);
  });

  it('is held by members with that role or more, and by administrators, who GitLab reports no role for', () => {
    expect(hasRole({ accessLevel: ROLES.guest }, {}, ROLES.planner)).toBe(false);
    expect(hasRole({ accessLevel: ROLES.reporter }, {}, ROLES.planner)).toBe(true);
    expect(hasRole({}, { isAdmin: true }, ROLES.developer)).toBe(true);
    expect(hasRole({}, { isAdmin: false }, ROLES.planner)).toBe(false);
    expect([10, 15, 20, 30, 40, 50].map(roleName)).toEqual(['Guest', 'Planner', 'Reporter', 'Developer', 'Maintainer', 'Owner']);
  });
});

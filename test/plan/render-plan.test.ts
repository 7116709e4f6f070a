import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { createPlan } from '../../src/plan/plan.js';
import { renderPlan, summarisePlan } from '../../src/plan/render-plan.js';

const plain = new Chalk({ level: 0 });

const plan = createPlan({
  command: 'dri rotate',
  scope: 'distribution/team-tasks',
  date: '2026-11-16',
  context: {},
  unchanged: [{ key: 'k0', summary: 'issue #1 is already linked' }],
  actions: [
    { kind: 'create-issue', key: 'k1', summary: 'create issue "Week of 2026-11-16"', project: 'p', issue: { title: 't', description: '' } },
    { kind: 'update-issue', key: 'k2', summary: 'move #4 to 18.7', target: { project: 'p', iid: 4 }, change: { milestoneId: 3 } },
    { kind: 'close-issue', key: 'k3', summary: 'close #3', target: { project: 'p', iid: 3 } },
    { kind: 'link-issues', key: 'k4', summary: 'link #5', source: { project: 'p', createdBy: 'k1' }, target: { project: 'p', iid: 5 } },
  ],
});

describe('renderPlan', () => {
  it('prints one line per action with its symbol, then the count', () => {
    expect(renderPlan(plan, plain)).toEqual([
      '= issue #1 is already linked',
      '+ create issue "Week of 2026-11-16"',
      '~ move #4 to 18.7',
      '- close #3',
      '+ link #5',
      'Plan: 2 to create, 1 to change, 1 to close, 1 unchanged.',
    ]);
  });

  it('colours only when given a colouring instance', () => {
    const coloured = renderPlan(plan, new Chalk({ level: 1 }));
    expect(coloured[1]).toContain('\u001b[32m');
    expect(renderPlan(plan, plain).join('')).not.toContain('\u001b[');
  });

  it('says so when there is nothing to do', () => {
    expect(summarisePlan(createPlan({ command: 'x', scope: 's', date: '2026-01-01', context: {}, actions: [] }))).toBe('nothing to do');
  });
});

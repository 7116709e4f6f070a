import { describe, expect, it } from 'vitest';
import { GITLAB_LIMITS, limitProblems } from '../../src/plan/gitlab-limits.js';
import { createPlan, type Action } from '../../src/plan/plan.js';

const planOf = (...actions: Action[]) => createPlan({ command: 'test', scope: 'g/p', date: '2026-11-16', context: {}, actions });
const create = (title: string, description = '', labels: string[] = []): Action => ({
  kind: 'create-issue',
  key: `k/${title.length}`,
  summary: `create issue ${title.length}`,
  project: 'g/p',
  issue: { title, description, labels },
});

describe("GitLab's limits on a plan", () => {
  it('accepts titles of up to 255 characters, counted as GitLab counts them (code points, not UTF-16 units)', () => {
    expect(limitProblems(planOf(create('x'.repeat(255)), create('🚀'.repeat(255))))).toEqual([]);
    expect(limitProblems(planOf(create('x'.repeat(256))))).toEqual([
      'create issue 256: the title has 256 characters; GitLab allows at most 255',
    ]);
  });

  it('refuses an empty title, and control characters or line breaks in one', () => {
    expect(limitProblems(planOf(create('   ')))).toEqual(['create issue 3: the title is empty']);
    expect(limitProblems(planOf(create('a\u0007b'), create('a\nb')))).toHaveLength(2);
  });

  it('refuses a description over 1,048,576 characters, leaving room for the hidden key', () => {
    expect(limitProblems(planOf(create('ok', 'x'.repeat(GITLAB_LIMITS.description - 1_000))))).toEqual([]);
    const [problem] = limitProblems(planOf(create('big', 'x'.repeat(GITLAB_LIMITS.description))));
    expect(problem).toMatch(/^create issue 3: the description would have about 1048776 characters; GitLab allows at most 1,048,576$/);
  });

  it('refuses a comment over 1,000,000 characters, and an empty one', () => {
    const note = (body: string): Action => ({
      kind: 'create-note',
      key: 'n',
      summary: 'comment on #1',
      target: { project: 'g/p', iid: 1 },
      body,
    });
    expect(limitProblems(planOf(note('x'.repeat(1_000_000))))).toEqual([
      'comment on #1: the comment would have about 1000200 characters; GitLab allows at most 1,000,000',
    ]);
    expect(limitProblems(planOf(note(' ')))).toEqual(['comment on #1: the comment is empty']);
  });

  it('refuses labels GitLab would refuse or split: commas, empty, over 255 characters', () => {
    const problems = limitProblems(planOf(create('t', '', ['a,b', ' ', 'y'.repeat(256)])));
    expect(problems).toEqual([
      'create issue 1: the label "a,b" contains a comma, which GitLab does not allow in label names',
      'create issue 1: a label is empty',
      `create issue 1: the label "${'y'.repeat(40)}…" has 256 characters; GitLab allows at most 255`,
    ]);
    const move: Action = {
      kind: 'update-issue',
      key: 'm',
      summary: 'move #2',
      target: { project: 'g/p', iid: 2 },
      change: { addLabels: ['x,y'] },
    };
    expect(limitProblems(planOf(move))).toHaveLength(1);
  });
});

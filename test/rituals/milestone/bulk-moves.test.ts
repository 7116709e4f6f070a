import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import type { CreateLabelAction, SetHealthStatusAction, UpdateIssueAction } from '../../../src/plan/plan.js';
import { BULK_MIN_ISSUES, chooseApiPath, shouldProbeBulkUpdate } from '../../../src/rituals/milestone/bulk-moves.js';
import { planRollover } from '../../../src/rituals/milestone/plan-rollover.js';
import { issue, m166, mr, request, state } from './fixtures.js';

const issues = (count: number) => Array.from({ length: count }, (_, i) => ({ ...issue(i + 1), id: 1000 + i }));
const usable = { probe: { usable: true as const }, existingLabels: [] };
const disabled = { probe: { usable: false as const, reason: 'flag off' }, existingLabels: [] };

describe('the bulk path', () => {
  it('asks GitLab only when it may pay off, never under --api rest or --to none', () => {
    expect(shouldProbeBulkUpdate({ api: 'auto', toNone: false }, BULK_MIN_ISSUES - 1)).toBe(false);
    expect(shouldProbeBulkUpdate({ api: 'auto', toNone: false }, BULK_MIN_ISSUES)).toBe(true);
    expect(shouldProbeBulkUpdate({ api: 'graphql', toNone: false }, 1)).toBe(true);
    expect(shouldProbeBulkUpdate({ api: 'rest', toNone: false }, 500)).toBe(false);
    expect(shouldProbeBulkUpdate({ api: 'auto', toNone: true }, 500)).toBe(false);
  });

  it('names the path and why', () => {
    const base = { toNone: false, scopeName: 'group g', apiSetting: '--api' as const };
    expect(chooseApiPath({ ...base, api: 'auto' }, usable, 20)).toMatchObject({ path: 'graphql' });
    expect(chooseApiPath({ ...base, api: 'auto' }, disabled, 20)).toEqual({
      path: 'rest',
      reason: 'issuesBulkUpdate is not available: flag off',
    });
    expect(chooseApiPath({ ...base, api: 'graphql' }, disabled, 20)).toEqual({
      problem: '--api graphql: GitLab cannot use issuesBulkUpdate for group g: flag off; pass --api rest',
    });
    expect(chooseApiPath({ ...base, api: 'rest' }, usable, 20)).toEqual({ path: 'rest', reason: '--api rest' });
  });

  it('names teamops.yml when milestone.api chose the path', () => {
    const base = { toNone: false, scopeName: 'group g', apiSetting: 'milestone.api' as const };
    expect(chooseApiPath({ ...base, api: 'rest' }, usable, 20)).toEqual({ path: 'rest', reason: 'milestone.api: rest' });
    expect(chooseApiPath({ ...base, api: 'graphql' }, disabled, 20)).toEqual({
      problem:
        'milestone.api is graphql, but GitLab cannot use issuesBulkUpdate for group g: flag off; pass --api rest or set milestone.api to rest or auto',
    });
    // --to none always moves through REST, whatever teamops.yml prefers (only --api graphql with it is refused).
    expect(chooseApiPath({ ...base, api: 'graphql', toNone: true }, undefined, 20)).toMatchObject({ path: 'rest' });
  });

  it('marks every issue move for the batch, after creating the missing label; merge requests keep REST', () => {
    const plan = planRollover({ ...state([...issues(12), mr(3)]), bulk: usable }, request({ includeMergeRequests: true }), '2026-11-16');
    const [label, ...rest] = plan.actions;
    expect(label).toMatchObject<Partial<CreateLabelAction>>({
      kind: 'create-label',
      name: 'missed:16.5',
      scope: { kind: 'group', ref: 7 },
    });
    const moves = rest.filter((a): a is UpdateIssueAction => a.kind === 'update-issue');
    expect(moves).toHaveLength(12);
    for (const move of moves) {
      expect(move.bulk).toMatchObject({
        batch: 'milestone-rollover/bulk/g/16.6',
        parent: { kind: 'group', id: 7 },
        milestoneTitle: '16.6',
      });
      expect(move.after).toEqual([label!.key]);
      expect(move.change).toEqual({ milestoneId: m166.id, addLabels: ['missed:16.5'] });
    }
    expect(rest.filter((a) => a.kind === 'update-merge-request')).toHaveLength(1);
    expect(plan.context.api.path).toBe('graphql');
  });

  it('creates no label that exists, and stays on REST when the probe said no', () => {
    const existing = planRollover({ ...state(issues(12)), bulk: { ...usable, existingLabels: ['missed:16.5'] } }, request(), '2026-11-16');
    expect(existing.actions.map((a) => a.kind)).not.toContain('create-label');
    const rest = planRollover({ ...state(issues(12)), bulk: disabled }, request(), '2026-11-16');
    expect(rest.actions.every((a) => a.kind === 'update-issue' && a.bulk === undefined)).toBe(true);
    expect(() => planRollover({ ...state(issues(12)), bulk: disabled }, request({ api: 'graphql' }), '2026-11-16')).toThrow(
      ValidationError,
    );
  });
});

describe('--health', () => {
  it('sets "needs attention" at the first slip and "at risk" from the second, after the move', () => {
    const first = { ...issue(1), healthStatus: null };
    const second = { ...issue(2, ['missed:16.4']), healthStatus: 'on_track' as const };
    const already = { ...issue(3, ['missed:16.4']), healthStatus: 'at_risk' as const };
    const plan = planRollover(state([first, second, already]), request({ health: true }), '2026-11-16');
    const health = plan.actions.filter((a): a is SetHealthStatusAction => a.kind === 'set-health-status');
    expect(health.map((a) => [a.iid, a.healthStatus, a.projectPath, a.after])).toEqual([
      [1, 'needs_attention', 'g/app', ['milestone-rollover/issue/g/app#1']],
      [2, 'at_risk', 'g/app', ['milestone-rollover/issue/g/app#2']],
    ]);
    expect(plan.unchanged.map((u) => u.summary)).toContain('g/app#3 is already "at risk"');
  });

  it('is refused where GitLab shows no health status (Free)', () => {
    expect(() => planRollover(state([issue(1)]), request({ health: true }), '2026-11-16')).toThrow(
      /--health needs GitLab Premium or Ultimate/,
    );
  });
});

describe('--label and --to none', () => {
  it('moves only items with every label, and to no milestone', () => {
    const plan = planRollover(state([issue(1, ['a', 'b']), issue(2, ['a'])]), request({ labels: ['a', 'b'], toNone: true }), '2026-11-16');
    expect(plan.actions).toHaveLength(1);
    expect(plan.actions[0]).toMatchObject({ target: { iid: 1 }, change: { milestoneId: 0, addLabels: ['missed:16.5'] } });
    expect(plan.actions[0]!.summary).toBe('move g/app#1 "Issue 1" from "16.5" to no milestone, add missed:16.5 (1st slip)');
  });
});

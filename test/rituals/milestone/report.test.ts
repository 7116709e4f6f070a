import { describe, expect, it } from 'vitest';
import { planRollover } from '../../../src/rituals/milestone/plan-rollover.js';
import { describeRollover } from '../../../src/rituals/milestone/report.js';
import { issue, mr, request, state } from './fixtures.js';

describe('describeRollover', () => {
  it('describes the rollover and calls out repeated slips with links', () => {
    const plan = planRollover(
      state([issue(1), issue(2, ['missed:16.4']), issue(3, ['missed:16.3', 'missed:16.4']), mr(5)]),
      request({ includeMergeRequests: true, assignee: 'amara' }),
      '2026-11-16',
    );
    expect(describeRollover(plan.context)).toEqual([
      'Rollover from "16.5" (due 2026-11-09) to "16.6" (starts 2026-11-10): 3 issues and 1 merge request assigned to @amara to move.',
      'Slips are counted from the missed labels: this GitLab keeps no milestone history for these items.',
      'Slipped twice (handbook: hold a retrospective): 1',
      '  g/app#2 "Issue 2" missed "16.4", "16.5": https://gitlab.test/g/app/-/issues/2',
      'Slipped three or more times (handbook: escalate for a larger evaluation): 1',
      '  g/app#3 "Issue 3" missed "16.3", "16.4", "16.5": https://gitlab.test/g/app/-/issues/3',
    ]);
  });

  it('says the missed labels were chosen, by which setting, under --slips labels', () => {
    const items = [issue(1), issue(2, ['missed:16.4'])];
    const lines = (overrides: Parameters<typeof request>[0]) =>
      describeRollover(planRollover(state(items), request({ slips: 'labels', ...overrides }), '2026-11-16').context);

    expect(lines({ slipsSetting: '--slips' })[1]).toBe(
      "Slips are counted from the missed labels (chosen by --slips labels); GitLab's milestone history was not read.",
    );
    expect(lines({ slipsSetting: 'milestone.slips' })[1]).toBe(
      "Slips are counted from the missed labels (chosen by milestone.slips: labels); GitLab's milestone history was not read.",
    );
    expect(lines({ slipsSetting: '--slips', addMissedLabel: false })[2]).toBe(
      'This run adds no missed label, so a later rollover that counts labels will not count this slip.',
    );
  });

  it('carries the choice in the plan context for --json', () => {
    const plan = planRollover(state([issue(1)]), request({ slips: 'labels', slipsSetting: '--slips' }), '2026-11-16');
    expect(plan.context.slips).toEqual({ choice: 'labels', setting: '--slips' });
    expect(plan.context.items.map((item) => item.slipSource)).toEqual(['labels']);
  });
});

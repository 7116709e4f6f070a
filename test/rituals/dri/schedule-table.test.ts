import { describe, expect, it } from 'vitest';
import { planDriSchedule } from '../../../src/rituals/dri/plan-schedule.js';
import { scheduleRows } from '../../../src/rituals/dri/schedule-table.js';
import { driIssue, MONDAY, settings, state } from './fixtures.js';

describe('scheduleRows', () => {
  it('notes a continuing rotation, a substitute and who was skipped', () => {
    const issue = driIssue(MONDAY, 'emeka', { rotationMember: 'chen' });
    const schedule = planDriSchedule(
      state({
        settings: settings({ cadence: 'biweekly', absences: { dana: [{ from: '2026-12-01', to: '2026-12-01' }] } }),
        issues: [issue],
      }),
      { from: MONDAY, weeks: 3 },
      MONDAY,
    );
    expect(scheduleRows(schedule)).toEqual([
      [MONDAY, '@emeka', issue.reference, 'substituting for @chen'],
      ['2026-11-23', '@emeka', issue.reference, 'rotation continues; substituting for @chen'],
      ['2026-11-30', '@amara', 'planned', 'skipped @dana: away on 2026-12-01'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { planDriSchedule } from '../../../src/rituals/dri/plan-schedule.js';
import { driIssue, MONDAY, settings, state } from './fixtures.js';

describe('planDriSchedule', () => {
  const rows = (schedule: ReturnType<typeof planDriSchedule>) =>
    schedule.weeks.map(
      (w) => `${w.weekStart} ${w.dri} ${w.source}${w.skipped.length ? ` skipped ${w.skipped.map((s) => s.username).join(',')}` : ''}`,
    );

  it('starts from the current issue and plans the weeks after it, wrapping and skipping', () => {
    const schedule = planDriSchedule(
      state({
        settings: settings({ absences: { amara: [{ from: '2026-11-30', to: '2026-12-01' }] } }),
        issues: [driIssue(MONDAY, 'chen')],
      }),
      { from: MONDAY, weeks: 5 },
      MONDAY,
    );
    expect(rows(schedule)).toEqual([
      '2026-11-16 chen issue',
      '2026-11-23 dana planned',
      '2026-11-30 bruno planned skipped amara',
      '2026-12-07 chen planned',
      '2026-12-14 dana planned',
    ]);
  });

  it('plans this week as rotate would when nobody has rotated yet, and applies Busy only to the next rotation', () => {
    const schedule = planDriSchedule(
      state({ issues: [driIssue('2026-11-09', 'bruno')], busy: { chen: { message: null, until: null } } }),
      { from: MONDAY, weeks: 4 },
      MONDAY,
    );
    expect(rows(schedule)).toEqual([
      '2026-11-16 dana planned skipped chen',
      '2026-11-23 amara planned',
      '2026-11-30 bruno planned',
      '2026-12-07 chen planned',
    ]);
  });

  it('keeps a DRI for both weeks of a biweekly rotation and uses issues created ahead', () => {
    const schedule = planDriSchedule(
      state({
        settings: settings({ cadence: 'biweekly' }),
        issues: [driIssue('2026-11-09', 'bruno'), driIssue('2026-11-23', 'emeka', { rotationMember: 'chen' })],
      }),
      { from: MONDAY, weeks: 5 },
      MONDAY,
    );
    expect(rows(schedule)).toEqual([
      '2026-11-16 bruno issue',
      '2026-11-23 emeka issue',
      '2026-11-30 emeka issue',
      '2026-12-07 dana planned',
      '2026-12-14 dana planned',
    ]);
    expect(schedule.weeks.map((w) => w.startsRotation)).toEqual([false, true, false, true, false]);
  });
});

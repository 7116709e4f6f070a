import { describe, expect, it } from 'vitest';
import { periodKindOf, periodValues, updatePeriod } from '../../../src/rituals/updates/period.js';
import { week } from './fixtures.js';

describe('updatePeriod', () => {
  it.each([
    {
      name: 'a week ends today by default',
      request: { kind: 'week' as const },
      today: '2026-11-16',
      since: '2026-11-10',
      until: '2026-11-16',
    },
    {
      name: 'a month ends today by default',
      request: { kind: 'month' as const },
      today: '2026-11-16',
      since: '2026-10-17',
      until: '2026-11-16',
    },
    {
      name: 'a month from the 31st clamps to the shorter month',
      request: { kind: 'month' as const },
      today: '2026-03-31',
      since: '2026-03-01',
      until: '2026-03-31',
    },
    { name: 'a month across new year', request: { kind: 'month' as const }, today: '2027-01-05', since: '2026-12-06', until: '2027-01-05' },
    {
      name: '--until moves the end',
      request: { kind: 'week' as const, until: '2026-11-13' },
      today: '2026-11-16',
      since: '2026-11-07',
      until: '2026-11-13',
    },
    {
      name: 'a lone --since runs to today',
      request: { kind: 'week' as const, since: '2026-11-01' },
      today: '2026-11-16',
      since: '2026-11-01',
      until: '2026-11-16',
    },
    {
      name: 'both ends given',
      request: { kind: 'month' as const, since: '2026-10-01', until: '2026-10-31' },
      today: '2026-11-16',
      since: '2026-10-01',
      until: '2026-10-31',
    },
  ])('$name', ({ request, today, since, until }) => {
    expect(updatePeriod(request, today)).toEqual({ kind: request.kind, since, until });
  });

  it.each([
    ['em-weekly', {}, 'week'],
    ['sem-monthly', {}, 'month'],
    ['Milestone-Review-Monthly', {}, 'month'],
    ['milestone-review', { 'milestone-review': 'month' as const }, 'month'],
    ['sem-monthly', { 'sem-monthly': 'week' as const }, 'week'],
  ])('template %s with %o is %s', (name, configured, kind) => {
    expect(periodKindOf(name, configured)).toBe(kind);
  });

  it.each([
    { name: 'Tuesday to Monday belongs to the week it mostly covers', period: week, weekStart: '2026-11-09', label: '2026-W46' },
    {
      name: 'Saturday to Friday belongs to the later week',
      period: { kind: 'week' as const, since: '2026-11-14', until: '2026-11-20' },
      weekStart: '2026-11-16',
      label: '2026-W47',
    },
    {
      name: 'Monday to Sunday is its own week',
      period: { kind: 'week' as const, since: '2026-11-16', until: '2026-11-22' },
      weekStart: '2026-11-16',
      label: '2026-W47',
    },
  ])('$name', ({ period, weekStart, label }) => {
    expect(periodValues(period)).toMatchObject({ week_start: weekStart, week: label, days: 7 });
  });
});

import { describe, expect, it } from 'vitest';
import {
  keyPartMatches,
  periodKeyPart,
  periodKindOf,
  periodValues,
  updatePeriod,
  type PeriodRequest,
} from '../../../src/rituals/updates/period.js';
import { week } from './fixtures.js';

describe('updatePeriod', () => {
  it.each([
    {
      name: "a week is the team's week holding today",
      request: { kind: 'week' as const },
      today: '2026-12-01',
      since: '2026-11-30',
      until: '2026-12-06',
      calendar: true,
    },
    {
      name: 'the last week is the one before',
      request: { kind: 'week' as const, period: 'last' as const },
      today: '2026-11-30',
      since: '2026-11-23',
      until: '2026-11-29',
      calendar: true,
    },
    {
      name: 'a Sunday-to-Saturday team week',
      request: { kind: 'week' as const, weekStartsOn: 'sunday' as const },
      today: '2026-12-05',
      since: '2026-11-29',
      until: '2026-12-05',
      calendar: true,
    },
    {
      name: 'a month is the calendar month holding today',
      request: { kind: 'month' as const },
      today: '2026-11-16',
      since: '2026-11-01',
      until: '2026-11-30',
      calendar: true,
    },
    {
      name: 'the last month across new year',
      request: { kind: 'month' as const, period: 'last' as const },
      today: '2027-01-05',
      since: '2026-12-01',
      until: '2026-12-31',
      calendar: true,
    },
    {
      name: 'February in a leap year',
      request: { kind: 'month' as const },
      today: '2028-02-10',
      since: '2028-02-01',
      until: '2028-02-29',
      calendar: true,
    },
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
  ])(
    '$name',
    ({
      request,
      today,
      since,
      until,
      calendar,
    }: {
      request: PeriodRequest;
      today: string;
      since: string;
      until: string;
      calendar?: boolean;
    }) => {
      expect(updatePeriod(request, today)).toEqual({ kind: request.kind, since, until, ...(calendar ? { calendar } : {}) });
    },
  );

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

describe('calendar periods', () => {
  it('labels the week holding 2026-12-01 as 2026-W49, and names it by its Monday', () => {
    const period = updatePeriod({ kind: 'week' }, '2026-12-01');
    expect(periodValues(period)).toMatchObject({ week_start: '2026-11-30', week: '2026-W49', since: '2026-11-30', until: '2026-12-06' });
    expect(periodKeyPart(period)).toBe('week/2026-11-30');
  });

  it('gives every day of a week the same period, also across the end of summer time', () => {
    const days = ['2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25'];
    expect(new Set(days.map((day) => periodKeyPart(updatePeriod({ kind: 'week' }, day))))).toEqual(new Set(['week/2026-10-19']));
  });

  it('names a month by its month, a custom range by its days', () => {
    expect(periodKeyPart(updatePeriod({ kind: 'month' }, '2026-11-16'))).toBe('month/2026-11');
    expect(periodKeyPart(updatePeriod({ kind: 'week', since: '2026-11-02', until: '2026-11-13' }, '2026-11-16'))).toBe(
      '2026-11-02/2026-11-13',
    );
  });

  it.each([
    ['2026-11-21/2026-11-27', true, 'the run on Friday 27th: its middle day, the 24th, is in the week'],
    ['2026-11-24/2026-11-30', true, 'the run on Monday 30th named the week of the 23rd too'],
    ['2026-11-27/2026-12-03', false, 'the run on Thursday 3rd was about the next week'],
    ['2026-11-16/2026-11-22', false, 'a week before'],
    ['week/2026-11-23', true, 'its own key'],
    ['week/2026-11-30', false, 'the next week'],
  ])('finds %s for the week of 2026-11-23: %s (%s)', (part, matches) => {
    expect(keyPartMatches(part, updatePeriod({ kind: 'week' }, '2026-11-25'))).toBe(matches);
  });

  it('finds no older key for a custom range but its own', () => {
    const custom = updatePeriod({ kind: 'week', since: '2026-11-23', until: '2026-11-29' }, '2026-11-30');
    expect(keyPartMatches('2026-11-23/2026-11-29', custom)).toBe(true);
    expect(keyPartMatches('2026-11-24/2026-11-30', custom)).toBe(false);
  });
});

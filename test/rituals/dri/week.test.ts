import { describe, expect, it } from 'vitest';
import { nextRotationStart, resolveWeek } from '../../../src/rituals/dri/week.js';

describe('resolveWeek', () => {
  it.each([
    { spec: undefined, today: '2026-11-16', weekday: 'monday', expected: '2026-11-16' },
    { spec: undefined, today: '2026-11-22', weekday: 'monday', expected: '2026-11-16' },
    { spec: 'next', today: '2026-11-18', weekday: 'monday', expected: '2026-11-23' },
    { spec: '2026-11-19', today: '2026-11-16', weekday: 'monday', expected: '2026-11-16' },
    { spec: undefined, today: '2026-11-16', weekday: 'sunday', expected: '2026-11-15' },
    { spec: '2027-01-01', today: '2026-11-16', weekday: 'monday', expected: '2026-12-28' },
  ] as const)('$spec on $today (weeks start on $weekday) is the week of $expected', ({ spec, today, weekday, expected }) => {
    expect(resolveWeek(spec, today, weekday)).toBe(expected);
  });
});

describe('nextRotationStart', () => {
  it.each([
    { start: '2026-11-16', cadence: 'weekly', expected: '2026-11-23' },
    { start: '2026-12-28', cadence: 'weekly', expected: '2027-01-04' },
    { start: '2026-11-16', cadence: 'biweekly', expected: '2026-11-30' },
    { start: '2026-11-02', cadence: 'monthly', expected: '2026-12-07' },
    { start: '2026-11-16', cadence: 'monthly', expected: '2026-12-07' },
    { start: '2026-12-07', cadence: 'monthly', expected: '2027-01-04' },
    { start: '2027-01-04', cadence: 'monthly', expected: '2027-02-01' },
  ] as const)('a $cadence rotation from $start hands over on $expected', ({ start, cadence, expected }) => {
    expect(nextRotationStart(start, cadence, 'monday')).toBe(expected);
  });
});

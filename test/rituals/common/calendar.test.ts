import { describe, expect, it } from 'vitest';
import { addMonths, weekStart } from '../../../src/rituals/common/calendar.js';

describe('addMonths', () => {
  it.each([
    { date: '2026-11-16', months: -1, expected: '2026-10-16' },
    { date: '2026-03-31', months: -1, expected: '2026-02-28' },
    { date: '2028-03-31', months: -1, expected: '2028-02-29' },
    { date: '2026-01-15', months: -1, expected: '2025-12-15' },
    { date: '2026-12-07', months: 1, expected: '2027-01-07' },
  ])('$date plus $months month(s) is $expected', ({ date, months, expected }) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('weekStart', () => {
  it.each([
    { date: '2026-11-22', weekday: undefined, expected: '2026-11-16' },
    { date: '2026-11-16', weekday: 'monday', expected: '2026-11-16' },
    { date: '2026-11-21', weekday: 'sunday', expected: '2026-11-15' },
    { date: '2026-11-22', weekday: 'sunday', expected: '2026-11-22' },
    { date: '2027-01-01', weekday: 'wednesday', expected: '2026-12-30' },
  ] as const)('the week of $date, starting on ${weekday}, starts on $expected', ({ date, weekday, expected }) => {
    expect(weekStart(date, weekday)).toBe(expected);
  });
});

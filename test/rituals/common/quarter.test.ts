import { describe, expect, it } from 'vitest';
import {
  isQuarterLabel,
  parseQuarter,
  quarterContaining,
  quarterLabel,
  quarterPatternProblem,
} from '../../../src/rituals/common/quarter.js';

describe('parseQuarter', () => {
  it.each([
    // text, fiscal start month, name, start, end
    ['2027-Q1', 2, '2027-Q1', '2027-01-01', '2027-03-31'],
    ['2026-q4', 2, '2026-Q4', '2026-10-01', '2026-12-31'],
    ['2024Q1', 2, '2024-Q1', '2024-01-01', '2024-03-31'],
    ['FY27-Q1', 2, 'FY27-Q1', '2026-02-01', '2026-04-30'],
    ['FY27-Q4', 2, 'FY27-Q4', '2026-11-01', '2027-01-31'],
    ['fy2028-q1', 2, 'FY28-Q1', '2027-02-01', '2027-04-30'],
    ['FY24-Q4', 2, 'FY24-Q4', '2023-11-01', '2024-01-31'],
    ['FY27-Q1', 1, 'FY27-Q1', '2027-01-01', '2027-03-31'],
    ['FY27-Q2', 10, 'FY27-Q2', '2027-01-01', '2027-03-31'],
    ['FY27-Q4', 7, 'FY27-Q4', '2027-04-01', '2027-06-30'],
    ['FY28-Q1', 12, 'FY28-Q1', '2027-12-01', '2028-02-29'],
    ['FY25-Q1', 12, 'FY25-Q1', '2024-12-01', '2025-02-28'],
  ])('%s with fiscal start month %i is %s, %s to %s', (text, startMonth, name, start, end) => {
    expect(parseQuarter(text, startMonth)).toMatchObject({ name, start, end });
  });

  it.each(['2027-Q5', '2027-Q0', 'Q1-2027', '27-Q1', 'FY7-Q1', 'FY27', '2027', '', 'next quarter'])('rejects %j', (text) => {
    expect(parseQuarter(text, 2)).toBeUndefined();
  });
});

describe('quarterContaining', () => {
  it.each([
    // date, kind, fiscal start month, expected
    ['2026-12-31', 'calendar', 2, '2026-Q4'],
    ['2027-01-01', 'calendar', 2, '2027-Q1'],
    ['2026-11-16', 'calendar', 2, '2026-Q4'],
    ['2026-01-31', 'fiscal', 2, 'FY26-Q4'],
    ['2026-02-01', 'fiscal', 2, 'FY27-Q1'],
    ['2026-11-16', 'fiscal', 2, 'FY27-Q4'],
    ['2026-12-31', 'fiscal', 2, 'FY27-Q4'],
    ['2027-01-01', 'fiscal', 2, 'FY27-Q4'],
    ['2027-02-01', 'fiscal', 2, 'FY28-Q1'],
    ['2027-01-15', 'fiscal', 1, 'FY27-Q1'],
    ['2026-09-30', 'fiscal', 10, 'FY26-Q4'],
    ['2026-10-01', 'fiscal', 10, 'FY27-Q1'],
  ] as const)('%s is in %s quarter %s (fiscal year from month %i)', (date, kind, startMonth, expected) => {
    const quarter = quarterContaining(date, kind, startMonth);
    expect(quarter.name).toBe(expected);
    expect(date >= quarter.start && date <= quarter.end).toBe(true);
  });
});

describe('quarterLabel', () => {
  it.each([
    ['2027-Q1', '{yyyy}-q{q}', '2027-q1'],
    ['FY27-Q1', '{yyyy}-q{q}', '2027-q1'],
    ['FY27-Q1', 'FY{fy}::Q{q}', 'FY27::Q1'],
    ['2027-Q3', 'Q{q}-{yy}', 'Q3-27'],
  ])('%s with %s is %s', (text, pattern, label) => {
    expect(quarterLabel(parseQuarter(text, 2)!, pattern)).toBe(label);
  });

  it('names the unknown placeholder', () => {
    expect(() => quarterLabel(parseQuarter('2027-Q1', 2)!, '{year}-{q}')).toThrow(/labels\.quarter uses \{year\}/);
  });
});

describe('isQuarterLabel', () => {
  it.each([
    ['FY27::Q4', 'FY{fy}::Q{q}', true],
    ['FY27::Q5', 'FY{fy}::Q{q}', false],
    ['FY2027::Q4', 'FY{fy}::Q{q}', false],
    ['group::distribution', 'FY{fy}::Q{q}', false],
    ['2027-q1', '{yyyy}-q{q}', true],
    ['2027-q1-extra', '{yyyy}-q{q}', false],
    ['FY27.Q1', 'FY{fy}.Q{q}', true],
    ['FY27xQ1', 'FY{fy}.Q{q}', false],
  ])('%s made from %s: %s', (label, pattern, expected) => {
    expect(isQuarterLabel(label, pattern)).toBe(expected);
  });

  it('recognises every label quarterLabel makes', () => {
    const quarter = quarterContaining('2026-12-11', 'fiscal', 2);
    for (const pattern of ['FY{fy}::Q{q}', '{yyyy}-q{q}', 'quarter::{yy}Q{q}'])
      expect(isQuarterLabel(quarterLabel(quarter, pattern), pattern)).toBe(true);
  });
});

describe('quarterPatternProblem', () => {
  it.each([
    ['FY{fy}::Q{q}', null],
    ['{yyyy}-q{q}', null],
    ['FY{fy}', 'must contain {q} and a year ({yyyy}, {yy} or {fy}), e.g. "FY{fy}::Q{q}"'],
    ['Q{q}', 'must contain {q} and a year ({yyyy}, {yy} or {fy}), e.g. "FY{fy}::Q{q}"'],
    ['{team}-{yyyy}-q{q}', 'may use only {yyyy}, {yy}, {fy} and {q}, not {team}'],
    ['{yyyy},q{q}', 'must not contain a comma (GitLab separates labels with commas)'],
  ])('%s: %s', (pattern, problem) => {
    expect(quarterPatternProblem(pattern)).toBe(problem);
  });
});

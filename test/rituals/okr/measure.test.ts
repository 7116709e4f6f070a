import { describe, expect, it } from 'vitest';
import { formatTarget, parseMeasure, withUnit } from '../../../src/rituals/okr/measure.js';
import { m } from './fixtures.js';

describe('measures, targets and progress', () => {
  it.each<[unknown, ReturnType<typeof parseMeasure>]>([
    [45, { value: 45, percent: false, text: '45' }],
    ['12.5', { value: 12.5, percent: false, text: '12.5' }],
    ['40%', { value: 40, percent: true, text: '40%' }],
    [' -3 ', { value: -3, percent: false, text: '-3' }],
    ['forty', undefined],
    ['', undefined],
    [null, undefined],
    [Number.NaN, undefined],
  ])('parseMeasure(%j)', (raw, expected) => {
    expect(parseMeasure(raw)).toEqual(expected);
  });

  it.each([
    [m(95), m(45), 'minutes', 'from 95 to 45 minutes'],
    [m(40, true), m(85, true), '', 'from 40% to 85%'],
    [m(40), m(85), '%', 'from 40% to 85%'],
    [m(5), m(1), 'incidents a month', 'from 5 to 1 incident a month'],
  ])('formatTarget %#', (from, to, unit, text) => {
    expect(formatTarget(from, to, unit)).toBe(text);
  });

  it.each([
    [m(1), 'operating systems', '1 operating system'],
    [m(4), 'operating systems', '4 operating systems'],
    [m(1), 'retries a week', '1 retry a week'],
    [m(-1), 'patches per release', '-1 patch per release'],
    [m(1), 'boxes', '1 box'],
    [m(1), 'people', '1 person'],
    [m(1), 'status', '1 status'],
    [m(0), 'hours', '0 hours'],
    [m(1.5), 'hours', '1.5 hours'],
    [m(1, true), '', '1%'],
    [m(1), '%', '1%'],
  ])('withUnit(%j, %j) reads %j', (measure, unit, text) => {
    expect(withUnit(measure, unit)).toBe(text);
  });
});

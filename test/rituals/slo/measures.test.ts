import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseObjective } from '../../../src/rituals/slo/measures.js';

describe('SLO measures', () => {
  it.each([
    ['28d', 28 * 86_400],
    ['6h', 21_600],
    ['1h30m', 5_400],
    ['4w', 28 * 86_400],
    ['90s', 90],
  ])('reads the Prometheus duration %s', (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(['', '28', '1.5h', 'd', '0d', '28 days'])('refuses %j as a duration', (text) => expect(parseDuration(text)).toBeUndefined());

  it.each([
    ['99.9%', 0.999],
    [99.9, 0.999],
    ['99 %', 0.99],
    ['50%', 0.5],
  ])('reads the objective %j', (text, fraction) => expect(parseObjective(text)).toBeCloseTo(fraction, 12));

  it.each(['100%', '0%', 0.999, 'high', '-5%', '99,9%'])('refuses the objective %j', (value) =>
    expect(parseObjective(value)).toBeUndefined(),
  );

  it.each([
    [2_419.2, '40m 19s'],
    [19.2, '19s'],
    [6_048, '1h 40m'],
    [-3_720, '-1h 2m'],
    [172_800 + 300, '2d 5m'],
    [0, '0s'],
  ])('shows %d seconds as %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});

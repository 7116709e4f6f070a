import { describe, expect, it } from 'vitest';
import { missedLabelFor, missedMilestones } from '../../../src/rituals/milestone/missed-label.js';

describe('missed labels', () => {
  it.each([
    { pattern: 'missed:{milestone}', labels: ['bug', 'missed:16.3', 'missed:16.4'], expected: ['16.3', '16.4'] },
    { pattern: 'missed:{milestone}', labels: ['missed:', 'missed'], expected: [] },
    { pattern: 'slipped::{milestone}::rollover', labels: ['slipped::16.4::rollover', 'slipped::16.4'], expected: ['16.4'] },
    { pattern: '{milestone}-missed', labels: ['16.4-missed', 'Nov 2026-missed', 'missed'], expected: ['16.4', 'Nov 2026'] },
  ])('reads $expected from $labels with $pattern', ({ pattern, labels, expected }) => {
    expect(missedMilestones(labels, pattern)).toEqual(expected);
  });

  it('fills the pattern with the missed milestone', () => {
    expect(missedLabelFor('missed:{milestone}', '16.5')).toBe('missed:16.5');
  });
});

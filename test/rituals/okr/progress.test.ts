import { describe, expect, it } from 'vitest';
import { readKeyResultProgress, rewriteProgress, scoreOf, targetUnit } from '../../../src/rituals/okr/progress.js';

// One reader for `okr status` and the async updates: these cases used to get different answers
// from two copies (`Score: 70` read as 0.7 by one and 70 by the other; `Score: 0,7` as 0.7 and 0).

const none = { target: null, from: null, to: null, current: null, score: null };

describe('readKeyResultProgress', () => {
  it.each([
    { name: 'a bare number above 1 is a percentage', description: 'Score: 70', expected: { ...none, score: 0.7 } },
    { name: 'a decimal comma', description: 'Score: 0,7', expected: { ...none, score: 0.7 } },
    { name: 'a percentage', description: '**Current value:** 3\n**Score:** 70%', expected: { ...none, current: '3', score: 0.7 } },
    {
      name: 'the okr create template',
      description: '- **Target:** from 95 to 45 minutes\n- **Current:** 70 minutes\n- **Score:** 0.6',
      expected: { target: 'from 95 to 45 minutes', from: 95, to: 45, current: '70 minutes', score: 0.6 },
    },
    { name: 'plain, lower case', description: 'current: 3\nscore: 0.25', expected: { ...none, current: '3', score: 0.25 } },
    { name: 'a blockquote and a star list', description: '> * Score: 0.3', expected: { ...none, score: 0.3 } },
    {
      name: 'the last line wins',
      description: 'Score: 0.1\n\nUpdate:\nScore: 0.5\nCurrent: 4\nCurrent: 5',
      expected: { ...none, current: '5', score: 0.5 },
    },
    {
      name: 'no Score line: computed from Target and Current',
      description: 'Target: from 40% to 80%\nCurrent: 60%\nScore:',
      expected: { target: 'from 40% to 80%', from: 40, to: 80, current: '60%', score: 0.5 },
    },
    {
      name: 'an unreadable Score line: computed, with decimal commas',
      description: 'Target: from 0,5 to 1,5\nCurrent: 1,0\nScore: tbd',
      expected: { target: 'from 0,5 to 1,5', from: 0.5, to: 1.5, current: '1,0', score: 0.5 },
    },
    {
      name: 'computed, overshooting: clamped to 1',
      description: 'Target: from 95 to 45 minutes\nCurrent: 30 minutes',
      expected: { target: 'from 95 to 45 minutes', from: 95, to: 45, current: '30 minutes', score: 1 },
    },
    { name: 'a stated score out of range is no score', description: 'Score: 250', expected: none },
    { name: 'not a number', description: '**Score:** tbd', expected: none },
    { name: 'nothing to read', description: 'Ship it.', expected: none },
  ])('$name', ({ description, expected }) => {
    expect(readKeyResultProgress(description)).toEqual(expected);
  });
});

describe('scoreOf', () => {
  it.each([
    [95, 45, 70, 0.5],
    [40, 85, 40, 0],
    [40, 85, 100, 1],
    [30, 5, 35, 0],
    [1, 1, 1, 1],
    [0, 3, 1, 0.33],
  ])('scoreOf(%d → %d at %d) is %d', (from, to, current, score) => {
    expect(scoreOf(from, to, current)).toBe(score);
  });
});

describe('rewriteProgress', () => {
  it('replaces only the values of the last Current and Score lines, keeping their Markdown', () => {
    const description =
      'Why.\n\n- **Target:** from 95 to 45 minutes\n- **Current:** 95 minutes\n- **Score:** 0.0\n\nUpdate **Current** weekly.\n';
    expect(rewriteProgress(description, { current: '70 minutes', score: '0.5' })).toBe(
      'Why.\n\n- **Target:** from 95 to 45 minutes\n- **Current:** 70 minutes\n- **Score:** 0.5\n\nUpdate **Current** weekly.\n',
    );
    expect(rewriteProgress('Current: 1\n> Score:\ncurrent value: 2', { current: '3', score: '0.1' })).toBe(
      'Current: 1\n> Score: 0.1\ncurrent value: 3',
    );
  });

  it('adds the lines it does not find, and the reader reads back what it wrote', () => {
    const rewritten = rewriteProgress('Target: from 40% to 80%\n', { current: '60%', score: '0.5' });
    expect(rewritten).toBe('Target: from 40% to 80%\n- **Current:** 60%\n- **Score:** 0.5\n');
    expect(readKeyResultProgress(rewritten)).toEqual({ target: 'from 40% to 80%', from: 40, to: 80, current: '60%', score: 0.5 });
  });

  it('reads the unit of a Target line', () => {
    expect(targetUnit('from 95 to 45 minutes')).toBe('minutes');
    expect(targetUnit('from 40% to 80%')).toBe('%');
    expect(targetUnit('from 1 to 2')).toBe('');
    expect(targetUnit(null)).toBe('');
  });
});

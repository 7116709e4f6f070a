import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../../src/rituals/common/template-error.js';
import { fillPattern, labelPatternProblem, readPattern, readPatternAll } from '../../../src/rituals/common/pattern.js';

describe('label patterns', () => {
  it('reads back exactly what filling wrote', () => {
    for (const [pattern, name, value] of [
      ['missed:{milestone}', 'milestone', '18.6'],
      ['team:{team}', 'team', 'distribution'],
      ['{team} team', 'team', 'build'],
      ['slipped::{milestone}::again', 'milestone', 'Q4: hardening'],
    ] as const) {
      const label = fillPattern(pattern, { [name]: value }, 'labels');
      expect(readPattern(pattern, name, label)).toBe(value);
    }
  });

  it('reads nothing from labels the pattern did not make', () => {
    expect(readPattern('missed:{milestone}', 'milestone', 'missed:')).toBeNull();
    expect(readPattern('missed:{milestone}', 'milestone', 'team:x')).toBeNull();
    expect(readPattern('missed', 'milestone', 'missed')).toBeNull();
    expect(readPatternAll('missed:{milestone}', 'milestone', ['keep', 'missed:18.5', 'missed:18.6'])).toEqual(['18.5', '18.6']);
  });

  it('names an unknown placeholder when filling', () => {
    expect(() => fillPattern('{author}: week {weak}', { author: 'a', week: 'W1' }, 'updates.title')).toThrow(
      new TemplateError('updates.title uses {weak}, which is not one of {author}, {week}', 'updates.title'),
    );
  });

  it('checks a pattern that is read back', () => {
    expect(labelPatternProblem('missed:{milestone}', 'milestone')).toBeNull();
    expect(labelPatternProblem('missed', 'milestone')).toBe('must contain {milestone} exactly once, e.g. "missed:{milestone}"');
    expect(labelPatternProblem('{milestone}/{milestone}', 'milestone')).toMatch(/exactly once/);
    expect(labelPatternProblem('missed:{milestone}:{team}', 'milestone')).toBe('may use only {milestone}, not {team}');
    expect(labelPatternProblem('missed,{milestone}', 'milestone')).toBe('must not contain a comma (GitLab separates labels with commas)');
  });
});

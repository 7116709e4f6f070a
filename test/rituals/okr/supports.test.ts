import { describe, expect, it } from 'vitest';
import { supportedReferences, supports, withSupportsLine } from '../../../src/rituals/okr/supports.js';

describe('Supports: lines', () => {
  it('reads every reference on Supports lines, forgiving Markdown and case', () => {
    const text = 'Plan.\n\n- **Supports:** Distribution/Omnibus#12, distribution/okrs#3\nsupports: a/b#7\nNot this: c/d#1';
    expect(supportedReferences(text)).toEqual(['distribution/omnibus#12', 'distribution/okrs#3', 'a/b#7']);
    expect(supports(text, 'distribution/omnibus#12')).toBe(true);
    expect(supports(text, 'distribution/omnibus#1')).toBe(false);
    expect(supports(text, 'c/d#1')).toBe(false);
  });

  it('adds a line below the last Supports line, or after a blank line, and never twice', () => {
    expect(withSupportsLine('', 'a/b#1')).toBe('Supports: a/b#1\n');
    expect(withSupportsLine('Scope of 16.6.\n', 'a/b#1')).toBe('Scope of 16.6.\n\nSupports: a/b#1\n');
    expect(withSupportsLine('Supports: a/b#1\n\nNotes.', 'a/b#2')).toBe('Supports: a/b#1\nSupports: a/b#2\n\nNotes.\n');
    expect(withSupportsLine('Supports: a/b#1\n', 'A/B#1')).toBe('Supports: a/b#1\n');
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeZodIssues, keyPath } from '../../src/config/zod-issues.js';

describe('zod issues', () => {
  const schema = z.object({ teams: z.array(z.object({ name: z.string() }).strict()) }).strict();
  const issues = (value: unknown) => schema.safeParse(value).error!.issues;

  it('names each key as people write it, and unknown keys by name', () => {
    expect(describeZodIssues(issues({ teams: [{ name: 1, size: 2 }], owner: 'me' })).sort()).toEqual(
      ['teams[0]: unknown key "size"', 'teams[0].name: expected text, got a number', 'unknown key "owner"'].sort(),
    );
  });

  it('lets a file name the place its own way', () => {
    expect(describeZodIssues(issues({ teams: 'x' }), () => 'the team list')).toEqual(['the team list: expected a list, got text']);
    expect(keyPath([])).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { proseOf } from '../../../src/rituals/updates/markdown.js';

describe('proseOf', () => {
  it('reads each paragraph as written and as it stands in the source, with comments cut out', () => {
    expect(proseOf('Intro <!-- hint --> text.\n\n> - quoted **item**\n>   continues\n\n```\ncode\n```')).toEqual([
      { lines: ['Intro  text.'], sourceLines: ['Intro  text.'], quoted: false },
      { lines: ['quoted **item**', '>   continues'], sourceLines: ['> - quoted **item**', '>   continues'], quoted: true },
    ]);
  });

  it('finds no prose in headings, code, HTML or thematic breaks', () => {
    expect(proseOf('# Title\n\n    code\n\n<div>\nhtml\n</div>\n\n---\n\nSetext\n---')).toEqual([]);
  });
});

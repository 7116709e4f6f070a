import { describe, expect, it } from 'vitest';
import { replaceHighlightsSection } from '../../../src/rituals/updates/director-update.js';

const SECTION = '## Highlights & Accomplishments\n\n- new\n';

describe('replaceHighlightsSection', () => {
  it('replaces the section up to the next heading of its level, keeping subsections out of the rest', () => {
    const description = 'Intro.\n\n## Highlights & Accomplishments\n\n### build\n\n- old\n\n## Risks\n\nMine.\n';
    expect(replaceHighlightsSection(description, SECTION)).toBe(
      'Intro.\n\n## Highlights & Accomplishments\n\n- new\n\n## Risks\n\nMine.\n',
    );
  });

  it('finds the heading in any case and level, and ignores one inside a code block', () => {
    const description = '```\n## Highlights & Accomplishments\n```\n\n# highlights and accomplishments\n\nold\n';
    expect(replaceHighlightsSection(description, SECTION)).toBe(
      '```\n## Highlights & Accomplishments\n```\n\n## Highlights & Accomplishments\n\n- new\n',
    );
  });

  it('appends the section when the description has none', () => {
    expect(replaceHighlightsSection('Written by the director.', SECTION)).toBe(`Written by the director.\n\n${SECTION}`);
    expect(replaceHighlightsSection('', SECTION)).toBe(SECTION);
  });
});

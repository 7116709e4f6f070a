import { describe, expect, it } from 'vitest';
import { collectHighlights, extractHighlights, renderHighlights } from '../../../src/rituals/updates/highlights.js';
import { update, week } from './fixtures.js';

describe('extractHighlights', () => {
  it.each([
    {
      name: 'a paragraph that begins with HIGHLIGHT:',
      markdown: 'Intro.\n\nHIGHLIGHT: we shipped the arm64 packages.\n\nMore.',
      expected: ['we shipped the arm64 packages.'],
    },
    {
      name: 'a multi-line paragraph, joined',
      markdown: 'HIGHLIGHT: first line\ncontinues here.',
      expected: ['first line continues here.'],
    },
    { name: 'bold marker', markdown: '**HIGHLIGHT:** bold one\n\n**HIGHLIGHT**: other bold', expected: ['bold one', 'other bold'] },
    {
      name: 'list items, flat and nested',
      markdown: '- HIGHLIGHT: item one\n- plain\n    - HIGHLIGHT: nested item\n1. HIGHLIGHT: numbered',
      expected: ['item one', 'nested item', 'numbered'],
    },
    {
      name: 'mid-paragraph HIGHLIGHT: is prose',
      markdown: 'We did things.\nHIGHLIGHT: not a paragraph start.\n\nAlso HIGHLIGHT: inline.',
      expected: [],
    },
    {
      name: 'fenced code blocks are ignored',
      markdown: '```\nHIGHLIGHT: in code\n```\n\n~~~~md\nHIGHLIGHT: tilde code\n```\nstill code\n~~~~\nHIGHLIGHT: after the fence',
      expected: ['after the fence'],
    },
    { name: 'indented code blocks are ignored', markdown: 'Text.\n\n    HIGHLIGHT: indented code\n\n\tHIGHLIGHT: tab code', expected: [] },
    {
      name: 'a fenced block inside a list item is ignored',
      markdown: '- item\n\n    ```\n    HIGHLIGHT: code in item\n    ```\n\n  HIGHLIGHT: a second paragraph of the item',
      expected: ['a second paragraph of the item'],
    },
    { name: 'lower-case highlight is prose', markdown: 'Highlight: not the marker\n\nhighlight: neither', expected: [] },
    {
      name: 'HTML comments are ignored',
      markdown: '<!-- HIGHLIGHT: a template hint -->\n<!--\nHIGHLIGHT: multi-line hint\n-->\nHIGHLIGHT: real one',
      expected: ['real one'],
    },
    { name: 'block quotes are ignored', markdown: '> HIGHLIGHT: quoted from someone else', expected: [] },
    { name: 'headings are not paragraphs', markdown: '## HIGHLIGHT: a heading\n\nHIGHLIGHT: setext heading\n---', expected: [] },
    { name: 'an empty highlight is dropped', markdown: 'HIGHLIGHT:\n\nHIGHLIGHT:   ', expected: [] },
    { name: 'Windows line endings', markdown: 'HIGHLIGHT: one\r\ntwo\r\n\r\nHIGHLIGHT: three', expected: ['one two', 'three'] },
    { name: 'up to three spaces of indentation is still a paragraph', markdown: '   HIGHLIGHT: three spaces', expected: ['three spaces'] },
    // CommonMark's reading, where the old line scanner differed: the item's text starts on the next line.
    { name: 'a list item that opens with a blank line', markdown: '-\n  HIGHLIGHT: on the next line', expected: ['on the next line'] },
  ])('$name', ({ markdown, expected }) => {
    expect(extractHighlights(markdown)).toEqual(expected);
  });
});

describe('collectHighlights', () => {
  const request = { period: week, timeZone: 'Europe/Amsterdam', teamLabel: 'team:{team}' };

  it('collects from descriptions and comments, keeps the period in the team zone, and groups by team', () => {
    const highlights = collectHighlights(
      [
        update({ iid: 1, description: 'HIGHLIGHT: no team', createdAt: '2026-11-12T10:00:00Z' }),
        update({
          iid: 2,
          labels: ['OpsSection::AsyncUpdate', 'team:omnibus'],
          description: 'HIGHLIGHT: omnibus one',
          notes: [
            { id: 50, body: 'HIGHLIGHT: from a comment', author: 'bruno.silva', createdAt: '2026-11-14T10:00:00Z', system: false },
            { id: 51, body: 'HIGHLIGHT: system notes never count', author: 'root', createdAt: '2026-11-14T10:00:00Z', system: true },
          ],
        }),
        update({ iid: 3, labels: ['team:build'], description: 'HIGHLIGHT: build one', createdAt: '2026-11-09T23:30:00Z' }),
        update({ iid: 4, description: 'HIGHLIGHT: too late', createdAt: '2026-11-16T23:30:00Z' }),
        update({ iid: 5, description: 'HIGHLIGHT: too early', createdAt: '2026-11-09T22:59:00Z' }),
      ],
      request,
    );
    expect(highlights.map((h) => [h.team, h.author, h.text, h.source, h.url])).toEqual([
      ['build', 'grace.hopper', 'build one', 'description', 'https://gitlab.example.com/d/t/-/issues/3'],
      ['omnibus', 'grace.hopper', 'omnibus one', 'description', 'https://gitlab.example.com/d/t/-/issues/2'],
      ['omnibus', 'bruno.silva', 'from a comment', 'comment', 'https://gitlab.example.com/d/t/-/issues/2#note_50'],
      [null, 'grace.hopper', 'no team', 'description', 'https://gitlab.example.com/d/t/-/issues/1'],
    ]);
    expect(renderHighlights(highlights, week)).toBe(
      [
        '## Highlights & Accomplishments',
        '',
        '### build',
        '',
        '- build one (@grace.hopper, [d/t#3](https://gitlab.example.com/d/t/-/issues/3))',
        '',
        '### omnibus',
        '',
        '- omnibus one (@grace.hopper, [d/t#2](https://gitlab.example.com/d/t/-/issues/2))',
        '- from a comment (@bruno.silva, [d/t#2](https://gitlab.example.com/d/t/-/issues/2#note_50))',
        '',
        '### Other',
        '',
        '- no team (@grace.hopper, [d/t#1](https://gitlab.example.com/d/t/-/issues/1))',
        '',
      ].join('\n'),
    );
  });

  it('lists without team headings when no update has a team label', () => {
    const highlights = collectHighlights([update({ iid: 1, description: 'HIGHLIGHT: one' })], request);
    expect(renderHighlights(highlights, week)).toBe(
      '## Highlights & Accomplishments\n\n- one (@grace.hopper, [d/t#1](https://gitlab.example.com/d/t/-/issues/1))\n',
    );
  });

  it('says so when there is nothing', () => {
    expect(renderHighlights([], week)).toContain('_No highlights in the async updates from 2026-11-10 to 2026-11-16._');
  });

  it('skips a summary issue that carries the update label', () => {
    const summary = update({ iid: 9, description: 'HIGHLIGHT: quoted', key: 'async-update-summary/2026-11-10/2026-11-16' });
    expect(collectHighlights([summary], request)).toEqual([]);
  });
});

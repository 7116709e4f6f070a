import { describe, expect, it } from 'vitest';
import type { ExistingIssue, UpdateIssue } from '../../../src/rituals/updates/model.js';
import {
  checkUpdateSummary,
  excerptOf,
  planUpdateSummary,
  summariseUpdates,
  type SummaryRequest,
} from '../../../src/rituals/updates/summary.js';
import { update, week } from './fixtures.js';

describe('summaries', () => {
  it.each([
    {
      name: 'skips headings, comments and code',
      description: '## Highlights\n<!-- hint -->\n```\ncode\n```\nFirst.\n\n- second\nthird\nfourth',
      expected: ['First.', '- second', 'third'],
    },
    { name: 'cuts long lines', description: 'x'.repeat(300), expected: [`${'x'.repeat(199)}…`] },
    { name: 'an empty update', description: '', expected: [] },
  ])('excerpt $name', ({ description, expected }) => {
    expect(excerptOf(description)).toEqual(expected);
  });

  // Excerpts and highlights are read by one CommonMark parser; where the old excerpt scanner took code,
  // HTML or a heading for prose (and the highlight scanner did not), CommonMark decides.
  it.each([
    { name: 'a setext heading is a heading', description: 'Title\n=====\n\nBody', expected: ['Body'] },
    { name: 'an indented code block is code', description: 'Text.\n\n    indented code\n\nafter', expected: ['Text.', 'after'] },
    { name: 'a fence closes only with its own kind', description: '~~~\n```\ncode\n~~~\nprose', expected: ['prose'] },
    { name: 'code inside a list item is code', description: '- item\n\n      code in the item', expected: ['- item'] },
    { name: 'HTML blocks are not prose', description: '<details>\n<summary>More</summary>\n\nInside\n</details>', expected: ['Inside'] },
    { name: 'quotes and list items keep their markers', description: '> quoted\n\n1. first', expected: ['> quoted', '1. first'] },
  ])('excerpt: $name', ({ description, expected }) => {
    expect(excerptOf(description)).toEqual(expected);
  });

  const issues = [
    update({ iid: 2, author: 'grace.hopper', description: 'Week went well.' }),
    update({ iid: 1, author: 'director.lee', description: 'Director notes.', createdAt: '2026-11-10T08:00:00Z' }),
    update({ iid: 3, author: 'amara.okafor', createdAt: '2026-11-02T08:00:00Z' }),
  ];
  const updates = summariseUpdates(issues, week, 'Europe/Amsterdam');

  it("lists the period's updates by author", () => {
    expect(updates).toEqual([
      {
        author: 'director.lee',
        title: 'Update 1',
        reference: 'd/t#1',
        url: 'https://gitlab.example.com/d/t/-/issues/1',
        createdOn: '2026-11-10',
        excerpt: ['Director notes.'],
        awaitingFeedback: true,
      },
      {
        author: 'grace.hopper',
        title: 'Update 2',
        reference: 'd/t#2',
        url: 'https://gitlab.example.com/d/t/-/issues/2',
        createdOn: '2026-11-13',
        excerpt: ['Week went well.'],
        awaitingFeedback: true,
      },
    ]);
  });

  const request: SummaryRequest = {
    scope: { kind: 'group', ref: 'distribution' },
    target: 'distribution/team-tasks',
    timeZone: 'Europe/Amsterdam',
    weekStartsOn: 'monday',
    updateLabels: ['OpsSection::AsyncUpdate'],
    titlePattern: 'Async updates: week of {week_start}',
    labels: [],
    authors: {},
    reviewers: [],
  };
  const planned = (state: { issues: UpdateIssue[]; existing: ExistingIssue | null }) => {
    const checked = checkUpdateSummary([], request, week);
    if (!checked.ok) throw new Error(checked.problems.join('\n'));
    const { plan } = planUpdateSummary({ summary: checked.value, members: new Map(), ...state }, request, '2026-11-16');
    if (!plan) throw new Error('no plan under --create');
    return plan;
  };

  it('plans one summary issue per period', () => {
    const plan = planned({ issues, existing: null });
    expect(plan.actions).toHaveLength(1);
    expect(plan.actions[0]).toMatchObject({
      kind: 'create-issue',
      key: 'async-update-summary/2026-11-10/2026-11-16',
      issue: { title: 'Async updates: week of 2026-11-09' },
    });
    const description = plan.actions[0]?.kind === 'create-issue' ? plan.actions[0].issue.description : '';
    expect(description).toBe(
      [
        'Async updates from 2026-11-10 to 2026-11-16: 2 updates.',
        '',
        '- @director.lee: [Update 1](https://gitlab.example.com/d/t/-/issues/1) (2026-11-10)',
        '  > Director notes.',
        '- @grace.hopper: [Update 2](https://gitlab.example.com/d/t/-/issues/2) (2026-11-13)',
        '  > Week went well.',
        '',
        '## Awaiting feedback',
        '',
        '- @director.lee: [Update 1](https://gitlab.example.com/d/t/-/issues/1)',
        '- @grace.hopper: [Update 2](https://gitlab.example.com/d/t/-/issues/2)',
        '',
      ].join('\n'),
    );
  });

  it('changes nothing when the summary exists', () => {
    const plan = planned({ issues, existing: { title: 'S', reference: 'd/t#5', webUrl: 'https://x/5' } });
    expect(plan.actions).toEqual([]);
    expect(plan.unchanged[0]?.url).toBe('https://x/5');
  });

  it('warns when there is nothing to summarise', () => {
    expect(planned({ issues: [], existing: null }).warnings).toEqual(['no async updates were written between 2026-11-10 and 2026-11-16']);
  });
});

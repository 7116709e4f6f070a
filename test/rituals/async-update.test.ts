import { describe, expect, it } from 'vitest';
import {
  asyncUpdateKey,
  collectHighlights,
  excerptOf,
  extractHighlights,
  periodKindOf,
  periodValues,
  planAsyncUpdate,
  planUpdateSummary,
  renderAsyncUpdate,
  renderHighlights,
  summariseUpdates,
  updatePeriod,
  updateTitle,
  updateTemplateProblems,
  updateVariables,
  type UpdateContext,
  type UpdateIssue,
  type UpdatePeriod,
  type WorkIssue,
} from '../../src/rituals/async-update.js';

const week: UpdatePeriod = { kind: 'week', since: '2026-11-10', until: '2026-11-16' };

describe('updatePeriod', () => {
  it.each([
    { name: 'a week ends today by default', request: { kind: 'week' as const }, today: '2026-11-16', since: '2026-11-10', until: '2026-11-16' },
    { name: 'a month ends today by default', request: { kind: 'month' as const }, today: '2026-11-16', since: '2026-10-17', until: '2026-11-16' },
    { name: 'a month from the 31st clamps to the shorter month', request: { kind: 'month' as const }, today: '2026-03-31', since: '2026-03-01', until: '2026-03-31' },
    { name: 'a month across new year', request: { kind: 'month' as const }, today: '2027-01-05', since: '2026-12-06', until: '2027-01-05' },
    { name: '--until moves the end', request: { kind: 'week' as const, until: '2026-11-13' }, today: '2026-11-16', since: '2026-11-07', until: '2026-11-13' },
    { name: 'a lone --since runs to today', request: { kind: 'week' as const, since: '2026-11-01' }, today: '2026-11-16', since: '2026-11-01', until: '2026-11-16' },
    { name: 'both ends given', request: { kind: 'month' as const, since: '2026-10-01', until: '2026-10-31' }, today: '2026-11-16', since: '2026-10-01', until: '2026-10-31' },
  ])('$name', ({ request, today, since, until }) => {
    expect(updatePeriod(request, today)).toEqual({ kind: request.kind, since, until });
  });

  it.each([
    ['em-weekly', {}, 'week'],
    ['sem-monthly', {}, 'month'],
    ['Milestone-Review-Monthly', {}, 'month'],
    ['milestone-review', { 'milestone-review': 'month' as const }, 'month'],
    ['sem-monthly', { 'sem-monthly': 'week' as const }, 'week'],
  ])('template %s with %o is %s', (name, configured, kind) => {
    expect(periodKindOf(name, configured)).toBe(kind);
  });

  it.each([
    { name: 'Tuesday to Monday belongs to the week it mostly covers', period: week, weekStart: '2026-11-09', label: '2026-W46' },
    { name: 'Saturday to Friday belongs to the later week', period: { kind: 'week' as const, since: '2026-11-14', until: '2026-11-20' }, weekStart: '2026-11-16', label: '2026-W47' },
    { name: 'Monday to Sunday is its own week', period: { kind: 'week' as const, since: '2026-11-16', until: '2026-11-22' }, weekStart: '2026-11-16', label: '2026-W47' },
  ])('$name', ({ period, weekStart, label }) => {
    expect(periodValues(period)).toMatchObject({ week_start: weekStart, week: label, days: 7 });
  });
});

describe('extractHighlights', () => {
  it.each([
    { name: 'a paragraph that begins with HIGHLIGHT:', markdown: 'Intro.\n\nHIGHLIGHT: we shipped the arm64 packages.\n\nMore.', expected: ['we shipped the arm64 packages.'] },
    { name: 'a multi-line paragraph, joined', markdown: 'HIGHLIGHT: first line\ncontinues here.', expected: ['first line continues here.'] },
    { name: 'bold marker', markdown: '**HIGHLIGHT:** bold one\n\n**HIGHLIGHT**: other bold', expected: ['bold one', 'other bold'] },
    { name: 'list items, flat and nested', markdown: '- HIGHLIGHT: item one\n- plain\n    - HIGHLIGHT: nested item\n1. HIGHLIGHT: numbered', expected: ['item one', 'nested item', 'numbered'] },
    { name: 'mid-paragraph HIGHLIGHT: is prose', markdown: 'We did things.\nHIGHLIGHT: not a paragraph start.\n\nAlso HIGHLIGHT: inline.', expected: [] },
    { name: 'fenced code blocks are ignored', markdown: '```\nHIGHLIGHT: in code\n```\n\n~~~~md\nHIGHLIGHT: tilde code\n```\nstill code\n~~~~\nHIGHLIGHT: after the fence', expected: ['after the fence'] },
    { name: 'indented code blocks are ignored', markdown: 'Text.\n\n    HIGHLIGHT: indented code\n\n\tHIGHLIGHT: tab code', expected: [] },
    { name: 'a fenced block inside a list item is ignored', markdown: '- item\n\n    ```\n    HIGHLIGHT: code in item\n    ```\n\n  HIGHLIGHT: a second paragraph of the item', expected: ['a second paragraph of the item'] },
    { name: 'lower-case highlight is prose', markdown: 'Highlight: not the marker\n\nhighlight: neither', expected: [] },
    { name: 'HTML comments are ignored', markdown: '<!-- HIGHLIGHT: a template hint -->\n<!--\nHIGHLIGHT: multi-line hint\n-->\nHIGHLIGHT: real one', expected: ['real one'] },
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

const issue = (fields: Partial<WorkIssue> & Pick<WorkIssue, 'iid'>): WorkIssue => ({
  title: `Issue ${fields.iid}`,
  description: '',
  state: 'opened',
  labels: [],
  assignees: [],
  author: 'amara.okafor',
  milestone: null,
  webUrl: `https://gitlab.example.com/d/o/-/issues/${fields.iid}`,
  reference: `d/o#${fields.iid}`,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-12T10:00:00Z',
  closedAt: null,
  ...fields,
});

const context: UpdateContext = {
  templateName: 'em-weekly',
  author: { username: 'grace.hopper', name: 'Grace Hopper' },
  scope: 'distribution',
  period: week,
  timeZone: 'Europe/Amsterdam',
  quarter: '2026-q4',
  missedLabel: 'missed:{milestone}',
  teamLabel: 'team:{team}',
};

describe('updateVariables', () => {
  const data = {
    issues: [
      issue({ iid: 1, state: 'closed', closedAt: '2026-11-12T10:00:00Z', labels: ['type::feature'] }),
      // 23:30 UTC on the 9th is already the 10th in Amsterdam: inside the period.
      issue({ iid: 2, state: 'closed', closedAt: '2026-11-09T23:30:00Z', updatedAt: '2026-11-09T23:30:00Z' }),
      // 23:30 UTC on the 16th is the 17th in Amsterdam: after the period.
      issue({ iid: 3, state: 'closed', closedAt: '2026-11-16T23:30:00Z', updatedAt: '2026-11-16T23:30:00Z' }),
      issue({ iid: 4, assignees: ['bruno.silva'] }),
      issue({ iid: 5 }),
      issue({ iid: 6, assignees: ['chen.wei'], labels: ['missed:16.5'] }),
      issue({ iid: 7, assignees: ['chen.wei'], updatedAt: '2026-11-02T10:00:00Z' }),
    ],
    mergeRequests: [
      { title: 'Merged', state: 'merged', labels: ['type::maintenance'], author: 'dana.kowalski', milestone: { title: '16.6' }, webUrl: 'u1', reference: 'd/o!1', mergedAt: '2026-11-11T08:00:00Z' },
      { title: 'Merged earlier', state: 'merged', labels: [], author: 'dana.kowalski', milestone: null, webUrl: 'u2', reference: 'd/o!2', mergedAt: '2026-11-01T08:00:00Z' },
      { title: 'Open', state: 'opened', labels: [], author: 'dana.kowalski', milestone: null, webUrl: 'u3', reference: 'd/o!3', mergedAt: null },
    ],
    keyResults: [issue({ iid: 9, title: 'KR: ship arm64', description: '**Current:** 3 of 5\n**Score:** 0.6' }), issue({ iid: 8, title: 'KR: no score' })],
  };

  it('sorts the period into closed, merged, in progress and slipped, by the team zone', () => {
    const variables = updateVariables(data, context);
    expect(variables.issues_closed.map((i) => i.reference)).toEqual(['d/o#1', 'd/o#2']);
    expect(variables.issues_closed[1]?.closed_on).toBe('2026-11-10');
    expect(variables.merge_requests_merged.map((m) => m.reference)).toEqual(['d/o!1']);
    expect(variables.issues_in_progress.map((i) => i.reference)).toEqual(['d/o#4', 'd/o#6']);
    expect(variables.issues_slipped.map((i) => [i.reference, i.missed])).toEqual([['d/o#6', ['16.5']]]);
    expect(variables.key_results.map((k) => [k.reference, k.score_text, k.current])).toEqual([
      ['d/o#8', 'n/a', null],
      ['d/o#9', '0.6', '3 of 5'],
    ]);
    expect(variables.allocation).toEqual([
      { type: 'feature', issues: 1, merge_requests: 0, total: 1, percent: 33 },
      { type: 'maintenance', issues: 0, merge_requests: 1, total: 1, percent: 33 },
      { type: 'undefined', issues: 1, merge_requests: 0, total: 1, percent: 33 },
    ]);
    expect(variables.period).toMatchObject({ since: '2026-11-10', until: '2026-11-16', week_start: '2026-11-09' });
  });

  it('renders a template with the variables', () => {
    const body = renderAsyncUpdate(
      'Closed: {% for i in issues_closed %}{{ i.reference }} {% endfor %}\nKRs: {% for kr in key_results %}{{ kr.title }}={{ kr.score_text }};{% endfor %}',
      data,
      context,
    );
    expect(body).toBe('Closed: d/o#1 d/o#2 \nKRs: KR: no score=n/a;KR: ship arm64=0.6;\n');
  });
});

describe('updateTemplateProblems', () => {
  const check = (template: string) => updateTemplateProblems(template, { ...context, templateName: 'mine' });

  it.each([
    { name: 'an unknown top-level variable, even in an untaken branch', template: '{% if false %}{{ velocity }}{% endif %}', message: /^template "mine" uses \{\{ velocity \}\}, which teamops does not provide \(available: allocation, author, / },
    { name: 'an unknown field inside a loop', template: '{% for issue in issues_closed %}{{ issue.colour }}{% endfor %}', message: /^template "mine" uses \{\{ issue.colour \}\}/ },
    { name: 'an unknown filter', template: '{{ scope | shout }}', message: /unknown filter "shout"/ },
    { name: 'a syntax error', template: '{% if scope %}unclosed', message: /^template "mine" cannot be rendered/ },
  ])('finds $name', ({ template, message }) => {
    expect(check(template)).toEqual([expect.stringMatching(message)]);
  });

  it('accepts every variable teamops documents', () => {
    expect(
      check(
        '{{ author.name }} {{ template }} {{ scope }} {{ period.label }} {{ quarter }} {{ issues_closed.size }} {{ merge_requests_merged.size }} {{ issues_in_progress.size }} {{ issues_slipped.size }} {{ key_results.size }} {{ allocation.size }}',
      ),
    ).toEqual([]);
  });
});

describe('planAsyncUpdate', () => {
  const request = {
    project: 'distribution/team-tasks',
    templateName: 'em-weekly',
    author: { username: 'grace.hopper', id: 7 },
    period: week,
    titlePattern: '{author}: weekly update, week of {week_start}',
    labels: ['OpsSection::AsyncUpdate'],
  };

  it('creates the update, assigned to its author, with a stable key', () => {
    const plan = planAsyncUpdate({ existing: null, body: 'Body\n' }, request, '2026-11-16');
    expect(plan.actions).toEqual([
      {
        kind: 'create-issue',
        key: 'async-update/grace.hopper/em-weekly/2026-11-10/2026-11-16',
        summary: 'create "grace.hopper: weekly update, week of 2026-11-09" in distribution/team-tasks, assigned to @grace.hopper',
        project: 'distribution/team-tasks',
        issue: { title: 'grace.hopper: weekly update, week of 2026-11-09', description: 'Body\n', labels: ['OpsSection::AsyncUpdate'], assigneeIds: [7] },
      },
    ]);
  });

  it('changes nothing when the update exists', () => {
    const plan = planAsyncUpdate({ existing: { title: 'T', reference: 'd/t#3', webUrl: 'https://x/3' }, body: 'Body' }, request, '2026-11-16');
    expect(plan.actions).toEqual([]);
    expect(plan.unchanged).toEqual([
      { key: 'async-update/grace.hopper/em-weekly/2026-11-10/2026-11-16', summary: expect.stringContaining('exists: d/t#3') as string, url: 'https://x/3' },
    ]);
  });

  it.each([
    ['Milestone Review', 'async-update/grace.hopper/Milestone-Review/2026-11-10/2026-11-16'],
    ['em-weekly', 'async-update/grace.hopper/em-weekly/2026-11-10/2026-11-16'],
  ])('keys template %s as %s', (name, key) => {
    expect(asyncUpdateKey('grace.hopper', name, week)).toBe(key);
  });

  it('rejects a title placeholder it does not know', () => {
    expect(() => updateTitle('{author} {sprint}', 'a', 'em-weekly', week)).toThrow(/updates.title uses \{sprint\}/);
  });
});

const update = (fields: Partial<UpdateIssue> & Pick<UpdateIssue, 'iid'>): UpdateIssue => ({
  title: `Update ${fields.iid}`,
  description: '',
  author: 'grace.hopper',
  labels: ['OpsSection::AsyncUpdate'],
  webUrl: `https://gitlab.example.com/d/t/-/issues/${fields.iid}`,
  reference: `d/t#${fields.iid}`,
  createdAt: '2026-11-13T10:00:00Z',
  ...fields,
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
    expect(renderHighlights(highlights, week)).toBe('## Highlights & Accomplishments\n\n- one (@grace.hopper, [d/t#1](https://gitlab.example.com/d/t/-/issues/1))\n');
  });

  it('says so when there is nothing', () => {
    expect(renderHighlights([], week)).toContain('_No highlights in the async updates from 2026-11-10 to 2026-11-16._');
  });

  it('skips a summary issue that carries the update label', () => {
    const summary = update({ iid: 9, description: 'HIGHLIGHT: quoted\n\n<!-- teamops:key=async-update-summary/2026-11-10/2026-11-16 -->' });
    expect(collectHighlights([summary], request)).toEqual([]);
  });
});

describe('summaries', () => {
  it.each([
    { name: 'skips headings, comments and code', description: '## Highlights\n<!-- hint -->\n```\ncode\n```\nFirst.\n\n- second\nthird\nfourth', expected: ['First.', '- second', 'third'] },
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

  const updates = summariseUpdates(
    [
      update({ iid: 2, author: 'grace.hopper', description: 'Week went well.' }),
      update({ iid: 1, author: 'director.lee', description: 'Director notes.', createdAt: '2026-11-10T08:00:00Z' }),
      update({ iid: 3, author: 'amara.okafor', createdAt: '2026-11-02T08:00:00Z' }),
    ],
    week,
    'Europe/Amsterdam',
  );

  it('lists the period\'s updates by author', () => {
    expect(updates).toEqual([
      { author: 'director.lee', title: 'Update 1', reference: 'd/t#1', url: 'https://gitlab.example.com/d/t/-/issues/1', createdOn: '2026-11-10', excerpt: ['Director notes.'] },
      { author: 'grace.hopper', title: 'Update 2', reference: 'd/t#2', url: 'https://gitlab.example.com/d/t/-/issues/2', createdOn: '2026-11-13', excerpt: ['Week went well.'] },
    ]);
  });

  const request = { project: 'distribution/team-tasks', period: week, titlePattern: 'Async updates: week of {week_start}', labels: [] };

  it('plans one summary issue per period', () => {
    const plan = planUpdateSummary({ updates, existing: null }, request, '2026-11-16');
    expect(plan.actions).toHaveLength(1);
    expect(plan.actions[0]).toMatchObject({ kind: 'create-issue', key: 'async-update-summary/2026-11-10/2026-11-16', issue: { title: 'Async updates: week of 2026-11-09' } });
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
      ].join('\n'),
    );
  });

  it('changes nothing when the summary exists', () => {
    const plan = planUpdateSummary({ updates, existing: { title: 'S', reference: 'd/t#5', webUrl: 'https://x/5' } }, request, '2026-11-16');
    expect(plan.actions).toEqual([]);
    expect(plan.unchanged[0]?.url).toBe('https://x/5');
  });

  it('warns when there is nothing to summarise', () => {
    expect(planUpdateSummary({ updates: [], existing: null }, request, '2026-11-16').warnings).toEqual(['no async updates were written between 2026-11-10 and 2026-11-16']);
  });
});

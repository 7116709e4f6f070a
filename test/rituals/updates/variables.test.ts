import { describe, expect, it } from 'vitest';
import { renderAsyncUpdate, updateTemplateProblems, updateVariables } from '../../../src/rituals/updates/variables.js';
import { context, issue } from './fixtures.js';

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
      {
        title: 'Merged',
        state: 'merged',
        labels: ['type::maintenance'],
        author: 'dana.kowalski',
        milestone: { title: '16.6' },
        webUrl: 'u1',
        reference: 'd/o!1',
        mergedAt: '2026-11-11T08:00:00Z',
      },
      {
        title: 'Merged earlier',
        state: 'merged',
        labels: [],
        author: 'dana.kowalski',
        milestone: null,
        webUrl: 'u2',
        reference: 'd/o!2',
        mergedAt: '2026-11-01T08:00:00Z',
      },
      {
        title: 'Open',
        state: 'opened',
        labels: [],
        author: 'dana.kowalski',
        milestone: null,
        webUrl: 'u3',
        reference: 'd/o!3',
        mergedAt: null,
      },
    ],
    keyResults: [
      issue({ iid: 9, title: 'KR: ship arm64', description: '**Current:** 3 of 5\n**Score:** 0.6' }),
      issue({ iid: 8, title: 'KR: no score' }),
    ],
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
      updateVariables(data, context),
      context.templateName,
    );
    expect(body).toBe('Closed: d/o#1 d/o#2 \nKRs: KR: no score=n/a;KR: ship arm64=0.6;\n');
  });
});

describe('updateTemplateProblems', () => {
  const check = (template: string) => updateTemplateProblems(template, { ...context, templateName: 'mine' });

  it.each([
    {
      name: 'an unknown top-level variable, even in an untaken branch',
      template: '{% if false %}{{ velocity }}{% endif %}',
      message: /^template "mine" uses \{\{ velocity \}\}, which teamops does not provide \(available: allocation, author, /,
    },
    {
      name: 'an unknown field inside a loop',
      template: '{% for issue in issues_closed %}{{ issue.colour }}{% endfor %}',
      message: /^template "mine" uses \{\{ issue.colour \}\}/,
    },
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

import { describe, expect, it } from 'vitest';
import { awaitsFeedback, expectedAuthors, postedUpdate, updateAuthor } from '../../../src/rituals/updates/authors.js';
import { update, week } from './fixtures.js';

const members = new Map([
  [
    'ops',
    [
      { username: 'grace', accessLevel: 40, jobTitle: 'Engineering Manager, Build' },
      { username: 'bruno', accessLevel: 30, jobTitle: 'Backend Engineer' },
      { username: 'Lee', accessLevel: 50, jobTitle: 'Senior Engineering Manager' },
    ],
  ],
]);

describe('update authors', () => {
  it.each([
    [[{ group: 'ops', role: 'maintainer' as const }], ['grace']],
    [[{ group: 'ops' }], ['bruno', 'grace', 'Lee']],
    [
      ['zoe', { group: 'ops', role: 'owner' as const }, 'lee'],
      ['lee', 'zoe'],
    ],
    [[{ group: 'elsewhere' }], []],
    [[{ group: 'ops', job_title: 'ENGINEERING MANAGER' }], ['grace', 'Lee']],
    [[{ group: 'ops', role: 'owner' as const, job_title: 'engineering manager' }], ['Lee']],
    [[{ group: 'ops', job_title: 'Director' }], []],
  ])('%j expects %j', (sources, expected) => {
    expect(expectedAuthors(sources, members)).toEqual(expected);
  });

  it('takes the author from the key, so an update a pipeline opened is its author’s', () => {
    expect(updateAuthor({ author: 'bot', key: 'async-update/grace/em-weekly/week/2026-11-09' })).toBe('grace');
    expect(updateAuthor({ author: 'amara', key: null })).toBe('amara');
  });

  it('finds a posted update by key (any case), or one written by hand in the period', () => {
    const keyed = update({ iid: 1, author: 'bot', key: 'async-update/Grace/em-weekly/2026-11-10/2026-11-16' });
    const byHand = update({ iid: 2, author: 'amara', createdAt: '2026-11-12T10:00:00Z' });
    const tooEarly = update({ iid: 3, author: 'bruno', createdAt: '2026-11-01T10:00:00Z' });
    const calendarWeek = { kind: 'week' as const, since: '2026-11-09', until: '2026-11-15', calendar: true as const };
    const request = { templateName: 'em-weekly', period: calendarWeek, timeZone: 'Europe/Amsterdam' };
    expect(postedUpdate([keyed, byHand, tooEarly], { ...request, author: 'grace' })?.iid).toBe(1);
    expect(postedUpdate([keyed, byHand, tooEarly], { ...request, author: 'amara' })?.iid).toBe(2);
    expect(postedUpdate([keyed, byHand, tooEarly], { ...request, author: 'bruno' })).toBeNull();
    expect(postedUpdate([keyed], { ...request, templateName: 'pe-weekly', author: 'grace', period: week })).toBeNull();
  });

  it('awaits feedback until someone else (or a reviewer) comments; system notes and teamops reminders do not count', () => {
    const note = (id: number, author: string, extra: { system?: boolean; key?: string } = {}) => ({
      id,
      body: 'b',
      author,
      createdAt: '2026-11-12T10:00:00Z',
      system: extra.system ?? false,
      key: extra.key ?? null,
    });
    const own = update({
      iid: 1,
      author: 'grace',
      notes: [note(1, 'grace'), note(2, 'bruno', { system: true }), note(3, 'root', { key: 'r' })],
    });
    const peer = update({ iid: 2, author: 'grace', notes: [note(4, 'bruno')] });
    expect(awaitsFeedback(own, [])).toBe(true);
    expect(awaitsFeedback(peer, [])).toBe(false);
    expect(awaitsFeedback(peer, ['lee'])).toBe(true);
    expect(awaitsFeedback(update({ iid: 3, notes: [note(5, 'Lee')] }), ['lee'])).toBe(false);
  });
});

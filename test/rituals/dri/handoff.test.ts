import { describe, expect, it } from 'vitest';
import { chooseHandoffs } from '../../../src/rituals/dri/handoff.js';
import { planDriRotation } from '../../../src/rituals/dri/plan-rotation.js';
import { driIssue, MONDAY, request, state } from './fixtures.js';

describe('choosing how each request is handed over', () => {
  it('takes the label, lets the prompt override it, and falls back to next on two labels', () => {
    const requests = [
      request(1),
      request(2, { labels: ['dri-handoff::sme'] }),
      request(3, { labels: ['dri-handoff::sme', 'dri-handoff::sync'] }),
      request(4, { labels: ['dri-handoff::sync'] }),
    ];
    const { handoffs, warnings } = chooseHandoffs(
      state({ handoffChoices: { 'distribution/omnibus#4': { option: 'close', mitigation: 'rolled back' } } }),
      requests,
    );
    expect(handoffs.map((h) => [h.request.iid, h.option, h.mitigation])).toEqual([
      [1, 'next', undefined],
      [2, 'sme', undefined],
      [3, 'next', undefined],
      [4, 'close', 'rolled back'],
    ]);
    expect(warnings).toEqual([expect.stringContaining('distribution/omnibus#3 carries more than one hand-off label')]);
  });

  it('closes a request only after its follow-up, the link and the mitigation comment, and the hand-over waits for all', () => {
    const closing = request(3, { labels: ['dri-handoff::close', 'dri::active-request', 'type::bug'] });
    const plan = planDriRotation(
      state({
        issues: [driIssue('2026-11-09', 'bruno')],
        labelledRequests: [closing],
        mitigations: { [closing.reference]: 'pinned the image' },
      }),
      { week: MONDAY },
      MONDAY,
    );
    const byKind = plan.actions.map((a) => `${a.kind} ${a.key}`);
    const followUp = `dri-followup/distribution/team-tasks/${MONDAY}/${closing.reference}`;
    expect(byKind).toEqual([
      `create-issue dri-rotation/distribution/team-tasks/${MONDAY}`,
      `create-issue ${followUp}`,
      `link-issues dri-followup-link/distribution/team-tasks/${MONDAY}/${closing.reference}`,
      `create-note dri-mitigation/distribution/team-tasks/${MONDAY}/${closing.reference}`,
      `close-issue dri-close-request/distribution/team-tasks/${MONDAY}/${closing.reference}`,
      `create-note dri-handover/distribution/team-tasks/${MONDAY}`,
      `close-issue dri-close/distribution/team-tasks/2026-11-09`,
    ]);
    const create = plan.actions[1]!;
    expect(create.kind === 'create-issue' && create.issue.labels).toEqual(['type::bug']);
    const handover = plan.actions[5]!;
    expect(handover.after).toEqual(plan.actions.slice(1, 5).map((a) => a.key));
  });
});

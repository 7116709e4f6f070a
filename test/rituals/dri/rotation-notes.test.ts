import { describe, expect, it } from 'vitest';
import { planDriRotation } from '../../../src/rituals/dri/plan-rotation.js';
import { nobodyAvailable, rotationNotes } from '../../../src/rituals/dri/rotation-notes.js';
import { driIssue, MONDAY, PROJECT, settings, state } from './fixtures.js';

const notesFor = (...args: Parameters<typeof planDriRotation>) => rotationNotes(planDriRotation(...args).context, PROJECT);

describe('rotationNotes', () => {
  it('says who takes over from whom, from which template', () => {
    expect(notesFor(state({ issues: [driIssue('2026-11-09', 'bruno')] }), { week: MONDAY }, MONDAY)).toEqual([
      `DRI for the week of ${MONDAY}: @chen (after @bruno)`,
      `Issue template: "Distribution-DRI" from ${PROJECT}`,
    ]);
  });

  it('says when the week has its issue already', () => {
    const notes = notesFor(state({ issues: [driIssue('2026-11-09', 'bruno'), driIssue(MONDAY, 'chen')] }), { week: MONDAY }, MONDAY);
    expect(notes).toEqual([`The week of ${MONDAY} has its DRI issue already: @chen.`]);
  });

  it('says when a longer rotation goes on', () => {
    const notes = notesFor(
      state({ settings: settings({ cadence: 'biweekly' }), issues: [driIssue('2026-11-09', 'bruno')] }),
      { week: MONDAY },
      MONDAY,
    );
    expect(notes).toEqual(['No hand-over this week: the biweekly rotation of @bruno runs until the week of 2026-11-23.']);
  });
});

describe('nobodyAvailable', () => {
  it('names everyone skipped and why', () => {
    const plan = planDriRotation(
      state({ settings: settings({ roster: ['amara'], absences: { amara: [{ from: MONDAY, to: MONDAY }] } }) }),
      { week: MONDAY },
      MONDAY,
    );
    expect(nobodyAvailable(plan.context).message).toBe(
      `nobody on dri.roster is available for the week of ${MONDAY}: @amara (away on ${MONDAY})`,
    );
  });
});

// Whose turn it is: the week's own issue says so when it exists; otherwise the next roster member
// who is not away, or the substitute --to names, gets a new issue.
import type { DateRange, DriIssue, DriRotationContext, DriRotationRequest, DriRotationState, DriSettings, PlanPart } from './model.js';
import type { HandedOff } from './handoff.js';
import type { RotationIssue } from './handover.js';
import { newIssueAction } from './new-issue.js';
import { chooseDri } from './roster.js';
import { issueInPlace } from './rotation-issues.js';
import { calendarWeek, missedBetween } from './week.js';

type TurnFacts = Pick<DriRotationContext, 'outcome' | 'dri' | 'rotationMember' | 'substituteFor' | 'skipped' | 'missedRotations'>;

/** Who is DRI this rotation, and their issue: null when nobody can be. */
export interface Turn extends PlanPart {
  facts: TurnFacts;
  issue: RotationIssue | null;
}

/** The week has its issue already: its assignee is DRI, and --to can no longer change that. */
export function turnTaken(settings: DriSettings, request: DriRotationRequest, target: DriIssue): Turn {
  const substituted = target.rotationMember && target.assignee && target.rotationMember !== target.assignee;
  const ignoredTo = request.substitute && request.substitute.toLowerCase() !== target.assignee?.toLowerCase();
  return {
    facts: {
      outcome: 'already-rotated',
      dri: target.assignee,
      rotationMember: target.rotationMember,
      substituteFor: substituted ? target.rotationMember : null,
      skipped: [],
      missedRotations: [],
    },
    warnings: ignoredTo
      ? [
          `the DRI issue for the week of ${request.week} exists already, assigned to ${target.assignee ? `@${target.assignee}` : 'nobody'}; --to ${request.substitute} was not applied (reassign ${target.reference} in GitLab to change it)`,
        ]
      : [],
    unchanged: [issueInPlace(settings.project, target)],
    issue: { reference: target.reference, source: { project: settings.project, iid: target.iid }, existing: target },
  };
}

/** The next DRI (see chooseDri) and the new issue that makes them DRI. */
export function nextTurn(
  state: DriRotationState,
  request: DriRotationRequest,
  rotation: DateRange,
  previous: DriIssue | undefined,
  handoffs: HandedOff[],
): Turn {
  const { warnings, ...choice } = chooseDri(state, request, rotation, previous);
  const missedRotations = previous ? missedBetween(previous.weekStart, request.week, state.settings) : [];
  const { dri } = choice;
  if (dri === null) return { facts: { ...choice, outcome: 'nobody-available', missedRotations }, warnings, issue: null };
  const facts: TurnFacts = { ...choice, outcome: 'rotate', missedRotations };
  const create = newIssueAction(state, { ...facts, dri, week: calendarWeek(request.week), previous, handoffs });
  return {
    facts,
    warnings,
    actions: [create],
    issue: { reference: `{{ref:${create.key}}}`, source: { project: state.settings.project, createdBy: create.key } },
  };
}

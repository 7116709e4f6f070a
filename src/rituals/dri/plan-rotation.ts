/**
 * The DRI rotation (GitLab Distribution handbook): each rotation (a week by default, starting on the
 * team's week-start day in the team's time zone) one engineer from the roster is DRI. At hand-over
 * the next roster member after the outgoing one (wrapping) gets a new issue from the DRI template;
 * anyone away for any day of the rotation, by dri.absences or a GitLab status of Busy, is skipped
 * for that round. Requests still active are linked to the new issue and listed in it, a comment on
 * the previous issue hands over, and the previous issue is closed, in that order, so that a rerun
 * after any interruption finishes the job instead of repeating it. If rotations were missed, only
 * the current one is created, handing over from the stale issue.
 */
import { createPlan, type Plan } from '../../plan/plan.js';
import { addDays, type IsoDate } from '../common/calendar.js';
import { closePrevious, forgottenIssues } from './close-previous.js';
import { chooseHandoffs } from './handoff.js';
import { handOver, handoverRequests } from './handover.js';
import { driIssueKey } from './markers.js';
import type { DriIssue, DriRotationContext, DriRotationRequest, DriRotationState, DriSettings, PlanPart } from './model.js';
import { issueInPlace, issuesAround } from './rotation-issues.js';
import { assertUsableTemplate } from './template.js';
import { nextTurn, turnTaken } from './turn.js';
import { calendarWeek, nextRotationStart, rotationDays } from './week.js';

/** Why there is no hand-over yet. */
interface Wait extends PlanPart {
  facts: Partial<DriRotationContext>;
}

/** The rotation as a plan; throws a ValidationError when the template cannot be filled in. */
export function planDriRotation(state: DriRotationState, request: DriRotationRequest, today: IsoDate): Plan<DriRotationContext> {
  const { settings } = state;
  assertUsableTemplate(state.template, settings);
  const around = issuesAround(state.issues, request.week);
  const rotation = rotationDays(request.week, settings);
  const context = startingContext(state, request.week, around.previous);
  const plan = (facts: Partial<DriRotationContext>, ...parts: PlanPart[]) =>
    createPlan({ command: 'dri rotate', scope: settings.project, date: today, ...joinParts(parts), context: { ...context, ...facts } });

  const wait = around.target
    ? null
    : (laterIssueExists(settings, request.week, around.later) ?? rotationContinues(settings, request.week, around.previous));
  if (wait) return plan(wait.facts, wait);
  const { handoffs, warnings } = chooseHandoffs(state, handoverRequests(state, around.target));
  const turn = around.target ? turnTaken(settings, request, around.target) : nextTurn(state, request, rotation, around.previous, handoffs);
  if (!turn.issue) return plan(turn.facts, turn);
  const { dri, missedRotations } = turn.facts;
  const handover = handOver(state, { rotation, dri, issue: turn.issue, previous: around.previous, handoffs, missedRotations });
  const closing = around.previous ? closePrevious(settings.project, around.previous, handover.closeAfter) : {};
  const handedOver = handover.listed.map(({ request: { reference, title, webUrl }, option }) => ({ reference, title, webUrl, option }));
  return plan(
    { ...turn.facts, handover: handedOver },
    turn,
    { warnings },
    handover,
    forgottenIssues(state.issues, around.previous),
    closing,
  );
}

function startingContext(state: DriRotationState, week: IsoDate, previous: DriIssue | undefined): DriRotationContext {
  const { settings } = state;
  return {
    outcome: 'rotate',
    cadence: settings.cadence,
    week: calendarWeek(week),
    nextHandover: nextRotationStart(week, settings.cadence, settings.weekStartsOn),
    dri: null,
    rotationMember: null,
    substituteFor: null,
    previousDri: previous?.assignee ?? null,
    previousIssue: previous ? { reference: previous.reference, webUrl: previous.webUrl, weekStart: previous.weekStart } : null,
    skipped: [],
    missedRotations: [],
    handover: [],
    template: { name: state.template.name, source: state.template.source },
  };
}

function joinParts(parts: PlanPart[]): Required<PlanPart> {
  return {
    actions: parts.flatMap((p) => p.actions ?? []),
    unchanged: parts.flatMap((p) => p.unchanged ?? []),
    warnings: parts.flatMap((p) => p.warnings ?? []),
  };
}

/** A later week has its issue already: rotating to this one would hand over backwards. */
function laterIssueExists(settings: DriSettings, week: IsoDate, later: DriIssue[]): Wait | null {
  const latest = later[later.length - 1];
  if (!latest) return null;
  return {
    facts: { outcome: 'later-issue-exists' },
    warnings: [
      `a DRI issue for a later week exists already (${latest.reference}, week of ${latest.weekStart}); rotating to the week of ${week} would hand over backwards`,
    ],
    unchanged: [issueInPlace(settings.project, latest)],
  };
}

/** With a longer cadence the previous rotation may still run this week. */
function rotationContinues(settings: DriSettings, week: IsoDate, previous: DriIssue | undefined): Wait | null {
  if (!previous) return null;
  const handsOver = nextRotationStart(previous.weekStart, settings.cadence, settings.weekStartsOn);
  if (handsOver <= week) return null;
  const who = previous.assignee ? `@${previous.assignee}` : 'the DRI';
  return {
    facts: { outcome: 'rotation-continues', nextHandover: handsOver, dri: previous.assignee, rotationMember: previous.rotationMember },
    unchanged: [
      {
        key: driIssueKey(settings.project, previous.weekStart),
        summary: `${who} stays DRI until ${addDays(handsOver, -1)} (${settings.cadence} rotation): ${previous.reference}`,
        url: previous.webUrl,
      },
    ],
  };
}

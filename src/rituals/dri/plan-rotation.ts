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
import { createPlan, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import { addDays, type IsoDate } from '../shared/calendar.js';
import { reasonsAway } from './availability.js';
import { closePrevious, forgottenIssues } from './close-previous.js';
import { handOver, handoverRequests, type RotationIssue } from './handover.js';
import { driIssueKey } from './markers.js';
import type {
  DateRange,
  DriIssue,
  DriRotationContext,
  DriRotationRequest,
  DriRotationState,
  DriSettings,
  PlanPart,
  RequestIssue,
} from './model.js';
import { newIssueAction } from './new-issue.js';
import { issuesAround } from './rotation-issues.js';
import { everyoneAway, pickDri } from './roster.js';
import { calendarWeek, missedBetween, nextRotationStart, rotationDays } from './week.js';

type TurnFacts = Pick<DriRotationContext, 'outcome' | 'dri' | 'rotationMember' | 'substituteFor' | 'skipped' | 'missedRotations'>;

/** Who is DRI this rotation, and their issue: null when nobody can be. */
interface Turn extends PlanPart {
  facts: TurnFacts;
  issue: RotationIssue | null;
}

/** Why there is no hand-over yet. */
interface Wait extends PlanPart {
  facts: Partial<DriRotationContext>;
}

export function planDriRotation(state: DriRotationState, request: DriRotationRequest, today: IsoDate): Plan<DriRotationContext> {
  const { settings } = state;
  const around = issuesAround(state.issues, request.week);
  const rotation = rotationDays(request.week, settings);
  const context = startingContext(state, request.week, around.previous);
  const plan = (facts: Partial<DriRotationContext>, ...parts: PlanPart[]) =>
    createPlan({ command: 'dri rotate', scope: settings.project, date: today, ...joinParts(parts), context: { ...context, ...facts } });

  const wait = around.target
    ? null
    : (laterIssueExists(settings, request.week, around.later) ?? rotationContinues(settings, request.week, around.previous));
  if (wait) return plan(wait.facts, wait);
  const requests = handoverRequests(state, around.target);
  const turn = around.target ? turnTaken(settings, request, around.target) : nextTurn(state, request, rotation, around.previous, requests);
  if (!turn.issue) return plan(turn.facts, turn);
  const { dri, missedRotations } = turn.facts;
  const handover = handOver(state, { rotation, dri, issue: turn.issue, previous: around.previous, requests, missedRotations });
  const closing = around.previous ? closePrevious(settings.project, around.previous, handover.closeAfter) : {};
  const handedOver = handover.listed.map(({ reference, title, webUrl }) => ({ reference, title, webUrl }));
  return plan({ ...turn.facts, handover: handedOver }, turn, handover, forgottenIssues(state.issues, around.previous), closing);
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

function issueInPlace(project: string, issue: DriIssue): UnchangedEntry {
  return {
    key: driIssueKey(project, issue.weekStart),
    summary: `DRI issue for the week of ${issue.weekStart}: ${issue.reference}${issue.assignee ? ` (@${issue.assignee})` : ''}`,
    url: issue.webUrl,
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

/** The week has its issue already: its assignee is DRI, and --to can no longer change that. */
function turnTaken(settings: DriSettings, request: DriRotationRequest, target: DriIssue): Turn {
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
function nextTurn(
  state: DriRotationState,
  request: DriRotationRequest,
  rotation: DateRange,
  previous: DriIssue | undefined,
  requests: RequestIssue[],
): Turn {
  const choice = chooseDri(state, request, rotation, previous);
  const facts: TurnFacts = {
    ...choice.facts,
    missedRotations: previous ? missedBetween(previous.weekStart, request.week, state.settings) : [],
  };
  if (facts.dri === null) return { facts, warnings: choice.warnings, issue: null };
  const create = newIssueAction(state, { ...facts, dri: facts.dri, week: calendarWeek(request.week), previous, requests });
  return {
    facts,
    warnings: choice.warnings,
    actions: [create],
    issue: { reference: `{{ref:${create.key}}}`, source: { project: state.settings.project, createdBy: create.key } },
  };
}

/** The roster member after whose turn it was, skipping whoever is away; or the substitute --to names. */
function chooseDri(
  state: DriRotationState,
  request: DriRotationRequest,
  rotation: DateRange,
  previous: DriIssue | undefined,
): { facts: Omit<TurnFacts, 'missedRotations'>; warnings: string[] } {
  const pick = pickDri(state, rotation, previous?.rotationMember ?? null, true);
  const dri = request.substitute ?? pick.member;
  const warnings = [
    ...(previous && previous.rotationMember === null
      ? [`${previous.reference} has no assignee; starting again from the top of the roster`]
      : []),
    ...pick.warnings,
  ];
  if (dri === null) warnings.push(`${everyoneAway(request.week)}; pass --to USERNAME to name a substitute`);
  const away = request.substitute ? reasonsAway(request.substitute, rotation, state, true) : [];
  if (away.length > 0) warnings.push(`@${request.substitute} (--to) is marked away: ${away.join('; ')}`);
  const substituteFor =
    request.substitute && pick.member && request.substitute.toLowerCase() !== pick.member.toLowerCase() ? pick.member : null;
  return {
    facts: {
      outcome: dri === null ? 'nobody-available' : 'rotate',
      dri,
      rotationMember: pick.member ?? previous?.rotationMember ?? null,
      substituteFor,
      skipped: pick.skipped,
    },
    warnings,
  };
}

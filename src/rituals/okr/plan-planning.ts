// okr plan: Distribution's quarterly planning, in the 3rd month of the quarter before the one
// planned. By the end of week 1 of that month the PM, EM and staff engineer draft the next
// quarter's OKRs; in week 2 the OKR DRIs pick them up and scope them; by the end of week 2 the EM
// decides on reserved planning days; at month end OKRs and scoping are final. Week 1 is the week
// (Monday to Friday, the team's calendar) of the month's first Monday. One planning issue per
// quarter and team, assigned to the planners, with a draft OKR file for okr create.
import { createPlan, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import { addDays, addMonths, formatDate, weekStart, type IsoDate } from '../common/calendar.js';
import { TemplateError } from '../common/template-error.js';
import { fillPattern } from '../common/pattern.js';
import { quarterContaining, type Quarter } from '../common/quarter.js';
import { mention } from './key-result-issue.js';

export interface TimelineStep {
  step: 'draft' | 'scope' | 'reserved-planning-days' | 'final';
  /** First and last day (inclusive); the same day for a deadline. */
  from: IsoDate;
  to: IsoDate;
  text: string;
}

/** The quarter after `quarter`, of the same kind. */
export function nextQuarter(quarter: Quarter, fiscalStartMonth: number): Quarter {
  return quarterContaining(addDays(quarter.end, 1), quarter.kind, fiscalStartMonth);
}

const isoWeekday = (date: IsoDate) => Number(formatDate(date, 'i'));

/** The last Monday-to-Friday day on or before `date`. */
function workingDayOnOrBefore(date: IsoDate): IsoDate {
  const day = isoWeekday(date);
  return day <= 5 ? date : addDays(date, 5 - day);
}

/** The handbook's planning weeks in the last month of `current`, for planning `next`. */
export function planningTimeline(current: Quarter, next: Quarter): TimelineStep[] {
  const monthStart = addMonths(current.start, 2);
  const monday = weekStart(monthStart) < monthStart ? addDays(weekStart(monthStart), 7) : weekStart(monthStart);
  const week2 = addDays(monday, 7);
  const final = workingDayOnOrBefore(current.end);
  return [
    {
      step: 'draft',
      from: monday,
      to: addDays(monday, 4),
      text: `PM, EM and staff engineer draft the ${next.name} OKRs (the draft file below)`,
    },
    { step: 'scope', from: week2, to: addDays(week2, 4), text: 'OKR DRIs pick up their key results and scope them' },
    { step: 'reserved-planning-days', from: addDays(week2, 4), to: addDays(week2, 4), text: 'the EM decides on reserved planning days' },
    {
      step: 'final',
      from: final,
      to: final,
      text: `OKRs and scoping are final: create them with \`teamops okr create --file okrs-${next.name}.yml\``,
    },
  ];
}

const LABELS: Record<TimelineStep['step'], string> = {
  draft: 'Week 1',
  scope: 'Week 2',
  'reserved-planning-days': 'End of week 2',
  final: 'Month end',
};

function checklistLine(step: TimelineStep): string {
  const days = step.from === step.to ? step.to : `${step.from} – ${step.to}`;
  return `- [ ] **${LABELS[step.step]} (${days}):** ${step.text}`;
}

export interface PlanningState {
  /** The planning issue an earlier run created (its key), if any. */
  existing: { reference: string; webUrl: string } | null;
  /** Each planner's GitLab id, or null when GitLab has no such user. */
  plannerIds: Record<string, number | null>;
  /** Why the planning issue cannot go to the project (it does not exist, or the token's user cannot see it), or null. */
  projectProblem: string | null;
}

export interface PlanningRequest {
  current: Quarter;
  next: Quarter;
  team: string;
  project: string;
  planners: string[];
  titlePattern: string;
  labels: string[];
  /** The draft OKR file for the next quarter, as YAML. */
  draftFile: string;
}

export interface PlanningContext {
  quarter: string;
  planningMonth: string;
  team: string;
  planners: string[];
  timeline: TimelineStep[];
}

export type PlanningPlanning = { ok: true; plan: Plan<PlanningContext> } | { ok: false; problems: string[] };

export function planningKey(quarter: Quarter, team: string): string {
  return `okr-plan/${quarter.name}/${team}`;
}

export function planPlanning(state: PlanningState, request: PlanningRequest, today: IsoDate): PlanningPlanning {
  const problems: string[] = [];
  const teamKey = `okr.teams.${request.team}.planners`;
  if (request.planners.length === 0) problems.push(`${teamKey}: name the team's PM, EM and staff engineer, who draft the OKRs`);
  for (const planner of request.planners)
    if (typeof state.plannerIds[planner] !== 'number') problems.push(`${teamKey}: unknown user "${planner}"`);
  if (state.projectProblem) problems.push(state.projectProblem);
  let title = '';
  try {
    title = fillPattern(request.titlePattern, { quarter: request.next.name, team: request.team }, 'okr.plan_title');
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    problems.push(error.message);
  }
  if (problems.length > 0) return { ok: false, problems };

  const timeline = planningTimeline(request.current, request.next);
  const planningMonth = formatDate(addMonths(request.current.start, 2), 'MMMM yyyy');
  const key = planningKey(request.next, request.team);
  const context: PlanningContext = { quarter: request.next.name, planningMonth, team: request.team, planners: request.planners, timeline };
  const unchanged: UnchangedEntry[] = [];
  if (state.existing) {
    unchanged.push({
      key,
      summary: `the ${request.next.name} planning issue of ${request.team} exists: ${state.existing.reference}`,
      url: state.existing.webUrl,
    });
    return { ok: true, plan: createPlan({ command: 'okr plan', scope: request.project, date: today, actions: [], unchanged, context }) };
  }
  const description = [
    `Planning the ${request.next.name} OKRs of team ${request.team}, in ${planningMonth} (the last month of ${request.current.name}), as the Distribution handbook describes it. ${mention(request.planners)}`,
    '',
    '### Timeline',
    '',
    ...timeline.map(checklistLine),
    '',
    `### Draft OKR file for ${request.next.name}`,
    '',
    `Edit it (titles, targets, assignees; about three key results per objective), save it as \`okrs-${request.next.name}.yml\` and run \`teamops okr create --file okrs-${request.next.name}.yml --dry-run\`.`,
    '',
    '```yaml',
    request.draftFile.trimEnd(),
    '```',
  ].join('\n');
  return {
    ok: true,
    plan: createPlan<PlanningContext>({
      command: 'okr plan',
      scope: request.project,
      date: today,
      actions: [
        {
          kind: 'create-issue',
          key,
          summary: `create "${title}" in ${request.project}, assigned to ${mention(request.planners)}`,
          project: request.project,
          issue: { title, description, labels: request.labels, assigneeIds: request.planners.map((p) => state.plannerIds[p]!) },
        },
      ],
      context,
    }),
  };
}

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
import type { Action, CreateIssueAction, Plan, UnchangedEntry } from '../plan/plan.js';
import { createPlan } from '../plan/plan.js';
import { addDays, addMonths, formatDate, isIsoDate, weekStart, type IsoDate, type Weekday } from './shared/calendar.js';
import { renderIssueBody } from './shared/issue-body.js';
import { fillPattern } from './shared/pattern.js';
import { escapeRegExp } from './shared/text.js';

export type Cadence = 'weekly' | 'biweekly' | 'monthly';

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export interface DriSettings {
  /** Full path of the project holding the DRI issues. */
  project: string;
  /** GitLab usernames in rotation order. */
  roster: string[];
  templateName: string;
  /** Title pattern with `{week_start}` (and optionally `{week_end}`). */
  title: string;
  labels: string[];
  cadence: Cadence;
  weekStartsOn: Weekday;
  absences: Record<string, DateRange[]>;
  /** Open issues with this label are handed over too. */
  activeRequestLabel: string;
}

export interface DriMember {
  username: string;
  id: number;
  name: string;
}

/** An issue of the rotation, found by its teamops key or, for issues made by hand, by its title. */
export interface DriIssue {
  id: number;
  iid: number;
  title: string;
  weekStart: IsoDate;
  assignee: string | null;
  /** Whose turn in the roster order it was; differs from the assignee when someone substituted. */
  rotationMember: string | null;
  state: 'opened' | 'closed';
  reference: string;
  webUrl: string;
  foundBy: 'key' | 'title';
}

/** An issue that may be handed over. */
export interface RequestIssue {
  id: number;
  iid: number;
  projectId: number;
  title: string;
  state: 'opened' | 'closed';
  reference: string;
  webUrl: string;
}

export interface BusyStatus {
  message: string | null;
  /** Last team-zone day the status is set for; null when it has no end. */
  until: IsoDate | null;
}

/** What both `dri rotate` and `dri schedule` read. */
export interface DriState {
  settings: DriSettings;
  /** The roster (and any substitute) as GitLab knows them. */
  members: DriMember[];
  /** Every DRI issue of the project, any week, any state. */
  issues: DriIssue[];
  /** Roster members whose GitLab status is Busy (empty when Busy does not count as away). */
  busy: Record<string, BusyStatus>;
}

/** What `dri rotate` reads on top: the template and the hand-over material around the week. */
export interface DriRotationState extends DriState {
  template: { name: string; source: 'project' | 'bundled' | 'file'; text: string };
  /** Issues linked to the previous DRI issue, open or closed. */
  previousLinks: RequestIssue[];
  /** Open issues carrying the active-request label. */
  labelledRequests: RequestIssue[];
  /** Issues already linked to this week's DRI issue, when it exists. */
  linkedToTarget: number[];
  /** Idempotency keys of the comments on the previous DRI issue. */
  previousNoteKeys: string[];
}

export interface DriRotationRequest {
  /** The first day of the week to rotate to (see resolveWeek). */
  week: IsoDate;
  /** --to: someone who takes this rotation instead, without changing the roster order. */
  substitute?: string;
}

export interface SkippedMember {
  username: string;
  reasons: string[];
}

export type DriRotationOutcome =
  | 'rotate'
  | 'already-rotated'
  | 'rotation-continues'
  | 'later-issue-exists'
  | 'nobody-available';

export interface DriRotationContext {
  outcome: DriRotationOutcome;
  cadence: Cadence;
  week: { start: IsoDate; end: IsoDate };
  /** The next hand-over after this rotation (a week later, or more with a longer cadence). */
  nextHandover: IsoDate;
  dri: string | null;
  rotationMember: string | null;
  substituteFor: string | null;
  previousDri: string | null;
  previousIssue: { reference: string; webUrl: string; weekStart: IsoDate } | null;
  skipped: SkippedMember[];
  /** Starts of the rotations nobody opened an issue for, between the previous issue and this week. */
  missedRotations: IsoDate[];
  handover: Array<{ reference: string; title: string; webUrl: string }>;
  template: { name: string; source: 'project' | 'bundled' | 'file' };
}

/** The variables a DRI template can use. */
export const DRI_TEMPLATE_VARIABLES = [
  'dri',
  'dri_name',
  'previous_dri',
  'previous_issue',
  'previous_issue_url',
  'week_start',
  'week_end',
  'handover',
  'missed_weeks',
  'substitute_for',
  'project',
  'active_request_label',
] as const;

type DriTemplateVariables = Record<(typeof DRI_TEMPLATE_VARIABLES)[number], unknown>;

const handoverVariable = (request: Pick<RequestIssue, 'reference' | 'title' | 'webUrl'>) => ({ reference: request.reference, title: request.title, url: request.webUrl });

/** Made-up values for every variable, with one hand-over request, to check a template before any write. */
export function sampleDriVariables(settings: Pick<DriSettings, 'project' | 'activeRequestLabel'>): DriTemplateVariables {
  return {
    dri: 'next.dri',
    dri_name: 'Next DRI',
    previous_dri: 'previous.dri',
    previous_issue: `${settings.project}#1`,
    previous_issue_url: 'https://gitlab.example.com/issues/1',
    week_start: '2026-01-05',
    week_end: '2026-01-11',
    handover: [handoverVariable({ reference: `${settings.project}#2`, title: 'An active request', webUrl: 'https://gitlab.example.com/issues/2' })],
    missed_weeks: 0,
    substitute_for: '',
    project: settings.project,
    active_request_label: settings.activeRequestLabel,
  };
}

export function driIssueKey(project: string, weekStart: IsoDate): string {
  return `dri-rotation/${project}/${weekStart}`;
}

export function handoverNoteKey(project: string, weekStart: IsoDate): string {
  return `dri-handover/${project}/${weekStart}`;
}

/** The text GitLab's description search finds every rotation issue of a project by. */
export function driIssueKeyPrefix(project: string): string {
  return `dri-rotation/${project}/`;
}

const ROTATION_MEMBER = /<!--\s*teamops:dri-rotation-member=([^\s>]+)\s*-->/;

function rotationMemberMarker(username: string): string {
  return `<!-- teamops:dri-rotation-member=${username} -->`;
}

// ---- weeks and rotations -------------------------------------------------------------------

/** `--week`: a date (any day of the week it names), `next`, or nothing for the week containing today. */
export function resolveWeek(spec: string | undefined, today: IsoDate, weekday: Weekday): IsoDate {
  const thisWeek = weekStart(today, weekday);
  if (spec === undefined) return thisWeek;
  if (spec === 'next') return addDays(thisWeek, 7);
  if (!isIsoDate(spec)) throw new Error(`not a week: ${spec}`);
  return weekStart(spec, weekday);
}

/** Where the rotation starting on `start` hands over: a week or two later, or on the first week of the next month. */
export function nextRotationStart(start: IsoDate, cadence: Cadence, weekday: Weekday): IsoDate {
  if (cadence === 'weekly') return addDays(start, 7);
  if (cadence === 'biweekly') return addDays(start, 14);
  const firstOfNextMonth = formatDate(addMonths(start, 1), 'yyyy-MM-01');
  return weekStart(addDays(firstOfNextMonth, 6), weekday);
}

// ---- recognising rotation issues -------------------------------------------------------------

/** Matches titles made from the pattern, capturing `{week_start}`. */
export function titleMatcher(pattern: string): (title: string) => IsoDate | null {
  const parts = pattern.split(/(\{week_start\}|\{week_end\})/);
  const source = parts
    .map((part) => (part === '{week_start}' ? '(\\d{4}-\\d{2}-\\d{2})' : part === '{week_end}' ? '\\d{4}-\\d{2}-\\d{2}' : escapeRegExp(part).replace(/\s+/g, '\\s+')))
    .join('');
  const regex = new RegExp(`^\\s*${source}\\s*$`, 'i');
  return (title) => {
    const date = regex.exec(title)?.[1];
    return date && isIsoDate(date) ? date : null;
  };
}

/** The longest fixed text of a title pattern, to narrow GitLab's title search. */
export function titleSearchTerm(pattern: string): string {
  return pattern
    .split(/\{\w+\}/)
    .map((part) => part.trim())
    .reduce((longest, part) => (part.length > longest.length ? part : longest), '');
}

export interface IssueFacts {
  id: number;
  iid: number;
  title: string;
  description: string;
  /** teamops' idempotency key, when teamops created the issue. */
  key: string | null;
  state: 'opened' | 'closed';
  assignees: string[];
  reference: string;
  webUrl: string;
}

/** A rotation issue of this project (by key, else by title), or null for any other issue. */
export function recogniseDriIssue(issue: IssueFacts, settings: Pick<DriSettings, 'project' | 'title' | 'weekStartsOn'>): DriIssue | null {
  const { key } = issue;
  const prefix = driIssueKeyPrefix(settings.project);
  let week: IsoDate | null = null;
  let foundBy: DriIssue['foundBy'] = 'key';
  if (key?.startsWith(prefix) && isIsoDate(key.slice(prefix.length))) {
    week = key.slice(prefix.length);
  } else {
    const fromTitle = titleMatcher(settings.title)(issue.title);
    if (fromTitle) {
      week = weekStart(fromTitle, settings.weekStartsOn);
      foundBy = 'title';
    }
  }
  if (!week) return null;
  const assignee = issue.assignees[0] ?? null;
  return {
    id: issue.id,
    iid: issue.iid,
    title: issue.title,
    weekStart: week,
    assignee,
    rotationMember: ROTATION_MEMBER.exec(issue.description)?.[1] ?? assignee,
    state: issue.state,
    reference: issue.reference,
    webUrl: issue.webUrl,
    foundBy,
  };
}

/** One issue per week: teamops' own before one made by hand, an open one before a closed one. */
function issueForWeek(issues: DriIssue[], week: IsoDate): DriIssue | undefined {
  const rank = (issue: DriIssue) => (issue.foundBy === 'key' ? 0 : 2) + (issue.state === 'opened' ? 0 : 1);
  return issues.filter((i) => i.weekStart === week).sort((a, b) => rank(a) - rank(b) || a.iid - b.iid)[0];
}

/** The issues around a week: its own, the latest before it, and whether any later one exists. */
export function issuesAround(issues: DriIssue[], week: IsoDate): { target?: DriIssue; previous?: DriIssue; later: DriIssue[] } {
  const earlier = issues.filter((i) => i.weekStart < week).map((i) => i.weekStart).sort();
  const previousWeek = earlier[earlier.length - 1];
  return {
    target: issueForWeek(issues, week),
    previous: previousWeek === undefined ? undefined : issueForWeek(issues, previousWeek),
    later: issues.filter((i) => i.weekStart > week).sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1)),
  };
}

// ---- choosing the DRI ----------------------------------------------------------------------

function describeRange(range: DateRange): string {
  return range.from === range.to ? `away on ${range.from}` : `away ${range.from} to ${range.to}`;
}

function reasonsAway(username: string, rotation: DateRange, state: DriState, isNextRotation: boolean): string[] {
  const reasons = (state.settings.absences[username] ?? [])
    .filter((range) => range.from <= rotation.to && range.to >= rotation.from)
    .map(describeRange);
  const busy = state.busy[username];
  // A status describes now: without an end date it only tells about the rotation being decided now.
  if (busy && (busy.until === null ? isNextRotation : busy.until >= rotation.from)) {
    reasons.push(`GitLab status is Busy${busy.message ? ` ("${busy.message}")` : ''}${busy.until ? ` until ${busy.until}` : ''}`);
  }
  return reasons;
}

export interface DriChoice {
  member: string | null;
  skipped: SkippedMember[];
  warnings: string[];
}

/** The first roster member after `after` (wrapping) who is not away for any day of the rotation. */
export function pickDri(state: DriState, rotation: DateRange, after: string | null, isNextRotation: boolean): DriChoice {
  const roster = state.settings.roster;
  const warnings: string[] = [];
  let start = 0;
  if (after !== null) {
    const index = roster.findIndex((name) => name.toLowerCase() === after.toLowerCase());
    if (index >= 0) start = index + 1;
    else warnings.push(`@${after}, the previous DRI, is not in dri.roster; starting again from the top of the roster`);
  }
  const skipped: SkippedMember[] = [];
  for (let i = 0; i < roster.length; i += 1) {
    const candidate = roster[(start + i) % roster.length]!;
    const reasons = reasonsAway(candidate, rotation, state, isNextRotation);
    if (reasons.length === 0) return { member: candidate, skipped, warnings };
    skipped.push({ username: candidate, reasons });
  }
  return { member: null, skipped, warnings };
}

function rotationDays(start: IsoDate, settings: DriSettings): DateRange {
  return { from: start, to: addDays(nextRotationStart(start, settings.cadence, settings.weekStartsOn), -1) };
}

/** Rotations that started after `previous` and before `week` without an issue. */
function missedBetween(previous: IsoDate, week: IsoDate, settings: DriSettings): IsoDate[] {
  const missed: IsoDate[] = [];
  for (let start = nextRotationStart(previous, settings.cadence, settings.weekStartsOn); start < week; start = nextRotationStart(start, settings.cadence, settings.weekStartsOn)) {
    missed.push(start);
  }
  return missed;
}

// ---- rotate --------------------------------------------------------------------------------

function handoverRequests(state: DriRotationState, target: DriIssue | undefined): RequestIssue[] {
  const rotationIssueIds = new Set(state.issues.map((i) => i.id));
  const byId = new Map<number, RequestIssue>();
  for (const request of [...state.previousLinks, ...state.labelledRequests]) {
    if (request.state !== 'opened' || rotationIssueIds.has(request.id) || request.id === target?.id) continue;
    byId.set(request.id, request);
  }
  return [...byId.values()].sort((a, b) => a.projectId - b.projectId || a.iid - b.iid);
}

function handoverNoteBody(dri: string | null, week: DateRange, newIssue: string, requests: RequestIssue[], missed: IsoDate[]): string {
  const who = dri ? `@${dri} is DRI` : 'a new DRI issue is open';
  const lines = [`Handing over: ${who} for the week of ${week.from} (until ${week.to}): ${newIssue}`, ''];
  if (requests.length > 0) {
    lines.push('These requests are still active and are now linked to the new issue:', ...requests.map((r) => `- ${r.reference} ${r.title}`));
  } else {
    lines.push('No active requests to hand over.');
  }
  if (missed.length > 0) {
    lines.push('', `${missed.length} rotation${missed.length === 1 ? ' was' : 's were'} missed since this issue (week${missed.length === 1 ? '' : 's'} of ${missed.join(', ')}).`);
  }
  return lines.join('\n');
}

/** The new rotation issue: the template filled in for `dri`, with a hidden note of whose turn in the roster it is. */
function newIssueAction(state: DriRotationState, week: IsoDate, dri: string, previous: DriIssue | undefined, context: DriRotationContext): CreateIssueAction {
  const { settings } = state;
  const member = state.members.find((m) => m.username.toLowerCase() === dri.toLowerCase());
  const variables: DriTemplateVariables = {
    dri,
    dri_name: member?.name ?? dri,
    previous_dri: previous?.assignee ?? '',
    previous_issue: previous?.reference ?? '',
    previous_issue_url: previous?.webUrl ?? '',
    week_start: week,
    week_end: context.week.end,
    handover: handoverRequests(state, undefined).map(handoverVariable),
    missed_weeks: context.missedRotations.length,
    substitute_for: context.substituteFor ?? '',
    project: settings.project,
    active_request_label: settings.activeRequestLabel,
  };
  const body = renderIssueBody(state.template.text, variables, state.template.name);
  const title = fillPattern(settings.title, { week_start: week, week_end: context.week.end }, 'dri.title');
  return {
    kind: 'create-issue',
    key: driIssueKey(settings.project, week),
    summary: `issue "${title}" in ${settings.project}, assigned to @${dri}${context.substituteFor ? ` (substituting for @${context.substituteFor})` : ''}`,
    project: settings.project,
    issue: {
      title,
      description: `${body.replace(/\s+$/, '')}\n\n${rotationMemberMarker(context.rotationMember ?? dri)}`,
      labels: settings.labels,
      ...(member ? { assigneeIds: [member.id] } : {}),
    },
  };
}

interface CloseOut {
  settings: DriSettings;
  week: DateRange;
  /** The new issue's reference, or a placeholder for the one this plan creates. */
  newIssueRef: string;
  noteKey: string;
  noteDone: boolean;
  linkKeys: string[];
  requests: RequestIssue[];
  context: DriRotationContext;
}

/** The hand-over comment on the previous issue, after every link, then closing it, after the comment. */
function closeOutActions(previous: DriIssue, closeOut: CloseOut): { actions: Action[]; unchanged: UnchangedEntry[] } {
  const { settings, noteKey, context } = closeOut;
  const actions: Action[] = [];
  const unchanged: UnchangedEntry[] = [];
  if (closeOut.noteDone) {
    unchanged.push({ key: noteKey, summary: `hand-over comment on ${previous.reference}` });
  } else {
    actions.push({
      kind: 'create-note',
      key: noteKey,
      summary: `hand-over comment on ${previous.reference}${context.dri ? ` mentioning @${context.dri}` : ''}`,
      target: { project: settings.project, iid: previous.iid },
      body: handoverNoteBody(context.dri, closeOut.week, closeOut.newIssueRef, closeOut.requests, context.missedRotations),
      after: closeOut.linkKeys,
    });
  }
  const closeKey = `dri-close/${settings.project}/${previous.weekStart}`;
  if (previous.state === 'closed') {
    unchanged.push({ key: closeKey, summary: `${previous.reference} (week of ${previous.weekStart}) is closed`, url: previous.webUrl });
  } else {
    actions.push({
      kind: 'close-issue',
      key: closeKey,
      summary: `close ${previous.reference} (week of ${previous.weekStart}${previous.assignee ? `, @${previous.assignee}` : ''})`,
      target: { project: settings.project, iid: previous.iid },
      after: closeOut.noteDone ? closeOut.linkKeys : [noteKey],
    });
  }
  return { actions, unchanged };
}

export function planDriRotation(state: DriRotationState, request: DriRotationRequest, today: IsoDate): Plan<DriRotationContext> {
  const { settings } = state;
  const week = rotationDays(request.week, settings);
  const weekEnd = addDays(request.week, 6);
  const { target, previous, later } = issuesAround(state.issues, request.week);
  const createKey = driIssueKey(settings.project, request.week);
  const noteKey = handoverNoteKey(settings.project, request.week);
  const warnings: string[] = [];
  const unchanged: UnchangedEntry[] = [];
  const actions: Action[] = [];
  const context: DriRotationContext = {
    outcome: 'rotate',
    cadence: settings.cadence,
    week: { start: request.week, end: weekEnd },
    nextHandover: addDays(week.to, 1),
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
  const finish = () => createPlan({ command: 'dri rotate', scope: settings.project, date: today, actions, unchanged, warnings, context });

  if (!target && later[0]) {
    const latest = later[later.length - 1]!;
    context.outcome = 'later-issue-exists';
    warnings.push(`a DRI issue for a later week exists already (${latest.reference}, week of ${latest.weekStart}); rotating to the week of ${request.week} would hand over backwards`);
    unchanged.push({ key: driIssueKey(settings.project, latest.weekStart), summary: `DRI issue for the week of ${latest.weekStart}: ${latest.reference}${latest.assignee ? ` (@${latest.assignee})` : ''}`, url: latest.webUrl });
    return finish();
  }

  if (!target && previous) {
    const handsOver = nextRotationStart(previous.weekStart, settings.cadence, settings.weekStartsOn);
    if (handsOver > request.week) {
      context.outcome = 'rotation-continues';
      context.nextHandover = handsOver;
      context.dri = previous.assignee;
      context.rotationMember = previous.rotationMember;
      unchanged.push({
        key: driIssueKey(settings.project, previous.weekStart),
        summary: `${previous.assignee ? `@${previous.assignee}` : 'the DRI'} stays DRI until ${addDays(handsOver, -1)} (${settings.cadence} rotation): ${previous.reference}`,
        url: previous.webUrl,
      });
      return finish();
    }
    context.missedRotations = missedBetween(previous.weekStart, request.week, settings);
  }

  let newIssueRef: string;
  if (target) {
    context.outcome = 'already-rotated';
    context.dri = target.assignee;
    context.rotationMember = target.rotationMember;
    context.substituteFor = target.rotationMember && target.assignee && target.rotationMember !== target.assignee ? target.rotationMember : null;
    if (request.substitute && request.substitute.toLowerCase() !== target.assignee?.toLowerCase()) {
      warnings.push(`the DRI issue for the week of ${request.week} exists already, assigned to ${target.assignee ? `@${target.assignee}` : 'nobody'}; --to ${request.substitute} was not applied (reassign ${target.reference} in GitLab to change it)`);
    }
    unchanged.push({ key: createKey, summary: `DRI issue for the week of ${request.week}: ${target.reference}${target.assignee ? ` (@${target.assignee})` : ''}`, url: target.webUrl });
    newIssueRef = target.reference;
  } else {
    const pick = pickDri(state, week, previous?.rotationMember ?? null, true);
    warnings.push(...(previous && previous.rotationMember === null ? [`${previous.reference} has no assignee; starting again from the top of the roster`] : []), ...pick.warnings);
    context.skipped = pick.skipped;
    context.rotationMember = pick.member ?? previous?.rotationMember ?? null;
    const dri = request.substitute ?? pick.member;
    if (dri === null) {
      context.outcome = 'nobody-available';
      warnings.push(`everyone on dri.roster is away during the week of ${request.week}; pass --to USERNAME to name a substitute`);
      return finish();
    }
    context.dri = dri;
    if (request.substitute && pick.member && request.substitute.toLowerCase() !== pick.member.toLowerCase()) context.substituteFor = pick.member;
    if (request.substitute) {
      const away = reasonsAway(request.substitute, week, state, true);
      if (away.length > 0) warnings.push(`@${request.substitute} (--to) is marked away: ${away.join('; ')}`);
    }
    actions.push(newIssueAction(state, request.week, dri, previous, context));
    newIssueRef = `{{ref:${createKey}}}`;
  }

  const noteDone = previous !== undefined && state.previousNoteKeys.includes(noteKey);
  const requests = handoverRequests(state, target);
  context.handover = requests.map((r) => ({ reference: r.reference, title: r.title, webUrl: r.webUrl }));
  const linkKeys: string[] = [];
  if (target && noteDone) {
    // The comment is written after every link, so the hand-over was completed; requests labelled
    // since then belong to the current DRI and are handed over at the next rotation.
    context.handover = [];
  } else {
    for (const active of requests) {
      const key = `dri-link/${settings.project}/${request.week}/${active.reference}`;
      if (target && state.linkedToTarget.includes(active.id)) {
        unchanged.push({ key, summary: `${active.reference} is linked to ${target.reference}`, url: active.webUrl });
        continue;
      }
      linkKeys.push(key);
      actions.push({
        kind: 'link-issues',
        key,
        summary: `link ${active.reference} "${active.title}" to ${target ? target.reference : 'the new DRI issue'}`,
        source: target ? { project: settings.project, iid: target.iid } : { project: settings.project, createdBy: createKey },
        target: { project: active.projectId, iid: active.iid },
      });
    }
  }

  const forgotten = state.issues.filter((i) => i.state === 'opened' && previous && i.weekStart < previous.weekStart);
  if (forgotten.length > 0) {
    warnings.push(`older DRI issues are still open: ${forgotten.map((i) => `${i.reference} (week of ${i.weekStart})`).join(', ')}; teamops closes only the previous one, so close these by hand`);
  }

  if (previous) {
    const closeOut = closeOutActions(previous, { settings, week, newIssueRef, noteKey, noteDone, linkKeys, requests, context });
    actions.push(...closeOut.actions);
    unchanged.push(...closeOut.unchanged);
  }
  return finish();
}

// ---- schedule ------------------------------------------------------------------------------

export interface DriScheduleWeek {
  weekStart: IsoDate;
  weekEnd: IsoDate;
  dri: string | null;
  /** Whose turn in the roster order the rotation is. */
  rotationMember: string | null;
  /** An issue says so, or the rotation logic plans it. */
  source: 'issue' | 'planned';
  issue: { reference: string; webUrl: string } | null;
  /** This week starts a rotation (with a longer cadence, the following weeks continue it). */
  startsRotation: boolean;
  skipped: SkippedMember[];
}

export interface DriSchedule {
  project: string;
  cadence: Cadence;
  weeks: DriScheduleWeek[];
  warnings: string[];
}

export interface DriScheduleRequest {
  /** First day of the first week to show. */
  from: IsoDate;
  weeks: number;
}

interface Rotation {
  start: IsoDate;
  handsOver: IsoDate;
  dri: string | null;
  rotationMember: string | null;
  issue: DriIssue | null;
  skipped: SkippedMember[];
}

/** Who is DRI each coming week: from existing issues where there are any, else as `dri rotate` would choose. */
export function planDriSchedule(state: DriState, request: DriScheduleRequest, _today: IsoDate): DriSchedule {
  const { settings } = state;
  const warnings = new Set<string>();
  const fromIssue = (issue: DriIssue): Rotation => ({
    start: issue.weekStart,
    handsOver: nextRotationStart(issue.weekStart, settings.cadence, settings.weekStartsOn),
    dri: issue.assignee,
    rotationMember: issue.rotationMember,
    issue,
    skipped: [],
  });
  const { previous } = issuesAround(state.issues, request.from);
  let current: Rotation | null = previous ? fromIssue(previous) : null;
  let plannedAny = false;
  const weeks: DriScheduleWeek[] = [];
  for (let i = 0; i < request.weeks; i += 1) {
    const week = addDays(request.from, 7 * i);
    const issue = issueForWeek(state.issues, week);
    let startsRotation = false;
    if (issue) {
      current = fromIssue(issue);
      startsRotation = true;
    } else if (!current || week >= current.handsOver) {
      const pick = pickDri(state, rotationDays(week, settings), current?.rotationMember ?? null, !plannedAny);
      pick.warnings.forEach((w) => warnings.add(w));
      plannedAny = true;
      if (pick.member === null) warnings.add(`everyone on dri.roster is away during the week of ${week}`);
      current = {
        start: week,
        handsOver: nextRotationStart(week, settings.cadence, settings.weekStartsOn),
        dri: pick.member,
        rotationMember: pick.member ?? current?.rotationMember ?? null,
        issue: null,
        skipped: pick.skipped,
      };
      startsRotation = true;
    }
    weeks.push({
      weekStart: week,
      weekEnd: addDays(week, 6),
      dri: current.dri,
      rotationMember: current.rotationMember,
      source: current.issue ? 'issue' : 'planned',
      issue: current.issue ? { reference: current.issue.reference, webUrl: current.issue.webUrl } : null,
      startsRotation,
      skipped: startsRotation ? current.skipped : [],
    });
  }
  return { project: settings.project, cadence: settings.cadence, weeks, warnings: [...warnings] };
}

// Each rotation one engineer of dri.roster is DRI, recorded in one GitLab issue per rotation: these
// are the facts a rotation and the schedule are planned from.
import type { Plan } from '../../plan/plan.js';
import type { IsoDate, Weekday } from '../common/calendar.js';

export type Cadence = 'weekly' | 'biweekly' | 'monthly';

/**
 * The handbook's options for a request still active at hand-over: hand it to the next DRI in a
 * comment, stay on as subject-matter expert, close it with a documented mitigation and a follow-up
 * issue, or pass it on synchronously.
 */
export const HANDOFF_OPTIONS = ['next', 'sme', 'close', 'sync'] as const;
export type HandoffOption = (typeof HANDOFF_OPTIONS)[number];

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
  /** team.name, for the bundled template's heading. */
  teamName: string | null;
  /** Planned swaps by a day of the rotation they apply to (dri.overrides). */
  overrides: Record<IsoDate, string>;
  /** The label on a request naming its hand-off option. */
  handoffLabels: Record<HandoffOption, string>;
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
  labels: string[];
}

/** How one active request is handed over, chosen by its label or at the prompt. */
export interface HandoffChoice {
  option: HandoffOption;
  /** For `close`: what was done instead of solving it, from a `Mitigation:` comment or the prompt. */
  mitigation?: string;
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

export interface DriTemplate {
  name: string;
  source: 'project' | 'bundled' | 'file';
  text: string;
}

/** What `dri rotate` reads on top: the template and the hand-over material around the week. */
export interface DriRotationState extends DriState {
  template: DriTemplate;
  /** Issues linked to the previous DRI issue, open or closed. */
  previousLinks: RequestIssue[];
  /** Open issues carrying the active-request label. */
  labelledRequests: RequestIssue[];
  /** Issues already linked to this week's DRI issue, when it exists. */
  linkedToTarget: number[];
  /** Idempotency keys of the comments on the previous DRI issue. */
  previousNoteKeys: string[];
  /** Per request reference: the hand-off option chosen at the prompt, overriding its label. */
  handoffChoices: Record<string, HandoffChoice>;
  /** Per request reference: the text of its latest `Mitigation:` comment. */
  mitigations: Record<string, string>;
  /** Follow-up issues teamops opened for requests closed at a hand-over, by their keys. */
  followUps: Record<string, { reference: string; webUrl: string; iid: number; projectId: number }>;
  /** Keys of the comments on the requests (the closing comments of `close`). */
  requestNoteKeys: string[];
}

export interface SkippedMember {
  username: string;
  reasons: string[];
}

export interface DriRotationRequest {
  /** The first day of the week to rotate to (see resolveWeek). */
  week: IsoDate;
  /** --to: someone who takes this rotation instead, without changing the roster order. */
  substitute?: string;
}

export type DriRotationOutcome = 'rotate' | 'already-rotated' | 'rotation-continues' | 'later-issue-exists' | 'nobody-available';

/** What `dri rotate` decided, for the notes and the JSON document. */
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
  handover: Array<{ reference: string; title: string; webUrl: string; option: HandoffOption }>;
  template: { name: string; source: DriTemplate['source'] };
}

/** What one step of a plan adds: actions, entries already in place, warnings. */
export type PlanPart = Partial<Pick<Plan, 'actions' | 'unchanged' | 'warnings'>>;

// A rollover works on milestones and on the issues and merge requests still open in them.
import type { BulkUpdateProbe, HealthStatus } from '../../gitlab/port.js';
import type { CircuitBreakerSettings, CircuitBreakerState } from './circuit-breakers.js';

export interface RolloverMilestone {
  /** Global id (milestone routes and `milestone_id` take it). */
  id: number;
  title: string;
  state: 'active' | 'closed';
  startDate: string | null;
  dueDate: string | null;
  webUrl: string;
  /** Where the milestone lives; a project's issues may use its ancestor groups' milestones. */
  owner: { kind: 'project' | 'group'; id: number };
}

/** `--to none`: items leave their milestone for none (REST's `milestone_id=0`), back to the backlog. */
export const NO_MILESTONE: RolloverMilestone = {
  id: 0,
  title: '',
  state: 'active',
  startDate: null,
  dueDate: null,
  webUrl: '',
  owner: { kind: 'group', id: 0 },
};

export const isNoMilestone = (m: Pick<RolloverMilestone, 'id'>): boolean => m.id === NO_MILESTONE.id;

/** `"16.6"`, or `no milestone` for --to none. */
export const describeTarget = (m: Pick<RolloverMilestone, 'id' | 'title'>): string => (isNoMilestone(m) ? 'no milestone' : `"${m.title}"`);

export interface RolloverItem {
  kind: 'issue' | 'merge-request';
  projectId: number;
  iid: number;
  /** `group/project#12` or `group/project!3` */
  reference: string;
  title: string;
  webUrl: string;
  labels: string[];
  /** The title of the milestone it is in now. */
  milestoneTitle: string | null;
  assignees: string[];
  /** GitLab's record of its milestone changes (resource milestone events); null where the instance has none. */
  history: MilestoneChange[] | null;
  /** An issue's global id (GraphQL names issues by it); absent for a merge request. */
  id?: number;
  /** An issue's health status; absent where GitLab's tier has none (Free leaves the field out). */
  healthStatus?: HealthStatus | null;
}

/** One entry of an item's milestone history, on the team's calendar. */
export interface MilestoneChange {
  action: 'add' | 'remove';
  milestone: string | null;
  dueDate: string | null;
  /** Whether the item was open when it happened. */
  open: boolean;
  day: string;
}

/** The project or group rolled over. */
export interface RolloverScope {
  kind: 'project' | 'group';
  id: number;
  /** `group/app` or `distribution` */
  path: string;
}

/** What GitLab holds, read before any write: the planner chooses the milestones from it. */
export interface RolloverState {
  /** The project or group, or why the token cannot use it (nothing else is read then). */
  scope: RolloverScope | { problem: string };
  /** --assignee as GitLab spells it; null when GitLab has no such user; absent without --assignee. */
  assignee?: string | null;
  /** Every milestone the scope's items can use: its own and its ancestor groups'. */
  milestones: RolloverMilestone[];
  /** Open items of the milestones a rollover can go from (`rolloverCandidates`). */
  open: RolloverItem[];
  /** Items carrying those milestones' missed labels, wherever they are now. */
  labelled: RolloverItem[];
  /** With circuit breakers on: what they need (absent when off). */
  breakers?: CircuitBreakerState;
  /** GraphQL's issuesBulkUpdate for this scope, when it was asked about (`shouldProbeBulkUpdate`). */
  bulk?: { probe: BulkUpdateProbe; existingLabels: string[] };
}

export interface MilestoneRequest {
  /** --from / --to: milestone titles; absent means "choose by date". */
  from?: string;
  to?: string;
  /** --to none: no milestone at all (`to` is then absent). */
  toNone?: boolean;
  /** `project group/app` or `group distribution`, for messages. */
  scopeName: string;
}

export interface RolloverRequest extends MilestoneRequest {
  /** The label pattern, with `{milestone}` for the missed milestone's title; slips are counted with it. */
  missedLabelPattern: string;
  /** false with --no-missed-label: move without labelling (slips are still counted from earlier labels). */
  addMissedLabel: boolean;
  close: boolean;
  /** --assignee: move only what is assigned to this person. */
  assignee: string | null;
  includeMergeRequests: boolean;
  circuitBreakers: CircuitBreakerSettings;
  /** --api: how issues move (merge requests always move through REST). */
  api: ApiChoice;
  /** Which setting chose `api`: the flag, or teamops.yml's key (its default included). */
  apiSetting: '--api' | 'milestone.api';
  /**
   * --slips: where slips are counted from. `history` reads each item's resource milestone events
   * (one request per item; the missed labels where GitLab keeps none), `labels` reads none and counts
   * the missed labels.
   */
  slips: SlipsChoice;
  /** Which setting chose `slips`, for the report. */
  slipsSetting: '--slips' | 'milestone.slips';
  /** --to none: out of any milestone, back to the backlog. */
  toNone: boolean;
  /** --label (repeatable): move only items carrying every one of these labels. */
  labels: string[];
  /** --health: set a moved issue's health status from its slips (Premium and up). */
  health: boolean;
}

export const API_CHOICES = ['rest', 'graphql', 'auto'] as const;
export type ApiChoice = (typeof API_CHOICES)[number];
export const SLIPS_CHOICES = ['history', 'labels'] as const;
export type SlipsChoice = (typeof SLIPS_CHOICES)[number];

/** `--api rest`, or `milestone.api: rest`: a choice as the user wrote it. */
export const describeSetting = (setting: string, value: string): string =>
  setting.startsWith('--') ? `${setting} ${value}` : `${setting}: ${value}`;

/** Code-point order, so plans do not depend on the machine's locale. */

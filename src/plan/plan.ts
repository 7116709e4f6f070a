import type { BulkParent, HealthStatus, IssueChange, MergeRequestChange, NewIssue, ProjectRef, Scope } from '../gitlab/port.js';

export const PLAN_SCHEMA_VERSION = 1;

/**
 * An issue an action works on: one that exists, or one that an earlier action of the same plan
 * creates (its iid is known only once that action has run).
 */
export type IssueTarget = { project: ProjectRef; iid: number } | { project: ProjectRef; createdBy: string };

interface ActionBase {
  /** Stable across runs: the same intent always has the same key. */
  key: string;
  /** One line for people: what this action does, on what. */
  summary: string;
  /** Keys of actions that must succeed first (besides those named by `createdBy` targets). */
  after?: string[];
}

export interface CreateIssueAction extends ActionBase {
  kind: 'create-issue';
  project: ProjectRef;
  /** Description may hold `{{ref:KEY}}` / `{{url:KEY}}`, filled with what action KEY created. */
  issue: NewIssue;
}

export interface UpdateIssueAction extends ActionBase {
  kind: 'update-issue';
  target: IssueTarget;
  change: IssueChange;
  /** Sent with others through GraphQL `issuesBulkUpdate` rather than one REST request (see BulkUpdate). */
  bulk?: BulkUpdate;
}

/**
 * How an issue's change goes with others in one GraphQL `issuesBulkUpdate`: actions of the same
 * `batch` (which have the same change) are sent 100 at a time, then read back; an issue the
 * mutation did not change is finished with its own REST request.
 */
export interface BulkUpdate {
  batch: string;
  parent: BulkParent;
  /** The issue's global id (GraphQL's `gid://gitlab/Issue/<id>`). */
  issueId: number;
  /** The milestone the issue is in once changed (null: none), to tell from the read-back whether it was. */
  milestoneTitle: string | null;
}

export interface CreateLabelAction extends ActionBase {
  kind: 'create-label';
  scope: Scope;
  name: string;
  /** `#rrggbb` */
  color: string;
}

export interface SetHealthStatusAction extends ActionBase {
  kind: 'set-health-status';
  /** Full path of the issue's project (GraphQL `updateIssue` takes the path, not the id). */
  projectPath: string;
  iid: number;
  healthStatus: HealthStatus;
}

export interface CloseIssueAction extends ActionBase {
  kind: 'close-issue';
  target: IssueTarget;
}

export interface LinkIssuesAction extends ActionBase {
  kind: 'link-issues';
  source: IssueTarget;
  target: IssueTarget;
}

export interface CreateNoteAction extends ActionBase {
  kind: 'create-note';
  target: IssueTarget;
  /** May hold `{{ref:KEY}}` / `{{url:KEY}}` placeholders. */
  body: string;
}

/** Replaces the text of a comment teamops wrote earlier (found by its key), keeping that key. */
export interface UpdateNoteAction extends ActionBase {
  kind: 'update-note';
  target: IssueTarget;
  noteId: number;
  body: string;
  /** The key the note carries, put back with the new text. */
  noteKey: string | null;
}

export interface UpdateMilestoneAction extends ActionBase {
  kind: 'update-milestone';
  scope: Scope;
  milestoneId: number;
  description: string;
}

export interface UpdateMergeRequestAction extends ActionBase {
  kind: 'update-merge-request';
  project: ProjectRef;
  iid: number;
  change: MergeRequestChange;
}

export interface CloseMilestoneAction extends ActionBase {
  kind: 'close-milestone';
  scope: Scope;
  milestoneId: number;
}

export type Action =
  | CreateIssueAction
  | UpdateIssueAction
  | CreateLabelAction
  | SetHealthStatusAction
  | CloseIssueAction
  | LinkIssuesAction
  | CreateNoteAction
  | UpdateNoteAction
  | UpdateMilestoneAction
  | UpdateMergeRequestAction
  | CloseMilestoneAction;

export type ActionKind = Action['kind'];

/** Something the ritual wanted that already holds: shown with `=`. */
export interface UnchangedEntry {
  key: string;
  summary: string;
  url?: string;
}

export interface Plan<Context = unknown> {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  command: string;
  /** The project or group the plan works on. */
  scope: string;
  /** The day the plan was made for (team time zone), YYYY-MM-DD. */
  date: string;
  actions: Action[];
  unchanged: UnchangedEntry[];
  warnings: string[];
  /** Ritual-specific facts for the report and the JSON document (who was skipped, slip counts…). */
  context: Context;
}

export type Change = 'create' | 'change' | 'close';

export function changeOf(kind: ActionKind): Change {
  switch (kind) {
    case 'create-issue':
    case 'create-label':
    case 'create-note':
    case 'link-issues':
      return 'create';
    case 'update-issue':
    case 'set-health-status':
    case 'update-note':
    case 'update-milestone':
    case 'update-merge-request':
      return 'change';
    case 'close-issue':
    case 'close-milestone':
      return 'close';
  }
}

export function isEmpty(plan: Plan): boolean {
  return plan.actions.length === 0;
}

export function createPlan<Context>(
  fields: Omit<Plan<Context>, 'schemaVersion' | 'unchanged' | 'warnings'> & Partial<Pick<Plan<Context>, 'unchanged' | 'warnings'>>,
): Plan<Context> {
  return { schemaVersion: PLAN_SCHEMA_VERSION, unchanged: [], warnings: [], ...fields };
}

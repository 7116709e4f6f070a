// `teamops labels check` holds every item of a project or group to the team's label rules
// (labels.rules in teamops.yml) and, with --fix, adds or removes what it can without guessing.
import type { MilestoneChange } from '../milestone/model.js';
import type { QuarterKind } from '../common/quarter.js';

export interface LabelRules {
  /** Labels every item must carry. */
  required: string[];
  /** Groups of labels of which an item carries exactly one. */
  oneOf: string[][];
  /** The item's quarter label must be the quarter of its milestone's due date. */
  quarter: { pattern: string; kind: QuarterKind; fiscalStartMonth: number } | null;
  /** The label of work added to a milestone after it started. */
  unplanned: string | null;
}

export interface CheckedMilestone {
  title: string;
  startDate: string | null;
  dueDate: string | null;
}

export interface CheckedItem {
  kind: 'issue' | 'merge-request';
  projectId: number;
  iid: number;
  /** `group/project#12` or `group/project!3` */
  reference: string;
  title: string;
  webUrl: string;
  labels: string[];
  milestone: CheckedMilestone | null;
  /**
   * GitLab's record of its milestone changes, on the team's calendar: null where the instance keeps
   * none, absent where the Unplanned rule does not need it (`needsHistory`).
   */
  history?: MilestoneChange[] | null;
}

export type RuleName = 'required' | 'one-of' | 'quarter' | 'unplanned';

/** What would set a violation right, in labels. */
export interface LabelFix {
  add: string[];
  remove: string[];
}

export interface Violation {
  kind: CheckedItem['kind'];
  projectId: number;
  iid: number;
  reference: string;
  webUrl: string;
  rule: RuleName;
  /** `missing group::distribution`, for people. */
  problem: string;
  /** The unambiguous fix, or null where a person must choose (a one-of group). */
  fix: LabelFix | null;
  /** Why --fix leaves it: a person must choose, or a label it needs does not exist where the item is. */
  notFixable?: { reason: 'ambiguous' } | { reason: 'missing-label'; labels: string[] };
  /** What fixes it, for people: `add group::distribution`, `choose one of …`, `not applicable: …`. */
  fixText: string;
}

export interface LabelsCheckState {
  /** The project or group, or why the token cannot use it. */
  scope: { path: string } | { problem: string };
  /** --milestone names no milestone of the scope: why. */
  milestoneProblem?: string;
  items: CheckedItem[];
  /** By project id: which of the labels fixes would add exist there (its own or its groups'). */
  availableLabels: Record<number, string[]>;
}

export interface LabelsCheckRequest {
  rules: LabelRules;
  fix: boolean;
  /** `project group/app` or `group distribution`, for messages. */
  scopeName: string;
}

export interface LabelsReport {
  /** Items checked. */
  checked: number;
  violations: Violation[];
  /** Items whose milestone history GitLab does not keep (the Unplanned rule could not be checked). */
  withoutHistory: string[];
}

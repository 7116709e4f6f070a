// A rollover works on milestones and on the issues and merge requests still open in them.

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

export interface RolloverItem {
  kind: 'issue' | 'merge-request';
  projectId: number;
  iid: number;
  /** `group/project#12` or `group/project!3` */
  reference: string;
  title: string;
  webUrl: string;
  labels: string[];
}

/** Code-point order, so plans do not depend on the machine's locale. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

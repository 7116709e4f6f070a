/**
 * The quarter's OKRs as GitLab issues, as GitLab's handbook describes them: each objective is an
 * issue labelled okr:o, team:<team> and the quarter, assigned to the team's manager and director;
 * each key result is an issue labelled okr:kr, team:<team> and the quarter, with a measurable
 * target ("from x to y"), linked to the objective it supports. About three key results per
 * objective and no more than nine per team a quarter.
 */
import type { Measure } from './measure.js';

/** A key result as read from the file, config defaults already applied; anything may be missing. */
export interface KeyResultDraft {
  id?: string;
  title?: string;
  project?: string;
  from?: unknown;
  to?: unknown;
  current?: unknown;
  unit?: string;
  assignees?: string[];
  description?: string;
}

export interface ObjectiveDraft {
  id?: string;
  title?: string;
  team?: string;
  project?: string;
  assignees?: string[];
  description?: string;
  keyResults: KeyResultDraft[];
}

/** A key result with everything it needs, checked. */
export interface KeyResultSpec {
  slug: string;
  title: string;
  project: string;
  from: Measure;
  to: Measure;
  current: Measure;
  unit: string;
  assignees: string[];
  description: string;
}

export interface ObjectiveSpec {
  /** Where it is among the file's objectives (0-based), so warnings number it as the errors do. */
  position?: number;
  slug: string;
  title: string;
  team: string;
  project: string;
  assignees: string[];
  description: string;
  keyResults: KeyResultSpec[];
}

/** `<projectId>#<iid>`: one issue, however many lists or links return it. */
export const issueId = (issue: { projectId: number; iid: number }) => `${issue.projectId}#${issue.iid}`;

/** An issue template's text, and its name for messages: `templates/okr-objective.md`, `issue template "OKR" of …`. */
export interface IssueTemplate {
  name: string;
  text: string;
}

// Messages name objectives and key results by position and title, as people find them in the file.
const quoted = (title: string | undefined) => (title && title.trim() !== '' ? ` "${title.trim()}"` : '');

/** `objective 2 "Faster builds"` */
export const objectiveName = (index: number, title: string | undefined) => `objective ${index + 1}${quoted(title)}`;

/** `objective 2 "Faster builds", key result 1 "Cache hits"` */
export const keyResultName = (objectiveIndex: number, objectiveTitle: string | undefined, index: number, title: string | undefined) =>
  `${objectiveName(objectiveIndex, objectiveTitle)}, key result ${index + 1}${quoted(title)}`;

// okr create: each objective and key result of the file becomes an issue unless one carrying its key
// exists; key results are created first and linked to their objective last (each link needs both
// issues). Issues that exist get back labels people removed, and an objective's checklist gains the
// key results it lacks. Key results in GitLab that the file no longer lists are left alone.
import { createPlan, type Action, type IssueTarget, type Plan, type UnchangedEntry } from '../../plan/plan.js';
import { counted } from '../common/text.js';
import type { AccessFacts } from './access.js';
import { checklistLine, withKeyResultLines } from './checklist.js';
import { isKeyResultKey, keyResultKey, objectiveKey } from './keys.js';
import { labelsOf, type OkrLabelSettings } from './labels.js';
import { formatTarget } from './measure.js';
import { issueId, type KeyResultSpec, type ObjectiveDraft, type ObjectiveSpec } from './model.js';
import type { OkrQuarter } from './quarter.js';
import { fillTemplate, type LoadedTemplates } from './templates.js';
import { validateOkrs, type ValidOkrs } from './validate.js';
import { keyResultVariables, objectiveVariables } from './variables.js';

export interface OkrRequest {
  /** The quarter asked for (resolveOkrQuarter), or why there is none. */
  quarter: { quarter?: OkrQuarter; problems: string[] };
  /** The file's objectives, teamops.yml's defaults applied, not yet checked. */
  objectives: ObjectiveDraft[];
  labels: OkrLabelSettings;
  /** The handbook's warnings fail the run like problems. */
  strict: boolean;
}

/** An issue that carries one of this quarter's OKR keys. */
export interface ExistingOkrIssue {
  key: string;
  /** Where it was found: the project path as the file names it. */
  project: string;
  projectId: number;
  iid: number;
  title: string;
  reference: string;
  webUrl: string;
  labels: string[];
  description: string;
}

export interface OkrState extends AccessFacts {
  templates: LoadedTemplates;
  issues: ExistingOkrIssue[];
  /** For each existing objective (by key): the issues linked to it, by `issueId`. */
  linkedTo: Record<string, string[]>;
}

export interface OkrPlanContext {
  quarter: { name: string; start: string; end: string; label: string };
  objectives: Array<{
    key: string;
    title: string;
    team: string;
    project: string;
    keyResults: Array<{ key: string; title: string; project: string; target: string }>;
  }>;
  /** Key results of this quarter in GitLab that the file no longer lists; teamops leaves them alone. */
  notInFile: Array<{ key: string; title: string; reference: string }>;
}

/** A plan, or every problem that stops one (nothing is written), with the warnings to show beside them. */
export type OkrPlanning = { ok: true; plan: Plan<OkrPlanContext> } | { ok: false; problems: string[]; warnings: string[] };

/** What planning collects. Links go last: each needs both of its issues, created or found. */
interface Planning {
  valid: ValidOkrs;
  state: OkrState;
  existing: Map<string, ExistingOkrIssue>;
  actions: Action[];
  links: Action[];
  unchanged: UnchangedEntry[];
  /** Templates that the real values break. */
  problems: string[];
}

type PlannedObjective = OkrPlanContext['objectives'][number];
type PlannedKeyResult = PlannedObjective['keyResults'][number] & { reference: string };

const targetOf = (issue: ExistingOkrIssue | undefined, project: string, key: string): IssueTarget =>
  issue ? { project: issue.project, iid: issue.iid } : { project, createdBy: key };

function userIdsOf(state: OkrState, usernames: string[]): number[] {
  return usernames.flatMap((username) => state.userIds[username] ?? []);
}

type Parent = { key: string; issue?: ExistingOkrIssue; target: IssueTarget };

/** Creates the key result, or puts back labels people removed from it. */
function keyResultIssue(
  planning: Planning,
  objective: ObjectiveSpec,
  key: string,
  kr: KeyResultSpec,
  issue: ExistingOkrIssue | undefined,
): void {
  const { valid, state } = planning;
  const labels = labelsOf(valid.labels, valid.labels.keyResult, objective.team);
  const missingLabels = issue ? labels.filter((label) => !issue.labels.includes(label)) : [];
  if (!issue) {
    const description = fillTemplate(valid.templates, 'keyResult', keyResultVariables(valid.quarter, objective, kr), planning.problems);
    planning.actions.push({
      kind: 'create-issue',
      key,
      summary: `create key result "${kr.title}" in ${kr.project} (${formatTarget(kr.from, kr.to, kr.unit)})`,
      project: kr.project,
      issue: { title: kr.title, description, labels, assigneeIds: userIdsOf(state, kr.assignees) },
    });
  } else if (missingLabels.length > 0) {
    planning.actions.push({
      kind: 'update-issue',
      key: `${key}/labels`,
      summary: `add labels ${missingLabels.join(', ')} to key result "${kr.title}" (${issue.reference})`,
      target: { project: issue.project, iid: issue.iid },
      change: { addLabels: missingLabels },
    });
  } else {
    planning.unchanged.push({ key, summary: `key result "${kr.title}" exists: ${issue.reference}`, url: issue.webUrl });
  }
}

/** The key result and its link to the objective, unless GitLab has them. */
function planKeyResult(planning: Planning, objective: ObjectiveSpec, parent: Parent, kr: KeyResultSpec): PlannedKeyResult {
  const key = keyResultKey(parent.key, kr.slug);
  const issue = planning.existing.get(key);
  keyResultIssue(planning, objective, key, kr, issue);
  const linked = parent.issue && issue && (planning.state.linkedTo[parent.key] ?? []).includes(issueId(issue));
  if (!linked) {
    planning.links.push({
      kind: 'link-issues',
      key: `${key}/link`,
      summary: `link key result "${kr.title}" to objective "${objective.title}"`,
      source: targetOf(issue, kr.project, key),
      target: parent.target,
    });
  }
  const target = formatTarget(kr.from, kr.to, kr.unit);
  return { key, title: kr.title, project: issue?.project ?? kr.project, target, reference: issue?.reference ?? `{{ref:${key}}}` };
}

/** Appends key results its checklist lacks to the objective in GitLab, and puts back labels people removed. */
function updateObjective(planning: Planning, objective: ObjectiveSpec, key: string, issue: ExistingOkrIssue, references: string[]): void {
  const { description, added } = withKeyResultLines(
    issue.description,
    objective.keyResults.map((kr, i) => ({ reference: references[i]!, line: checklistLine(references[i]!, kr) })),
  );
  const missingLabels = labelsOf(planning.valid.labels, planning.valid.labels.objective, objective.team).filter(
    (label) => !issue.labels.includes(label),
  );
  const changes = [
    added > 0 ? `add ${counted(added, 'key result')} to its checklist` : '',
    missingLabels.length > 0 ? `add labels ${missingLabels.join(', ')}` : '',
  ].filter(Boolean);
  if (changes.length === 0) {
    planning.unchanged.push({ key, summary: `objective "${objective.title}" exists: ${issue.reference}`, url: issue.webUrl });
    return;
  }
  const addLabels = missingLabels.length > 0 ? { addLabels: missingLabels } : {};
  planning.actions.push({
    kind: 'update-issue',
    key: `${key}/update`,
    summary: `update objective "${objective.title}" (${issue.reference}): ${changes.join('; ')}`,
    target: { project: issue.project, iid: issue.iid },
    // The new description replaces the stored one, so the key it was read with goes with it.
    change: added > 0 ? { ...addLabels, description, key: issue.key } : addLabels,
  });
}

/** Creates the objective listing its key results, or updates the one in GitLab. */
function planObjective(planning: Planning, objective: ObjectiveSpec): PlannedObjective {
  const { valid, state } = planning;
  const key = objectiveKey(valid.quarter.quarter, objective.team, objective.slug);
  const issue = planning.existing.get(key);
  const parent: Parent = { key, issue, target: targetOf(issue, objective.project, key) };
  const keyResults = objective.keyResults.map((kr) => planKeyResult(planning, objective, parent, kr));
  const references = keyResults.map((kr) => kr.reference);
  if (issue) updateObjective(planning, objective, key, issue, references);
  else {
    const description = fillTemplate(
      valid.templates,
      'objective',
      objectiveVariables(valid.quarter, objective, references),
      planning.problems,
    );
    planning.actions.push({
      kind: 'create-issue',
      key,
      summary: `create objective "${objective.title}" in ${objective.project} (${counted(keyResults.length, 'key result')})`,
      project: objective.project,
      issue: {
        title: objective.title,
        description,
        labels: labelsOf(valid.labels, valid.labels.objective, objective.team),
        assigneeIds: userIdsOf(state, objective.assignees),
      },
    });
  }
  return {
    key,
    title: objective.title,
    team: objective.team,
    project: issue?.project ?? objective.project,
    keyResults: keyResults.map(({ reference: _reference, ...kr }) => kr),
  };
}

export function planOkrs(state: OkrState, request: OkrRequest, today: string): OkrPlanning {
  const valid = validateOkrs(state, request);
  if (!valid.ok) return valid;
  const planning: Planning = {
    valid,
    state,
    existing: new Map(state.issues.map((issue) => [issue.key, issue])),
    actions: [],
    links: [],
    unchanged: [],
    problems: [],
  };
  const objectives = valid.objectives.map((objective) => planObjective(planning, objective));
  if (planning.problems.length > 0) return { ok: false, problems: planning.problems, warnings: valid.warnings };
  const inFile = new Set(objectives.flatMap((objective) => objective.keyResults.map((kr) => kr.key)));
  const teams = [...new Set(valid.objectives.map((o) => o.team))];
  const { quarter, label } = valid.quarter;
  const plan = createPlan<OkrPlanContext>({
    command: 'okr create',
    scope: `${quarter.name} OKRs${teams.length > 0 ? ` of ${teams.join(', ')}` : ''}`,
    date: today,
    actions: [...planning.actions, ...planning.links],
    unchanged: planning.unchanged,
    warnings: valid.warnings,
    context: {
      quarter: { name: quarter.name, start: quarter.start, end: quarter.end, label },
      objectives,
      notInFile: state.issues
        .filter((issue) => isKeyResultKey(issue.key) && !inFile.has(issue.key))
        .map((issue) => ({ key: issue.key, title: issue.title, reference: issue.reference })),
    },
  });
  return { ok: true, plan };
}

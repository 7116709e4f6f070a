// okr create writes nothing unless the whole file can be planned: the quarter and its labels, every
// objective and key result, the projects, assignees and templates. Every problem is listed at once;
// under --strict the handbook's warnings count as problems too.
import { accessProblems } from './access.js';
import { checkObjectives } from './check-objectives.js';
import { okrLabels, type OkrLabels } from './labels.js';
import type { ObjectiveSpec } from './model.js';
import type { OkrRequest, OkrState } from './plan-okrs.js';
import type { OkrQuarter } from './quarter.js';
import { checkTemplates, type OkrTemplates } from './templates.js';
import { okrWarnings } from './warnings.js';

export interface ValidOkrs {
  ok: true;
  quarter: OkrQuarter;
  objectives: ObjectiveSpec[];
  labels: OkrLabels;
  templates: OkrTemplates;
  warnings: string[];
}

export interface InvalidOkrs {
  ok: false;
  problems: string[];
  /** Warnings to show with the problems (none under --strict: they are among the problems). */
  warnings: string[];
}

const asProblem = (warning: string) => `${warning} (a warning; --strict makes it an error)`;

export function validateOkrs(state: OkrState, request: OkrRequest): ValidOkrs | InvalidOkrs {
  const { quarter, problems: quarterProblems } = request.quarter;
  const checked = checkObjectives(request.objectives);
  const labelProblems: string[] = [];
  const labels = okrLabels(quarter?.label ?? '', [...new Set(checked.objectives.map((o) => o.team))], request.labels, labelProblems);
  const templates = checkTemplates(state.templates);
  const gitlabProblems = [...accessProblems(request.objectives, state), ...templates.problems].sort();
  const warnings = quarter
    ? okrWarnings(
        checked.objectives,
        quarter.quarter,
        state.issues.map((i) => i.key),
      )
    : [];
  const problems = [
    ...quarterProblems,
    ...labelProblems,
    ...checked.errors,
    ...gitlabProblems,
    ...(request.strict ? warnings.map(asProblem) : []),
  ];
  if (!quarter || !templates.templates || problems.length > 0) return { ok: false, problems, warnings: request.strict ? [] : warnings };
  return { ok: true, quarter, objectives: checked.objectives, labels, templates: templates.templates, warnings };
}

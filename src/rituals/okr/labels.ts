// Objectives carry labels.objective (okr:o) and key results labels.key_result (okr:kr); both also
// carry their team's label (labels.team, `team:{team}`), the quarter's label and okr.extra_labels.
// A label made from a pattern must not hold a comma: GitLab takes labels as a comma-separated list.
import { TemplateError } from '../common/template-error.js';
import { fillPattern } from '../common/pattern.js';

/** The labels.* patterns and okr.extra_labels of teamops.yml. */
export interface OkrLabelSettings {
  team: string;
  objective: string;
  keyResult: string;
  extra: string[];
}

export interface OkrLabels {
  quarter: string;
  objective: string;
  keyResult: string;
  /** The team label of every team the file names. */
  team: Record<string, string>;
  extra: string[];
}

/** The label `make` fills from the pattern at config key `key`, or '' with the problem noted once. */
export function labelOrProblem(make: () => string, key: string, problems: string[]): string {
  const note = (problem: string) => {
    if (!problems.includes(problem)) problems.push(problem);
  };
  try {
    const value = make();
    if (value.includes(',')) note(`${key}: the label "${value}" contains a comma`);
    return value;
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    note(error.message);
    return '';
  }
}

/** The label of `team` from labels.team; a pattern that cannot be filled is a problem to list. */
export function teamLabel(team: string, pattern: string, problems: string[]): string {
  return labelOrProblem(() => fillPattern(pattern, { team }, 'labels.team'), 'labels.team', problems);
}

/** The quarter's OKR labels for the teams named. */
export function okrLabels(quarterLabel: string, teams: string[], settings: OkrLabelSettings, problems: string[]): OkrLabels {
  const team = Object.fromEntries(teams.map((name) => [name, teamLabel(name, settings.team, problems)]));
  return { quarter: quarterLabel, objective: settings.objective, keyResult: settings.keyResult, team, extra: settings.extra };
}

/** An objective's or key result's labels: its kind, its team, the quarter and the extra labels, once each. */
export function labelsOf(labels: OkrLabels, kind: string, team: string): string[] {
  return [...new Set([kind, labels.team[team] ?? team, labels.quarter, ...labels.extra])];
}

// The handbook's shape, as warnings (errors under --strict): objectives are assigned to the team's
// manager and director, have about three key results (two to four), and a team has no more than
// nine key results a quarter, counting those already in GitLab that the file does not list.
import type { Quarter } from '../common/quarter.js';
import { counted } from '../common/text.js';
import { isKeyResultKey, keyResultKey, objectiveKey, teamKeyPrefix } from './keys.js';
import { objectiveName, type ObjectiveSpec } from './model.js';

function objectiveWarnings(objective: ObjectiveSpec, o: number): string[] {
  const warnings: string[] = [];
  if (objective.assignees.length === 0) {
    warnings.push(
      `${objectiveName(o, objective.title)}: assignees: none; the handbook assigns objectives to the team's manager and director (okr.teams.<team>.assignees)`,
    );
  }
  const count = objective.keyResults.length;
  if (count < 2 || count > 4) {
    warnings.push(
      `${objectiveName(o, objective.title)}: key_results: ${counted(count, 'key result')}; the handbook asks for about three per objective`,
    );
  }
  return warnings;
}

/** Each team's key results this quarter, by key: the file's and those GitLab has (`existingKeys`). */
function keyResultsPerTeam(objectives: ObjectiveSpec[], quarter: Quarter, existingKeys: string[]): Map<string, Set<string>> {
  const perTeam = new Map<string, Set<string>>();
  for (const objective of objectives) {
    const objKey = objectiveKey(quarter, objective.team, objective.slug);
    const keys = perTeam.get(objective.team) ?? new Set<string>();
    for (const kr of objective.keyResults) keys.add(keyResultKey(objKey, kr.slug));
    perTeam.set(objective.team, keys);
  }
  for (const [team, keys] of perTeam) {
    const prefix = teamKeyPrefix(quarter, team);
    for (const key of existingKeys) if (key.startsWith(prefix) && isKeyResultKey(key)) keys.add(key);
  }
  return perTeam;
}

export function okrWarnings(objectives: ObjectiveSpec[], quarter: Quarter, existingKeys: string[] = []): string[] {
  const warnings = objectives.flatMap((objective, index) => objectiveWarnings(objective, objective.position ?? index));
  for (const [team, keys] of keyResultsPerTeam(objectives, quarter, existingKeys)) {
    if (keys.size > 9)
      warnings.push(`team ${team}: ${keys.size} key results in ${quarter.name}; the handbook asks for no more than nine a quarter`);
  }
  return warnings;
}

import type { TeamopsConfig } from '../../config/schema.js';
import type { Deps } from '../../deps.js';
import { ValidationError } from '../../errors.js';
import { checkObjectives } from '../../rituals/okr/check-objectives.js';
import { keyResultKey, objectiveKey } from '../../rituals/okr/keys.js';
import { issueId } from '../../rituals/okr/model.js';
import type { OkrQuarter } from '../../rituals/okr/quarter.js';
import { planRetro } from '../../rituals/okr/retro.js';
import { emitAndApply } from '../common/apply-flow.js';
import { openContext } from '../common/context.js';
import { applyDefaults, readOkrFile } from './okr-file.js';
import { readQuarterKeyResults } from './read-key-results.js';
import { scopesOf, statusRequest } from './run-status.js';
import type { OkrRetroOptions } from './retro.js';

export async function runOkrRetro(options: OkrRetroOptions, deps: Deps): Promise<void> {
  const context = openContext(options.globals, deps);
  const { request, labels } = statusRequest(options, context.config, context.today);
  const fileKeys = options.file ? keysInFile(options.file, deps.cwd, context.config, request.quarter) : undefined;
  const { status, keyResults } = await readQuarterKeyResults(
    context.reader(),
    scopesOf(options, context.config),
    labels,
    (kr) => kr.state === 'opened',
  );
  const objectives = status.objectives.map((objective) => ({
    ...objective,
    keyResults: (status.links[issueId(objective)] ?? []).filter((l) => l.labels.includes(labels.keyResult)).map(issueId),
  }));
  const plan = planRetro({ keyResults, objectives }, { quarter: request.quarter, close: options.close, fileKeys }, context.today);
  const waiting = plan.context.waiting.map(
    (kr) =>
      `waiting for the retrospective of ${kr.reference} "${kr.title}": ${kr.emptySections.join(', ')} ${kr.emptySections.length === 1 ? 'is' : 'are'} empty (${kr.webUrl})`,
  );
  await emitAndApply(plan, context, deps, { lock: scopesOf(options, context.config)[0]!.scope, notes: waiting });
}

/** The keys of the file's key results; the file must be for the quarter asked for. */
function keysInFile(file: string, cwd: string, config: TeamopsConfig, quarter: OkrQuarter): Set<string> {
  const source = readOkrFile(file, cwd);
  const checked = checkObjectives(applyDefaults(source.data, config));
  const problems = [...checked.errors];
  if (source.data.quarter !== undefined && source.data.quarter.toUpperCase() !== quarter.quarter.name.toUpperCase())
    problems.push(`quarter: the file is for ${source.data.quarter}, not ${quarter.quarter.name}`);
  if (problems.length > 0) throw new ValidationError(`${source.name}: cannot tell which key results were dropped`, problems);
  return new Set(
    checked.objectives.flatMap((o) => o.keyResults.map((kr) => keyResultKey(objectiveKey(quarter.quarter, o.team, o.slug), kr.slug))),
  );
}

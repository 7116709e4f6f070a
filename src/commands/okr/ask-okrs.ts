import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TeamopsConfig } from '../../config/schema.js';
import type { IO } from '../../io/io.js';
import { status, success } from '../../io/output.js';
import type { Prompter } from '../../prompts/prompter.js';
import { MEASURE_EXAMPLES, parseMeasure } from '../../rituals/okr/measure.js';
import { parseQuarter, QUARTER_EXAMPLES } from '../../rituals/common/quarter.js';
import { okrFileSchema, stringifyOkrFile, type OkrFile, type OkrFileInput } from './okr-file.js';

const required = (what: string) => (value: string) => (value.trim() !== '' ? true : `${what} cannot be empty`);
const numeric = (value: string) => (parseMeasure(value) ? true : `enter ${MEASURE_EXAMPLES}`);
const list = (value: string) =>
  value
    .split(/[\s,]+/)
    .map((u) => u.replace(/^@/, ''))
    .filter(Boolean);
const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

export interface AskDefaults {
  quarter: string;
  /** Shown when the user has to say where the file goes. */
  cwd: string;
}

type ObjectiveAnswers = OkrFileInput['objectives'][number];
type KeyResultAnswers = NonNullable<ObjectiveAnswers['key_results']>[number];
type TeamSettings = TeamopsConfig['okr']['teams'][string] | undefined;

async function askKeyResult(prompter: Prompter, n: number, defaultProject: string): Promise<KeyResultAnswers> {
  const title = await prompter.input('okr.kr.title', `Key result ${n}: title`, { validate: required('the title') });
  const from = await prompter.input('okr.kr.from', 'From (where it stands now: a number or a percentage)', { validate: numeric });
  const to = await prompter.input('okr.kr.to', 'To (the target)', { validate: numeric });
  const unit = await prompter.input('okr.kr.unit', 'Unit (optional, e.g. minutes)');
  const project = await prompter.input('okr.kr.project', 'Project for the key result issue', { defaultValue: defaultProject });
  const assignees = await prompter.input('okr.kr.assignees', 'Assignees (empty: the objective’s)');
  return {
    title: title.trim(),
    project: optional(project) ?? defaultProject,
    from: from.trim(),
    to: to.trim(),
    ...(optional(unit) ? { unit: unit.trim() } : {}),
    ...(list(assignees).length > 0 ? { assignees: list(assignees) } : {}),
  };
}

/** One objective and its key results; about three are suggested, so "another?" defaults to yes until there are three. */
async function askObjective(prompter: Prompter, n: number, config: TeamopsConfig, teamSettings: TeamSettings): Promise<ObjectiveAnswers> {
  const title = await prompter.input('okr.objective.title', `Objective ${n}: title`, { validate: required('the title') });
  const description = await prompter.input('okr.objective.description', 'What the objective means and why it matters (optional)');
  const project = await prompter.input('okr.objective.project', 'Project for the objective issue (group/project)', {
    defaultValue: config.okr.project ?? teamSettings?.project,
    validate: required('the project'),
  });
  const assignees = await prompter.input(
    'okr.objective.assignees',
    'Assignees (the manager and the director; usernames, comma-separated)',
    {
      defaultValue: teamSettings?.assignees.join(', '),
    },
  );
  const keyResults: KeyResultAnswers[] = [];
  do keyResults.push(await askKeyResult(prompter, keyResults.length + 1, teamSettings?.project ?? project.trim()));
  while (await prompter.confirm('okr.kr.more', 'Add another key result to this objective?', keyResults.length < 3));
  return {
    title: title.trim(),
    project: project.trim(),
    ...(list(assignees).length > 0 ? { assignees: list(assignees) } : {}),
    ...(optional(description) ? { description: description.trim() } : {}),
    key_results: keyResults,
  };
}

/**
 * Walks the user through the quarter's OKRs, question by question, then offers to save the
 * answers as an OKR file so the next run (or a rerun after a failure) can use --file.
 */
export async function askForOkrs(
  prompter: Prompter,
  io: IO,
  config: TeamopsConfig,
  defaults: AskDefaults,
): Promise<{ data: OkrFile; name: string }> {
  status(io, 'No --file given: answer a few questions for each objective and its key results (about three per objective).');
  const quarter = await prompter.input('okr.quarter', `Quarter (${QUARTER_EXAMPLES})`, {
    defaultValue: defaults.quarter,
    validate: (value) => (parseQuarter(value, config.fiscal_year_start_month) ? true : `expected ${QUARTER_EXAMPLES}`),
  });
  const teams = Object.keys(config.okr.teams);
  const team = await prompter.input('okr.team', 'Team', {
    defaultValue: teams.length === 1 ? teams[0] : undefined,
    validate: required('the team'),
  });
  const objectives: ObjectiveAnswers[] = [];
  do objectives.push(await askObjective(prompter, objectives.length + 1, config, config.okr.teams[team.trim()]));
  while (await prompter.confirm('okr.objective.more', 'Add another objective?', false));

  const answers: OkrFileInput = { quarter: quarter.trim(), team: team.trim(), objectives };
  const name = await saveAnswers(prompter, io, answers, defaults.cwd);
  return { data: okrFileSchema.parse(answers), name: name ?? 'your answers' };
}

async function saveAnswers(prompter: Prompter, io: IO, answers: OkrFileInput, cwd: string): Promise<string | undefined> {
  if (!(await prompter.confirm('okr.save', 'Save these OKRs to a file (for reruns and for next quarter)?', true))) return undefined;
  const fileName = await prompter.input('okr.save.path', 'File name', {
    defaultValue: `okrs-${answers.quarter}.yml`,
    validate: required('the file name'),
  });
  const full = path.resolve(cwd, fileName.trim());
  if (existsSync(full) && !(await prompter.confirm('okr.save.overwrite', `${fileName.trim()} exists. Replace it?`, false)))
    return undefined;
  writeFileSync(full, stringifyOkrFile(answers));
  success(io, `Saved to ${fileName.trim()}; run again with: teamops okr create --file ${fileName.trim()}`);
  return fileName.trim();
}

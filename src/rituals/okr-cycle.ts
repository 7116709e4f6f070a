/**
 * The quarter's OKRs as GitLab issues, as GitLab's handbook describes them: each objective is an
 * issue labelled okr:o, team:<team> and the quarter, assigned to the team's manager and director;
 * each key result is an issue labelled okr:kr, team:<team> and the quarter, with a measurable
 * target ("from x to y"), linked to the objective it supports. About three key results per
 * objective and no more than nine per team a quarter. The objective's description keeps a
 * checklist of its key results; a key result added later is appended to it, never re-rendered,
 * so boxes people ticked stay ticked.
 */
import { createPlan, type Action, type IssueTarget, type Plan, type UnchangedEntry } from '../plan/plan.js';
import { renderIssueBody } from './shared/issue-body.js';
import type { Quarter } from './shared/quarter.js';
import { formatScore, scoreOf } from './okr/progress.js';
import { counted, escapeRegExp } from './shared/text.js';

/** A number from the OKR file: `45`, `12.5` or `40%`. */
export interface Measure {
  value: number;
  percent: boolean;
  /** As written, for descriptions: `40%`, `12.5`. */
  text: string;
}

const MEASURE = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+))\s*(%?)$/;

export function parseMeasure(raw: unknown): Measure | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return { value: raw, percent: false, text: String(raw) };
  if (typeof raw !== 'string') return undefined;
  const match = MEASURE.exec(raw.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const percent = match[2] === '%';
  return { value, percent, text: `${String(value)}${percent ? '%' : ''}` };
}

/** Words after which a unit's noun is done: "retries *a* week", "patches *per* release". */
const UNIT_CONNECTORS = /^(a|an|per|each|every|in|of|on|to|for|with|within|by|at)$/i;

/** English singular of a plural noun, for "1 retry", "1 box", "1 operating system". */
function singular(word: string): string {
  if (/^people$/i.test(word)) return word.replace(/eople$/i, 'erson');
  if (/[^aeiou]ies$/i.test(word)) return word.slice(0, -3) + 'y';
  if (/(ch|sh|x|z|ss)es$/i.test(word)) return word.slice(0, -2);
  if (/[^su]s$/i.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * A value with its unit as people write it: `45 minutes`, `1 operating system`, `40%`. Units are
 * written in the plural in the OKR file; for exactly one, the noun before any "a", "per"… loses its s.
 */
export function withUnit(measure: Measure, unit: string): string {
  if (unit === '') return measure.text;
  if (unit === '%') return measure.percent ? measure.text : `${measure.text}%`;
  if (Math.abs(measure.value) !== 1) return `${measure.text} ${unit}`;
  const words = unit.split(' ');
  const end = words.findIndex((word, i) => i > 0 && UNIT_CONNECTORS.test(word));
  const noun = (end === -1 ? words.length : end) - 1;
  return `${measure.text} ${words.map((word, i) => (i === noun ? singular(word) : word)).join(' ')}`;
}

/** "from 95 to 45 minutes", "from 5 to 1 incident"; unit "%" reads "from 40% to 80%". */
export function formatTarget(from: Measure, to: Measure, unit: string): string {
  return `from ${unit === '%' ? withUnit(from, unit) : from.text} to ${withUnit(to, unit)}`;
}

/** Key-friendly form of a title: `Ship FIPS builds!` → `ship-fips-builds`. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 50 || slug[50] === '-') return slug.slice(0, 50);
  const cut = slug.slice(0, 50);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut;
}

// ---- keys ------------------------------------------------------------------------------------

/** Every OKR issue of a quarter carries a key starting with this, so one search finds them all. */
export function quarterKeyPrefix(quarter: Quarter): string {
  return `okr/${quarter.name}/`;
}

export function objectiveKey(quarter: Quarter, team: string, objectiveSlug: string): string {
  return `${quarterKeyPrefix(quarter)}${slugify(team) || 'team'}/${objectiveSlug}`;
}

export function keyResultKey(objective: string, keyResultSlug: string): string {
  return `${objective}/kr/${keyResultSlug}`;
}

export function isKeyResultKey(key: string): boolean {
  return key.includes('/kr/');
}

// ---- input -----------------------------------------------------------------------------------

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
  slug: string;
  title: string;
  team: string;
  project: string;
  assignees: string[];
  description: string;
  keyResults: KeyResultSpec[];
}

export interface CheckedObjectives {
  objectives: ObjectiveSpec[];
  /** Each names the objective or key result and the field. */
  errors: string[];
}

const quoted = (title: string | undefined) => (title && title.trim() !== '' ? ` "${title.trim()}"` : '');
export const objectiveName = (index: number, title: string | undefined) => `objective ${index + 1}${quoted(title)}`;
export const keyResultName = (objectiveIndex: number, objectiveTitle: string | undefined, index: number, title: string | undefined) =>
  `${objectiveName(objectiveIndex, objectiveTitle)}, key result ${index + 1}${quoted(title)}`;

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === '';

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** Turns drafts into specs, collecting every problem instead of stopping at the first. */
export function checkObjectives(drafts: ObjectiveDraft[]): CheckedObjectives {
  const errors: string[] = [];
  const objectives: ObjectiveSpec[] = [];
  const objectiveSlugs = new Map<string, string>();

  drafts.forEach((draft, o) => {
    const name = objectiveName(o, draft.title);
    if (blank(draft.title)) errors.push(`${name}: title: missing`);
    if (blank(draft.team)) errors.push(`${name}: team: missing (set team: in the file, for the objective or for the whole file)`);
    if (blank(draft.project)) errors.push(`${name}: project: missing (set it in the file, or okr.project or okr.teams.<team>.project in teamops.yml)`);
    if (draft.id !== undefined && !ID.test(draft.id)) errors.push(`${name}: id: "${draft.id}" must be lower-case letters, digits and dashes`);
    const slug = draft.id ?? slugify(draft.title ?? '');
    if (!blank(draft.title) && slug === '') errors.push(`${name}: id: the title has no letters or digits to make a key from; add an id: such as faster-builds`);
    const teamSlug = `${slugify(draft.team ?? '')}/${slug}`;
    if (slug !== '' && objectiveSlugs.has(teamSlug)) {
      errors.push(`${name}: title: same key "${slug}" as ${objectiveSlugs.get(teamSlug)} of the same team; give one of them an id:`);
    } else if (slug !== '') objectiveSlugs.set(teamSlug, name);

    const keyResults: KeyResultSpec[] = [];
    const keyResultSlugs = new Map<string, string>();
    draft.keyResults.forEach((kr, k) => {
      const krName = keyResultName(o, draft.title, k, kr.title);
      if (blank(kr.title)) errors.push(`${krName}: title: missing`);
      if (blank(kr.project)) errors.push(`${krName}: project: missing`);
      if (kr.id !== undefined && !ID.test(kr.id)) errors.push(`${krName}: id: "${kr.id}" must be lower-case letters, digits and dashes`);
      const from = parseMeasure(kr.from);
      const to = parseMeasure(kr.to);
      const current = kr.current === undefined || kr.current === null ? from : parseMeasure(kr.current);
      const numeric = 'a number such as 45, 12.5 or 40%';
      if (kr.from === undefined || kr.from === null) errors.push(`${krName}: from: missing; a key result is measured "from x to y" (${numeric})`);
      else if (!from) errors.push(`${krName}: from: "${String(kr.from)}" is not ${numeric}`);
      if (kr.to === undefined || kr.to === null) errors.push(`${krName}: to: missing; a key result is measured "from x to y" (${numeric})`);
      else if (!to) errors.push(`${krName}: to: "${String(kr.to)}" is not ${numeric}`);
      if (kr.current !== undefined && kr.current !== null && !current) errors.push(`${krName}: current: "${String(kr.current)}" is not ${numeric}`);
      if (from && to && from.value === to.value) errors.push(`${krName}: to: the target equals from (${from.text}); nothing would change`);
      const krSlug = kr.id ?? slugify(kr.title ?? '');
      if (!blank(kr.title) && krSlug === '') errors.push(`${krName}: id: the title has no letters or digits to make a key from; add an id:`);
      if (krSlug !== '' && keyResultSlugs.has(krSlug)) {
        errors.push(`${krName}: title: same key "${krSlug}" as ${keyResultSlugs.get(krSlug)}; give one of them an id:`);
      } else if (krSlug !== '') keyResultSlugs.set(krSlug, krName);
      if (from && to && current && !blank(kr.title) && !blank(kr.project) && krSlug !== '') {
        keyResults.push({
          slug: krSlug,
          title: kr.title!.trim(),
          project: kr.project!,
          from,
          to,
          current,
          unit: (kr.unit ?? '').trim(),
          assignees: kr.assignees ?? draft.assignees ?? [],
          description: (kr.description ?? '').trim(),
        });
      }
    });

    if (!blank(draft.title) && !blank(draft.team) && !blank(draft.project) && slug !== '') {
      objectives.push({
        slug,
        title: draft.title!.trim(),
        team: draft.team!.trim(),
        project: draft.project!,
        assignees: draft.assignees ?? [],
        description: (draft.description ?? '').trim(),
        keyResults,
      });
    }
  });
  return { objectives, errors };
}

/** The handbook's shape: about three key results per objective, at most nine per team a quarter. */
export function okrWarnings(objectives: ObjectiveSpec[], quarter: Quarter, existingKeys: string[] = []): string[] {
  const warnings: string[] = [];
  objectives.forEach((objective, o) => {
    if (objective.assignees.length === 0) {
      warnings.push(`${objectiveName(o, objective.title)}: assignees: none; the handbook assigns objectives to the team's manager and director (okr.teams.<team>.assignees)`);
    }
    const count = objective.keyResults.length;
    if (count < 2 || count > 4) {
      warnings.push(`${objectiveName(o, objective.title)}: key_results: ${counted(count, 'key result')}; the handbook asks for about three per objective`);
    }
  });
  const perTeam = new Map<string, Set<string>>();
  for (const objective of objectives) {
    const objKey = objectiveKey(quarter, objective.team, objective.slug);
    const keys = perTeam.get(objective.team) ?? new Set<string>();
    for (const kr of objective.keyResults) keys.add(keyResultKey(objKey, kr.slug));
    perTeam.set(objective.team, keys);
  }
  for (const [team, keys] of perTeam) {
    const teamPrefix = `${quarterKeyPrefix(quarter)}${slugify(team) || 'team'}/`;
    for (const key of existingKeys) if (key.startsWith(teamPrefix) && isKeyResultKey(key)) keys.add(key);
    if (keys.size > 9) {
      warnings.push(`team ${team}: ${keys.size} key results in ${quarter.name}; the handbook asks for no more than nine a quarter`);
    }
  }
  return warnings;
}

// ---- planning --------------------------------------------------------------------------------

export interface IssueTemplate {
  /** For error messages: `templates/okr-objective.md` or `project template OKR`. */
  name: string;
  text: string;
}

export interface OkrRequest {
  quarter: Quarter;
  labels: {
    quarter: string;
    objective: string;
    keyResult: string;
    /** The team label of every team the file names. */
    team: Record<string, string>;
    extra: string[];
  };
  objectives: ObjectiveSpec[];
  templates: { objective: IssueTemplate; keyResult: IssueTemplate };
  /** GitLab user ids of every assignee, by username. */
  userIds: Record<string, number>;
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

export interface OkrState {
  issues: ExistingOkrIssue[];
  /** For each existing objective (by key): the issues linked to it, as `<projectId>#<iid>`. */
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

const CHECKLIST_START = '<!-- teamops:okr-key-results -->';
const CHECKLIST_END = '<!-- /teamops:okr-key-results -->';

function checklistLine(reference: string, kr: KeyResultSpec): string {
  return `- [ ] ${reference} ${kr.title}: ${formatTarget(kr.from, kr.to, kr.unit)}`;
}

function checklistBlock(lines: string[]): string {
  return [CHECKLIST_START, ...lines, CHECKLIST_END].join('\n');
}

/** Whether `text` mentions the issue reference `group/project#12` (and not `#123`). */
function mentions(text: string, reference: string): boolean {
  return new RegExp(`${escapeRegExp(reference)}(?!\\d)`).test(text);
}

/**
 * The objective's description with a checklist line for each key result it does not list yet.
 * Lines are appended to teamops' checklist block (or a new block at the end), so ticked boxes and
 * edits people made stay as they are.
 */
export function withKeyResultLines(description: string, lines: Array<{ reference: string; line: string }>): { description: string; added: number } {
  const start = description.indexOf(CHECKLIST_START);
  const end = description.indexOf(CHECKLIST_END, start);
  const hasBlock = start >= 0 && end > start;
  const listed = hasBlock ? description.slice(start, end) : description;
  const missing = lines.filter((l) => !mentions(listed, l.reference)).map((l) => l.line);
  if (missing.length === 0) return { description, added: 0 };
  if (hasBlock) {
    const before = description.slice(0, end).replace(/\n*$/, '\n');
    return { description: `${before}${missing.join('\n')}\n${description.slice(end)}`, added: missing.length };
  }
  return { description: `${description.replace(/\s+$/, '')}\n\n### Key results\n\n${checklistBlock(missing)}\n`, added: missing.length };
}

type QuarterFields = Pick<OkrRequest, 'quarter' | 'labels'>;

const fillTemplate = (template: IssueTemplate, variables: Record<string, unknown>): string => renderIssueBody(template.text, variables, template.name);

/** Every template also gets the quarter's fields. */
function quarterVariables({ quarter, labels }: QuarterFields): Record<string, unknown> {
  return { quarter: quarter.name, quarter_label: labels.quarter, quarter_start: quarter.start, quarter_end: quarter.end };
}

function keyResultVariables(request: QuarterFields, objective: ObjectiveSpec, kr: KeyResultSpec): Record<string, unknown> {
  return {
    ...quarterVariables(request),
    title: kr.title,
    description: kr.description,
    objective: objective.title,
    team: objective.team,
    assignees: kr.assignees,
    from: kr.from.text,
    to: kr.to.text,
    unit: kr.unit,
    target: formatTarget(kr.from, kr.to, kr.unit),
    current: withUnit(kr.current, kr.unit),
    score: formatScore(scoreOf(kr.from.value, kr.to.value, kr.current.value)),
  };
}

function objectiveVariables(request: QuarterFields, objective: ObjectiveSpec, references: string[]): Record<string, unknown> {
  return {
    ...quarterVariables(request),
    title: objective.title,
    description: objective.description,
    team: objective.team,
    assignees: objective.assignees,
    key_results: objective.keyResults.map((kr, i) => ({ title: kr.title, reference: references[i]!, target: formatTarget(kr.from, kr.to, kr.unit), project: kr.project })),
    key_results_checklist: checklistBlock(objective.keyResults.map((kr, i) => checklistLine(references[i]!, kr))),
  };
}

const SAMPLE_KEY_RESULT: KeyResultSpec = {
  slug: 'sample',
  title: 'A key result',
  project: 'group/project',
  from: parseMeasure(10)!,
  to: parseMeasure(20)!,
  current: parseMeasure(15)!,
  unit: 'things',
  assignees: ['someone'],
  description: 'Why it matters.',
};
const SAMPLE_OBJECTIVE: ObjectiveSpec = { slug: 'sample', title: 'An objective', team: 'team', project: 'group/project', assignees: ['someone'], description: 'Why.', keyResults: [SAMPLE_KEY_RESULT] };
const SAMPLE_QUARTER: QuarterFields = {
  quarter: { kind: 'calendar', year: 2027, number: 1, name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' },
  labels: { quarter: 'OKR::2027-Q1', objective: 'OKR::objective', keyResult: 'OKR::key result', team: {}, extra: [] },
};

/**
 * The variables each template gets, with made-up values and one key result in every list, so
 * that templates can be checked (loop bodies included) before anything is written.
 */
export function sampleOkrVariables(): { objective: Record<string, unknown>; keyResult: Record<string, unknown> } {
  return {
    objective: objectiveVariables(SAMPLE_QUARTER, SAMPLE_OBJECTIVE, ['group/project#2']),
    keyResult: keyResultVariables(SAMPLE_QUARTER, SAMPLE_OBJECTIVE, SAMPLE_KEY_RESULT),
  };
}

const linkId = (issue: ExistingOkrIssue) => `${issue.projectId}#${issue.iid}`;

const targetOf = (issue: ExistingOkrIssue | undefined, project: string, key: string): IssueTarget =>
  issue ? { project: issue.project, iid: issue.iid } : { project, createdBy: key };

/** What planning collects. Links go last: each needs both of its issues, created or found. */
interface Planning {
  request: OkrRequest;
  state: OkrState;
  existing: Map<string, ExistingOkrIssue>;
  actions: Action[];
  links: Action[];
  unchanged: UnchangedEntry[];
}

type PlannedObjective = OkrPlanContext['objectives'][number];
type PlannedKeyResult = PlannedObjective['keyResults'][number] & { reference: string };

function labelsFor(request: OkrRequest, kind: string, team: string): string[] {
  return [...new Set([kind, request.labels.team[team] ?? team, request.labels.quarter, ...request.labels.extra])];
}

function userIdsOf(request: OkrRequest, usernames: string[]): number[] {
  return usernames.flatMap((username) => (request.userIds[username] === undefined ? [] : [request.userIds[username]]));
}

/** Creates the key result, or puts back labels people removed from it; links it unless it is linked. */
function planKeyResult(planning: Planning, objective: ObjectiveSpec, parent: { key: string; issue?: ExistingOkrIssue; target: IssueTarget }, kr: KeyResultSpec): PlannedKeyResult {
  const { request, state } = planning;
  const key = keyResultKey(parent.key, kr.slug);
  const issue = planning.existing.get(key);
  const target = formatTarget(kr.from, kr.to, kr.unit);
  const labels = labelsFor(request, request.labels.keyResult, objective.team);
  const missingLabels = issue ? labels.filter((label) => !issue.labels.includes(label)) : [];
  if (!issue) {
    planning.actions.push({
      kind: 'create-issue',
      key,
      summary: `create key result "${kr.title}" in ${kr.project} (${target})`,
      project: kr.project,
      issue: { title: kr.title, description: fillTemplate(request.templates.keyResult, keyResultVariables(request, objective, kr)), labels, assigneeIds: userIdsOf(request, kr.assignees) },
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
  const linked = parent.issue && issue && (state.linkedTo[parent.key] ?? []).includes(linkId(issue));
  if (!linked) {
    planning.links.push({
      kind: 'link-issues',
      key: `${key}/link`,
      summary: `link key result "${kr.title}" to objective "${objective.title}"`,
      source: targetOf(issue, kr.project, key),
      target: parent.target,
    });
  }
  return { key, title: kr.title, project: issue?.project ?? kr.project, target, reference: issue?.reference ?? `{{ref:${key}}}` };
}

/**
 * Creates the objective listing its key results, or updates the one in GitLab: appends key results
 * its checklist lacks and puts back labels people removed.
 */
function planObjective(planning: Planning, objective: ObjectiveSpec): PlannedObjective {
  const { request } = planning;
  const key = objectiveKey(request.quarter, objective.team, objective.slug);
  const issue = planning.existing.get(key);
  const parent = { key, issue, target: targetOf(issue, objective.project, key) };
  const keyResults = objective.keyResults.map((kr) => planKeyResult(planning, objective, parent, kr));
  const references = keyResults.map((kr) => kr.reference);
  const labels = labelsFor(request, request.labels.objective, objective.team);

  if (!issue) {
    planning.actions.push({
      kind: 'create-issue',
      key,
      summary: `create objective "${objective.title}" in ${objective.project} (${counted(keyResults.length, 'key result')})`,
      project: objective.project,
      issue: { title: objective.title, description: fillTemplate(request.templates.objective, objectiveVariables(request, objective, references)), labels, assigneeIds: userIdsOf(request, objective.assignees) },
    });
  } else {
    const { description, added } = withKeyResultLines(
      issue.description,
      objective.keyResults.map((kr, i) => ({ reference: references[i]!, line: checklistLine(references[i]!, kr) })),
    );
    const missingLabels = labels.filter((label) => !issue.labels.includes(label));
    const changes = [added > 0 ? `add ${counted(added, 'key result')} to its checklist` : '', missingLabels.length > 0 ? `add labels ${missingLabels.join(', ')}` : ''].filter(Boolean);
    if (changes.length > 0) {
      const addLabels = missingLabels.length > 0 ? { addLabels: missingLabels } : {};
      planning.actions.push({
        kind: 'update-issue',
        key: `${key}/update`,
        summary: `update objective "${objective.title}" (${issue.reference}): ${changes.join('; ')}`,
        target: parent.target,
        // The new description replaces the stored one, so the key it was read with goes with it.
        change: added > 0 ? { ...addLabels, description, key: issue.key } : addLabels,
      });
    } else {
      planning.unchanged.push({ key, summary: `objective "${objective.title}" exists: ${issue.reference}`, url: issue.webUrl });
    }
  }
  return { key, title: objective.title, team: objective.team, project: issue?.project ?? objective.project, keyResults: keyResults.map(({ reference: _reference, ...kr }) => kr) };
}

export function planOkrCycle(state: OkrState, request: OkrRequest, today: string): Plan<OkrPlanContext> {
  const planning: Planning = { request, state, existing: new Map(state.issues.map((issue) => [issue.key, issue])), actions: [], links: [], unchanged: [] };
  const objectives = request.objectives.map((objective) => planObjective(planning, objective));
  const inFile = new Set(objectives.flatMap((objective) => objective.keyResults.map((kr) => kr.key)));
  const teams = [...new Set(request.objectives.map((o) => o.team))];
  return createPlan({
    command: 'okr create',
    scope: `${request.quarter.name} OKRs${teams.length > 0 ? ` of ${teams.join(', ')}` : ''}`,
    date: today,
    actions: [...planning.actions, ...planning.links],
    unchanged: planning.unchanged,
    warnings: okrWarnings(request.objectives, request.quarter, state.issues.map((i) => i.key)),
    context: {
      quarter: { name: request.quarter.name, start: request.quarter.start, end: request.quarter.end, label: request.labels.quarter },
      objectives,
      notInFile: state.issues
        .filter((issue) => isKeyResultKey(issue.key) && !inFile.has(issue.key))
        .map((issue) => ({ key: issue.key, title: issue.title, reference: issue.reference })),
    },
  });
}

// Every objective needs a title, a team and a project; every key result a title, a project and a
// measurable target "from x to y" that changes something. Keys come from ids or titles and must be
// unique: objectives within their team, key results within their objective. Every problem is
// collected, each naming the objective or key result and the field, instead of stopping at the first.
import { slugify } from './keys.js';
import { MEASURE_EXAMPLES, parseMeasure, type Measure } from './measure.js';
import { keyResultName, objectiveName, type KeyResultDraft, type KeyResultSpec, type ObjectiveDraft, type ObjectiveSpec } from './model.js';

export interface CheckedObjectives {
  objectives: ObjectiveSpec[];
  /** Each names the objective or key result and the field. */
  errors: string[];
}

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === '';
const absent = (value: unknown): value is null | undefined => value === undefined || value === null;

const ID = /^[a-z0-9][a-z0-9-]*$/;

function checkId(item: { id?: string }, name: string, errors: string[]): void {
  if (item.id !== undefined && !ID.test(item.id)) errors.push(`${name}: id: "${item.id}" must be lower-case letters, digits and dashes`);
}

/** The slug of an id or title, or '' with the problem noted; `seen` holds the slugs taken so far, by who took them. */
function checkSlug(
  item: { id?: string; title?: string },
  name: string,
  seen: Map<string, string>,
  scope: { key: string; hint: string; sameAs: string },
  errors: string[],
): string {
  const slug = item.id ?? slugify(item.title ?? '');
  if (!blank(item.title) && slug === '')
    errors.push(`${name}: id: the title has no letters or digits to make a key from; add an id:${scope.hint}`);
  if (slug === '') return '';
  const taken = `${scope.key}/${slug}`;
  if (seen.has(taken)) errors.push(`${name}: title: same key "${slug}" as ${seen.get(taken)}${scope.sameAs}; give one of them an id:`);
  else seen.set(taken, name);
  return slug;
}

/** From, to and current (which defaults to from) as measures, or undefined with the problems noted. */
function checkMeasures(kr: KeyResultDraft, name: string, errors: string[]): { from: Measure; to: Measure; current: Measure } | undefined {
  const from = parseMeasure(kr.from);
  const to = parseMeasure(kr.to);
  const current = absent(kr.current) ? from : parseMeasure(kr.current);
  if (absent(kr.from)) errors.push(`${name}: from: missing; a key result is measured "from x to y" (${MEASURE_EXAMPLES})`);
  else if (!from) errors.push(`${name}: from: "${String(kr.from)}" is not ${MEASURE_EXAMPLES}`);
  if (absent(kr.to)) errors.push(`${name}: to: missing; a key result is measured "from x to y" (${MEASURE_EXAMPLES})`);
  else if (!to) errors.push(`${name}: to: "${String(kr.to)}" is not ${MEASURE_EXAMPLES}`);
  if (!absent(kr.current) && !current) errors.push(`${name}: current: "${String(kr.current)}" is not ${MEASURE_EXAMPLES}`);
  if (from && to && from.value === to.value) errors.push(`${name}: to: the target equals from (${from.text}); nothing would change`);
  return from && to && current ? { from, to, current } : undefined;
}

function checkKeyResult(
  kr: KeyResultDraft,
  name: string,
  seen: Map<string, string>,
  objective: ObjectiveDraft,
  errors: string[],
): KeyResultSpec | undefined {
  if (blank(kr.title)) errors.push(`${name}: title: missing`);
  if (blank(kr.project)) errors.push(`${name}: project: missing`);
  checkId(kr, name, errors);
  const measures = checkMeasures(kr, name, errors);
  const slug = checkSlug(kr, name, seen, { key: '', hint: '', sameAs: '' }, errors);
  if (!measures || blank(kr.title) || blank(kr.project) || slug === '') return undefined;
  return {
    slug,
    title: kr.title!.trim(),
    project: kr.project!,
    ...measures,
    unit: (kr.unit ?? '').trim(),
    assignees: kr.assignees ?? objective.assignees ?? [],
    description: (kr.description ?? '').trim(),
  };
}

function checkObjective(draft: ObjectiveDraft, o: number, seen: Map<string, string>, errors: string[]): ObjectiveSpec | undefined {
  const name = objectiveName(o, draft.title);
  if (blank(draft.title)) errors.push(`${name}: title: missing`);
  if (blank(draft.team)) errors.push(`${name}: team: missing (set team: in the file, for the objective or for the whole file)`);
  if (blank(draft.project))
    errors.push(`${name}: project: missing (set it in the file, or okr.project or okr.teams.<team>.project in teamops.yml)`);
  checkId(draft, name, errors);
  const slug = checkSlug(
    draft,
    name,
    seen,
    { key: slugify(draft.team ?? ''), hint: ' such as faster-builds', sameAs: ' of the same team' },
    errors,
  );
  const keyResultSlugs = new Map<string, string>();
  const keyResults = draft.keyResults.flatMap(
    (kr, k) => checkKeyResult(kr, keyResultName(o, draft.title, k, kr.title), keyResultSlugs, draft, errors) ?? [],
  );
  if (blank(draft.title) || blank(draft.team) || blank(draft.project) || slug === '') return undefined;
  return {
    position: o,
    slug,
    title: draft.title!.trim(),
    team: draft.team!.trim(),
    project: draft.project!,
    assignees: draft.assignees ?? [],
    description: (draft.description ?? '').trim(),
    keyResults,
  };
}

/** Turns drafts into specs, collecting every problem instead of stopping at the first. */
export function checkObjectives(drafts: ObjectiveDraft[]): CheckedObjectives {
  const errors: string[] = [];
  const seen = new Map<string, string>();
  const objectives = drafts.flatMap((draft, o) => checkObjective(draft, o, seen, errors) ?? []);
  return { objectives, errors };
}

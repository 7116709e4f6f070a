import { existsSync } from 'node:fs';
import { MAX_YAML_ALIASES, readTextFile } from '../../config/read-text-file.js';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { YAML_HINT } from '../../config/load-config.js';
import type { TeamopsConfig } from '../../config/schema.js';
import { describeZodIssues, keyPath } from '../../config/zod-issues.js';
import { UsageError, ValidationError } from '../../errors.js';
import { MEASURE_EXAMPLES } from '../../rituals/okr/measure.js';
import { keyResultName, objectiveName, type KeyResultDraft, type ObjectiveDraft } from '../../rituals/okr/model.js';

/** A number, or a string such as `40%`; checked (with a message naming the key result) later. */
const measure = z.union([z.number(), z.string()], { error: `expected ${MEASURE_EXAMPLES}` }).nullish();
const text = z.string().nullish();
/**
 * A team name becomes a label (labels.team, `team:{team}`), and GitLab refuses commas in label names
 * (app/models/label.rb) and takes a list of labels comma-separated: a comma would make it two labels.
 */
const teamName = text
  .refine(
    (team) => !team?.includes(','),
    'a team name cannot contain a comma: it becomes a label (labels.team), which GitLab would read as two',
  )
  .refine((team) => !(team && /\p{Cc}/u.test(team)), 'a team name cannot contain control characters or line breaks: it becomes a label');
/** `[grace.hopper, director.lee]`, or one name; a leading @ is allowed. */
const usernames = z
  .union([z.array(z.string()), z.string()], { error: 'expected usernames: a list such as [grace.hopper, director.lee]' })
  .nullish()
  .transform((value) =>
    value === null || value === undefined
      ? undefined
      : (Array.isArray(value) ? value : value.split(',')).map((u) => u.trim().replace(/^@/, '')).filter(Boolean),
  );

const keyResultSchema = z
  .object({
    id: z.string().optional(),
    title: text,
    project: text,
    from: measure,
    to: measure,
    current: measure,
    unit: text,
    assignees: usernames,
    description: text,
  })
  .strict();

const objectiveSchema = z
  .object({
    id: z.string().optional(),
    title: text,
    team: teamName,
    project: text,
    assignees: usernames,
    description: text,
    key_results: z.array(keyResultSchema).nullish(),
  })
  .strict();

export const okrFileSchema = z
  .object({
    quarter: z
      .union([z.string(), z.number()])
      .nullish()
      .transform((q) => (q === null || q === undefined ? undefined : String(q))),
    team: teamName,
    objectives: z.array(objectiveSchema).min(1, 'expected at least one objective'),
  })
  .strict();

export type OkrFile = z.output<typeof okrFileSchema>;
export type OkrFileInput = z.input<typeof okrFileSchema>;

/** `objectives[0].key_results[1].from` → `objective 1 "Faster builds", key result 2 "Cache hits": from`. */
function describePath(issuePath: readonly PropertyKey[], raw: unknown): string {
  const [top, o, kind, k, ...rest] = issuePath;
  if (top !== 'objectives' || typeof o !== 'number') return keyPath(issuePath);
  const objectives = (raw as { objectives?: Array<{ title?: unknown; key_results?: Array<{ title?: unknown }> }> }).objectives ?? [];
  const objective = objectives[o];
  const title = typeof objective?.title === 'string' ? objective.title : undefined;
  if (kind === 'key_results' && typeof k === 'number') {
    const kr = objective?.key_results?.[k];
    const name = keyResultName(o, title, k, typeof kr?.title === 'string' ? kr.title : undefined);
    return rest.length > 0 ? `${name}: ${keyPath(rest)}` : name;
  }
  const field = keyPath(issuePath.slice(2));
  return field ? `${objectiveName(o, title)}: ${field}` : objectiveName(o, title);
}

export interface ReadOkrFile {
  data: OkrFile;
  name: string;
  /**
   * What does not fit an OKR file's shape (unknown keys, a list where text belongs…). The parts in
   * question are left out of `data`, so the remaining checks still run and every problem is reported
   * together.
   */
  problems: string[];
  /** Where those problems are (`objective 2 "Faster builds": title`), so later checks do not report them again. */
  rejected: string[];
}

/** Parses the OKR file's text; a YAML syntax error stops here, every other problem is collected. */
function parseOkrFile(source: string, fileName: string): Omit<ReadOkrFile, 'name'> {
  const document = parseDocument(source);
  if (document.errors.length > 0) {
    throw new ValidationError(
      `${fileName} is not valid YAML; nothing was written to GitLab`,
      document.errors.map((error) => {
        const at = error.linePos?.[0];
        const what = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        return `${at ? `line ${at.line}, column ${at.col}: ` : ''}${what}`;
      }),
      { hint: YAML_HINT },
    );
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? {};
  } catch (error) {
    throw new ValidationError(`${fileName} cannot be read`, [error instanceof Error ? error.message : String(error)], {
      hint: `teamops expands at most ${MAX_YAML_ALIASES} YAML aliases (*name); write the values out instead`,
    });
  }
  const problems: string[] = [];
  const rejected: string[] = [];
  // Zod stops at nothing but reports nothing inside a part it rejected, so each round leaves out
  // what it rejected and looks again, until the rest fits.
  for (let round = 0; round < 10; round += 1) {
    const result = okrFileSchema.safeParse(raw);
    const found = result.success ? [] : result.error.issues;
    const where = (issue: z.core.$ZodIssue) => describePath(issue.path, raw);
    problems.push(...describeZodIssues(found, where));
    rejected.push(...found.filter((issue) => issue.code !== 'unrecognized_keys').map(where));
    if (result.success) return { data: result.data, problems: [...new Set(problems)], rejected };
    const pruned = withoutRejectedParts(raw, found);
    if (pruned === undefined) break;
    raw = pruned;
  }
  throw new ValidationError(`${fileName} does not have the shape of an OKR file; nothing was written to GitLab`, [...new Set(problems)], {
    hint: OKR_FILE_HINT,
  });
}

export const OKR_FILE_HINT =
  'run teamops okr create --help for the format, or see https://gitlab.com/teamops/teamops#teamops-okr-create-and-teamops-okr-status';

/** A copy of `raw` without the keys and values zod rejected; undefined when nothing could be left out. */
function withoutRejectedParts(raw: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const copy = structuredClone(raw) as Record<PropertyKey, unknown>;
  let changed = false;
  for (const issue of issues) {
    const parentPath = issue.code === 'unrecognized_keys' ? issue.path : issue.path.slice(0, -1);
    if (issue.code !== 'unrecognized_keys' && issue.path.length === 0) return undefined;
    const parent = parentPath.reduce<unknown>(
      (node, part) => (node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part] : undefined),
      copy,
    );
    if (parent === null || typeof parent !== 'object') continue;
    const container = parent as Record<PropertyKey, unknown>;
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path[issue.path.length - 1]!];
    for (const key of keys) {
      // A rejected list entry becomes empty rather than disappearing, so the others keep their numbers.
      if (Array.isArray(container)) container[key as number] = {};
      else delete container[key];
      changed = true;
    }
  }
  return changed ? copy : undefined;
}

export function readOkrFile(file: string, cwd: string): ReadOkrFile {
  const full = path.resolve(cwd, file);
  if (!existsSync(full))
    throw new UsageError(`--file: ${file} does not exist`, {
      hint: 'pass the path of an OKR file; teamops okr create --help shows the format',
    });
  const text = readTextFile(full, (problem) => new UsageError(`--file: ${file} ${problem}`, { hint: 'pass the path of an OKR file' }));
  return { ...parseOkrFile(text, file), name: file };
}

/** The OKR file as YAML, for saving what the interactive questions collected. */
export function stringifyOkrFile(file: OkrFileInput): string {
  return `# OKRs for teamops okr create --file <this file>\n${stringify(file, { lineWidth: 0 })}`;
}

const present = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

/**
 * The file's objectives with teamops.yml's defaults filled in: the team from the file or the only
 * configured team; objective issues in the file's project, else okr.project, else the team's
 * project; key results in the team's tracker (okr.teams.<team>.project), else with their objective;
 * assignees from the file, else the team's manager and director from config.
 */
export function applyDefaults(file: OkrFile, config: TeamopsConfig): ObjectiveDraft[] {
  const configuredTeams = Object.keys(config.okr.teams);
  const fileTeam = present(file.team) ?? (configuredTeams.length === 1 ? configuredTeams[0] : undefined);
  return file.objectives.map((objective): ObjectiveDraft => {
    const team = present(objective.team) ?? fileTeam;
    const teamSettings = team === undefined ? undefined : config.okr.teams[team];
    const project = present(objective.project) ?? config.okr.project ?? teamSettings?.project;
    const assignees = objective.assignees ?? teamSettings?.assignees;
    return {
      id: objective.id,
      title: present(objective.title),
      team,
      project,
      assignees,
      description: present(objective.description),
      keyResults: (objective.key_results ?? []).map((kr): KeyResultDraft => ({
        id: kr.id,
        title: present(kr.title),
        project: present(kr.project) ?? teamSettings?.project ?? project,
        from: present(kr.from),
        to: present(kr.to),
        current: present(kr.current),
        unit: present(kr.unit),
        assignees: kr.assignees,
        description: present(kr.description),
      })),
    };
  });
}

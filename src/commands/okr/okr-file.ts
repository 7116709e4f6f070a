import { existsSync } from 'node:fs';
import { MAX_YAML_ALIASES, readTextFile } from '../../config/read-text-file.js';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import type { TeamopsConfig } from '../../config/schema.js';
import { describeZodIssues, keyPath } from '../../config/zod-issues.js';
import { UsageError, ValidationError } from '../../errors.js';
import { MEASURE_EXAMPLES } from '../../rituals/okr/measure.js';
import { keyResultName, objectiveName, type KeyResultDraft, type ObjectiveDraft } from '../../rituals/okr/model.js';

/** A number, or a string such as `40%`; checked (with a message naming the key result) later. */
const measure = z.union([z.number(), z.string()], { error: `expected ${MEASURE_EXAMPLES}` }).nullish();
const text = z.string().nullish();
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
    team: text,
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
    team: text,
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

/** Parses the OKR file's text; every shape problem (unknown keys, a list where text belongs…) at once. */
function parseOkrFile(source: string, fileName: string): OkrFile {
  const document = parseDocument(source);
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    const line = first.linePos?.[0];
    throw new ValidationError(`${fileName} is not valid YAML`, [`${line ? `line ${line.line}: ` : ''}${first.message.split('\n')[0]}`], {
      hint: 'quote values that start with % or @, e.g. unit: "%"',
    });
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? {};
  } catch (error) {
    throw new ValidationError(`${fileName} cannot be read`, [error instanceof Error ? error.message : String(error)], {
      hint: `teamops expands at most ${MAX_YAML_ALIASES} YAML aliases (*name); write the values out instead`,
    });
  }
  const result = okrFileSchema.safeParse(raw);
  if (!result.success) {
    throw new ValidationError(
      `${fileName} does not have the shape of an OKR file; nothing was written to GitLab`,
      describeZodIssues(result.error.issues, (issue) => describePath(issue.path, raw)),
      { hint: 'see templates/okrs.example.yml for the format' },
    );
  }
  return result.data;
}

export function readOkrFile(file: string, cwd: string): { data: OkrFile; name: string } {
  const full = path.resolve(cwd, file);
  if (!existsSync(full))
    throw new UsageError(`--file: ${file} does not exist`, {
      hint: 'pass the path of an OKR file; templates/okrs.example.yml shows the format',
    });
  const text = readTextFile(full, (problem) => new UsageError(`--file: ${file} ${problem}`, { hint: 'pass the path of an OKR file' }));
  return { data: parseOkrFile(text, file), name: file };
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

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// GitLab's own response schemas (spec/fixtures/api/schemas, vendored in test/fixtures/gitlab-api-schemas)
// compiled with ajv in draft-07 mode. Each file is registered under its file:// URL so relative
// $refs resolve as json_schemer resolves them. The defects listed in that folder's README are
// corrected here, in memory; the vendored files are never modified.

const SCHEMA_ROOT = fileURLToPath(new URL('../fixtures/gitlab-api-schemas/', import.meta.url));
const V4 = 'spec/fixtures/api/schemas/public_api/v4';

type Json = unknown;
type SchemaNode = Record<string, Json>;

function listJsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listJsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

function isNode(value: Json): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(node: Json, visit: (node: SchemaNode) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (isNode(node)) {
    visit(node);
    Object.values(node).forEach((child) => walk(child, visit));
  }
}

/** Corrections applied to every file: invalid types, duplicate `required` entries and the Ruby-only regex. */
function fixGeneric(schema: SchemaNode): void {
  walk(schema, (node) => {
    const type = node['type'];
    const fixType = (t: Json): Json => {
      if (typeof t !== 'string') return t;
      const trimmed = t.trim(); // group_labels.json: "string ", "integer "
      return trimmed === 'date' || trimmed === 'uri' ? 'string' : trimmed; // "date"/"uri" used as types
    };
    if (Array.isArray(type)) node['type'] = [...new Set(type.map(fixType))];
    else if (type !== undefined) node['type'] = fixType(type);
    // milestones.json lists "state" twice in `required`, which draft-07 forbids.
    const required = node['required'];
    if (Array.isArray(required)) node['required'] = [...new Set(required)];
    // label_basic.json: `{3}{1,2}` is valid in Ruby only.
    if (node['pattern'] === '^#[0-9A-Fa-f]{3}{1,2}$') node['pattern'] = '^#([0-9A-Fa-f]{3}){1,2}$';
  });
}

/** `time_stats` / `references` list their keys without a `properties` wrapper, so they checked nothing. */
function wrapLooseObject(schema: SchemaNode, key: string): void {
  const properties = schema['properties'];
  if (!isNode(properties)) return;
  const loose = properties[key];
  if (isNode(loose) && loose['type'] === undefined && loose['properties'] === undefined) {
    properties[key] = { type: 'object', properties: loose, required: Object.keys(loose) };
  }
}

/** The stored issue.json predates UserBasic's `locked` (lib/api/entities/user_basic.rb). */
function allowLockedOnUsers(schema: SchemaNode): void {
  const properties = schema['properties'];
  if (!isNode(properties)) return;
  for (const key of ['assignee', 'author']) {
    const user = properties[key];
    if (isNode(user) && isNode(user['properties'])) user['properties']['locked'] = { type: 'boolean' };
  }
  const assignees = properties['assignees'];
  if (isNode(assignees) && isNode(assignees['items']) && isNode(assignees['items']['properties'])) {
    assignees['items']['properties']['locked'] = { type: 'boolean' };
  }
}

const FIXES: Record<string, (schema: SchemaNode) => void> = {
  [`${V4}/issue.json`]: (schema) => {
    wrapLooseObject(schema, 'time_stats');
    wrapLooseObject(schema, 'references');
    allowLockedOnUsers(schema);
  },
  [`${V4}/merge_request.json`]: (schema) => {
    wrapLooseObject(schema, 'time_stats');
    wrapLooseObject(schema, 'references');
    // `head_pipeline` sits at the root instead of under `properties`.
    delete schema['head_pipeline'];
  },
  // GitLab sends milestone dates as YYYY-MM-DD although the file says date-time.
  [`${V4}/milestone.json`]: (schema) => {
    const properties = schema['properties'];
    if (!isNode(properties)) return;
    for (const key of ['due_date', 'start_date']) properties[key] = { type: ['string', 'null'], format: 'date' };
  },
  // The stored notes.json predates `project_id`, `imported` and `imported_from` on API::Entities::Note.
  [`${V4}/notes.json`]: (schema) => {
    const items = schema['items'];
    if (!isNode(items) || !isNode(items['properties'])) return;
    items['properties']['project_id'] = { type: 'integer' };
    items['properties']['imported'] = { type: 'boolean' };
    items['properties']['imported_from'] = { type: 'string' };
    // It also types `resolved_by` and `resolved_at` as strings, where API::Entities::Note exposes
    // `resolved_by` with UserBasic (lib/api/entities/note.rb) and `resolved_at` as a timestamp.
    items['properties']['resolved_by'] = { $ref: './user/basic.json' };
    items['properties']['resolved_at'] = { type: ['string', 'null'], format: 'date-time' };
  },
  // `$ref` is used as a property name, so the file only requires objects. The list holds issues
  // plus the link fields (API::Entities::RelatedIssue), which is what it is corrected to here.
  [`${V4}/issue_links.json`]: (schema) => {
    schema['items'] = {
      allOf: [
        { $ref: './issue.json' },
        {
          type: 'object',
          properties: {
            issue_link_id: { type: 'integer' },
            link_type: { enum: ['relates_to', 'blocks', 'is_blocked_by'] },
            link_created_at: { type: 'string', format: 'date-time' },
            link_updated_at: { type: 'string', format: 'date-time' },
          },
          required: ['issue_link_id', 'link_type', 'link_created_at', 'link_updated_at'],
        },
      ],
    };
  },
};

function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  for (const file of listJsonFiles(SCHEMA_ROOT)) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as SchemaNode;
    const name = relative(SCHEMA_ROOT, file).split('\\').join('/');
    fixGeneric(schema);
    FIXES[name]?.(schema);
    ajv.addSchema({ ...schema, $id: pathToFileURL(file).href } as AnySchemaObject);
  }
  return ajv;
}

let shared: Ajv | undefined;

/** A validator for `v4/<name>` (e.g. `issue`, `user/basics`) or any path under the schema root. */
export function schema(name: string): ValidateFunction {
  shared ??= createAjv();
  const path = name.endsWith('.json') ? name : `${V4}/${name}.json`;
  const validate = shared.getSchema(pathToFileURL(join(SCHEMA_ROOT, path)).href);
  if (!validate) throw new Error(`no schema ${path}`);
  return validate;
}

/** A validator for an ad-hoc schema that may `$ref` the GitLab files by absolute URL. */
export function compose(build: (ref: (name: string) => { $ref: string }) => AnySchemaObject): ValidateFunction {
  shared ??= createAjv();
  const ref = (name: string) => ({ $ref: pathToFileURL(join(SCHEMA_ROOT, `${V4}/${name}.json`)).href });
  return shared.compile(build(ref));
}

/** Throws with ajv's messages so a failing contract test says what is wrong. */
export function expectValid(validate: ValidateFunction, data: unknown): void {
  if (validate(data)) return;
  const errors = (validate.errors ?? [])
    .slice(0, 10)
    .map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  throw new Error(`response does not match the schema:\n  ${errors.join('\n  ')}`);
}

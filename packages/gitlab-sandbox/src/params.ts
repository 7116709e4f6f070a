import { badRequest, paramError } from './errors.js';

// GitLab reads parameters through Rack and Grape: query string, form body and JSON body are merged
// (the body wins), `key[]=` builds arrays and `key[sub]=` builds hashes (brackets may arrive
// percent-encoded, as gitbeaker sends them). Grape then coerces each declared parameter and
// reports every problem at once as {"error":"a is missing, b is invalid"}.

export type ParamValue = string | number | boolean | null | ParamValue[] | ParamHash;
export interface ParamHash {
  [key: string]: ParamValue;
}

/**
 * A parameter hash without a prototype: in Ruby `__proto__`, `constructor` and `prototype` are keys
 * like any other, so here they must be too, never a path to Object.prototype (one anonymous
 * `?__proto__[sudo]=amara` would otherwise make every later request act as amara).
 */
export function emptyParams(): ParamHash {
  return Object.create(null) as ParamHash;
}

/** Merges parameter sources (later ones win) into a new prototype-less hash. */
export function mergeParams(...sources: ParamHash[]): ParamHash {
  const merged = emptyParams();
  for (const source of sources) for (const key of Object.keys(source)) merged[key] = source[key] as ParamValue;
  return merged;
}

/** JSON.parse for request bodies: every object comes out prototype-less (see `emptyParams`). */
export function parseJsonParams(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (!isHash(value)) return value;
    const hash = emptyParams();
    for (const key of Object.keys(value)) hash[key] = value[key] as ParamValue;
    return hash;
  });
}

export function parseQueryString(query: string): ParamHash {
  const params = emptyParams();
  if (!query) return params;
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    assignNested(params, decodeComponent(rawKey), decodeComponent(rawValue), 0);
  }
  return params;
}

/** Named fields of a parsed multipart body, nested by their names as Rack nests them. */
export function paramsFromFields(fields: Iterable<readonly [string, string]>): ParamHash {
  const params = emptyParams();
  for (const [key, value] of fields) assignNested(params, key, value, 0);
  return params;
}

function decodeComponent(text: string): string {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Rack's `param_depth_limit`: deeper keys are refused (Rack raises ParamsTooDeepError). */
const MAX_PARAM_DEPTH = 32;

/** Rack's `normalize_params`: `a[b][]=v` → {a: {b: [v]}}. */
function assignNested(target: ParamHash, key: string, value: string, depth: number): void {
  if (depth > MAX_PARAM_DEPTH) throw badRequest('Parameters are nested too deeply');
  const open = key.indexOf('[');
  if (open <= 0) {
    target[key] = value;
    return;
  }
  const head = key.slice(0, open);
  const rest = key.slice(open);
  const match = /^\[([^\]]*)\](.*)$/.exec(rest);
  if (!match) {
    target[key] = value;
    return;
  }
  const [, inner = '', tail = ''] = match;
  if (inner === '') {
    const existing = Object.hasOwn(target, head) ? target[head] : undefined;
    const list = Array.isArray(existing) ? existing : [];
    list.push(value);
    target[head] = list;
    return;
  }
  const existing = Object.hasOwn(target, head) ? target[head] : undefined;
  const hash: ParamHash = isHash(existing) ? existing : emptyParams();
  target[head] = hash;
  assignNested(hash, inner + tail, value, depth + 1);
}

export function isHash(value: unknown): value is ParamHash {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Declared parameters (Grape's `requires` / `optional`)

export type ParamType = 'string' | 'integer' | 'boolean' | 'datetime' | 'string-list' | 'integer-list' | 'hash';

export interface ParamSpec {
  readonly type: ParamType;
  readonly required?: boolean;
  /** Grape `values:`; a value outside the set is "<name> does not have a valid value". */
  readonly values?: readonly string[];
  /** Grape `allow_blank: false`: an empty string is "<name> is empty". */
  readonly allowBlank?: false;
  readonly default?: unknown;
}

type ValueOf<T extends ParamType> = T extends 'string'
  ? string
  : T extends 'integer'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'datetime'
        ? Date
        : T extends 'string-list'
          ? string[]
          : T extends 'integer-list'
            ? number[]
            : ParamHash;

type RequiredKeys<S> = { [K in keyof S]: S[K] extends { required: true } ? K : S[K] extends { default: unknown } ? K : never }[keyof S];

/**
 * Declared parameters after coercion. Optional ones are `undefined` when absent and `null` when
 * sent empty (Grape coerces "" to nil for non-String types, which is how `milestone_id=` unsets).
 */
export type Declared<S extends Record<string, ParamSpec>> = {
  [K in Extract<keyof S, RequiredKeys<S>>]: ValueOf<S[K]['type']>;
} & {
  [K in Exclude<keyof S, RequiredKeys<S>>]?: ValueOf<S[K]['type']> | null;
};

export function declare<const S extends Record<string, ParamSpec>>(params: ParamHash, spec: S): Declared<S> {
  const errors: string[] = [];
  const result: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(spec)) {
    const raw = Object.hasOwn(params, name) ? params[name] : undefined;
    if (raw === undefined || (raw === null && rule.required)) {
      if (rule.required) errors.push(`${name} is missing`);
      else if (rule.default !== undefined) result[name] = rule.default;
      continue;
    }
    const coerced = coerce(raw, rule.type);
    if (coerced === INVALID) {
      errors.push(`${name} is invalid`);
      continue;
    }
    if (rule.allowBlank === false && (coerced === '' || coerced === null)) {
      errors.push(`${name} is empty`);
      continue;
    }
    if (rule.values && coerced !== null && !matchesValues(coerced, rule.values)) {
      errors.push(`${name} does not have a valid value`);
      continue;
    }
    result[name] = coerced;
  }
  if (errors.length > 0) throw paramError(errors);
  return result as Declared<S>;
}

function matchesValues(value: unknown, allowed: readonly string[]): boolean {
  if (Array.isArray(value)) return value.every((item) => allowed.includes(String(item)));
  return allowed.includes(String(value));
}

/** Grape `mutually_exclusive`. */
export function mutuallyExclusive(params: ParamHash, names: readonly string[]): void {
  const present = names.filter((name) => params[name] !== undefined);
  if (present.length > 1) throw paramError([`${present.join(', ')} are mutually exclusive`]);
}

/** Grape `at_least_one_of`. */
/** Grape `exactly_one_of`. */
export function exactlyOneOf(params: ParamHash, names: readonly string[]): void {
  const present = names.filter((name) => params[name] !== undefined);
  if (present.length === 0) throw paramError([`${names.join(', ')} are missing, exactly one parameter must be provided`]);
  if (present.length > 1) throw paramError([`${present.join(', ')} are mutually exclusive`]);
}

export function atLeastOneOf(params: ParamHash, names: readonly string[]): void {
  if (names.some((name) => params[name] !== undefined)) return;
  throw paramError([`${names.join(', ')} are missing, at least one parameter must be provided`]);
}

const INVALID = Symbol('invalid');

function coerce(raw: ParamValue, type: ParamType): unknown {
  switch (type) {
    case 'string':
      if (typeof raw === 'string') return raw;
      if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
      return raw === null ? null : INVALID;
    case 'integer':
      return coerceInteger(raw);
    case 'boolean':
      return coerceBoolean(raw);
    case 'datetime':
      return coerceDateTime(raw);
    case 'string-list':
      return coerceList(raw, (item) => (typeof item === 'string' || typeof item === 'number' ? String(item).trim() : INVALID));
    case 'integer-list':
      return coerceList(raw, coerceInteger);
    case 'hash':
      return isHash(raw) ? raw : INVALID;
  }
}

function coerceInteger(raw: ParamValue): number | null | typeof INVALID {
  if (raw === null || raw === '') return null;
  // Integers JavaScript cannot hold exactly (1e300, 2**53 + 1) are refused rather than rounded.
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : INVALID;
  if (typeof raw === 'string' && /^\s*[-+]?\d+\s*$/.test(raw)) {
    const value = Number.parseInt(raw, 10);
    return Number.isSafeInteger(value) ? value : INVALID;
  }
  return INVALID;
}

const TRUE_WORDS = new Set(['true', 't', '1', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['false', 'f', '0', 'no', 'n', 'off']);

function coerceBoolean(raw: ParamValue): boolean | null | typeof INVALID {
  if (raw === null || raw === '') return null;
  if (typeof raw === 'boolean') return raw;
  const word = String(raw).toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return INVALID;
}

function coerceDateTime(raw: ParamValue): Date | null | typeof INVALID {
  if (raw === null || raw === '') return null;
  if (typeof raw !== 'string') return INVALID;
  const parsed = parseTimestamp(raw);
  return parsed ?? INVALID;
}

/** ISO 8601 date or date-time; a date-time without a zone is taken as UTC, like Rails' default zone. */
export function parseTimestamp(text: string): Date | null {
  const trimmed = text.trim();
  const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(trimmed);
  if (!iso) return null;
  const hasTime = iso[1] !== undefined;
  const hasZone = iso[4] !== undefined;
  const normalized = hasTime ? trimmed.replace(' ', 'T') + (hasZone ? '' : 'Z') : `${trimmed}T00:00:00Z`;
  const date = new Date(normalized);
  return Number.isNaN(date.getTime()) ? null : date;
}

function coerceList<T>(raw: ParamValue, item: (value: ParamValue) => T | null | typeof INVALID): T[] | null | typeof INVALID {
  if (raw === null) return null;
  const parts: ParamValue[] = Array.isArray(raw)
    ? raw.flatMap((entry): ParamValue[] => (typeof entry === 'string' ? entry.split(',') : [entry]))
    : typeof raw === 'string'
      ? raw.split(',')
      : typeof raw === 'number'
        ? [raw]
        : [];
  if (!Array.isArray(raw) && typeof raw !== 'string' && typeof raw !== 'number') return INVALID;
  const result: T[] = [];
  for (const part of parts) {
    if (typeof part === 'string' && part.trim() === '') continue;
    const value = item(part);
    if (value === INVALID) return INVALID;
    if (value !== null) result.push(value);
  }
  return result;
}

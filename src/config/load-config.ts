import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import { MAX_YAML_ALIASES, readTextFile } from './read-text-file.js';
import { configSchema, type TeamopsConfig } from './schema.js';
import { describeZodIssues } from './zod-issues.js';

const CONFIG_FILE_NAMES = ['teamops.yml', 'teamops.yaml'];
export const DEFAULT_HOST = 'https://gitlab.com';

/** The project's home page, where an installed teamops' README is. */
export const CONFIGURATION_URL = 'https://gitlab.com/teamops/teamops#configuration';

export const YAML_HINT =
  'YAML nests by indentation with spaces (no tabs), and wants "quotes" around values that start with % @ ` or contain ": "';

export type HostSource = '--host' | 'GITLAB_HOST' | 'CI_SERVER_URL' | 'teamops.yml' | 'default';

export interface LoadedConfig {
  /** The file read, or null when none was found (defaults only). */
  file: string | null;
  config: TeamopsConfig;
  host: string;
  hostSource: HostSource;
}

export interface ConfigRequest {
  /** --config FILE */
  configPath?: string;
  /** --host URL */
  host?: string;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** teamops.yml in the directory or the nearest parent that has one. */
export function findConfigFile(cwd: string): string | null {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function parseConfig(text: string, file: string): TeamopsConfig {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    const line = first.linePos?.[0];
    throw new ConfigError(
      `${file}${line ? `:${line.line}` : ''}: not valid YAML${line ? ` (line ${line.line}, column ${line.col})` : ''}: ${first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
      { hint: YAML_HINT },
    );
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? {};
  } catch (error) {
    throw new ConfigError(`${file}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: `teamops expands at most ${MAX_YAML_ALIASES} YAML aliases (*name); write the values out instead`,
    });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${file}: expected a mapping of settings at the top level`);
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const problems = describeZodIssues(result.error.issues).map((problem) => `${file}: ${problem}`);
    throw new ConfigError(problems.join('\n'), { hint: `every key and its meaning: ${CONFIGURATION_URL}` });
  }
  return result.data;
}

function normaliseHost(host: string, source: HostSource): string {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new ConfigError(`${source}: "${host}" is not a URL; expected something like https://gitlab.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${source}: "${host}" must start with https:// or http://`);
  }
  // A trailing slash would make gitbeaker request "//api/v4/…".
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Precedence: flags, then environment, then teamops.yml, then defaults. */
function resolveHost(request: ConfigRequest, config: TeamopsConfig): { host: string; hostSource: HostSource } {
  const candidates: Array<[HostSource, string | undefined]> = [
    ['--host', request.host],
    ['GITLAB_HOST', request.env.GITLAB_HOST],
    // Inside a GitLab CI job the instance running the pipeline is the natural default.
    ['CI_SERVER_URL', request.env.GITLAB_CI === 'true' ? request.env.CI_SERVER_URL : undefined],
    ['teamops.yml', config.gitlab.host],
    ['default', DEFAULT_HOST],
  ];
  for (const [source, value] of candidates) {
    if (value && value.trim() !== '') return { host: normaliseHost(value.trim(), source), hostSource: source };
  }
  return { host: DEFAULT_HOST, hostSource: 'default' };
}

export function loadConfig(request: ConfigRequest): LoadedConfig {
  let file: string | null;
  if (request.configPath) {
    file = path.resolve(request.cwd, request.configPath);
    if (!existsSync(file))
      throw new ConfigError(`config file not found: ${request.configPath}`, { hint: 'check the path given to --config' });
  } else {
    file = findConfigFile(request.cwd);
  }
  const display = file ? path.relative(request.cwd, file) || path.basename(file) : null;
  const config = file
    ? parseConfig(
        readTextFile(file, (problem) => new ConfigError(`${display ?? file} ${problem}`, { hint: 'point --config at your teamops.yml' })),
        display ?? file,
      )
    : configSchema.parse({});
  return { file, config, ...resolveHost(request, config) };
}

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NOUNS } from '../../src/commands/nouns.js';

// Spawns the built binary with a hook that records every module it loads (test/support/module-log/),
// and checks that help, the version and usage errors load none of the heavy ones. The binary runs the
// start-up bundle (dist/bundle/, scripts/bundle.mjs): a chunk loaded counts as every module in
// it, as dist/bundle/modules.json lists them.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'teamops.cjs');
const hook = pathToFileURL(path.join(root, 'test', 'support', 'module-log', 'register.mjs')).href;
const run = promisify(execFile);

const HEAVY = [
  { name: 'gitbeaker', pattern: /\/node_modules\/@gitbeaker\// },
  { name: 'undici', pattern: /\/node_modules\/undici\// },
  { name: 'zod', pattern: /\/node_modules\/zod\// },
  { name: 'yaml', pattern: /\/node_modules\/yaml\// },
  { name: 'inquirer', pattern: /\/node_modules\/@inquirer\// },
  { name: 'liquidjs', pattern: /\/node_modules\/liquidjs\// },
  // Only its list of feature flags (dist/features.js, which imports nothing) names them in --help.
  { name: 'the sandbox', pattern: /gitlab-sandbox\/(?!(dist|src)\/features\.js$)/ },
  { name: "date-fns' main entry", pattern: /\/node_modules\/date-fns\/index\.(c?js|mjs)$/ },
  { name: 'any of date-fns', pattern: /\/node_modules\/(@date-fns|date-fns)\// },
  { name: 'cli-progress', pattern: /\/node_modules\/cli-progress\// },
  { name: 'p-limit', pattern: /\/node_modules\/p-limit\// },
  { name: 'mdast', pattern: /\/node_modules\/(mdast|micromark)/ },
  { name: 'the config loader', pattern: /\/dist\/config\// },
  { name: 'the GitLab adapter', pattern: /\/dist\/gitlab\// },
  { name: 'a command body', pattern: /\/dist\/commands\/[^/]+\/run-[^/]+\.js$/ },
];

const bundle = path.join(root, 'dist', 'bundle');

/** A loaded file's modules: itself, or for a chunk of the bundle the modules bundled into it. */
function modulesOf(url: string): string[] {
  if (!url.startsWith(pathToFileURL(bundle).href)) return [url];
  const chunks = JSON.parse(readFileSync(path.join(bundle, 'modules.json'), 'utf8')) as Record<string, string[]>;
  const chunk = chunks[path.relative(bundle, fileURLToPath(url)).split(path.sep).join('/')];
  if (!chunk) throw new Error(`${url} is not in dist/bundle/modules.json: rebuild (npm run build)`);
  return [url, ...chunk.map((module) => pathToFileURL(path.join(root, module)).href)];
}

async function modulesLoadedBy(
  args: string[],
): Promise<{ files: string[]; modules: string[]; code: number; stdout: string; stderr: string }> {
  const log = path.join(mkdtempSync(path.join(tmpdir(), 'teamops-modules-')), 'modules.txt');
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', TEAMOPS_MODULE_LOG: log };
  let outcome: { code: number; stdout: string; stderr: string };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', hook, bin, ...args], { env, cwd: root });
    outcome = { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    outcome = { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
  const files = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
  return { ...outcome, files, modules: files.flatMap(modulesOf) };
}

function heavyIn(modules: string[]): string[] {
  return HEAVY.filter(({ pattern }) => modules.some((url) => pattern.test(url))).map(({ name }) => name);
}

describe('start-up loads only commander and the command registrations', () => {
  it.each([
    [['--help'], 0, /Usage: teamops/],
    [['--version'], 0, /\d+\.\d+\.\d+/],
    [['milestone', 'rollover', '--help'], 0, /Usage: teamops milestone rollover/],
    [['okr', 'create', '--help'], 0, /Usage: teamops okr create/],
    [['update', 'print', '--help'], 0, /Template variables: /],
    [['sandbox', '--help'], 0, /Usage: teamops sandbox/],
  ])('teamops %j', async (args, code, output) => {
    const result = await modulesLoadedBy(args);
    expect(result.code).toBe(code);
    expect(result.stdout).toMatch(output);
    // The hook did record: commander is there.
    expect(result.modules.some((url) => /\/node_modules\/commander\//.test(url))).toBe(true);
    expect(heavyIn(result.modules)).toEqual([]);
    // Start-up is the bin, the bundle's entry and its start-up chunks (commander and chalk inside), not sixty
    // files; a noun's verbs are a chunk of their own, with the few small modules they share with its bodies.
    // (The hook's CommonJS side names built-ins required from the bundle as files of the folder: not ours.)
    const own = result.files.filter((url) => url.startsWith(pathToFileURL(root).href) && !isBuiltin(path.basename(fileURLToPath(url))));
    expect(own.filter((url) => !url.startsWith(pathToFileURL(bundle).href))).toEqual([pathToFileURL(bin).href]);
    expect(own.length).toBeLessThanOrEqual(args[0] === '--help' || args[0] === '--version' ? 4 : 10);
    // Only the noun the run names registers its verbs: `--help` lists the nouns alone.
    const folders = new Set(result.modules.flatMap((url) => /\/dist\/commands\/([^/]+)\/[^/]+\.js$/.exec(url)?.[1] ?? []));
    expect(Object.keys(NOUNS).filter((noun) => folders.has(noun))).toEqual(args[0] && args[0] in NOUNS ? [args[0]] : []);
    // scripts/bundle.mjs: commander's child_process (for executable subcommands) loads on first spawn,
    // and chalk's own colour detection (node:os, for its default instance) is not bundled.
    expect(
      result.files.map((url) => path.basename(fileURLToPath(url))).filter((name) => /^(node:)?(child_process|os)$/.test(name)),
    ).toEqual([]);
  });

  it.each([
    [['milestone', 'rollover', '--project', 'a', '--group', 'b'], /--project and --group cannot be used together/],
    [['dri', 'rotate', '--week', '2026-02-30'], /--week: 2026-02-30 is not a date: February 2026 has 28 days/],
    [['okr', 'status', '--quarter', 'Q5'], /--quarter must be/],
    [['milestone', 'rollover', '--bogus'], /unknown option '--bogus'/],
    [['--concurrency', '0', 'dri', 'rotate'], /--concurrency must be a whole number/],
  ])('a usage error: teamops %j', async (args, message) => {
    const result = await modulesLoadedBy(args);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(message);
    expect(heavyIn(result.modules)).toEqual([]);
  });

  it('a command that runs loads its body, the config stack and the GitLab client', async () => {
    // No token: it fails at the connection, after loading what it needs (so the log above is not vacuous).
    const result = await modulesLoadedBy(['dri', 'schedule', '--host', 'http://127.0.0.1:9']);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/GITLAB_TOKEN is not set/);
    expect(heavyIn(result.modules)).toEqual(expect.arrayContaining(['gitbeaker', 'zod', 'yaml', 'the config loader', 'a command body']));
    expect(heavyIn(result.modules)).not.toContain("date-fns' main entry");
  });
});

describe('the bundle', () => {
  it('runs strict, as the ES modules it is made of do', () => {
    // CommonJS is sloppy unless told: scripts/bundle.mjs emits the directive in every chunk.
    const files = [
      'teamops.cjs',
      ...Object.keys(JSON.parse(readFileSync(path.join(bundle, 'modules.json'), 'utf8')) as Record<string, string[]>),
    ];
    const sloppy = files.filter((file) => !readFileSync(path.join(bundle, file), 'utf8').startsWith('"use strict";'));
    expect(files.length).toBeGreaterThan(10);
    expect(sloppy).toEqual([]);
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Spawns the built binary with a hook that records every module it loads (test/support/module-log/),
// and checks that help, the version and usage errors load none of the heavy ones.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'teamops.js');
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

async function modulesLoadedBy(args: string[]): Promise<{ modules: string[]; code: number; stdout: string; stderr: string }> {
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
  const modules = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
  return { ...outcome, modules };
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

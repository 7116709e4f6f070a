import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ritualWrites, startSandbox, type TestSandbox as Sandbox } from '../support/sandbox.js';
import { runCli, withDemoConfig } from '../support/run-cli.js';

// Two runs of the same ritual started together (two scheduled pipelines, or a pipeline and a
// person) leave GitLab exactly as one run does: the run lock makes the second wait, and its
// creates find what the first made.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'teamops.cjs');
const okrFile = path.join(root, 'templates', 'okrs.example.yml');
const exec = promisify(execFile);

interface Ritual {
  name: string;
  args: string[];
  /** Runs applied once, alone, before the ritual: the state it acts on that the demo seed lacks. */
  setup?: string[][];
}

const RITUALS: Ritual[] = [
  { name: 'dri rotate', args: ['dri', 'rotate'] },
  { name: 'okr create', args: ['okr', 'create', '--file', okrFile] },
  { name: 'update print --create', args: ['update', 'print', '--template', 'em-weekly', '--author', 'grace.hopper', '--create'] },
  { name: 'update summary --create', args: ['update', 'summary', '--create'] },
  { name: 'milestone rollover', args: ['milestone', 'rollover', '--include-mrs'] },
  // The demo's recurring issues due on the test clock's Monday: the showcase and the retrospective.
  { name: 'ritual run', args: ['ritual', 'run'] },
  { name: 'update highlights --create', args: ['update', 'highlights', '--create'] },
  // One lapsed claim to comment on and one valid claim to label in distribution/omnibus.
  { name: 'claims --sync', args: ['claims', '--sync'] },
  // The reminders go on the week's summary issue, so the summary is created first.
  { name: 'update missing --remind', args: ['update', 'missing', '--remind'], setup: [['update', 'summary', '--create']] },
  // The demo's milestones leave about twenty issues without their quarter or Unplanned label.
  { name: 'labels check --fix', args: ['labels', 'check', '--fix'] },
  // The OKR verbs through the quarter act on the example file's key results, created first; --date
  // replays the week, as the demo does.
  {
    name: 'okr checkin --remind',
    args: ['okr', 'checkin', '--remind', '--quarter', 'FY27-Q1', '--date', '2026-02-16'],
    setup: [['okr', 'create', '--file', okrFile]],
  },
  {
    name: 'okr retro',
    args: ['okr', 'retro', '--quarter', 'FY27-Q1', '--date', '2026-04-27'],
    setup: [['okr', 'create', '--file', okrFile]],
  },
  { name: 'okr plan', args: ['okr', 'plan', '--quarter', 'FY27-Q2', '--date', '2026-04-01'] },
];

interface IssueJson {
  iid: number;
  project_id: number;
  title: string;
  state: string;
  labels: string[];
  milestone: { title: string } | null;
  assignees: Array<{ username: string }>;
  description: string | null;
}

/** Everything teamops may write, as comparable lines: issues, their comments and links, labels. */
async function snapshot(sandbox: Sandbox): Promise<string[]> {
  const lines: string[] = [];
  for (let page = 1; ; page += 1) {
    const issues = await sandbox.api<IssueJson[]>(`/issues?scope=all&per_page=100&page=${page}`);
    for (const issue of issues) {
      const notes = await sandbox.api<Array<{ body: string; system: boolean }>>(
        `/projects/${issue.project_id}/issues/${issue.iid}/notes?per_page=100`,
      );
      const links = await sandbox.api<unknown[]>(`/projects/${issue.project_id}/issues/${issue.iid}/links`);
      lines.push(
        [
          issue.project_id,
          issue.title,
          issue.state,
          [...issue.labels].sort().join(','),
          issue.milestone?.title ?? '-',
          issue.assignees.map((a) => a.username).join(','),
          issue.description ?? '',
          `notes:${notes
            .filter((n) => !n.system)
            .map((n) => n.body)
            .join('|')}`,
          `links:${links.length}`,
        ].join(' ¦ '),
      );
    }
    if (issues.length < 100) break;
  }
  const labels = await sandbox.api<Array<{ name: string }>>('/projects/distribution%2Fteam-tasks/labels?per_page=100');
  lines.push(`labels: ${labels.map((l) => l.name).join(',')}`);
  // Concurrent creates take iids in any order, in one run as in two: compare what, not which number.
  return lines
    .map((line) =>
      line
        .split(sandbox.url)
        .join('<gitlab>')
        .replace(/(#|\/issues\/)\d+/g, '$1N'),
    )
    .sort();
}

async function applySetup(sandbox: Sandbox, ritual: Ritual): Promise<void> {
  for (const args of ritual.setup ?? []) {
    const result = await runCli([...args, '--yes'], { env: sandbox.env(), cwd: withDemoConfig() });
    expect(result.exitCode, result.stderr).toBe(0);
  }
}

/** A run after the overlapping two finds nothing left to do: it exits 0 and writes nothing. */
async function expectRerunConverged(sandbox: Sandbox, ritual: Ritual): Promise<void> {
  const logged = sandbox.requestLog.length;
  const rerun = await runCli([...ritual.args, '--yes'], { env: sandbox.env(), cwd: withDemoConfig() });
  expect(rerun.exitCode, rerun.stderr).toBe(0);
  expect(ritualWrites(sandbox.requestLog.slice(logged)).map((e) => `${e.method} ${e.path}`)).toEqual([]);
}

async function soloOutcome(ritual: Ritual): Promise<string[]> {
  const sandbox = await startSandbox({ seed: 'demo' });
  try {
    await applySetup(sandbox, ritual);
    const before = await snapshot(sandbox);
    const result = await runCli([...ritual.args, '--yes'], { env: sandbox.env(), cwd: withDemoConfig() });
    expect(result.exitCode, result.stderr).toBe(0);
    const after = await snapshot(sandbox);
    // A ritual that had nothing to do would make every comparison below pass trivially.
    expect(after, 'the solo run changed nothing').not.toEqual(before);
    return after;
  } finally {
    await sandbox.stop();
  }
}

describe('two overlapping runs of a ritual', () => {
  for (const ritual of RITUALS) {
    it(`${ritual.name}: in-process, at 0 and 50 ms latency, repeated, leave GitLab as one run does`, async () => {
      const expected = await soloOutcome(ritual);
      for (const latencyMs of [0, 50]) {
        for (let round = 0; round < 2; round += 1) {
          const sandbox = await startSandbox({ seed: 'demo' });
          try {
            await applySetup(sandbox, ritual);
            sandbox.setLatency(latencyMs);
            const env = sandbox.env();
            const [first, second] = await Promise.all([
              runCli([...ritual.args, '--yes'], { env, cwd: withDemoConfig() }),
              runCli([...ritual.args, '--yes'], { env, cwd: withDemoConfig() }),
            ]);
            expect(first.exitCode, first.stderr).toBe(0);
            expect(second.exitCode, second.stderr).toBe(0);
            // Only the two runs overlap under latency; reading GitLab's state afterwards need not wait.
            sandbox.setLatency(0);
            expect(await snapshot(sandbox), `${latencyMs} ms, round ${round + 1}`).toEqual(expected);
            await expectRerunConverged(sandbox, ritual);
          } finally {
            await sandbox.stop();
          }
        }
      }
    }, 120_000);

    it(`${ritual.name}: two processes started together leave GitLab as one run does`, async () => {
      if (!existsSync(path.join(root, 'dist', 'main.js'))) throw new Error('dist/ is missing: run npm run build (npm test does)');
      const expected = await soloOutcome(ritual);
      const sandbox = await startSandbox({ seed: 'demo' });
      try {
        await applySetup(sandbox, ritual);
        sandbox.setLatency(50);
        const env = {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          TZ: 'UTC',
          CI: 'true',
          TEAMOPS_NOW: sandbox.clock.now().toISOString(),
          ...sandbox.env(),
        };
        const spawnRun = () =>
          exec(process.execPath, [bin, ...ritual.args, '--yes'], { env, cwd: withDemoConfig() }).then(
            () => 0,
            (error: { code?: number; stderr?: string }) => {
              throw new Error(`exit ${error.code}: ${error.stderr}`);
            },
          );
        expect(await Promise.all([spawnRun(), spawnRun()])).toEqual([0, 0]);
        sandbox.setLatency(0);
        expect(await snapshot(sandbox)).toEqual(expected);
        await expectRerunConverged(sandbox, ritual);
      } finally {
        await sandbox.stop();
      }
    }, 120_000);
  }
});

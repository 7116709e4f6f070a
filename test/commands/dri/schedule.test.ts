import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig } from '../../support/run-cli.js';

const PROJECT = 'distribution/team-tasks';
const ROSTER = ['amara.okafor', 'bruno.silva', 'chen.wei', 'dana.kowalski'];

const CONFIG = `timezone: Europe/Amsterdam
dri:
  project: ${PROJECT}
  roster: [${ROSTER.join(', ')}]
  absences:
    dana.kowalski:
      - { from: 2026-11-30, to: 2026-12-02 }
`;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    seed: {
      users: ROSTER.map((username) => ({
        username,
        ...(username === 'amara.okafor'
          ? { status: { availability: 'busy' as const, message: 'Conference', clear_status_at: '2026-11-24T12:00:00Z' } }
          : {}),
      })),
      groups: [{ path: 'distribution', members: Object.fromEntries(ROSTER.map((u) => [u, 'developer'])) }],
      projects: [
        {
          path: PROJECT,
          issues: [
            {
              title: 'Distribution DRI rotation week of 2026-11-16',
              description: `<!-- teamops:key=dri-rotation/${PROJECT}/2026-11-16 -->`,
              assignees: ['bruno.silva'],
            },
          ],
        },
      ],
    },
  });
});
afterAll(() => sandbox.stop());

async function schedule(args: string[], options: { stdoutTTY?: boolean; config?: string } = {}) {
  const before = sandbox.requestLog.length;
  const result = await runCli(['dri', 'schedule', ...args], {
    cwd: withConfig(options.config ?? CONFIG),
    stdoutTTY: options.stdoutTTY,
    env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token },
  });
  const writes = sandbox.requestLog.slice(before).filter((entry) => entry.method !== 'GET');
  return { ...result, writes };
}

describe('teamops dri schedule against the sandbox', () => {
  it('prints one tab-separated row per week when piped: the current issue, then the planned rotation with who was skipped and why', async () => {
    const run = await schedule(['--weeks', '5']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.writes).toEqual([]);
    expect(
      run.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')),
    ).toEqual([
      ['2026-11-16', '@bruno.silva', `${PROJECT}#1`, ''],
      ['2026-11-23', '@chen.wei', 'planned', ''],
      ['2026-11-30', '@amara.okafor', 'planned', 'skipped @dana.kowalski: away 2026-11-30 to 2026-12-02'],
      ['2026-12-07', '@bruno.silva', 'planned', ''],
      ['2026-12-14', '@chen.wei', 'planned', ''],
    ]);
  });

  it('skips a Busy person for the rotations before their status clears', async () => {
    const run = await schedule(['--weeks', '3'], { config: CONFIG.replace(/ {2}absences:[\s\S]*$/, '') });
    expect(
      run.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t').slice(1, 2)[0]),
    ).toEqual(['@bruno.silva', '@chen.wei', '@dana.kowalski']);
    const later = await schedule(['--weeks', '4', '--date', '2026-11-23'], {
      config: CONFIG.replace(/ {2}absences:[\s\S]*$/, '').replace(`[${ROSTER.join(', ')}]`, '[bruno.silva, amara.okafor, chen.wei]'),
    });
    expect(later.stdout.split('\n')[0]).toContain('skipped @amara.okafor: GitLab status is Busy ("Conference") until 2026-11-24');
  });

  it('aligns columns with a header on a terminal', async () => {
    const run = await schedule(['--weeks', '2'], { stdoutTTY: true });
    const [header, first] = stripVTControlCharacters(run.stdout).split('\n');
    expect(header).toMatch(/^WEEK\s+DRI\s+SOURCE\s+NOTES$/);
    expect(first).toMatch(/^2026-11-16 {2}@bruno\.silva\s+distribution\/team-tasks#1/);
  });

  it('--json prints one versioned document for pipelines and chat bots', async () => {
    const run = await schedule(['--weeks', '3', '--json']);
    expect(run.exitCode).toBe(0);
    const document = run.json<{
      schemaVersion: number;
      project: string;
      weeks: Array<{
        weekStart: string;
        dri: string;
        source: string;
        issue: { reference: string } | null;
        skipped: Array<{ username: string; reasons: string[] }>;
      }>;
    }>();
    expect(document.schemaVersion).toBe(1);
    expect(document.project).toBe(PROJECT);
    expect(document.weeks.map((w) => [w.weekStart, w.dri, w.source])).toEqual([
      ['2026-11-16', 'bruno.silva', 'issue'],
      ['2026-11-23', 'chen.wei', 'planned'],
      ['2026-11-30', 'amara.okafor', 'planned'],
    ]);
    expect(document.weeks[0]!.issue).toEqual({
      reference: `${PROJECT}#1`,
      webUrl: expect.stringContaining('/distribution/team-tasks/-/issues/1'),
    });
    expect(document.weeks[2]!.skipped).toEqual([{ username: 'dana.kowalski', reasons: ['away 2026-11-30 to 2026-12-02'] }]);
  });

  it('rejects a bad --weeks and an unknown roster member before reading anything else', async () => {
    const bad = await schedule(['--weeks', 'lots']);
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toContain('--weeks must be a whole number from 1 to 104, got "lots"');
    const unknown = await schedule([], { config: CONFIG.replace('chen.wei', 'chen.wie') });
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toContain('dri.roster names chen.wie, who is not a GitLab user');
  });
});

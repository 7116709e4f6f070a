import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';
import { ScriptedPrompter } from '../../support/scripted-prompter.js';
import { gitlabApi, keyOf, okrConfig, okrSeed, threeByThree, writeOkrFile, type ApiIssue } from './fixtures.js';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startSandbox({ seed: okrSeed });
});
afterEach(async () => {
  await sandbox.stop();
});

const api = <T>(pathAndQuery: string) => gitlabApi(sandbox).api<T>(pathAndQuery);
const issuesByKey = () => gitlabApi(sandbox).issuesByKey();
const encoded = (project: string) => encodeURIComponent(project);
const issuesOf = (project: string, labels: string) =>
  api<ApiIssue[]>(`projects/${encoded(project)}/issues?per_page=100&labels=${encodeURIComponent(labels)}`);
const linksOf = (project: string | number, iid: number) =>
  api<ApiIssue[]>(`projects/${typeof project === 'number' ? project : encoded(project)}/issues/${iid}/links`);

function env(token = sandbox.token) {
  return { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: token };
}

const writes = (from = 0) => sandbox.requestLog.slice(from).filter((entry) => entry.method !== 'GET');

async function okr(args: string[], cwd: string, options: Parameters<typeof runCli>[1] = {}): Promise<CliResult> {
  const result = await runCli(['okr', ...args], { cwd, env: env(), ...options });
  return result;
}

describe('okr create', () => {
  it('fills objectives from a template file named in teamops.yml, found in the working directory', async () => {
    const cwd = withConfig(okrConfig.replace('okr:\n', 'okr:\n  objective_template: objective.md\n'));
    writeFileSync(path.join(cwd, 'objective.md'), 'Our objective: {{ title }}\n\n{{ key_results_checklist }}\n');
    const result = await okr(['create', '--file', writeOkrFile(cwd, threeByThree()), '--dry-run', '--json'], cwd);
    expect(result.exitCode, result.stderr).toBe(0);
    const created = result.json<{ plan: { actions: Array<{ kind: string; issue?: { title: string; description: string } }> } }>().plan
      .actions;
    const objective = created.find((action) => action.issue?.title === 'Objective 1');
    expect(objective?.issue?.description).toMatch(/^Our objective: Objective 1\n/);
    expect(writes()).toEqual([]);
  });

  it('creates three objectives and nine key results with the handbook labels, assignees, descriptions and links', async () => {
    const cwd = withConfig(okrConfig);
    const file = writeOkrFile(cwd, threeByThree());
    const result = await okr(['create', '--yes', '--file', file], cwd);
    expect(result.stderr).not.toContain('error');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(12);
    expect(result.stderr).toContain('Applied 21 changes');

    const objectives = await issuesOf('distribution/okrs', 'okr:o');
    expect(objectives.map((o) => o.title).sort()).toEqual(['Objective 1', 'Objective 2', 'Objective 3']);
    for (const objective of objectives) {
      expect(objective.labels.sort()).toEqual(['2027-q1', 'okr:o', 'team:distribution']);
      expect(objective.assignees.map((a) => a.username).sort()).toEqual(['director.lee', 'grace.hopper']);
      expect(keyOf(objective.description)).toBe(`okr/2027-Q1/distribution/${objective.title.toLowerCase().replace(' ', '-')}`);
      const n = objective.title.slice(-1);
      expect(objective.description).toContain(`Why objective ${n} matters.`);

      const links = await linksOf('distribution/okrs', objective.iid);
      expect(links.map((l) => l.title).sort()).toEqual([`O${n} KR1`, `O${n} KR2`, `O${n} KR3`]);
      for (const kr of links) {
        // The objective's checklist names each of its key results by reference.
        expect(objective.description).toContain(`- [ ] ${kr.references.full} ${kr.title}: from`);
      }
    }

    const omnibus = await issuesOf('distribution/omnibus', 'okr:kr');
    const tasks = await issuesOf('distribution/team-tasks', 'okr:kr');
    expect(omnibus.map((i) => i.title).sort()).toEqual(['O1 KR1', 'O1 KR2', 'O1 KR3', 'O2 KR1', 'O2 KR2', 'O2 KR3']);
    expect(tasks.map((i) => i.title).sort()).toEqual(['O3 KR1', 'O3 KR2', 'O3 KR3']);
    const kr = omnibus.find((i) => i.title === 'O1 KR3')!;
    expect(kr.labels.sort()).toEqual(['2027-q1', 'okr:kr', 'team:distribution']);
    expect(kr.assignees.map((a) => a.username)).toEqual(['emeka.eze']);
    expect(kr.description).toContain('**Supports objective:** Objective 1');
    expect(kr.description).toContain('- **Target:** from 30 to 300 builds');
    expect(kr.description).toContain('- **Current:** 30 builds');
    expect(kr.description).toContain('- **Score:** 0.0');
    expect(omnibus.find((i) => i.title === 'O2 KR2')!.description).toContain('- **Target:** from 20% to 90%');
    // Cross-project: objectives in distribution/okrs, key results in the team's trackers.
    expect((await linksOf('distribution/team-tasks', tasks[0]!.iid)).map((l) => l.title)).toEqual(['Objective 3']);
  });

  it('creates nothing on a rerun of the same file and says everything is unchanged', async () => {
    const cwd = withConfig(okrConfig);
    const file = writeOkrFile(cwd, threeByThree());
    expect((await okr(['create', '--yes', '--file', file], cwd)).exitCode).toBe(0);
    const before = sandbox.requestLog.length;

    const rerun = await okr(['create', '--yes', '--file', file], cwd);
    expect(rerun.exitCode).toBe(0);
    expect(rerun.stdout).toBe('');
    expect(rerun.stderr).toContain('Nothing to do: all 12 are already in place.');
    expect(writes(before)).toEqual([]);
    expect([...(await issuesByKey()).values()].map((issues) => issues.length)).toEqual(Array(12).fill(1));
  });

  it('creates and links a key result added to the file, and appends it to the objective checklist without unticking boxes', async () => {
    const cwd = withConfig(okrConfig);
    const okrs = threeByThree();
    writeOkrFile(cwd, okrs);
    expect((await okr(['create', '--yes', '--file', 'okrs.yml'], cwd)).exitCode).toBe(0);

    // Someone ticks a box in the objective's checklist.
    const [objective] = (await issuesOf('distribution/okrs', 'okr:o')).filter((o) => o.title === 'Objective 1');
    const ticked = objective!.description.replace('- [ ] ', '- [x] ');
    await fetch(`${sandbox.url}/api/v4/projects/${encoded('distribution/okrs')}/issues/${objective!.iid}`, {
      method: 'PUT',
      headers: { 'PRIVATE-TOKEN': sandbox.token, 'content-type': 'application/json' },
      body: JSON.stringify({ description: ticked }),
    });

    okrs.objectives[0]!.key_results.push({ title: 'O1 KR4', from: 0, to: 5, unit: 'demos' });
    writeOkrFile(cwd, okrs);
    const dryRun = await okr(['create', '--file', 'okrs.yml', '--dry-run'], cwd);
    expect(dryRun.stdout).toContain('+ create key result "O1 KR4" in distribution/omnibus (from 0 to 5 demos)');
    expect(dryRun.stdout).toContain('~ update objective "Objective 1"');
    expect(dryRun.stdout).toContain('+ link key result "O1 KR4" to objective "Objective 1"');
    expect(dryRun.stdout).toContain('Plan: 2 to create, 1 to change, 11 unchanged.');

    const result = await okr(['create', '--yes', '--file', 'okrs.yml'], cwd);
    expect(result.exitCode).toBe(0);
    const added = (await issuesOf('distribution/omnibus', 'okr:kr')).find((i) => i.title === 'O1 KR4')!;
    expect(result.stdout.trim()).toBe(added.web_url);
    const after = (await issuesOf('distribution/okrs', 'okr:o')).find((o) => o.title === 'Objective 1')!;
    expect(after.description).toContain('- [x] ');
    expect(after.description).toContain(`- [ ] ${added.references.full} O1 KR4: from 0 to 5 demos`);
    expect(keyOf(after.description)).toBe('okr/2027-Q1/distribution/objective-1');
    expect((await linksOf('distribution/okrs', after.iid)).map((l) => l.title).sort()).toEqual(['O1 KR1', 'O1 KR2', 'O1 KR3', 'O1 KR4']);
    expect([...(await issuesByKey()).values()].every((issues) => issues.length === 1)).toBe(true);
  });

  it('finds a key result whose labels were all removed by its hidden key, and puts the labels back instead of duplicating it', async () => {
    const cwd = withConfig(okrConfig);
    writeOkrFile(cwd, threeByThree());
    expect((await okr(['create', '--yes', '--file', 'okrs.yml'], cwd)).exitCode).toBe(0);
    const kr = (await issuesOf('distribution/omnibus', 'okr:kr')).find((i) => i.title === 'O2 KR1')!;
    await fetch(`${sandbox.url}/api/v4/projects/${encoded('distribution/omnibus')}/issues/${kr.iid}`, {
      method: 'PUT',
      headers: { 'PRIVATE-TOKEN': sandbox.token, 'content-type': 'application/json' },
      body: JSON.stringify({ labels: '' }),
    });

    const rerun = await okr(['create', '--yes', '--file', 'okrs.yml'], cwd);
    expect(rerun.exitCode).toBe(0);
    expect(rerun.stderr).toContain(`~ add labels okr:kr, team:distribution, 2027-q1 to key result "O2 KR1" (${kr.references.full})`);
    const restored = await api<ApiIssue>(`projects/${encoded('distribution/omnibus')}/issues/${kr.iid}`);
    expect(restored.labels.sort()).toEqual(['2027-q1', 'okr:kr', 'team:distribution']);
    expect([...(await issuesByKey()).values()].map((issues) => issues.length)).toEqual(Array(12).fill(1));
  });

  it('writes nothing on --dry-run and prints the plan', async () => {
    const cwd = withConfig(okrConfig);
    writeOkrFile(cwd, threeByThree());
    const result = await okr(['create', '--file', 'okrs.yml', '--dry-run'], cwd);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('+ create objective "Objective 1" in distribution/okrs (3 key results)');
    expect(result.stdout).toContain('+ create key result "O3 KR2" in distribution/team-tasks (from 30% to 90%)');
    expect(result.stdout).toContain('Plan: 21 to create.');
    expect(result.stderr).toContain('Dry run: nothing was written to GitLab.');
    expect(writes()).toEqual([]);
  });

  it('prints one JSON document with the plan and the results under --json', async () => {
    const cwd = withConfig(okrConfig);
    writeOkrFile(cwd, threeByThree());
    const result = await okr(['create', '--yes', '--file', 'okrs.yml', '--json'], cwd);
    expect(result.exitCode).toBe(0);
    const document = result.json<{
      schemaVersion: number;
      command: string;
      dryRun: boolean;
      plan: {
        context: { quarter: { name: string; label: string; start: string; end: string }; objectives: Array<{ keyResults: unknown[] }> };
      };
      outcome: { done: number; failed: number };
      results: Array<{ kind: string; status: string; issue?: { webUrl: string } }>;
    }>();
    expect(document).toMatchObject({ schemaVersion: 1, command: 'okr create', dryRun: false, outcome: { done: 21, failed: 0 } });
    expect(document.plan.context.quarter).toEqual({ name: '2027-Q1', label: '2027-q1', start: '2027-01-01', end: '2027-03-31' });
    expect(document.plan.context.objectives.map((o) => o.keyResults.length)).toEqual([3, 3, 3]);
    expect(document.results.filter((r) => r.kind === 'create-issue' && r.issue?.webUrl)).toHaveLength(12);
  });

  it('asks for the OKRs on a terminal, saves the answers as a file, and a rerun of that file creates nothing', async () => {
    const cwd = withConfig(okrConfig);
    const prompter = new ScriptedPrompter({
      'okr.quarter': 'FY27-Q2',
      'okr.team': 'distribution',
      'okr.objective.title': ['Faster builds'],
      'okr.objective.description': ['Halve the wait.'],
      'okr.objective.project': ['distribution/okrs'],
      'okr.objective.assignees': ['grace.hopper, @director.lee'],
      'okr.kr.title': ['Pipeline minutes', 'Cache hit rate', 'Flaky retries'],
      'okr.kr.from': ['95', '40%', '30'],
      'okr.kr.to': ['45', '85%', '5'],
      'okr.kr.unit': ['minutes', '', 'retries'],
      'okr.kr.project': ['', '', 'distribution/team-tasks'],
      'okr.kr.assignees': ['amara.okafor', '', 'chen.wei'],
      'okr.kr.more': [true, true, false],
      'okr.objective.more': [false],
      'okr.save': true,
      'okr.save.path': 'okrs-next.yml',
      apply: true,
    });
    const result = await okr(['create'], cwd, { prompter, stdinTTY: true, stdoutTTY: true });
    expect(result.stderr).not.toContain('error');
    expect(result.exitCode).toBe(0);
    expect(prompter.asked).toContain('apply');
    expect(existsSync(path.join(cwd, 'okrs-next.yml'))).toBe(true);
    expect(readFileSync(path.join(cwd, 'okrs-next.yml'), 'utf8')).toContain('quarter: FY27-Q2');

    const [objective] = await issuesOf('distribution/okrs', 'okr:o');
    expect(objective).toMatchObject({ title: 'Faster builds', labels: expect.arrayContaining(['2027-q2', 'team:distribution']) });
    expect(objective!.assignees.map((a) => a.username).sort()).toEqual(['director.lee', 'grace.hopper']);
    const krs = [...(await issuesOf('distribution/omnibus', 'okr:kr')), ...(await issuesOf('distribution/team-tasks', 'okr:kr'))];
    expect(
      krs
        .map((k) => [
          k.title,
          k.assignees
            .map((a) => a.username)
            .sort()
            .join(' '),
        ])
        .sort(),
    ).toEqual([
      ['Cache hit rate', 'director.lee grace.hopper'],
      ['Flaky retries', 'chen.wei'],
      ['Pipeline minutes', 'amara.okafor'],
    ]);

    const before = sandbox.requestLog.length;
    const rerun = await okr(['create', '--yes', '--file', 'okrs-next.yml'], cwd);
    expect(rerun.exitCode).toBe(0);
    expect(rerun.stderr).toContain('Nothing to do: all 4 are already in place.');
    expect(writes(before)).toEqual([]);
  });

  it('plans the shipped example file without a problem or warning: three objectives, nine key results', async () => {
    const cwd = withConfig(okrConfig);
    const example = fileURLToPath(new URL('../../../templates/okrs.example.yml', import.meta.url));
    const result = await okr(['create', '--file', example, '--dry-run', '--strict'], cwd);
    expect(result.stderr).not.toMatch(/^! /m);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      '+ create objective "Ship FIPS-compliant packages for every supported OS" in distribution/okrs (3 key results)',
    );
    expect(result.stdout).toContain(
      '+ create key result "Operating systems with FIPS packages" in distribution/omnibus (from 1 to 4 operating systems)',
    );
    expect(result.stdout).toContain('Plan: 21 to create.');
    expect(writes()).toEqual([]);
  });

  it('is a usage error without --file when it cannot ask', async () => {
    const cwd = withConfig(okrConfig);
    const result = await okr(['create'], cwd);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('missing --file');
    expect(sandbox.requestLog).toEqual([]);
  });
});

describe('okr create quarters', () => {
  const oneObjective = (quarter?: string) => ({
    ...(quarter ? { quarter } : {}),
    team: 'distribution',
    objectives: [{ title: 'Ship it', key_results: [1, 2, 3].map((k) => ({ title: `KR ${k}`, from: 0, to: k })) }],
  });
  const quarterOf = async (cwd: string, args: string[], date: string) => {
    const result = await okr(['create', '--file', 'okrs.yml', '--dry-run', '--json', '--date', date, ...args], cwd);
    expect(result.stderr).toBe('');
    return result.json<{ plan: { context: { quarter: unknown; objectives: Array<{ key: string }> } } }>().plan.context;
  };

  it.each([
    // okr.quarters, labels.quarter, date, expected quarter
    ['calendar', '{yyyy}-q{q}', '2026-12-31', { name: '2026-Q4', label: '2026-q4', start: '2026-10-01', end: '2026-12-31' }],
    ['calendar', '{yyyy}-q{q}', '2027-01-01', { name: '2027-Q1', label: '2027-q1', start: '2027-01-01', end: '2027-03-31' }],
    ['fiscal', '{yyyy}-q{q}', '2027-01-31', { name: 'FY27-Q4', label: '2027-q4', start: '2026-11-01', end: '2027-01-31' }],
    ['fiscal', 'FY{fy}::Q{q}', '2027-02-01', { name: 'FY28-Q1', label: 'FY28::Q1', start: '2027-02-01', end: '2027-04-30' }],
  ])('takes the %s quarter containing today (labels.quarter %s, --date %s)', async (kind, pattern, date, expected) => {
    const cwd = withConfig(`${okrConfig.replace('okr:\n', `okr:\n  quarters: ${kind}\n`)}labels:\n  quarter: "${pattern}"\n`);
    writeOkrFile(cwd, oneObjective());
    const context = await quarterOf(cwd, [], date);
    expect(context.quarter).toEqual(expected);
    expect(context.objectives[0]!.key).toBe(`okr/${expected.name}/distribution/ship-it`);
  });

  it('takes --quarter over the file, and the file over today', async () => {
    const cwd = withConfig(okrConfig);
    writeOkrFile(cwd, oneObjective('FY27-Q1'));
    expect(await quarterOf(cwd, [], '2026-11-16')).toMatchObject({
      quarter: { name: 'FY27-Q1', start: '2026-02-01', end: '2026-04-30', label: '2027-q1' },
    });
    expect(await quarterOf(cwd, ['--quarter', '2028-Q1'], '2026-11-16')).toMatchObject({
      quarter: { name: '2028-Q1', start: '2028-01-01' },
    });
  });

  it('labels the issues with a scoped fiscal label across the year boundary', async () => {
    const cwd = withConfig(`${okrConfig}labels:\n  quarter: "FY{fy}::Q{q}"\n`);
    writeOkrFile(cwd, oneObjective('FY27-Q4'));
    const result = await okr(['create', '--yes', '--file', 'okrs.yml', '--date', '2027-01-20'], cwd);
    expect(result.exitCode).toBe(0);
    const [objective] = await issuesOf('distribution/okrs', 'okr:o');
    expect(objective!.labels.sort()).toEqual(['FY27::Q4', 'okr:o', 'team:distribution']);
    expect(objective!.description).toContain('**Quarter:** FY27-Q4 (2026-11-01 – 2027-01-31)');
  });

  it('rejects a malformed --quarter before reading anything', async () => {
    const cwd = withConfig(okrConfig);
    writeOkrFile(cwd, oneObjective());
    const result = await okr(['create', '--yes', '--file', 'okrs.yml', '--quarter', '2027-Q5'], cwd);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('--quarter must be 2027-Q1 (a calendar quarter) or FY27-Q1 (a fiscal quarter), got "2027-Q5"');
    expect(sandbox.requestLog).toEqual([]);
  });
});

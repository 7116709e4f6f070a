import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig } from '../../support/run-cli.js';
import { okrConfig, okrSeed, threeByThree, writeOkrFile } from './fixtures.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: okrSeed });
});
afterAll(async () => {
  await sandbox.stop();
});

const writes = () => sandbox.requestLog.filter((entry) => entry.method !== 'GET');

async function create(okrs: unknown, args: string[] = [], options: { config?: string; token?: string } = {}) {
  const cwd = withConfig(options.config ?? okrConfig);
  writeOkrFile(cwd, okrs);
  return runCli(['okr', 'create', '--file', 'okrs.yml', ...args], {
    cwd,
    env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: options.token ?? sandbox.token },
  });
}

/** okr create --yes on a sandbox of its own where distribution/okrs has the issue template OKR that okr.objective_template names. */
async function createWithOkrTemplate(text: string) {
  const seed = {
    ...okrSeed,
    projects: okrSeed.projects!.map((p) => (p.path === 'distribution/okrs' ? { ...p, issue_templates: { OKR: text } } : p)),
  };
  const own = await startSandbox({ seed });
  try {
    const cwd = withConfig(`${okrConfig}  objective_template: OKR\n`);
    writeOkrFile(cwd, threeByThree());
    const result = await runCli(['okr', 'create', '--file', 'okrs.yml', '--yes'], {
      cwd,
      env: { GITLAB_HOST: own.url, GITLAB_TOKEN: own.token },
    });
    return { result, writes: own.requestLog.filter((entry) => entry.method !== 'GET') };
  } finally {
    await own.stop();
  }
}

const errorLines = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('  - '))
    .map((line) => line.slice(4));

describe('okr create validation', () => {
  it('reports every problem together, each naming the objective or key result and the field, and writes nothing', async () => {
    const okrs = {
      quarter: '2027-Q9',
      team: 'distribution',
      objectives: [
        { title: '', key_results: [1, 2, 3].map((k) => ({ title: `KR ${k}`, from: 0, to: k })) },
        {
          title: 'Unknown people',
          assignees: ['grace.hopper', 'no.such.user'],
          key_results: [
            { title: 'No numbers', from: 'lots' },
            { title: 'Percentages are fine', from: '10%', to: '50%', assignees: ['ghost'] },
            { title: 'Flat', from: 5, to: 5 },
          ],
        },
        {
          title: 'Bad projects',
          project: 'distribution/missing',
          key_results: [
            { title: 'Sales KR', project: 'sales/pipeline', from: 0, to: 1 },
            { title: ' ', from: 0, to: 1 },
            { title: 'Third', from: 0, to: 1 },
          ],
        },
      ],
    };
    // grace.hopper is only a guest in sales: not a problem of the file, but of her role, which the
    // write-access check reports (exit 4) once the file is right (test/commands/write-access.test.ts).
    const result = await create(okrs, [], { token: sandbox.tokenFor('grace.hopper') });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('okrs.yml: 9 problems; nothing was written to GitLab');
    expect(errorLines(result.stderr).sort()).toEqual(
      [
        'quarter: "2027-Q9" is not 2027-Q1 (a calendar quarter) or FY27-Q1 (a fiscal quarter)',
        'objective 1: title: missing',
        'objective 2 "Unknown people", key result 1 "No numbers": from: "lots" is not a number such as 45, 12.5 or 40%',
        'objective 2 "Unknown people", key result 1 "No numbers": to: missing; a key result is measured "from x to y" (a number such as 45, 12.5 or 40%)',
        'objective 2 "Unknown people", key result 3 "Flat": to: the target equals from (5); nothing would change',
        'objective 2 "Unknown people": assignees: unknown user "no.such.user"',
        'objective 2 "Unknown people", key result 2 "Percentages are fine": assignees: unknown user "ghost"',
        'objective 3 "Bad projects": project: distribution/missing does not exist, or the token\'s user (@grace.hopper) cannot see it',
        'objective 3 "Bad projects", key result 2: title: missing',
      ].sort(),
    );
    expect(writes()).toEqual([]);
  });

  it('rejects a team name with a comma, which would become a label GitLab reads as two, naming the objective, and writes nothing', async () => {
    const okrs = threeByThree();
    const file = { ...okrs, team: 'build,deploy', objectives: okrs.objectives.map((o, i) => (i === 1 ? { ...o, team: 'a,b' } : o)) };
    const from = sandbox.requestLog.length;
    const result = await create(file, ['--yes']);
    expect(result.exitCode).toBe(3);
    expect(errorLines(result.stderr)).toEqual([
      'team: a team name cannot contain a comma: it becomes a label (labels.team), which GitLab would read as two',
      'objective 2 "Objective 2": team: a team name cannot contain a comma: it becomes a label (labels.team), which GitLab would read as two',
    ]);
    expect(sandbox.requestLog.slice(from).filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('names the config keys when no project is known for an objective', async () => {
    const okrs = { team: 'platform', objectives: [{ title: 'Homeless', key_results: [{ title: 'KR', from: 0, to: 1 }] }] };
    const result = await create(okrs, ['--quarter', '2027-Q1'], { config: 'timezone: UTC\n' });
    expect(result.exitCode).toBe(3);
    expect(errorLines(result.stderr)).toEqual([
      'objective 1 "Homeless": project: missing (set it in the file, or okr.project or okr.teams.<team>.project in teamops.yml)',
      'objective 1 "Homeless", key result 1 "KR": project: missing',
    ]);
    expect(writes()).toEqual([]);
  });

  it('reports the shape problems of a file that is not an OKR file', async () => {
    const okrs = {
      quarter: '2027-Q1',
      objectives: [
        { title: 'Typo', key_result: [] },
        { title: 'List', assignees: [{ name: 'x' }] },
      ],
      owner: 'me',
    };
    const result = await create(okrs);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('error: okrs.yml: 3 problems; nothing was written to GitLab');
    expect(errorLines(result.stderr).sort()).toEqual(
      [
        'objective 1 "Typo": unknown key "key_result"',
        'objective 2 "List": assignees: expected usernames: a list such as [grace.hopper, director.lee]',
        'unknown key "owner"',
      ].sort(),
    );
    expect(writes()).toEqual([]);
  });

  it('reports YAML syntax errors with the line and column, and a hint about YAML', async () => {
    const result = await create('quarter: 2027-Q1\nobjectives:\n  - title: [unclosed\n');
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/okrs\.yml is not valid YAML; nothing was written to GitLab:\n {2}- line \d+, column \d+: /);
    expect(result.stderr).toContain('hint: YAML nests by indentation with spaces (no tabs)');
    expect(result.stderr).not.toMatch(/at line \d+, column \d+:/);
    expect(writes()).toEqual([]);
  });

  it('reports an unknown key together with every other problem, numbering objectives alike in warnings and errors', async () => {
    const okrs = threeByThree();
    // Objective 1 is broken (an unknown key, a key result without "from"); objective 3 has one key result.
    Object.assign(okrs.objectives[0]!, { owner: 'grace' });
    delete (okrs.objectives[0]!.key_results[0] as { from?: unknown }).from;
    okrs.objectives[1]!.key_results[1]!.title = ['not', 'text'] as unknown as string;
    okrs.objectives[2]!.key_results.splice(1);
    const result = await create(okrs);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('error: okrs.yml: 3 problems; nothing was written to GitLab');
    expect(errorLines(result.stderr)).toEqual([
      'objective 1 "Objective 1": unknown key "owner"',
      'objective 2 "Objective 2", key result 2: title: expected text, got a list',
      'objective 1 "Objective 1", key result 1 "O1 KR1": from: missing; a key result is measured "from x to y" (a number such as 45, 12.5 or 40%)',
    ]);
    expect(result.stderr).toContain(
      '! objective 3 "Objective 3": key_results: 1 key result; the handbook asks for about three per objective',
    );
    expect(result.stderr).not.toMatch(/Invalid input|received/);
    expect(writes()).toEqual([]);
  });

  it('warns about other than about three key results per objective and more than nine per team, and still plans', async () => {
    const okrs = threeByThree();
    okrs.objectives[0]!.key_results.push({ title: 'O1 KR4', from: 0, to: 1 }, { title: 'O1 KR5', from: 0, to: 1 });
    okrs.objectives[1]!.key_results.splice(1);
    okrs.objectives[2]!.key_results.push({ title: 'O3 KR4', from: 0, to: 1 });
    const result = await create(okrs, ['--dry-run']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(
      '! objective 1 "Objective 1": key_results: 5 key results; the handbook asks for about three per objective',
    );
    expect(result.stderr).toContain(
      '! objective 2 "Objective 2": key_results: 1 key result; the handbook asks for about three per objective',
    );
    expect(result.stderr).toContain('! team distribution: 10 key results in 2027-Q1; the handbook asks for no more than nine a quarter');
    expect(result.stdout).toContain('Plan: 23 to create.');
    expect(writes()).toEqual([]);
  });

  it('makes warnings errors under --strict, with every problem listed and nothing written', async () => {
    const okrs = threeByThree();
    okrs.objectives[1]!.key_results.splice(1);
    okrs.objectives[2]!.key_results[0]!.assignees = ['ghost'];
    const result = await create(okrs, ['--strict', '--yes']);
    expect(result.exitCode).toBe(3);
    expect(errorLines(result.stderr).sort()).toEqual(
      [
        'objective 3 "Objective 3", key result 1 "O3 KR1": assignees: unknown user "ghost"',
        'objective 2 "Objective 2": key_results: 1 key result; the handbook asks for about three per objective (a warning; --strict makes it an error)',
      ].sort(),
    );
    expect(writes()).toEqual([]);
  });

  it('checks a project issue template named in config before writing', async () => {
    const config = `${okrConfig}  objective_template: OKR\n`;
    const result = await create(threeByThree(), [], { config });
    expect(result.exitCode).toBe(3);
    expect(errorLines(result.stderr)).toEqual([
      'okr.objective_template: project distribution/okrs has no issue template "OKR" (.gitlab/issue_templates/OKR.md)',
    ]);
    expect(writes()).toEqual([]);
  });

  it('checks the fields a project issue template reads inside its key results loop, before writing', async () => {
    const { result, writes: written } = await createWithOkrTemplate('{% for kr in key_results %}{{ kr.owner }}{% endfor %}');
    expect(result.exitCode).toBe(3);
    expect(errorLines(result.stderr)).toEqual([
      expect.stringMatching(/^okr\.objective_template: .*issue template "OKR" of distribution\/okrs.*owner/),
    ]);
    expect(written).toEqual([]);
  });

  it('lists a project issue template that only the real values break like any other problem, and writes nothing', async () => {
    // The sample values have one key result, so the second one's loop body is first rendered with the file's values.
    const { result, writes: written } = await createWithOkrTemplate(
      '{% for kr in key_results %}{% if forloop.index == 2 %}{{ kr.owner }}{% endif %}{% endfor %}',
    );
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('okrs.yml: 1 problem; nothing was written to GitLab');
    expect(errorLines(result.stderr)).toEqual([
      expect.stringMatching(/^okr\.objective_template: template "issue template "OKR" of distribution\/okrs" uses \{\{ kr\.owner \}\}/),
    ]);
    expect(written).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig } from '../../support/run-cli.js';
import { gitlabApi, okrConfig, okrSeed, writeOkrFile, type ApiIssue } from './fixtures.js';

let sandbox: Sandbox;

const withPlanners = (config: string, planners = '[dana.kowalski, grace.hopper, emeka.eze]') =>
  config.replace('      project: distribution/omnibus\n', `      project: distribution/omnibus\n      planners: ${planners}\n`);
const calendarConfig = withPlanners(okrConfig);
const fiscalConfig = withPlanners(okrConfig.replace('okr:\n', 'okr:\n  quarters: fiscal\n'));

const okr = (cwd: string, args: string[], now: string) =>
  runCli(['okr', ...args], { cwd, env: { GITLAB_HOST: sandbox.url, GITLAB_TOKEN: sandbox.token }, now });
const writesSince = (from: number) => sandbox.requestLog.slice(from).filter((entry) => entry.method !== 'GET');
const planningIssues = async () =>
  (await gitlabApi(sandbox).api<ApiIssue[]>('projects/distribution%2Fokrs/issues?per_page=100')).filter((i) =>
    i.title.startsWith('OKR planning'),
  );

interface Step {
  step: string;
  from: string;
  to: string;
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: okrSeed });
});
afterAll(async () => {
  await sandbox.stop();
});

describe('okr plan', () => {
  it('dates the handbook timeline in the 3rd month of a calendar quarter: March 2027 for 2027-Q2', async () => {
    const cwd = withConfig(calendarConfig);
    const result = await okr(cwd, ['plan', '--dry-run', '--json'], '2027-02-25T09:00:00Z');
    expect(result.exitCode, result.stderr).toBe(0);
    const { plan } = result.json<{ plan: { context: { quarter: string; planningMonth: string; timeline: Step[] } } }>();
    expect(plan.context.quarter).toBe('2027-Q2');
    expect(plan.context.planningMonth).toBe('March 2027');
    // March 1, 2027 is a Monday; March 31 a Wednesday.
    expect(plan.context.timeline.map((s) => [s.step, s.from, s.to])).toEqual([
      ['draft', '2027-03-01', '2027-03-05'],
      ['scope', '2027-03-08', '2027-03-12'],
      ['reserved-planning-days', '2027-03-12', '2027-03-12'],
      ['final', '2027-03-31', '2027-03-31'],
    ]);
  });

  it('and of a fiscal quarter: January 2027 for FY28-Q1, whose month ends on a Sunday', async () => {
    const cwd = withConfig(fiscalConfig);
    const result = await okr(cwd, ['plan', '--dry-run', '--json'], '2026-12-15T09:00:00Z');
    expect(result.exitCode, result.stderr).toBe(0);
    const { plan } = result.json<{ plan: { context: { quarter: string; timeline: Step[] } } }>();
    expect(plan.context.quarter).toBe('FY28-Q1');
    // January 1, 2027 is a Friday: week 1 is the week of Monday January 4. January 31 is a Sunday.
    expect(plan.context.timeline.map((s) => [s.step, s.from, s.to])).toEqual([
      ['draft', '2027-01-04', '2027-01-08'],
      ['scope', '2027-01-11', '2027-01-15'],
      ['reserved-planning-days', '2027-01-15', '2027-01-15'],
      ['final', '2027-01-29', '2027-01-29'],
    ]);
  });

  it('opens one planning issue assigned to the planners, with a draft OKR file that okr create accepts', async () => {
    const cwd = withConfig(calendarConfig);
    writeOkrFile(cwd, {
      quarter: '2027-Q1',
      team: 'distribution',
      objectives: [
        {
          title: 'Faster builds',
          key_results: [
            { title: 'Pipeline minutes', from: 95, to: 45, unit: 'minutes', assignees: ['amara.okafor'] },
            { title: 'Cache hit rate', from: '40%', to: '80%' },
          ],
        },
      ],
    });
    expect((await okr(cwd, ['create', '--file', 'okrs.yml', '--yes'], '2027-01-04T09:00:00Z')).exitCode).toBe(0);
    expect(
      (await okr(cwd, ['checkin', '--kr', 'distribution/omnibus#1', '--current', '70', '--yes'], '2027-02-22T09:00:00Z')).exitCode,
    ).toBe(0);

    const result = await okr(cwd, ['plan', '--yes'], '2027-02-25T09:00:00Z');
    expect(result.exitCode, result.stderr).toBe(0);
    const [issue, ...more] = await planningIssues();
    expect(more).toEqual([]);
    expect(issue?.title).toBe('OKR planning for 2027-Q2');
    expect(issue?.assignees.map((a) => a.username).sort()).toEqual(['dana.kowalski', 'emeka.eze', 'grace.hopper']);
    expect(issue?.description).toContain('- [ ] **Week 1 (2027-03-01 – 2027-03-05):** PM, EM and staff engineer draft the 2027-Q2 OKRs');
    expect(issue?.description).toContain('- [ ] **End of week 2 (2027-03-12):** the EM decides on reserved planning days');
    expect(issue?.description).toContain('- [ ] **Month end (2027-03-31):** OKRs and scoping are final');

    const from = sandbox.requestLog.length;
    expect((await okr(cwd, ['plan', '--yes'], '2027-03-02T09:00:00Z')).exitCode).toBe(0);
    expect(writesSince(from)).toEqual([]);

    // The round trip: the draft, saved as a file, is what okr create takes for the next quarter.
    const draft = /```yaml\n([\s\S]*?)```/.exec(issue!.description)?.[1];
    expect(draft).toContain('quarter: 2027-Q2');
    expect(draft).toContain('from: 70');
    writeOkrFile(cwd, draft!, 'okrs-2027-Q2.yml');
    const created = await okr(cwd, ['create', '--file', 'okrs-2027-Q2.yml', '--yes', '--json'], '2027-03-31T09:00:00Z');
    expect(created.exitCode, created.stderr).toBe(0);
    const titles = created
      .json<{ plan: { actions: Array<{ kind: string; issue?: { title: string } }> } }>()
      .plan.actions.flatMap((a) => a.issue?.title ?? []);
    expect(titles.sort()).toEqual(['Cache hit rate', 'Faster builds', 'Pipeline minutes']);
  });

  it('rejects unknown or missing planners before any write (exit 3)', async () => {
    const from = sandbox.requestLog.length;
    const unknown = await okr(
      withConfig(withPlanners(okrConfig, '[dana.kowalski, nobody.here]')),
      ['plan', '--quarter', '2027-Q3', '--yes'],
      '2027-05-20T09:00:00Z',
    );
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toContain('okr.teams.distribution.planners: unknown user "nobody.here"');
    const none = await okr(withConfig(okrConfig), ['plan', '--quarter', '2027-Q3', '--yes'], '2027-05-20T09:00:00Z');
    expect(none.exitCode).toBe(3);
    expect(none.stderr).toContain("okr.teams.distribution.planners: name the team's PM, EM and staff engineer");
    expect(writesSince(from)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedDocument } from '@teamops/gitlab-sandbox';
import { ritualWrites, startSandbox, type TestSandbox as Sandbox } from '../../support/sandbox.js';
import { runCli, withConfig, type CliResult } from '../../support/run-cli.js';
import { requestCounters, startPrometheus, type TestPrometheus } from '../../support/prometheus.js';

// checkout: 100 requests a minute, objective 99% over one day, so the day's budget is 1% of 144,000
// requests: 1,440. The test reads it at four instants:
const T0 = '2026-11-20T12:00:00Z'; // before any outage: within the policy
const T1 = '2026-11-20T13:00:00Z'; // after a full outage 12:30–12:50 (2,000 failed): budget spent, fast burn
const T2 = '2026-11-22T13:00:00Z'; // two days on: the outage has left the day and the hour: recovered
const T3 = '2026-11-23T09:00:00Z'; // after a full outage 08:00–08:10 (1,000 failed): fast burn only
const instants = [T0, T1, T2, T3];
const before = (at: string, hours: number) => new Date(Date.parse(at) - hours * 3_600_000).toISOString();

let prometheus: TestPrometheus;
beforeAll(async () => {
  prometheus = await startPrometheus([
    {
      name: 'http_requests',
      series: requestCounters({
        labels: { service: 'checkout' },
        perMinute: 100,
        start: before(T0, 72),
        outages: [
          { from: '2026-11-20T12:30:00Z', to: '2026-11-20T12:50:00Z', errorRatio: 1 },
          { from: '2026-11-23T08:00:00Z', to: '2026-11-23T08:10:00Z', errorRatio: 1 },
        ],
        at: instants.flatMap((at) => [at, before(at, 1), before(at, 6), before(at, 24), before(at, 72)]),
      }),
    },
  ]);
});
afterAll(() => prometheus?.stop());

const config = (prometheusUrl: string, personas = '') => `
slo:
  project: acme/slo
  prometheus: { url: '${prometheusUrl}' }
  personas:
    service_owner: [so]
    product_owner: [pat]
    eng_lead: [lee]
    engineer: [sam]
    sre: [jo]
    eng_manager: [max]
    exec: [val]
${personas}
  services:
    checkout:
      description: We'll take 99% of checkout requests without an error.
      objective: 99%
      window: 1d
      sli:
        good: sum(increase(http_requests_total{service="checkout",code!~"5.."}[{{window}}]))
        total: sum(increase(http_requests_total{service="checkout"}[{{window}}]))
`;
const USERS = ['so', 'pat', 'lee', 'sam', 'jo', 'max', 'val'];
const seed: SeedDocument = {
  users: USERS.map((username) => ({ username })),
  groups: [{ path: 'acme', members: Object.fromEntries(USERS.map((u) => [u, 'developer'])) }],
  projects: [{ path: 'acme/slo' }],
};

interface ApiIssue {
  iid: number;
  title: string;
  description: string;
  labels: string[];
  assignees: Array<{ username: string }>;
}
const issuesOf = (s: Sandbox) => s.api<ApiIssue[]>('/projects/acme%2Fslo/issues?state=all&per_page=100&sort=asc&order_by=created_at');
const notesOf = async (s: Sandbox, iid: number) =>
  (await s.api<Array<{ body: string; system: boolean }>>(`/projects/acme%2Fslo/issues/${iid}/notes?per_page=100`)).filter((n) => !n.system);
const writes = (s: Sandbox) => s.requestLog.filter((entry) => entry.method !== 'GET');
const budget = (s: Sandbox | null, at: string, args: string[], yaml = config(prometheus.url)): Promise<CliResult> =>
  runCli(['slo', 'budget', ...args], { env: s ? s.env() : {}, cwd: withConfig(yaml), now: at });

describe('teamops slo budget --apply-policy', () => {
  it('opens one issue per episode, never two, and comments when the budget recovers', async () => {
    const s = await startSandbox({ seed, now: T0 });

    const calm = await budget(s, T0, ['--apply-policy', '--yes']);
    expect(calm.exitCode).toBe(0);
    expect(calm.stderr).toContain('Nothing to do');
    expect(writes(s)).toEqual([]);

    // The outage spends 2,000 of a 1,440-request budget: -560, -38.9% left; as time, 1% of a day is 864 s
    // and 2,000 / 144,000 of it is 1,200 s spent. The last hour burned 2,000 / 6,000 ÷ 1% = 33.3; six hours
    // 2,000 / 36,000 ÷ 1% = 5.6 (under the slow-burn 6); three days 2,000 / 432,000 ÷ 1% = 0.5.
    const opened = await budget(s, T1, ['--apply-policy', '--yes']);
    expect(opened.exitCode).toBe(0);
    let issues = await issuesOf(s);
    expect(issues.map((i) => i.title)).toEqual(['Handle error budget: checkout, budget spent (2026-11-20)']);
    const [episode] = issues;
    // The chart's Handle Error Budget row: Responsible are the Eng/Quality Lead and the Eng Manager.
    expect(episode!.assignees.map((a) => a.username).sort()).toEqual(['lee', 'max']);
    expect(episode!.labels.sort()).toEqual(['slo-service::checkout', 'slo::iteration']);
    expect(episode!.description).toContain('| SLI over 1d | 98.6111% (objective 99%) |');
    expect(episode!.description).toContain('| Error budget left | -38.9%: -560 of 1,440 events, -5m 36s of 14m 24s |');
    expect(episode!.description).toContain('| Burn rate (1h / 6h / 3d) | 33.3 / 5.6 / 0.5 |');
    expect(episode!.description).toContain('**budget spent** (less than 0% of the error budget left; now -38.9% left): The SLO was missed');
    expect(episode!.description).toContain('**fast burn** (burn rate above 14.4 over 1h; now burn rate 33.3)');
    expect(episode!.description).toContain('Avoid dogma');
    expect(episode!.description).toContain('| Accountable | Product Owner(s) | @pat |');

    // Still crossing: the same episode, nothing new.
    const again = await budget(s, T1, ['--apply-policy', '--yes']);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain(`checkout: error budget episode 1 is open: acme/slo#${episode!.iid}`);
    expect((await issuesOf(s)).length).toBe(1);

    // Recovered: one comment on the episode's issue, once.
    const recovered = await budget(s, T2, ['--apply-policy', '--yes']);
    expect(recovered.exitCode).toBe(0);
    const rerun = await budget(s, T2, ['--apply-policy', '--yes']);
    expect(rerun.stderr).toContain('Nothing to do');
    const notes = await notesOf(s, episode!.iid);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('The error budget of **checkout** is back within the policy: this episode is over.');
    expect(notes[0]!.body).toContain('| Error budget left | 100%: 1,440 of 1,440 events, 14m 24s of 14m 24s |');

    // A new crossing is a new episode: 1,000 of 6,000 failed in the last hour, burn 16.7; 30.6% of the day's budget left.
    const second = await budget(s, T3, ['--apply-policy', '--yes']);
    expect(second.exitCode).toBe(0);
    issues = await issuesOf(s);
    expect(issues.map((i) => i.title)).toEqual([
      'Handle error budget: checkout, budget spent (2026-11-20)',
      'Handle error budget: checkout, fast burn (2026-11-23)',
    ]);
    expect(issues[1]!.description).toContain('episode 2');
    expect((await budget(s, T3, ['--apply-policy', '--yes'])).stderr).toContain('episode 2 is open');
    expect((await issuesOf(s)).length).toBe(2);
  });

  it('shows the plan under --dry-run and writes nothing', async () => {
    const s = await startSandbox({ seed, now: T1 });
    const result = await budget(s, T1, ['--apply-policy', '--dry-run']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      '+ create "Handle error budget: checkout, budget spent (2026-11-20)" in acme/slo (budget spent, budget low, fast burn), assigned to @lee @max; accountable @pat; consulted @so @sam; informed @jo @val',
    );
    expect(writes(s)).toEqual([]);
  });

  it('without --apply-policy prints each budget against the policy, and needs no GitLab', async () => {
    const result = await budget(null, T1, []);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(
      'checkout: -38.9% of the error budget left (-560 of 1,440 events, -5m 36s of 14m 24s); crosses budget spent, budget low, fast burn',
    );
    expect(lines[1]).toMatch(/^ {2}- budget spent: The SLO was missed over its window\./);
    const json = await budget(null, T0, ['--json']);
    expect(json.json<{ services: Array<{ crossed: unknown[] }> }>().services[0]!.crossed).toEqual([]);
  });

  it.each([
    {
      name: 'an unreachable Prometheus',
      yaml: () => config('http://127.0.0.1:9'),
      message: 'cannot reach Prometheus at http://127.0.0.1:9',
      exitCode: 1,
    },
    {
      name: 'a Responsible persona without people',
      yaml: () => config(prometheus.url).replace('    eng_manager: [max]', '    eng_manager: []'),
      message: 'persona eng_manager (Eng Manager/Director) has no people',
      exitCode: 3,
    },
    {
      name: 'a chart without the Handle Error Budget step',
      yaml: () =>
        config(prometheus.url).replace(
          '  services:',
          '  chart:\n    - { step: Agree on SLO, phase: research, raci: { pat: A } }\n  services:',
        ),
      message: 'slo.chart has no step with id "handle-error-budget"',
      exitCode: 3,
    },
  ])('fails before any write with $name', async ({ yaml, message, exitCode }) => {
    const s = await startSandbox({ seed, now: T1 });
    const result = await budget(s, T1, ['--apply-policy', '--yes'], yaml());
    expect(result.exitCode).toBe(exitCode);
    expect(result.stderr).toContain(message);
    expect(writes(s)).toEqual([]);
  });
});

describe('teamops slo recalibrate', () => {
  it("opens the quarter's Recalibrate/Planning issue once per service and quarter", async () => {
    const s = await startSandbox({ seed, now: T1 });
    const first = await runCli(['slo', 'recalibrate', '--yes'], { env: s.env(), cwd: withConfig(config(prometheus.url)), now: T1 });
    expect(first.exitCode).toBe(0);
    let issues = await issuesOf(s);
    expect(issues.map((i) => i.title)).toEqual(['Recalibrate/Planning: checkout SLO, 2026-Q4']);
    // The chart's Recalibrate/Planning row: Responsible are the Product Owner and the Eng/Quality Lead.
    expect(issues[0]!.assignees.map((a) => a.username).sort()).toEqual(['lee', 'pat']);
    expect(issues[0]!.description).toContain('| Accountable | Service Owner | @so |');
    expect(issues[0]!.description).toContain('| SLI over 1d | 98.6111% (objective 99%) |');
    expect(issues[0]!.description).toContain('An aspirational SLO is fine');

    const rerun = await runCli(['slo', 'recalibrate', '--yes'], { env: s.env(), cwd: withConfig(config(prometheus.url)), now: T2 });
    expect(rerun.stderr).toContain('checkout: recalibration of 2026-Q4 exists');
    const next = await runCli(['slo', 'recalibrate', '--quarter', '2027-Q1', '--yes'], {
      env: s.env(),
      cwd: withConfig(config(prometheus.url)),
      now: T2,
    });
    expect(next.exitCode).toBe(0);
    issues = await issuesOf(s);
    expect(issues.map((i) => i.title)).toEqual([
      'Recalibrate/Planning: checkout SLO, 2026-Q4',
      'Recalibrate/Planning: checkout SLO, 2027-Q1',
    ]);
  });
});

// Two scheduled pipelines (or a pipeline and a person) started together: the run lock makes the
// second wait, and it then finds what the first made.
describe('two overlapping runs of the SLO rituals', () => {
  const cases = [
    {
      name: 'slo budget --apply-policy',
      args: ['slo', 'budget', '--apply-policy', '--yes'],
      title: 'Handle error budget: checkout, budget spent (2026-11-20)',
    },
    { name: 'slo recalibrate', args: ['slo', 'recalibrate', '--yes'], title: 'Recalibrate/Planning: checkout SLO, 2026-Q4' },
  ];
  it.each(cases)(
    '$name: at 0 and 50 ms latency, repeated, leave one issue, and a rerun writes nothing',
    async ({ args, title }) => {
      for (const latencyMs of [0, 50]) {
        for (let round = 0; round < 2; round += 1) {
          const s = await startSandbox({ seed, now: T1 });
          const run = () => runCli(args, { env: s.env(), cwd: withConfig(config(prometheus.url)), now: T1 });
          s.setLatency(latencyMs);
          const [first, second] = await Promise.all([run(), run()]);
          s.setLatency(0);
          expect([first.exitCode, second.exitCode], `${first.stderr}\n${second.stderr}`).toEqual([0, 0]);
          expect(
            (await issuesOf(s)).map((i) => i.title),
            `${latencyMs} ms, round ${round + 1}`,
          ).toEqual([title]);
          const logged = s.requestLog.length;
          const rerun = await run();
          expect(rerun.exitCode, rerun.stderr).toBe(0);
          expect(ritualWrites(s.requestLog.slice(logged))).toEqual([]);
          await s.stop();
        }
      }
    },
    120_000,
  );
});

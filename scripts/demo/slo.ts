import type { DemoStep } from './harness.js';
import { hasPrometheus, requestCounters, startPrometheus, type TestPrometheus } from '../../test/support/prometheus.js';

/**
 * The SLO rituals, against a real Prometheus (Debian's package) holding four weeks of backfilled
 * traffic for the demo's `packages` service: a 30-minute outage five days ago, and 10% of requests
 * failing for 20 minutes in the last hour. The figures are for one instant, the end of the data,
 * passed to teamops as TEAMOPS_NOW.
 */
export async function sloDemo(): Promise<{ steps: DemoStep[]; config: string; stop(): Promise<void> } | { missing: string }> {
  if (!hasPrometheus()) {
    return { missing: "The SLO rituals' demo needs Debian's Prometheus: apt-get install prometheus, then npm run demo again." };
  }
  const minute = 60_000;
  const at = new Date(Math.floor(Date.now() / minute) * minute - minute);
  const ago = (minutes: number) => new Date(at.getTime() - minutes * minute).toISOString();
  const prometheus: TestPrometheus = await startPrometheus([
    {
      name: 'http_requests',
      series: [
        ...requestCounters({
          labels: { service: 'packages' },
          perMinute: 500,
          start: ago(28 * 1_440),
          outages: [
            { from: ago(5 * 1_440 + 30), to: ago(5 * 1_440), errorRatio: 1 },
            { from: ago(40), to: ago(20), errorRatio: 0.1 },
          ],
          at: [at.toISOString(), ago(60), ago(360), ago(3 * 1_440)],
        }),
        ...requestCounters({
          labels: { service: 'docs' },
          perMinute: 200,
          start: ago(7 * 1_440),
          outages: [],
          at: [at.toISOString(), ago(60), ago(360), ago(3 * 1_440)],
        }),
      ],
    },
  ]);
  const query = (service: string, good: boolean) =>
    `sum(increase(http_requests_total{service="${service}"${good ? ',code!~"5.."' : ''}}[{{window}}]))`;
  const config = `slo:
  project: distribution/team-tasks
  prometheus:
    url: ${prometheus.url}
  personas:
    service_owner: [amara.okafor]
    product_owner: [director.lee]
    eng_lead: [bruno.silva]
    engineer: [chen.wei, emeka.eze]
    sre: [farah.haddad]
    eng_manager: [grace.hopper]
    exec: [director.lee]
  services:
    packages:
      description: "We'll serve package downloads without an error, 99.9% of the time."
      objective: 99.9%
      window: 28d
      sli:
        good: '${query('packages', true)}'
        total: '${query('packages', false)}'
    docs:
      description: "We'll serve the docs without an error, 99.5% of the time."
      objective: 99.5%
      window: 7d
      sli:
        ratio: '${query('docs', true)} / ${query('docs', false)}'
`;
  const env = { TEAMOPS_NOW: at.toISOString() };
  return {
    config,
    stop: () => prometheus.stop(),
    steps: [
      {
        title: 'SLO rituals: error budgets from Prometheus (teamops slo status)',
        runs: [
          {
            args: ['slo', 'status'],
            env,
            note: `Each service's SLI, error budget and burn rates, read from Prometheus at ${at.toISOString()}`,
          },
        ],
      },
      {
        title: 'The SLO lifecycle as issues, from the RACI chart (teamops slo init)',
        runs: [
          {
            args: ['slo', 'init', 'packages', '--dry-run'],
            env,
            note: 'One issue per step of the chart: who is assigned, accountable, consulted, informed',
          },
          { args: ['slo', 'init', 'packages', '--yes'], env, note: 'Open them' },
          { args: ['slo', 'init', 'packages'], env, note: 'Run again: every step is open already' },
        ],
      },
      {
        title: 'The error budget policy, from a pipeline (teamops slo budget --apply-policy)',
        runs: [
          { args: ['slo', 'budget'], env, note: 'Each budget against the policy' },
          {
            args: ['slo', 'budget', '--apply-policy', '--yes'],
            env,
            note: 'packages crossed the policy: one "Handle error budget" issue for the episode',
          },
          { args: ['slo', 'budget', '--apply-policy', '--yes'], env, note: 'Run again: the episode is open, nothing new' },
          { args: ['slo', 'recalibrate', '--yes'], env, note: "The quarter's Recalibrate/Planning issue per service" },
        ],
      },
    ],
  };
}

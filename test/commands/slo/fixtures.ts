import { requestCounters, type CounterFamily } from '../../support/prometheus.js';

// The SLO tests' traffic, backfilled into a real Prometheus. The evaluation instant is the test
// clock's default moment, Monday 2026-11-16 09:00 UTC.
export const NOW = '2026-11-16T09:00:00Z';
/** An hour earlier, before this morning's outage: the tests read this instant too. */
export const EARLIER = '2026-11-16T08:00:00Z';
const hoursBefore = (hours: number, from = NOW) => new Date(Date.parse(from) - hours * 3_600_000).toISOString();
const edgesOf = (at: string, longest: number) => [
  at,
  hoursBefore(1, at),
  hoursBefore(6, at),
  hoursBefore(72, at),
  hoursBefore(longest, at),
];
/**
 * Where `--date` puts the evaluation (noon of the day in the team's zone, UTC here): the 16th, which
 * sees both outages, and the 30th, whose 28 days begin after the first.
 */
export const DATED = { '2026-11-16': '2026-11-16T12:00:00Z', '2026-11-30': '2026-11-30T12:00:00Z' };
/** Samples sit on the edges of every window read at NOW, EARLIER and the DATED instants, so each count is exact. */
const edges = (longest: number) => [NOW, EARLIER, ...Object.values(DATED)].flatMap((at) => edgesOf(at, longest));

/**
 * `login`: 1,000 requests a minute from 28 days before EARLIER, with two outages:
 * - a full outage on 2026-11-02 from 10:00 to 10:30: 30 minutes × 1,000 = 30,000 failed requests;
 * - half the requests failing from 08:20 to 08:40 this morning: 20 × 1,000 × 0.5 = 10,000 failed.
 * `search`: 600 requests a minute from 7 days before EARLIER, none failed.
 */
export function sloTraffic(): CounterFamily[] {
  return [
    {
      name: 'http_requests',
      series: [
        ...requestCounters({
          labels: { service: 'login' },
          perMinute: 1_000,
          start: hoursBefore(28 * 24, EARLIER),
          outages: [
            { from: '2026-11-02T10:00:00Z', to: '2026-11-02T10:30:00Z', errorRatio: 1 },
            { from: '2026-11-16T08:20:00Z', to: '2026-11-16T08:40:00Z', errorRatio: 0.5 },
          ],
          at: edges(28 * 24),
        }),
        ...requestCounters({
          labels: { service: 'search' },
          perMinute: 600,
          start: hoursBefore(7 * 24, EARLIER),
          outages: [],
          at: edges(7 * 24),
        }),
      ],
    },
  ];
}

export const good = (service: string) => `sum(increase(http_requests_total{service="${service}",code!~"5.."}[{{window}}]))`;
export const total = (service: string) => `sum(increase(http_requests_total{service="${service}"}[{{window}}]))`;

/** The two services' slo: block, under `prometheus.url`. */
export function sloConfig(prometheusUrl: string, extra = ''): string {
  return `
slo:
  project: acme/slo
  prometheus:
    url: ${prometheusUrl}
  services:
    login:
      description: We'll handle /login API requests in under 50ms, 99.9% of the time.
      objective: 99.9%
      window: 28d
      sli:
        good: '${good('login')}'
        total: '${total('login')}'
    search:
      objective: 99%
      window: 7d
      sli:
        ratio: '${good('search')} / ${total('search')}'
${extra}`;
}

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../../src/errors.js';
import { createPrometheus, PrometheusError } from '../../src/prometheus/client.js';
import { requestCounters, startPrometheus, type TestPrometheus } from '../support/prometheus.js';

// One hour of steady traffic, 600 requests a minute, with a full outage of 10 minutes in it.
const NOW = new Date('2026-11-16T09:00:00Z');
let prometheus: TestPrometheus;

beforeAll(async () => {
  prometheus = await startPrometheus([
    {
      name: 'http_requests',
      series: requestCounters({
        labels: { service: 'login' },
        perMinute: 600,
        start: '2026-11-16T08:00:00Z',
        outages: [{ from: '2026-11-16T08:30:00Z', to: '2026-11-16T08:40:00Z', errorRatio: 1 }],
        at: ['2026-11-16T09:00:00Z'],
      }),
    },
  ]);
});
afterAll(() => prometheus?.stop());

describe('the Prometheus adapter against a real Prometheus', () => {
  it('reads the backfilled counters at the instant it is given, not the wall clock', async () => {
    const client = createPrometheus({ url: prometheus.url });
    // 60 minutes × 600 = 36,000 requests, of which the 10 minutes of outage (6,000) failed.
    expect(await client.queryNumber('sum(increase(http_requests_total{service="login"}[1h]))', NOW)).toBe(36_000);
    expect(await client.queryNumber('sum(increase(http_requests_total{service="login",code!~"5.."}[1h]))', NOW)).toBe(30_000);
    // Half an hour earlier the outage had not started: 30 minutes of traffic, none failed.
    const before = new Date('2026-11-16T08:30:00Z');
    expect(await client.queryNumber('sum(increase(http_requests_total{service="login",code="500"}[30m]))', before)).toBe(0);
    expect(await client.queryNumber('scalar(sum(increase(http_requests_total[1h])))', NOW)).toBe(36_000);
  });

  it('reports a query Prometheus rejects, one with no series and one with several', async () => {
    const client = createPrometheus({ url: prometheus.url });
    const problem = (query: string) =>
      client.queryNumber(query, NOW).then(
        () => 'answered',
        (error: unknown) => (error instanceof PrometheusError ? `${error.problem}: ${error.message}` : String(error)),
      );
    expect(await problem('sum(increase(http_requests_total[1h]')).toMatch(/^query: Prometheus rejected the query: bad_data: .*parse error/);
    expect(await problem('sum(increase(no_such_metric_total[1h]))')).toBe('empty: the query returned no series');
    expect(await problem('increase(http_requests_total[1h])')).toBe('several-series: the query returned 2 series, not one');
  });

  it('reports a Prometheus it cannot reach, naming the server', async () => {
    const client = createPrometheus({ url: 'http://127.0.0.1:9/' });
    const error = await client.queryNumber('up', NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrometheusError);
    expect((error as PrometheusError).message).toBe('cannot reach Prometheus at http://127.0.0.1:9: ECONNREFUSED');
  });
});

describe('what the adapter sends', () => {
  const seen: Array<{ url: string; authorization?: string; tenant?: string }> = [];
  let url = '';
  const server = createServer((req, res) => {
    seen.push({
      url: req.url ?? '',
      authorization: req.headers.authorization,
      tenant: req.headers['x-scope-orgid'] as string | undefined,
    });
    if (req.headers.authorization === 'Bearer wrong-token-1234') {
      res.writeHead(401).end('unauthorized');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, 'NaN'] }] } }));
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the token, the tenant and the instant, under the base URL path', async () => {
    const client = createPrometheus({ url: `${url}/prometheus/`, token: 'secret-token-5678', tenant: 'team-a' });
    expect(await client.queryNumber('up', NOW)).toBeNaN();
    expect(seen.at(-1)).toEqual({
      url: '/prometheus/api/v1/query?query=up&time=1794819600.000',
      authorization: 'Bearer secret-token-5678',
      tenant: 'team-a',
    });
  });

  it('turns 401 into an authentication error that does not show the token', async () => {
    const error = await createPrometheus({ url, token: 'wrong-token-1234' })
      .queryNumber('up', NOW)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(`${(error as AuthError).message} ${(error as AuthError).hint}`).not.toContain('wrong-token-1234');
    expect((error as AuthError).message).toBe(`Prometheus at ${url} answered 401: not allowed to query`);
  });
});

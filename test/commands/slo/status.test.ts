import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, withConfig } from '../../support/run-cli.js';
import { startPrometheus, type TestPrometheus } from '../../support/prometheus.js';
import { DATED, EARLIER, NOW, sloConfig, sloTraffic } from './fixtures.js';

let prometheus: TestPrometheus;
beforeAll(async () => {
  prometheus = await startPrometheus(sloTraffic());
});
afterAll(() => prometheus?.stop());

const status = (args: string[], config = sloConfig(prometheus.url), env: Record<string, string> = {}) =>
  runCli(['slo', 'status', ...args], { cwd: withConfig(config), now: NOW, env });

interface Report {
  service: string;
  sli: number | null;
  events: { good: number; total: number; bad: number } | null;
  budget: {
    remainingRatio: number;
    events: { total: number; spent: number; remaining: number } | null;
    seconds: { total: number; spent: number; remaining: number };
  };
  burnRates: Array<{ window: string; rate: number | null }>;
  crossed: Array<{ rule: string }>;
}

describe('teamops slo status, against a real Prometheus', () => {
  it('computes the budget and burn rates of the backfilled outages as by hand', async () => {
    const result = await status(['--json']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const document = result.json<{ at: string; services: Report[] }>();
    expect(document.at).toBe('2026-11-16T09:00:00.000Z');
    const login = document.services.find((s) => s.service === 'login')!;
    // 28 days × 1,440 minutes × 1,000 = 40,320,000 requests; 30,000 + 10,000 failed.
    expect(login.events).toEqual({ good: 40_280_000, total: 40_320_000, bad: 40_000 });
    expect(login.sli).toBeCloseTo(1 - 40_000 / 40_320_000, 10);
    // The budget is 0.1% of the requests: 40,320; 40,000 spent, 320 left, 320 / 40,320 of it.
    expect(login.budget.events).toEqual({ total: 40_320, spent: 40_000, remaining: 320 });
    expect(login.budget.remainingRatio).toBeCloseTo(320 / 40_320, 10);
    // As time: 0.1% of 28 days is 2,419.2 s; 40,000 / 40,320,000 of 28 days is 2,400 s (40 minutes).
    expect(login.budget.seconds).toEqual({ total: 2_419.2, spent: 2_400, remaining: 19.2 });
    // Last hour: 10,000 of 60,000 failed, 1/6 ÷ 0.001; 6 h: 10,000 of 360,000; 3 d: 10,000 of 4,320,000.
    expect(login.burnRates.map((b) => b.window)).toEqual(['1h', '6h', '3d']);
    expect(login.burnRates[0]!.rate).toBeCloseTo(1 / 6 / 0.001, 4);
    expect(login.burnRates[1]!.rate).toBeCloseTo(10_000 / 360_000 / 0.001, 4);
    expect(login.burnRates[2]!.rate).toBeCloseTo(10_000 / 4_320_000 / 0.001, 4);
    expect(login.crossed.map((c) => c.rule)).toEqual(['budget low', 'fast burn', 'slow burn']);

    // search is a single ratio query: no counts, so no budget in events; nothing failed.
    const search = document.services.find((s) => s.service === 'search')!;
    expect(search).toMatchObject({ sli: 1, events: null, budget: { remainingRatio: 1, events: null } });
    // 1% of 7 days.
    expect(search.budget.seconds).toEqual({ total: 6_048, spent: 0, remaining: 6_048 });
    expect(search.burnRates.map((b) => b.rate)).toEqual([0, 0, 0]);
    expect(search.crossed).toEqual([]);
  });

  it('prints a table on a terminal', async () => {
    const result = await runCli(['slo', 'status'], {
      cwd: withConfig(sloConfig(prometheus.url)),
      now: NOW,
      stdoutTTY: true,
      columns: 200,
      env: { NO_COLOR: '1' },
    });
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n').map((line) => line.trim().split(/\s{2,}/));
    expect(lines[0]).toEqual([
      'SERVICE',
      'OBJECTIVE',
      'WINDOW',
      'SLI',
      'BUDGET LEFT',
      'EVENTS LEFT',
      'TIME LEFT',
      'BURN 1h',
      'BURN 6h',
      'BURN 3d',
      'POLICY',
    ]);
    expect(lines[1]).toEqual([
      'login',
      '99.9%',
      '28d',
      '99.9008%',
      '0.8%',
      '320 of 40,320',
      '19s of 40m 19s',
      '166.7',
      '27.8',
      '2.3',
      'budget low, fast burn, slow burn',
    ]);
    expect(lines[2]).toEqual(['search', '99%', '7d', '100%', '100%', '-', '1h 40m of 1h 40m', '0.0', '0.0', '0.0', 'ok']);
  });

  it('reads one service at the instant of the clock, not the wall clock', async () => {
    // Before this morning's partial outage only the 30-minute outage of 2 November counts.
    const result = await runCli(['slo', 'status', 'login', '--json'], {
      cwd: withConfig(sloConfig(prometheus.url)),
      now: EARLIER,
    });
    expect(result.exitCode).toBe(0);
    const [login] = result.json<{ services: Report[] }>().services;
    expect(login!.events).toEqual({ good: 40_290_000, total: 40_320_000, bad: 30_000 });
    // 320 + 10,000 events left of 40,320; the last hour, 6 hours and 3 days saw no failure.
    expect(login!.budget.events).toEqual({ total: 40_320, spent: 30_000, remaining: 10_320 });
    expect(login!.burnRates.map((b) => b.rate)).toEqual([0, 0, 0]);
    expect(login!.crossed).toEqual([]);
  });

  it("reads the figures at noon of --date in the team's zone, whatever the clock says", async () => {
    const on = async (date: string) => {
      const result = await status(['login', '--json', '--date', date]);
      expect(result.exitCode, result.stderr).toBe(0);
      return result.json<{ at: string; services: Report[] }>();
    };
    const sixteenth = await on('2026-11-16');
    expect(sixteenth.at).toBe(new Date(DATED['2026-11-16']).toISOString());
    const [before] = sixteenth.services;
    // Both outages are in the 28 days; this morning's, 08:20 to 08:40, is in the last 6 hours but not the last hour.
    expect(before!.events).toEqual({ good: 40_280_000, total: 40_320_000, bad: 40_000 });
    expect(before!.budget.events).toEqual({ total: 40_320, spent: 40_000, remaining: 320 });
    expect(before!.burnRates[0]!.rate).toBe(0);
    expect(before!.burnRates[1]!.rate).toBeCloseTo(10_000 / 360_000 / 0.001, 4);
    expect(before!.crossed.map((c) => c.rule)).toEqual(['budget low', 'slow burn']);

    const thirtieth = await on('2026-11-30');
    expect(thirtieth.at).toBe(new Date(DATED['2026-11-30']).toISOString());
    const [after] = thirtieth.services;
    // From noon on 2 November: the outage of that morning is out of the window, only the 16th's 10,000 failures count.
    expect(after!.events).toEqual({ good: 40_310_000, total: 40_320_000, bad: 10_000 });
    expect(after!.budget.events).toEqual({ total: 40_320, spent: 10_000, remaining: 30_320 });
    expect(after!.burnRates.map((b) => b.rate)).toEqual([0, 0, 0]);
    expect(after!.crossed).toEqual([]);
  });

  it('names the service and the query Prometheus rejects', async () => {
    const config = sloConfig(prometheus.url).replace(
      `sum(increase(http_requests_total{service="login"}[{{window}}]))`,
      'sum(rate(http_requests_total[{{window}}])',
    );
    const result = await status(['login']);
    expect(result.exitCode).toBe(0);
    const broken = await status(['login'], config);
    expect(broken.exitCode).toBe(3);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('error: cannot read the SLI of service login: Prometheus rejected the query: bad_data:');
    expect(broken.stderr).toContain('  query: sum(rate(http_requests_total[28d])');
  });

  it('names the service and the query that returns no series', async () => {
    const config = sloConfig(prometheus.url).replaceAll('service="search"', 'service="nope"');
    const result = await status(['search'], config);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(
      'error: cannot read the SLI of service search: the query returned no series\n  query: sum(increase(http_requests_total{service="nope",code!~"5.."}[7d])) / sum(increase(http_requests_total{service="nope"}[7d]))',
    );
    expect(result.stderr).toContain('hint: check the metric name and labels');
  });

  it('says which Prometheus it cannot reach, and never prints PROMETHEUS_TOKEN', async () => {
    const token = 'prom-secret-token-42';
    const result = await status(['login', '--debug'], sloConfig('http://127.0.0.1:9'), { PROMETHEUS_TOKEN: token });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      'error: cannot read the SLI of service login: cannot reach Prometheus at http://127.0.0.1:9: ECONNREFUSED',
    );
    expect(result.stderr).not.toContain(token);
  });

  it('refuses a malformed objective, an unknown service and a missing Prometheus URL', async () => {
    const malformed = await status([], sloConfig(prometheus.url).replace('objective: 99.9%', 'objective: 0.999'));
    expect(malformed.exitCode).toBe(3);
    expect(malformed.stderr).toContain('slo.services.login.objective: expected a percentage above 0 and below 100, such as 99.9%');
    const unknown = await status(['checkout']);
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toContain('unknown service "checkout"; slo.services has login, search');
    const noWindow = await status([], sloConfig(prometheus.url).replace('code!~"5.."}[{{window}}]', 'code!~"5.."}[28d]'));
    expect(noWindow.exitCode).toBe(3);
    expect(noWindow.stderr).toContain('slo.services.login.sli: each query must contain {{window}}');
    const noUrl = await status([], sloConfig(prometheus.url).replace(`  prometheus:\n    url: ${prometheus.url}\n`, ''));
    expect(noUrl.exitCode).toBe(3);
    expect(noUrl.stderr).toContain('error: slo.prometheus.url is not set');
  });
});

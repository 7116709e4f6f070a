import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A real Prometheus for the SLO tests (Debian's `prometheus` package, which ships `promtool`): the
// test's counters are written as OpenMetrics text, backfilled into a fresh TSDB with
// `promtool tsdb create-blocks-from openmetrics`, and served by `prometheus` on 127.0.0.1.
//
// Backfilled blocks sit at fixed past timestamps, so queries must name their instant (`time=`, which
// teamops takes from the injected clock), never the wall clock. Prometheus' time retention counts
// back from the newest block, not from now; a long retention keeps every block anyway. Prometheus
// refuses to append samples far ahead of its own clock, but backfilled blocks are only read, so the
// data may sit wherever the test clock does.
//
// Each 2-hour stretch that holds a sample becomes a block, so the counters hold samples only at the
// instants a test needs (window edges, outage edges): `increase()` over a range whose first and last
// samples sit exactly on its edges is last minus first, with no extrapolation, which is what makes
// hand-computed figures exact.

export const PROMETHEUS_MISSING =
  "prometheus and promtool are not on the PATH: the SLO tests run Debian's Prometheus. Install it with `apt-get install prometheus` (.ci/run does this itself)";

/** One counter series: its labels and its value at instants (seconds since the epoch), in time order. */
export interface CounterSeries {
  labels: Record<string, string>;
  samples: Array<[seconds: number, value: number]>;
}

export interface CounterFamily {
  /** Without `_total`; OpenMetrics adds it to each sample. */
  name: string;
  help?: string;
  series: CounterSeries[];
}

export interface TestPrometheus {
  url: string;
  stop(): Promise<void>;
}

/** Seconds since the epoch of an ISO instant. */
export function seconds(instant: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${instant}`);
  return ms / 1000;
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export function hasPrometheus(): boolean {
  return hasCommand('prometheus') && hasCommand('promtool');
}

/** Fails (never skips) when Prometheus is missing: CI installs it, and a silent skip would hide the SLO tests. */
export function requirePrometheus(): void {
  if (!hasPrometheus()) throw new Error(PROMETHEUS_MISSING);
}

const labelText = (labels: Record<string, string>) =>
  `{${Object.entries(labels)
    .map(([name, value]) => `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',')}}`;

/** The families as OpenMetrics text: each series' samples together, in time order, then `# EOF`. */
export function openMetricsText(families: CounterFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${family.help ?? family.name}`, `# TYPE ${family.name} counter`);
    for (const series of family.series) {
      const sorted = [...series.samples].sort((a, b) => a[0] - b[0]);
      for (const [at, value] of sorted) lines.push(`${family.name}_total${labelText(series.labels)} ${value} ${at}`);
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode} before it was ready:\n${log()}`);
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`prometheus did not become ready within 30 s:\n${log()}`);
}

/** Backfills the counters into a temporary TSDB and serves it; `stop()` ends the process and removes the data. */
export async function startPrometheus(families: CounterFamily[]): Promise<TestPrometheus> {
  requirePrometheus();
  const dir = mkdtempSync(path.join(tmpdir(), 'teamops-prometheus-'));
  const input = path.join(dir, 'counters.om');
  const tsdb = path.join(dir, 'tsdb');
  writeFileSync(input, openMetricsText(families));
  const backfill = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, tsdb], { encoding: 'utf8' });
  if (backfill.status !== 0) throw new Error(`promtool could not backfill the test counters:\n${backfill.stderr}${backfill.stdout}`);
  // No scrape jobs: nothing but the backfilled blocks is ever stored.
  const config = path.join(dir, 'prometheus.yml');
  writeFileSync(config, 'global: {}\n');

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let output = '';
    const child = spawn(
      'prometheus',
      [
        `--storage.tsdb.path=${tsdb}`,
        `--config.file=${config}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=100y',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const kill = () => child.kill('SIGKILL');
    process.once('exit', kill);
    try {
      await waitUntilReady(url, child, () => output);
    } catch (error) {
      kill();
      // Another process may have taken the port between freePort() and prometheus binding it.
      if (attempt < 3 && /address already in use/.test(output)) continue;
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return {
      url,
      stop: async () => {
        process.removeListener('exit', kill);
        if (child.exitCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

export interface Outage {
  from: string;
  to: string;
  /** The share of requests that fail while it lasts: 1 for a full outage. */
  errorRatio: number;
}

export interface RequestCounterOptions {
  labels: Record<string, string>;
  /** Requests per minute, steady from `start`. */
  perMinute: number;
  start: string;
  outages: Outage[];
  /**
   * The instants to write samples at, besides `start` and the outages' edges: the edges of every
   * window a test queries (each window's start, and its end, the evaluation instant).
   */
  at: string[];
}

/**
 * `http_requests_total` for one service as two series, `code="200"` and `code="500"`: steady traffic
 * with the outages' share failing. Good events are the 200s, total events both.
 */
export function requestCounters(options: RequestCounterOptions): CounterSeries[] {
  const start = seconds(options.start);
  const instants = [
    ...new Set([start, ...options.at.map(seconds), ...options.outages.flatMap((o) => [seconds(o.from), seconds(o.to)])]),
  ].sort((a, b) => a - b);
  if (instants[0]! < start) throw new Error('every sample must come at or after the start of the traffic');
  const errorRatioAt = (t: number) => options.outages.find((o) => seconds(o.from) <= t && t < seconds(o.to))?.errorRatio ?? 0;
  const ok: CounterSeries = { labels: { ...options.labels, code: '200' }, samples: [] };
  const failed: CounterSeries = { labels: { ...options.labels, code: '500' }, samples: [] };
  let good = 0;
  let bad = 0;
  let previous = start;
  for (const t of instants) {
    // Between two instants the error ratio is constant: every outage edge is an instant.
    const requests = (options.perMinute * (t - previous)) / 60;
    const errors = requests * errorRatioAt(previous);
    good += requests - errors;
    bad += errors;
    ok.samples.push([t, good]);
    failed.samples.push([t, bad]);
    previous = t;
  }
  return [ok, failed];
}

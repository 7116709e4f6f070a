/**
 * The `sandbox` scenario of `npm run bench`: how many requests per second the GitLab sandbox
 * itself serves, so that the other scenarios measure teamops and not the sandbox (issue #2).
 *
 * The sandbox runs in the bench process with no injected latency, holding one project with N
 * issues (20,000 by default). A separate load process (bench.ts started again with `--load`) sends
 * a fixed number of requests of each kind over keep-alive connections, a fixed number in flight at
 * once, and reports requests/s per kind on fd 3. Each kind is warmed up first (JIT, the sandbox's
 * caches), then measured.
 */
import { spawn } from 'node:child_process';
import { writeSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { createSandbox, type SeedDocument } from '@teamops/gitlab-sandbox';

const GROUP = 'load';
const PROJECT = `${GROUP}/app`;
const PROJECT_ID = encodeURIComponent(PROJECT);

export interface SandboxBenchOptions {
  issues: number;
  /** Measured requests per kind (the warm-up adds a tenth). */
  requests: number;
  concurrency: number;
}

/** What the bench needs from its report: plain lines and lines that carry a target. */
export interface ReportSink {
  line(text?: string): void;
  target(ok: boolean, text: string): void;
}

// ---- the load side: one process, reported as JSON on fd 3 --------------------------------------

interface KindSpec {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Path below /api/v4 for the i-th request. */
  path: (i: number) => string;
  /** Whether the bare server, not the sandbox, answers. */
  bare?: boolean;
  body?: (i: number) => string;
  expect: number;
}

export interface KindResult {
  name: string;
  requests: number;
  ms: number;
  perSecond: number;
  /** Responses whose status was not the expected one. */
  failures: number;
  /** Mean response body size. */
  bytes: number;
}

interface LoadArgs {
  url: string;
  /** A bare node:http server answering every request with the bytes of a 100-issue page. */
  bareUrl: string;
  token: string;
  issues: number;
  requests: number;
  concurrency: number;
}

function kinds(issues: number): KindSpec[] {
  const iid = (i: number) => 1 + ((i * 7919) % issues);
  const pages = (perPage: number) => Math.max(1, Math.min(100, Math.floor(issues / perPage)));
  return [
    { name: 'GET /version', method: 'GET', path: () => '/version', expect: 200 },
    { name: 'GET one issue', method: 'GET', path: (i) => `/projects/${PROJECT_ID}/issues/${iid(i)}`, expect: 200 },
    {
      name: 'GET list, 20 per page',
      method: 'GET',
      path: (i) => `/projects/${PROJECT_ID}/issues?page=${1 + (i % pages(20))}`,
      expect: 200,
    },
    {
      name: 'GET list, 100 per page',
      method: 'GET',
      path: (i) => `/projects/${PROJECT_ID}/issues?per_page=100&page=${1 + (i % pages(100))}`,
      expect: 200,
    },
    {
      name: 'GET filtered list, 100 per page',
      method: 'GET',
      path: (i) =>
        `/projects/${PROJECT_ID}/issues?labels=frontend&state=opened&per_page=100&page=${1 + (i % Math.max(1, Math.floor(pages(100) / 4)))}`,
      expect: 200,
    },
    { name: 'bare node:http, same 100-page bytes', method: 'GET', path: () => '/', bare: true, expect: 200 },
    {
      name: 'PUT issue edit',
      method: 'PUT',
      path: (i) => `/projects/${PROJECT_ID}/issues/${iid(i)}`,
      body: (i) => JSON.stringify({ description: `Edited by request ${i}.` }),
      expect: 200,
    },
    {
      name: 'POST issue create',
      method: 'POST',
      path: () => `/projects/${PROJECT_ID}/issues`,
      body: (i) => JSON.stringify({ title: `Created by request ${i}`, labels: 'backend' }),
      expect: 201,
    },
  ];
}

async function drive(
  agent: Agent,
  args: LoadArgs,
  kind: KindSpec,
  first: number,
  count: number,
): Promise<{ failures: number; bytes: number }> {
  let next = first;
  const end = first + count;
  let failures = 0;
  let bytes = 0;
  const worker = async (): Promise<void> => {
    while (next < end) {
      const i = next;
      next += 1;
      const response = await request(kind.bare ? args.bareUrl : `${args.url}/api/v4${kind.path(i)}`, {
        method: kind.method,
        dispatcher: agent,
        headers: { 'private-token': args.token, ...(kind.body ? { 'content-type': 'application/json' } : {}) },
        body: kind.body?.(i),
      });
      const body = await response.body.arrayBuffer();
      bytes += body.byteLength;
      if (response.statusCode !== kind.expect) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: args.concurrency }, worker));
  return { failures, bytes };
}

export async function runLoad(argv: string[]): Promise<void> {
  const args = JSON.parse(argv[0] ?? '{}') as LoadArgs;
  const agent = new Agent({ connections: args.concurrency, keepAliveTimeout: 30_000, pipelining: 1 });
  const results: KindResult[] = [];
  let offset = 0;
  try {
    for (const kind of kinds(args.issues)) {
      const warmUp = Math.max(50, Math.floor(args.requests / 10));
      await drive(agent, args, kind, offset, warmUp);
      offset += warmUp;
      const started = performance.now();
      const { failures, bytes } = await drive(agent, args, kind, offset, args.requests);
      const ms = performance.now() - started;
      offset += args.requests;
      results.push({
        name: kind.name,
        requests: args.requests,
        ms,
        perSecond: (args.requests / ms) * 1000,
        failures,
        bytes: bytes / args.requests,
      });
    }
  } finally {
    await agent.close();
  }
  writeSync(3, `${JSON.stringify(results)}\n`);
}

// ---- the bench side ------------------------------------------------------------------------------

function seed(issues: number): SeedDocument {
  return {
    groups: [
      {
        path: GROUP,
        milestones: [
          { title: 'M1', start_date: '2026-10-19', due_date: '2026-11-13' },
          { title: 'M2', start_date: '2026-11-16', due_date: '2026-12-11' },
        ],
      },
    ],
    projects: [
      {
        path: PROJECT,
        issues: Array.from({ length: issues }, (_, i) => ({
          title: `Load issue ${i + 1}`,
          description: `Issue ${i + 1} of the sandbox benchmark.\n\n- [x] first step\n- [ ] second step`,
          labels: i % 3 === 0 ? ['backend', 'frontend'] : ['backend'],
          milestone: i % 2 === 0 ? 'M1' : 'M2',
          state: i % 5 === 0 ? ('closed' as const) : ('opened' as const),
        })),
      },
    ],
  };
}

function load(script: string, args: LoadArgs): Promise<KindResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, '--load', JSON.stringify(args)], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let report = '';
    let errors = '';
    child.stdio[3]?.on('data', (chunk: Buffer) => (report += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(report) as KindResult[]);
      } catch {
        reject(new Error(`the load client reported nothing:\n${errors}`));
      }
    });
  });
}

/** Requests/s a sandbox without injected latency must sustain for the requests clients send most. */
const TARGET_PER_SECOND = 2_000;

export async function sandboxScenario(script: string, options: SandboxBenchOptions, report: ReportSink): Promise<void> {
  report.line();
  report.line(
    `## sandbox: ${options.issues} issues in one project, no latency; ${options.requests} requests per kind from a separate process, ${options.concurrency} in flight`,
  );
  const before = process.memoryUsage().rss;
  const seeding = performance.now();
  const sandbox = await createSandbox({ seed: seed(options.issues) });
  try {
    const seededMs = performance.now() - seeding;
    const seededRss = process.memoryUsage().rss;
    const lastPage = Math.ceil(options.issues / 100);
    const response = await fetch(`${sandbox.url}/api/v4/projects/${PROJECT_ID}/issues?per_page=100&page=${lastPage}&sort=asc`, {
      headers: { 'PRIVATE-TOKEN': sandbox.token },
    });
    const last = (await response.json()) as Array<{ iid: number }>;
    const expectedLast = options.issues - (lastPage - 1) * 100;
    report.target(
      last.length === expectedLast && last.at(-1)?.iid === options.issues,
      `holds ${options.issues} issues (seeded in ${(seededMs / 1000).toFixed(1)} s; the last page has ${last.length}, ending at #${last.at(-1)?.iid ?? '?'})`,
    );

    // The ceiling for a response that size on this machine: node:http with nothing to compute.
    const page = Buffer.from(
      await (
        await fetch(`${sandbox.url}/api/v4/projects/${PROJECT_ID}/issues?per_page=100`, { headers: { 'PRIVATE-TOKEN': sandbox.token } })
      ).arrayBuffer(),
    );
    const bare = createServer({ keepAliveTimeout: 5_000 }, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(page.length) });
      res.end(page);
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

    const cpu = process.cpuUsage();
    let results: KindResult[];
    try {
      results = await load(script, {
        url: sandbox.url,
        bareUrl,
        token: sandbox.token,
        issues: options.issues,
        requests: options.requests,
        concurrency: options.concurrency,
      });
    } finally {
      bare.closeAllConnections();
      bare.close();
    }
    const used = process.cpuUsage(cpu);
    const served = results.reduce((sum, r) => sum + r.requests * 1.1, 0);
    for (const result of results) {
      const size = result.bytes >= 10_000 ? `${(result.bytes / 1024).toFixed(0)} KB` : `${result.bytes.toFixed(0)} B`;
      const text = `${result.name.padEnd(36)} ${result.perSecond.toFixed(0).padStart(6)} requests/s (${size} per response${result.failures ? `, ${result.failures} unexpected statuses` : ''}`;
      // Pages of 100 issues are bound by moving ~180 KB each; the bare server shows that ceiling.
      if (result.bytes > 100_000) report.line(`${text}; no target: compare with the bare server)`);
      else
        report.target(
          result.failures === 0 && result.perSecond >= TARGET_PER_SECOND,
          `${text}; target ≥ ${TARGET_PER_SECOND.toLocaleString('en')})`,
        );
    }
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    report.line(
      `sandbox RSS: ${mb(before)} before seeding, ${mb(seededRss)} with ${options.issues} issues, ${mb(process.memoryUsage().rss)} after the load (caches filled)`,
    );
    report.line(`sandbox CPU: ${((used.user + used.system) / 1000 / served).toFixed(3)} ms per request on average`);
  } finally {
    await sandbox.stop();
  }
}

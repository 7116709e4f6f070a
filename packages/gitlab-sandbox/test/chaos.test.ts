import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox as Sandbox } from './support/sandbox.js';
import { api, asArray, asObject, projectPath } from './support/http.js';

// Rate limiting and injected faults, observed through real HTTP.

const PROJECT = projectPath('chaos/app');
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { groups: [{ path: 'chaos' }], projects: [{ path: 'chaos/app' }] }, faultSeed: 42 });
});

afterEach(() => {
  sandbox.setRateLimit(undefined);
  sandbox.setFaults({ rate: 0, script: [] });
});

afterAll(async () => {
  await sandbox.stop();
});

async function issueCount(): Promise<number> {
  return Number((await api(sandbox, `/projects/${PROJECT}/issues?per_page=1`)).headers.get('x-total'));
}

describe('rate limiting', () => {
  it('answers 429 with a plain-text body, Retry-After and RateLimit headers once the window is spent', async () => {
    sandbox.setRateLimit({ limit: 3, windowSeconds: 60 });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof api>> | undefined;
    for (let i = 0; i < 5; i += 1) {
      last = await api(sandbox, '/version');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last?.text).toBe('Retry later\n');
    expect(last?.headers.get('content-type')).toBe('text/plain');
    const retryAfter = Number(last?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(last?.headers.get('ratelimit-limit')).toBe('3');
    expect(last?.headers.get('ratelimit-remaining')).toBe('0');
    expect(last?.headers.get('ratelimit-observed')).toBe('5');
    const reset = Number(last?.headers.get('ratelimit-reset'));
    expect(reset % 60).toBe(0); // fixed windows aligned to the period
    expect(reset).toBeGreaterThan(sandbox.now().getTime() / 1000);
    expect(reset - sandbox.now().getTime() / 1000).toBeLessThanOrEqual(60);
  });

  it('counts remaining requests down within a window', async () => {
    sandbox.setRateLimit({ limit: 10, windowSeconds: 3600 });
    const first = await api(sandbox, '/version');
    const second = await api(sandbox, '/version');
    expect(Number(first.headers.get('ratelimit-remaining')) - Number(second.headers.get('ratelimit-remaining'))).toBe(1);
    expect(first.headers.get('ratelimit-limit')).toBe('0'); // 10 per hour, normalised per minute and rounded
  });

  it('counts rate-limited requests in the stats', async () => {
    const before = sandbox.stats();
    sandbox.setRateLimit({ limit: 1, windowSeconds: 60 });
    await api(sandbox, '/version');
    await api(sandbox, '/version');
    const after = sandbox.stats();
    expect(after.rate_limited - before.rate_limited).toBe(1);
    expect(after.total - before.total).toBe(2);
    expect(sandbox.requestLog.at(-1)).toMatchObject({ path: '/api/v4/version', status: 429, rateLimited: true });
  });
});

describe('faults', () => {
  it('fails a request before applying it: the client sees a 5xx and nothing changed', async () => {
    const before = await issueCount();
    sandbox.setFaults({ script: [{ method: 'POST', path: /\/issues$/, when: 'before', kind: 503 }] });
    const failed = await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: { title: 'never stored' } });
    expect(failed.status).toBe(503);
    expect(await issueCount()).toBe(before);
    expect(sandbox.requestLog.find((entry) => entry.fault === 'before')).toMatchObject({ method: 'POST', status: 503 });
  });

  it('fails a request after applying it: the client sees a 502 but the issue exists', async () => {
    const before = await issueCount();
    sandbox.setFaults({ script: [{ method: 'POST', path: /\/issues$/, when: 'after', kind: 502 }] });
    const failed = await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: { title: 'stored anyway' } });
    expect(failed.status).toBe(502);
    expect(await issueCount()).toBe(before + 1);
    const retried = await api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: { title: 'stored anyway' } });
    expect(retried.status).toBe(201);
    const duplicates = asArray((await api(sandbox, `/projects/${PROJECT}/issues?search=stored+anyway`)).json);
    expect(duplicates).toHaveLength(2); // the naive retry made a duplicate
  });

  it('lets `skip` matching requests through before failing, each script entry counting for itself', async () => {
    sandbox.setFaults({
      script: [
        { method: 'GET', path: '/version', skip: 1, when: 'before', kind: 500 },
        { method: 'GET', path: '/version', skip: 2, when: 'before', kind: 503 },
      ],
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await api(sandbox, '/version')).status);
    expect(statuses).toEqual([200, 500, 503, 200]);
  });

  it('drops the connection without a response, before or after applying the request', async () => {
    const before = await issueCount();
    sandbox.setFaults({
      script: [
        { method: 'POST', path: /\/issues$/, when: 'before', kind: 'drop' },
        { method: 'POST', path: /\/issues$/, when: 'after', kind: 'drop' },
      ],
    });
    await expect(api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: { title: 'dropped before' } })).rejects.toThrow();
    expect(await issueCount()).toBe(before);
    await expect(api(sandbox, `/projects/${PROJECT}/issues`, { method: 'POST', body: { title: 'dropped after' } })).rejects.toThrow();
    expect(await issueCount()).toBe(before + 1);
    expect(
      sandbox.requestLog
        .filter((entry) => entry.status === 0)
        .slice(-2)
        .map((entry) => entry.fault),
    ).toEqual(['before', 'after']);
  });

  it('fails about the configured fraction of requests, half of them after applying the change', async () => {
    const before = sandbox.stats();
    sandbox.setFaults({ rate: 0.5 });
    const outcomes = await Promise.allSettled(Array.from({ length: 200 }, () => api(sandbox, '/version')));
    sandbox.setFaults({ rate: 0 });
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected' || outcome.value.status >= 500).length;
    expect(failures).toBeGreaterThan(60);
    expect(failures).toBeLessThan(140);
    const faults = sandbox.stats().faults - before.faults;
    expect(faults).toBe(failures);
    const logged = sandbox.requestLog.slice(-200);
    const afterCount = logged.filter((entry) => entry.fault === 'after').length;
    expect(afterCount).toBeGreaterThan(faults / 4);
    expect(afterCount).toBeLessThan((faults * 3) / 4);
  });

  it('injects faults only under /api/v4', async () => {
    sandbox.setFaults({ rate: 1 });
    const stats = await fetch(`${sandbox.url}/-/sandbox/stats`);
    expect(stats.status).toBe(200);
    const body = asObject(await stats.json());
    expect(Object.keys(body).sort()).toEqual(['faults', 'rate_limited', 'requests', 'total']);
    expect(Object.keys(asObject(body['requests'])).sort()).toEqual(expect.arrayContaining(['DELETE', 'GET', 'POST', 'PUT']));
  });

  it('keeps serving after faults', async () => {
    expect((await api(sandbox, '/version')).status).toBe(200);
  });
});

describe('latency', () => {
  it('still answers correctly with injected latency', async () => {
    sandbox.setLatency(20);
    try {
      expect((await api(sandbox, '/version')).status).toBe(200);
      expect(sandbox.requestLog.at(-1)).toMatchObject({ status: 200 });
    } finally {
      sandbox.setLatency(0);
    }
  });
});

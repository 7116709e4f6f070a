/**
 * The only place that talks to Prometheus: its HTTP API's instant query, `GET /api/v1/query`
 * (https://prometheus.io/docs/prometheus/latest/querying/api/#instant-queries), which Thanos Query
 * and Grafana Mimir (under their `/prometheus` prefix) answer the same way. Every query names its
 * instant (`time=`), taken from teamops' clock: never "whatever time the server thinks it is".
 */
import { request } from 'undici';
import { AuthError, TeamopsError } from '../errors.js';

export interface PrometheusSettings {
  /** The base URL; `/api/v1/query` is appended (`https://mimir.example.com/prometheus`). */
  url: string;
  /** PROMETHEUS_TOKEN, sent as a bearer token. */
  token?: string;
  /** Mimir's and Cortex' tenant, sent as `X-Scope-OrgID`. */
  tenant?: string;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface PrometheusReader {
  /**
   * The single number an instant query gives at `at`: a scalar, or a vector of exactly one
   * series. NaN and ±Inf come back as they are (a ratio of no traffic is NaN).
   */
  queryNumber(query: string, at: Date): Promise<number>;
}

export type PrometheusProblem = 'unreachable' | 'http' | 'query' | 'empty' | 'several-series' | 'not-a-number';

/** A query that gave no usable number; the message names the query and the server, never the token. */
export class PrometheusError extends TeamopsError {
  constructor(
    readonly problem: PrometheusProblem,
    message: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

interface QueryResponse {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown };
}

/** The URL as people may see it: without user and password. */
function shownUrl(url: URL): string {
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function parseSampleValue(value: unknown): number {
  // Prometheus sends sample values as strings: "12", "NaN", "+Inf", "-Inf".
  if (typeof value !== 'string') return Number.NaN;
  if (value === '+Inf') return Number.POSITIVE_INFINITY;
  if (value === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(value);
}

export function createPrometheus(settings: PrometheusSettings): PrometheusReader {
  const base = new URL(settings.url);
  const server = shownUrl(base);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (settings.token) headers.authorization = `Bearer ${settings.token}`;
  if (settings.tenant) headers['x-scope-orgid'] = settings.tenant;
  if (base.username || base.password) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString('base64')}`;
  }
  const timeout = settings.timeoutMs ?? 30_000;

  return {
    async queryNumber(query, at) {
      const url = new URL(`${base.pathname.replace(/\/+$/, '')}/api/v1/query`, base.origin);
      const time = (at.getTime() / 1000).toFixed(3);
      url.search = new URLSearchParams({ query, time }).toString();
      settings.log?.(`GET ${server}/api/v1/query time=${time} query=${query}`);
      let status: number;
      let text: string;
      try {
        const reply = await request(url, { method: 'GET', headers, headersTimeout: timeout, bodyTimeout: timeout });
        status = reply.statusCode;
        text = await reply.body.text();
      } catch (error) {
        const reason = error instanceof Error ? ((error as { code?: string }).code ?? error.message) : String(error);
        throw new PrometheusError('unreachable', `cannot reach Prometheus at ${server}: ${reason}`, {
          hint: 'check slo.prometheus.url in teamops.yml and that the server is up',
          cause: error,
        });
      }
      let body: QueryResponse | undefined;
      try {
        body = JSON.parse(text) as QueryResponse;
      } catch {
        body = undefined;
      }
      if (status === 401 || status === 403) {
        throw new AuthError(`Prometheus at ${server} answered ${status}: not allowed to query`, {
          hint: 'set PROMETHEUS_TOKEN to a token the server (or the proxy in front of it) accepts',
        });
      }
      if (body?.status === 'error') {
        throw new PrometheusError('query', `Prometheus rejected the query: ${body.errorType ?? 'error'}: ${body.error ?? 'no detail'}`);
      }
      if (status < 200 || status >= 300 || body?.status !== 'success' || !body.data) {
        throw new PrometheusError('http', `Prometheus at ${server} answered ${status} without a query result: ${text.slice(0, 200)}`, {
          hint: 'check that slo.prometheus.url is the Prometheus API base (for Mimir, include /prometheus)',
        });
      }
      const { resultType, result } = body.data;
      if (resultType === 'scalar' && Array.isArray(result)) return parseSampleValue(result[1]);
      if (resultType !== 'vector' || !Array.isArray(result)) {
        throw new PrometheusError('not-a-number', `the query gives a ${resultType ?? 'result'}, not one number`, {
          hint: 'an SLI query must give one number: sum(...) over an instant vector',
        });
      }
      if (result.length === 0) {
        throw new PrometheusError('empty', 'the query returned no series', {
          hint: 'check the metric name and labels, and that Prometheus holds data for the whole window',
        });
      }
      if (result.length > 1) {
        throw new PrometheusError('several-series', `the query returned ${result.length} series, not one`, {
          hint: 'wrap it in sum(...) so that it gives one number',
        });
      }
      const sample = (result[0] as { value?: unknown[] }).value;
      return parseSampleValue(sample?.[1]);
    },
  };
}

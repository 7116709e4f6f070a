import { createRequesterFn, GitbeakerRequestError, GitbeakerTimeoutError } from '@gitbeaker/requester-utils';
import { RatePacer, realPacerClock, type PacerClock } from './pacer.js';

/**
 * teamops' own request handler for gitbeaker's resource classes.
 *
 * gitbeaker 43.8.0 retries only 429 and 502, ten times within ~0.26 s, ignoring Retry-After, and
 * it retries POSTs too, so a create that GitLab applied before the connection failed would be
 * sent again and duplicated. This handler owns the policy instead:
 * - 429: GitLab did not process the request; wait as told (Retry-After, else RateLimit-Reset) and resend.
 * - 5xx and dropped connections on reads and idempotent writes (GET/PUT/DELETE): back off with jitter.
 * - 5xx and dropped connections on POST: the write may or may not have happened, so it is not
 *   resent here; an AmbiguousWriteError goes up to the adapter, which looks for the write's
 *   idempotency key before trying again.
 * Everything else (URL building, query encoding, JSON bodies, pagination, error classes) stays gitbeaker's.
 */
export interface RetryPolicy {
  /** Attempts for a request that keeps failing with 5xx or a dropped connection. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Upper bound on all waiting for one request, 429s included. */
  maxTotalWaitMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxTotalWaitMs: 180_000,
};

export interface TransportOptions {
  pacer: RatePacer;
  retry: RetryPolicy;
  clock?: PacerClock;
  random?: () => number;
  log?: (line: string) => void;
  /** Counts every HTTP request sent (the bench reports requests per moved issue). */
  onRequest?: (method: string, path: string) => void;
}

/** A POST that failed in a way that leaves unknown whether GitLab applied it. */
export class AmbiguousWriteError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(`${method} ${path} ${status ? `returned ${status}` : 'lost its connection'}; the write may or may not have been applied`, options);
    this.name = 'AmbiguousWriteError';
  }
}

/** Every attempt of an idempotent request failed at the network level. */
export class ConnectionError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`${method} ${path} failed: could not reach GitLab`, options);
    this.name = 'ConnectionError';
  }
}

interface HandlerOptions {
  headers?: Record<string, string>;
  body?: string | FormData;
  signal?: AbortSignal;
  method?: string;
  prefixUrl?: string;
  searchParams?: string;
  asStream?: boolean;
}

async function processBody(response: Response): Promise<unknown> {
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (contentType === 'application/json') return response.json().then((v: unknown) => v ?? {});
  if (contentType.startsWith('text/')) return response.text();
  return response.blob();
}

async function requestError(request: Request, response: Response): Promise<GitbeakerRequestError> {
  const content = await response.text();
  let description = content;
  if (response.headers.get('content-type')?.includes('application/json')) {
    try {
      const parsed = JSON.parse(content) as { error?: unknown; message?: unknown } | null;
      const property = parsed?.error ?? parsed?.message ?? '';
      description = typeof property === 'string' ? property : JSON.stringify(property);
    } catch {
      description = content;
    }
  }
  return new GitbeakerRequestError(description, { cause: { description, request, response } });
}

function retryAfterMs(response: Response, now: number): number | undefined {
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(response.headers.get('ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  return undefined;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

export function createTransport(options: TransportOptions) {
  const clock = options.clock ?? realPacerClock;
  const random = options.random ?? Math.random;
  const { pacer, retry } = options;

  const backoff = (attempt: number) => {
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
    // Full jitter keeps many clients (or many concurrent moves) from retrying in lockstep.
    return ceiling / 2 + random() * (ceiling / 2);
  };

  async function handle(endpoint: string, handlerOptions?: HandlerOptions) {
    const { prefixUrl, searchParams, asStream, method = 'GET', headers, body, signal } = handlerOptions ?? {};
    const baseUrl = prefixUrl ? (prefixUrl.endsWith('/') ? prefixUrl : `${prefixUrl}/`) : undefined;
    const url = new URL(endpoint, baseUrl);
    url.search = searchParams ?? '';
    const path = url.pathname;
    let waited = 0;
    let failures = 0;

    for (;;) {
      await pacer.acquire(signal);
      const started = clock.now();
      options.onRequest?.(method, path);
      let response: Response;
      const request = new Request(url, { method, headers, body, signal });
      try {
        response = await fetch(request);
      } catch (error) {
        pacer.release();
        if (signal?.aborted || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))) {
          throw new GitbeakerTimeoutError('Query timeout was reached');
        }
        options.log?.(`${method} ${path} → connection failed (${clock.now() - started} ms)`);
        if (!IDEMPOTENT.has(method)) throw new AmbiguousWriteError(method, path, undefined, { cause: error });
        failures += 1;
        const delay = backoff(failures);
        if (failures >= retry.maxAttempts || waited + delay > retry.maxTotalWaitMs) {
          throw new ConnectionError(method, path, { cause: error });
        }
        waited += delay;
        await clock.sleep(delay, signal);
        continue;
      }
      pacer.release(response.headers);
      options.log?.(`${method} ${path}${url.search ? '?…' : ''} → ${response.status} (${clock.now() - started} ms)`);
      if (response.ok) {
        const responseHeaders = Object.fromEntries(response.headers.entries());
        const responseBody = asStream ? response.body : response.status === 204 ? null : await processBody(response);
        return { body: responseBody, headers: responseHeaders, status: response.status };
      }

      if (response.status === 429) {
        const delay = retryAfterMs(response, clock.now()) ?? backoff(failures + 1);
        if (waited + delay > retry.maxTotalWaitMs) throw await requestError(request, response);
        await response.body?.cancel();
        pacer.blockFor(delay);
        waited += delay;
        continue;
      }
      if (response.status >= 500) {
        if (!IDEMPOTENT.has(method)) {
          const error = await requestError(request, response);
          throw new AmbiguousWriteError(method, path, response.status, { cause: error });
        }
        failures += 1;
        const delay = backoff(failures);
        if (failures >= retry.maxAttempts || waited + delay > retry.maxTotalWaitMs) throw await requestError(request, response);
        await response.body?.cancel();
        waited += delay;
        await clock.sleep(delay, signal);
        continue;
      }
      throw await requestError(request, response);
    }
  }

  // gitbeaker's client-side limiters are replaced by the shared pacer.
  return createRequesterFn((_, requestOptions) => Promise.resolve(requestOptions), handle as never);
}

export { RatePacer };

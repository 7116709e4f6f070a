import { Readable } from 'node:stream';
import { createRequesterFn, GitbeakerRequestError, GitbeakerTimeoutError } from '@gitbeaker/requester-utils';
import { Agent, request as send, type Dispatcher } from 'undici';
import { systemClock, type Clock } from '../clock.js';
import { RatePacer, resetAtLocalMs, serverSkewMs } from './pacer.js';
import { WaitBudget, WaitTooLongError } from './wait-budget.js';

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
 *
 * Requests go out through undici's request API rather than fetch: on a large rollover the client is
 * CPU-bound, and fetch costs several times more CPU per request for the same exchange.
 */
export interface RetryPolicy {
  /** Attempts for a request that keeps failing with 5xx or a dropped connection. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Upper bound on all waiting of a connection made without a run's WaitBudget, 429s included. */
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
  /** The run's allowance for waiting, shared with the pacer (the retry policy's maxTotalWaitMs when absent). */
  budget?: WaitBudget;
  clock?: Clock;
  random?: () => number;
  log?: (line: string) => void;
  /** Bounds each request: undici's headers and body timeouts (default: undici's, 300 s each). */
  timeoutMs?: number;
  /** Counts every HTTP request sent (the bench reports requests per moved issue). */
  onRequest?: (method: string, path: string) => void;
  /**
   * The most requests on the wire at once, asked before each one (the adaptive controller's limit).
   * Commands read with Promise.all (a milestone's thousand issues at once); bounding here bounds them too.
   */
  inFlightLimit?: () => number;
  /** Every response (status undefined: the connection failed), for the adaptive concurrency controller. */
  onResponse?: (response: { latencyMs: number; status: number | undefined; headers?: Record<string, string> }) => void;
}

/** A POST that failed in a way that leaves unknown whether GitLab applied it. */
export class AmbiguousWriteError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      `${method} ${path} ${status ? `returned ${status}` : 'lost its connection'}; the write may or may not have been applied`,
      options,
    );
    this.name = 'AmbiguousWriteError';
  }
}

/** Every attempt of an idempotent request failed at the network level, or the request never left. */
export class ConnectionError extends Error {
  /** The system's error code (ECONNREFUSED, ENOTFOUND, UND_ERR_CONNECT_TIMEOUT…), when there is one. */
  readonly code?: string;
  constructor(
    readonly method: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`${method} ${path} failed: could not reach GitLab`, options);
    this.name = 'ConnectionError';
    this.code = networkErrorCode(options?.cause);
  }
}

/** The first `code` along an error's causes: undici wraps the socket's error. */
export function networkErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
  }
  return undefined;
}

/**
 * Failures where the request never reached GitLab, so even a create is safe to report as "not
 * sent". A name that does not resolve will not resolve on a retry; a refused connection gets a
 * short second chance (a GitLab restarting), not the full backoff.
 */
const NEVER_SENT = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const RETRIES_BY_CODE: Record<string, number> = { ENOTFOUND: 1, EAI_AGAIN: 1, ECONNREFUSED: 2, UND_ERR_CONNECT_TIMEOUT: 1 };

/** A host that does not answer at all is reported after this long, not after the system's ~2 minutes. */
const CONNECT_TIMEOUT_MS = 5_000;

export interface HandlerOptions {
  headers?: Record<string, string>;
  body?: string | FormData;
  signal?: AbortSignal;
  method?: string;
  prefixUrl?: string;
  searchParams?: string;
  asStream?: boolean;
}

type Reply = Dispatcher.ResponseData;

/** undici gives header values as string | string[]; GitLab sends each of ours once. */
function flatHeaders(reply: Reply): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The same parsing gitbeaker's own handler does: JSON, text, or a Blob. */
async function processBody(reply: Reply, headers: Record<string, string>): Promise<unknown> {
  const contentType = (headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  if (contentType === 'application/json') {
    const text = await reply.body.text();
    return text === '' ? {} : ((JSON.parse(text) as unknown) ?? {});
  }
  if (contentType.startsWith('text/')) return reply.body.text();
  return reply.body.blob();
}

/** gitbeaker's error, with the Request and Response it carries, so nothing above sees undici. */
async function requestError(method: string, url: URL, reply: Reply, headers: Record<string, string>): Promise<GitbeakerRequestError> {
  const content = await reply.body.text();
  let description = content;
  if (headers['content-type']?.includes('application/json')) {
    try {
      const parsed = JSON.parse(content) as { error?: unknown; message?: unknown } | null;
      const property = parsed?.error ?? parsed?.message ?? '';
      description = typeof property === 'string' ? property : JSON.stringify(property);
    } catch {
      description = content;
    }
  }
  const request = new Request(url, { method });
  const response = new Response(content, { status: reply.statusCode, headers });
  return new GitbeakerRequestError(description, { cause: { description, request, response } });
}

function retryAfterMs(headers: Record<string, string>, now: number): number | undefined {
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - serverSkewMs(headers, now) - now);
  }
  const reset = resetAtLocalMs(headers, now);
  return reset === undefined ? undefined : Math.max(0, reset - now);
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/** An abort, or undici's headers or body timeout: the request took too long, not a dropped connection. */
function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    error.name === 'TimeoutError' || error.name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT'
  );
}

/** Admits at most `limit()` callers at once, first come first served; the limit may change between calls. */
function createGate(limit: () => number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  const room = () => active < Math.max(1, limit());
  return {
    async enter(): Promise<void> {
      if (waiting.length === 0 && room()) {
        active += 1;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    leave(): void {
      active -= 1;
      while (waiting.length > 0 && room()) {
        active += 1;
        waiting.shift()!();
      }
    },
  };
}

/** One HTTP exchange as gitbeaker's requester makes it: what the GraphQL client shares with the REST resources. */
export type RequestHandler = (
  endpoint: string,
  options?: HandlerOptions,
) => Promise<{ body: unknown; headers: Record<string, string>; status: number }>;

/** The retrying, paced request handler under both gitbeaker's resources and the GraphQL client. */
export function createRequestHandler(options: TransportOptions): RequestHandler {
  const clock = options.clock ?? systemClock;
  const nowMs = () => clock.now().getTime();
  const random = options.random ?? Math.random;
  const { pacer, retry } = options;
  const dispatcher = new Agent({ connect: { timeout: CONNECT_TIMEOUT_MS } });
  const gate = createGate(options.inFlightLimit ?? (() => Number.POSITIVE_INFINITY));
  const budget = options.budget ?? new WaitBudget(retry.maxTotalWaitMs, clock);

  const backoff = (attempt: number) => {
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
    // Full jitter keeps many clients (or many concurrent moves) from retrying in lockstep.
    return ceiling / 2 + random() * (ceiling / 2);
  };

  async function handle(endpoint: string, handlerOptions?: HandlerOptions) {
    // A request keeps its place through its retries: the controller shrinks the limit on failures anyway.
    await gate.enter();
    try {
      return await handleAdmitted(endpoint, handlerOptions);
    } finally {
      gate.leave();
    }
  }

  async function handleAdmitted(endpoint: string, handlerOptions?: HandlerOptions) {
    const { prefixUrl, searchParams, asStream, method = 'GET', headers, body, signal } = handlerOptions ?? {};
    const baseUrl = prefixUrl ? (prefixUrl.endsWith('/') ? prefixUrl : `${prefixUrl}/`) : undefined;
    const url = new URL(endpoint, baseUrl);
    url.search = searchParams ?? '';
    const path = url.pathname;
    let failures = 0;

    for (;;) {
      const ticket = await pacer.acquire(signal);
      const started = nowMs();
      options.onRequest?.(method, path);
      let reply: Reply;
      try {
        reply = await send(url, {
          method: method as Dispatcher.HttpMethod,
          headers,
          body: body as string | undefined,
          signal,
          dispatcher,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
        });
      } catch (error) {
        pacer.release(ticket);
        options.onResponse?.({ latencyMs: nowMs() - started, status: undefined });
        if (signal?.aborted || isTimeout(error)) {
          throw new GitbeakerTimeoutError('Query timeout was reached');
        }
        options.log?.(`${method} ${path} → connection failed (${nowMs() - started} ms)`);
        const code = networkErrorCode(error);
        const neverSent = code !== undefined && NEVER_SENT.has(code);
        if (!IDEMPOTENT.has(method) && !neverSent) throw new AmbiguousWriteError(method, path, undefined, { cause: error });
        failures += 1;
        const delay = backoff(failures);
        const attempts = Math.min(retry.maxAttempts, (code === undefined ? undefined : RETRIES_BY_CODE[code]) ?? retry.maxAttempts);
        if (failures >= attempts || !budget.fits(delay)) {
          throw new ConnectionError(method, path, { cause: error });
        }
        budget.spend(delay, `could not reach GitLab; trying ${method} ${path} again`);
        await clock.sleep(delay, signal);
        continue;
      }
      const status = reply.statusCode;
      const replyHeaders = flatHeaders(reply);
      pacer.release(ticket, replyHeaders);
      options.onResponse?.({ latencyMs: nowMs() - started, status, headers: replyHeaders });
      options.log?.(`${method} ${path}${url.search ? '?…' : ''} → ${status} (${nowMs() - started} ms)`);
      if (status >= 200 && status < 300) {
        const responseBody = asStream
          ? Readable.toWeb(reply.body)
          : status === 204
            ? (await reply.body.dump(), null)
            : await processBody(reply, replyHeaders);
        return { body: responseBody, headers: replyHeaders, status };
      }

      if (status === 429) {
        const delay = retryAfterMs(replyHeaders, nowMs()) ?? backoff(failures + 1);
        if (!budget.fits(delay)) {
          const asked = replyHeaders['retry-after'] !== undefined ? `Retry-After: ${replyHeaders['retry-after']}` : 'RateLimit-Reset';
          const cause = await requestError(method, url, reply, replyHeaders);
          throw Object.assign(
            new WaitTooLongError(delay, `GitLab (429 Too Many Requests, ${asked})`, new Date(nowMs() + delay), budget.totalMs),
            { cause },
          );
        }
        await reply.body.dump();
        // The pacer makes every request of the run sit this out, and counts the wait against the budget.
        pacer.blockFor(delay);
        continue;
      }
      if (status >= 500) {
        if (!IDEMPOTENT.has(method)) {
          const error = await requestError(method, url, reply, replyHeaders);
          throw new AmbiguousWriteError(method, path, status, { cause: error });
        }
        failures += 1;
        const delay = backoff(failures);
        if (failures >= retry.maxAttempts || !budget.fits(delay)) throw await requestError(method, url, reply, replyHeaders);
        await reply.body.dump();
        budget.spend(delay, `GitLab answered ${status}; trying ${method} ${path} again`);
        await clock.sleep(delay, signal);
        continue;
      }
      throw await requestError(method, url, reply, replyHeaders);
    }
  }

  return handle;
}

/** gitbeaker's requester over a handler; its client-side limiters are replaced by the shared pacer. */
export function requesterOver(handle: RequestHandler) {
  return createRequesterFn((_, requestOptions) => Promise.resolve(requestOptions), handle as never);
}

export function createTransport(options: TransportOptions) {
  return requesterOver(createRequestHandler(options));
}

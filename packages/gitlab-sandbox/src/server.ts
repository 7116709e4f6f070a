import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { isIssueScopedWrite, type Handler, type Reply, type RequestContext } from './context.js';
import { Presenter, type Tier } from './entities.js';
import { ApiError, forbidden, internalError, notEmulated, notFound, routeNotFound, unauthorized } from './errors.js';
import { faultBody, type FaultDecision, type FaultInjector } from './faults.js';
import { emptyParams, isHash, mergeParams, paramsFromFields, parseJsonParams, parseQueryString, type ParamHash } from './params.js';
import type { FixedWindowRateLimiter } from './rate-limit.js';
import type { UserRecord } from './records.js';
import type { HttpMethod, Router } from './router.js';
import type { Store } from './store.js';

// The request pipeline: count → rate limit → latency → fault "before" → parse → authenticate →
// route → handler → fault "after" → respond. Every step that can fail answers the way GitLab does,
// and nothing a client sends can take the process down.

export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  query: string;
  /** 0 when the connection was dropped without a response. */
  status: number;
  fault?: 'before' | 'after';
  rateLimited?: boolean;
  /** Strict mode: the sandbox has no route for this request (GitLab may well have one). */
  notEmulated?: boolean;
  /** On the sandbox's clock. */
  at: string;
}

export interface SandboxStats {
  total: number;
  requests: { GET: number; POST: number; PUT: number; DELETE: number; [method: string]: number };
  faults: number;
  rate_limited: number;
}

const API_PREFIX = '/api/v4';
/** GitLab's GraphQL endpoint: outside /api/v4, but counted, throttled and faulted like it. */
const GRAPHQL_PATH = '/api/graphql';
const MAX_LOG_ENTRIES = 50_000;
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Grape's Grape::Exceptions::InvalidMessageBody, rendered by its error formatter. */
const INVALID_JSON_MESSAGE =
  "\nProblem:\n  message body does not match declared format\nResolution:\n  when specifying application/json as content-type, you must pass valid application/json in the request's 'body' ";

export interface PipelineOptions {
  store: Store;
  router: Router<Handler>;
  limiter: FixedWindowRateLimiter;
  faults: FaultInjector;
  tier: Tier;
  /** GitLab feature flags in effect (features.ts); changed in place by `setFeature`. */
  features: ReadonlyMap<string, boolean>;
  latencyMs: () => number;
  fallbackBaseUrl: () => string;
  /** Resolves once the write is durable (`--data`); the response waits for it. */
  onWrite: () => Promise<void> | undefined;
  /** Answer 501 naming the route, instead of GitLab's 404, for a request no route emulates. */
  strict: boolean;
}

export class RequestPipeline {
  readonly requestLog: RequestLogEntry[] = [];
  private readonly counters: SandboxStats = { total: 0, requests: { GET: 0, POST: 0, PUT: 0, DELETE: 0 }, faults: 0, rate_limited: 0 };

  constructor(private readonly options: PipelineOptions) {}

  stats(): SandboxStats {
    return { ...this.counters, requests: { ...this.counters.requests } };
  }

  /** Never rejects: every failure becomes a response (or a deliberately dropped connection). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.dispatch(req, res);
    } catch (error) {
      reportUnexpected(req, error);
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, { message: '500 Internal Server Error' }, {});
    }
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const query = queryStart === -1 ? '' : rawUrl.slice(queryStart + 1);
    const method = (req.method ?? 'GET').toUpperCase();
    const now = this.options.store.now();
    // The HTTP Date header is the server's clock: clients read RateLimit-Reset against it.
    res.setHeader('Date', now.toUTCString());

    if (!isValidHost(req.headers.host)) {
      drain(req);
      sendBadHost(res);
      return;
    }
    if (rawPath === '/-/sandbox/stats' && method === 'GET') {
      sendJson(res, 200, this.stats(), {});
      return;
    }
    const graphql = rawPath === GRAPHQL_PATH && (method === 'POST' || method === 'GET');
    if (!graphql && rawPath !== API_PREFIX && !rawPath.startsWith(`${API_PREFIX}/`)) {
      drain(req);
      sendJson(res, 404, { error: '404 Not Found' }, {});
      return;
    }

    this.counters.total += 1;
    this.counters.requests[method] = (this.counters.requests[method] ?? 0) + 1;
    const entry: RequestLogEntry = { method, path: rawPath, query: filterSecrets(query), status: 0, at: now.toISOString() };
    this.log(entry);

    const rateLimit = this.options.limiter.check(rateLimitKey(req, query, this.options.store), now.getTime());
    if (rateLimit.limited) {
      drain(req);
      this.counters.rate_limited += 1;
      entry.rateLimited = true;
      entry.status = 429;
      // Rack::Attack's throttled response: plain text, not JSON.
      res.writeHead(429, { ...rateLimit.headers, 'Content-Type': 'text/plain' });
      res.end('Retry later\n');
      return;
    }

    const latency = this.options.latencyMs();
    if (latency > 0) await delay(latency);

    const fault = this.options.faults.decide(method, rawPath);
    if (fault?.timing === 'before') {
      drain(req);
      this.counters.faults += 1;
      entry.fault = 'before';
      entry.status = this.fail(res, fault, rateLimit.headers);
      return;
    }

    let reply: Reply;
    let handler: Handler | undefined;
    let wrote = true;
    const conditional: Conditional = { readRequest: method === 'GET' || method === 'HEAD', ifNoneMatch: req.headers['if-none-match'] };
    try {
      const body = await readBody(req);
      if (graphql) {
        ({ reply, wrote } = await this.graphql(req, method, query, body));
        return await this.finish(res, entry, reply, rateLimit.headers, fault, wrote && method === 'POST', conditional);
      }
      const apiPath = rawPath.slice(API_PREFIX.length);
      // Grape answers HEAD with the GET route (Node leaves the body out of a HEAD response).
      const routeMethod = method === 'HEAD' ? 'GET' : method;
      const match = METHODS.has(routeMethod) ? this.options.router.match(routeMethod, apiPath) : undefined;
      if (!match) {
        if (this.options.strict) {
          entry.notEmulated = true;
          throw notEmulated(method, rawPath);
        }
        throw routeNotFound();
      }
      handler = match.handler;
      const ctx = this.buildContext(req, routeMethod, apiPath, match.pathParams, query, body);
      // `authenticate_non_get!`: every write needs a user, before parameters are even looked at.
      if (routeMethod !== 'GET' && !ctx.user) throw unauthorized();
      reply = match.handler(ctx);
    } catch (error) {
      reply = errorReply(error, req);
    }
    // Writes that may have touched more than issues (or failed halfway) drop every cached list and issue JSON.
    const write = method !== 'GET' && method !== 'HEAD';
    if (write && !(handler && reply.status < 400 && isIssueScopedWrite(handler))) this.options.store.entitiesChanged();
    await this.finish(res, entry, reply, rateLimit.headers, fault, write && wrote, conditional);
  }

  /** Saves after a write (on disk before the answer, with `--data`), then answers (or fails the answer, for an "after" fault). */
  private async finish(
    res: ServerResponse,
    entry: RequestLogEntry,
    reply: Reply,
    rateLimitHeaders: Record<string, string>,
    fault: FaultDecision | undefined,
    wrote: boolean,
    conditional: Conditional,
  ): Promise<void> {
    if (wrote) {
      try {
        await this.options.onWrite();
      } catch {
        // Never acknowledge a write that is not on disk.
        reply = { status: 500, json: { message: '500 Internal Server Error' } };
      }
    }
    if (fault?.timing === 'after') {
      this.counters.faults += 1;
      entry.fault = 'after';
      entry.status = this.fail(res, fault, rateLimitHeaders);
      return;
    }
    entry.status = reply.status;
    sendReply(res, reply, rateLimitHeaders, conditional);
  }

  /** POST or GET /api/graphql, loaded on first use so that REST-only runs never load graphql-js. */
  private async graphql(req: IncomingMessage, method: string, query: string, body: ParamHash): Promise<{ reply: Reply; wrote: boolean }> {
    const { executeGraphql, failure } = await import('./graphql/endpoint.js');
    const params = mergeParams(parseQueryString(query), body);
    let user: UserRecord | null;
    try {
      user = this.authenticate(req, params);
    } catch (error) {
      // GraphqlController#authorize_access_api!: a token that names nobody.
      if (error instanceof ApiError && error.status === 401) return failure(401, 'Invalid token');
      throw error;
    }
    const baseUrl = req.headers.host ? `http://${req.headers.host}` : this.options.fallbackBaseUrl();
    const outcome = executeGraphql(method, params, user, {
      store: this.options.store,
      tier: this.options.tier,
      present: new Presenter(this.options.store, baseUrl, this.options.tier),
      features: this.options.features,
    });
    if (outcome.wrote) this.options.store.entitiesChanged();
    return outcome;
  }

  private buildContext(
    req: IncomingMessage,
    method: string,
    apiPath: string,
    pathParams: Record<string, string>,
    query: string,
    body: ParamHash,
  ): RequestContext {
    const params = mergeParams(parseQueryString(query), body);
    const baseUrl = req.headers.host ? `http://${req.headers.host}` : this.options.fallbackBaseUrl();
    const user = this.authenticate(req, params);
    return {
      method: method as HttpMethod,
      apiPath,
      pathParams,
      params,
      user,
      store: this.options.store,
      present: new Presenter(this.options.store, baseUrl, this.options.tier),
      tier: this.options.tier,
      baseUrl,
    };
  }

  /** PRIVATE-TOKEN, `Authorization: Bearer`, or the `private_token` / `access_token` parameters; then `sudo`. */
  private authenticate(req: IncomingMessage, params: ParamHash): UserRecord | null {
    const token = tokenFrom(req, params);
    if (token === undefined) return null;
    const user = this.options.store.userByToken(token);
    if (!user) throw unauthorized();
    const sudoHeader = req.headers['sudo'];
    const sudo =
      typeof sudoHeader === 'string'
        ? sudoHeader
        : typeof params['sudo'] === 'string' || typeof params['sudo'] === 'number'
          ? String(params['sudo'])
          : undefined;
    if (sudo === undefined || sudo === '') return user;
    if (!user.isAdmin) throw forbidden('Must be admin to use sudo');
    const target = this.options.store.findUser(sudo);
    if (!target) throw notFound(`User with ID or username '${sudo}'`);
    return target;
  }

  private fail(res: ServerResponse, fault: FaultDecision, headers: Record<string, string>): number {
    if (fault.kind === 'drop') {
      res.socket?.destroy();
      res.destroy();
      return 0;
    }
    const { contentType, body } = faultBody(fault.kind);
    res.writeHead(fault.kind, { ...headers, 'Content-Type': contentType });
    res.end(body);
    return fault.kind;
  }

  private log(entry: RequestLogEntry): void {
    this.requestLog.push(entry);
    if (this.requestLog.length > MAX_LOG_ENTRIES + MAX_LOG_ENTRIES / 10)
      this.requestLog.splice(0, this.requestLog.length - MAX_LOG_ENTRIES);
  }
}

/**
 * nginx in front of GitLab checks the Host header (ngx_http_validate_host) and answers a malformed
 * one itself, with its HTML 400 page, before GitLab sees the request.
 */
function isValidHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  const hostPattern = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-._~!$&'()*+,;=%]+)(:\d{0,5})?$/;
  if (!hostPattern.test(host) || host.includes('..')) return false;
  try {
    new URL(`http://${host}/`);
    return true;
  } catch {
    return false;
  }
}

const NGINX_BAD_REQUEST =
  '<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function sendBadHost(res: ServerResponse): void {
  res.writeHead(400, { 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(NGINX_BAD_REQUEST)), Connection: 'close' });
  res.end(NGINX_BAD_REQUEST);
}

function tokenFrom(req: IncomingMessage, params: ParamHash): string | undefined {
  const privateToken = req.headers['private-token'];
  if (typeof privateToken === 'string') return privateToken;
  const authorization = req.headers['authorization'];
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1];
  }
  for (const name of ['private_token', 'access_token']) {
    const value = params[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * Rack::Attack counts authenticated traffic per user (whichever header or query parameter carries
 * the token, REST and GraphQL alike) and anonymous traffic per IP. A token that names no one counts
 * as anonymous: Gitlab::Auth::RequestAuthenticator rescues the failed lookup and reports no user, so
 * `throttle_unauthenticated_api` applies.
 */
function rateLimitKey(req: IncomingMessage, query: string, store: Store): string {
  const token = tokenFrom(req, query === '' ? {} : parseQueryString(query));
  const user = token === undefined ? undefined : store.userByToken(token);
  return user ? `user:${user.id}` : `ip:${req.socket.remoteAddress ?? ''}`;
}

function errorReply(error: unknown, req: IncomingMessage): Reply {
  if (error instanceof ApiError) return { status: error.status, json: error.body as Reply['json'] };
  if (error instanceof InvalidBodyError) return { status: 400, json: { error: INVALID_JSON_MESSAGE } };
  // Rack::Multipart::EmptyContentError / MultipartPartLimitError, rescued by GitLab as a bad request.
  if (error instanceof InvalidMultipartError) return { status: 400, json: { message: '400 Bad request - Invalid multipart body' } };
  if (error instanceof BodyTooLargeError) return { status: 413, json: { message: '413 Request Entity Too Large' } };
  reportUnexpected(req, error);
  const fallback = internalError();
  return { status: fallback.status, json: fallback.body as Reply['json'] };
}

/** A bug in the sandbox, not in the client: worth a line on stderr (never with the query, which may hold a token). */
function reportUnexpected(req: IncomingMessage, error: unknown): void {
  const path = (req.url ?? '?').split('?')[0];
  process.stderr.write(`sandbox: unexpected error for ${req.method ?? '?'} ${path}: ${(error as Error).stack ?? String(error)}\n`);
}

/** Tokens sent as parameters are filtered from the log, as GitLab filters them from its own. */
function filterSecrets(query: string): string {
  return query.replace(/((?:^|&)(?:private_token|access_token|job_token)=)[^&]*/gi, '$1[FILTERED]');
}

class InvalidBodyError extends Error {}
class InvalidMultipartError extends Error {}
class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage): Promise<ParamHash> {
  if (req.method === 'GET' || req.method === 'HEAD') {
    drain(req);
    return emptyParams();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  if (size === 0) return emptyParams();
  const text = Buffer.concat(chunks).toString('utf8');
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = parseJsonParams(text);
    } catch {
      throw new InvalidBodyError();
    }
    // Grape only merges a JSON object into params; any other JSON value contributes nothing.
    return isHash(parsed) ? (parsed as ParamHash) : emptyParams();
  }
  if (type.includes('application/x-www-form-urlencoded') || type === '') return parseQueryString(text);
  if (type.includes('multipart/form-data')) return parseMultipart(Buffer.concat(chunks), type);
  return emptyParams();
}

/**
 * `curl --form` and GitLab's own docs send multipart bodies, and gitbeaker does for user edits.
 * Rack turns their fields into parameters like form fields; uploaded files (avatars) are accepted
 * and not kept, since the sandbox stores no uploads.
 */
async function parseMultipart(body: Buffer, contentType: string): Promise<ParamHash> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'Content-Type': contentType } }).formData();
  } catch {
    throw new InvalidMultipartError();
  }
  const fields: Array<[string, string]> = [];
  form.forEach((value, key) => {
    if (typeof value === 'string') fields.push([key, value]);
  });
  return paramsFromFields(fields);
}

function drain(req: IncomingMessage): void {
  if (!req.readableEnded) req.resume();
}

const COMMON_HEADERS = {
  'Cache-Control': 'max-age=0, private, must-revalidate',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  Vary: 'Origin, Accept-Encoding',
};

/** What Rack::ConditionalGet needs: the request's `If-None-Match`, for GET and HEAD only. */
interface Conditional {
  readonly readRequest: boolean;
  readonly ifNoneMatch: string | undefined;
}

function sendReply(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string>, conditional: Conditional): void {
  if (reply.text !== undefined) {
    const body = Buffer.from(reply.text, 'utf8');
    sendWithEtag(res, reply.status, { ...COMMON_HEADERS, ...extraHeaders, ...reply.headers }, body, conditional);
    return;
  }
  if (reply.jsonBody !== undefined) {
    const headers = { ...COMMON_HEADERS, ...extraHeaders, ...reply.headers, 'Content-Type': 'application/json' };
    sendWithEtag(res, reply.status, headers, reply.jsonBody, conditional);
    return;
  }
  if (reply.status === 204 || reply.json === undefined) {
    res.writeHead(reply.status, { ...COMMON_HEADERS, ...extraHeaders, ...reply.headers });
    res.end();
    return;
  }
  const headers = { ...COMMON_HEADERS, ...extraHeaders, ...reply.headers, 'Content-Type': 'application/json' };
  sendWithEtag(res, reply.status, headers, Buffer.from(JSON.stringify(reply.json), 'utf8'), conditional);
}

/**
 * Rails' Rack::ETag (a weak ETag from the body's SHA-256, on 200 and 201 responses with a body) and
 * Rack::ConditionalGet (304 without a body when a GET or HEAD names that ETag in If-None-Match), which
 * GitLab's API responses pass through.
 */
function sendWithEtag(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer, conditional: Conditional): void {
  if ((status === 200 || status === 201) && body.length > 0) {
    const etag = `W/"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
    headers['ETag'] = etag;
    if (status === 200 && conditional.readRequest && etagMatches(conditional.ifNoneMatch, etag)) {
      const { 'Content-Type': _type, ...rest } = headers;
      res.writeHead(304, rest);
      res.end();
      return;
    }
  }
  res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
  res.end(body);
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === etag.slice(2);
  });
}

function sendJson(res: ServerResponse, status: number, json: unknown, headers: Record<string, string>): void {
  sendJsonBody(res, status, Buffer.from(JSON.stringify(json), 'utf8'), headers);
}

function sendJsonBody(res: ServerResponse, status: number, body: Buffer, headers: Record<string, string>): void {
  res.writeHead(status, { ...COMMON_HEADERS, ...headers, 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
  res.end(body);
}

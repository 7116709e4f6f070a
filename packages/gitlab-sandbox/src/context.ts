import type { Json, Presenter, Tier } from './entities.js';
import type { ParamHash } from './params.js';
import type { UserRecord } from './records.js';
import type { HttpMethod } from './router.js';
import type { Store } from './store.js';

/** Everything a route handler needs to answer one request. */
export interface RequestContext {
  readonly method: HttpMethod;
  /** The raw path below `/api/v4`, still percent-encoded. */
  readonly apiPath: string;
  /** Path parameters, decoded. */
  readonly pathParams: Readonly<Record<string, string>>;
  /** Query string, form and JSON body merged as Grape merges them (the body wins). */
  readonly params: ParamHash;
  /** The authenticated user, after `sudo`; `null` when anonymous. */
  readonly user: UserRecord | null;
  readonly store: Store;
  readonly present: Presenter;
  readonly tier: Tier;
  /** `http://host:port` as the client addressed us (from the Host header). */
  readonly baseUrl: string;
}

export interface Reply {
  readonly status: number;
  readonly json?: Json;
  /** A JSON body already serialized and encoded (sent as `application/json`, like `json`). */
  readonly jsonBody?: Buffer;
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (ctx: RequestContext) => Reply;

/**
 * Write handlers whose every effect is reported to the store through `issueChanged`, `addNote`,
 * `addLink`/`removeLink` or the store's own `add…` methods. After any other write (or a failed one)
 * the server calls `store.entitiesChanged()`, which drops every presentation cache.
 */
const issueScoped = new WeakSet<Handler>();

export function issueScopedWrite(handler: Handler): Handler {
  issueScoped.add(handler);
  return handler;
}

export function isIssueScopedWrite(handler: Handler): boolean {
  return issueScoped.has(handler);
}

export const ok = (json: Json, headers?: Record<string, string>): Reply => ({ status: 200, json, headers });
export const created = (json: Json): Reply => ({ status: 201, json });

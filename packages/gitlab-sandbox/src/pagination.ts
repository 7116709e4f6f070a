import type { Reply, RequestContext } from './context.js';
import type { Json } from './entities.js';
import { ApiError, paramError } from './errors.js';
import { declare, isHash, type ParamValue } from './params.js';

// Offset pagination as Gitlab::Pagination::OffsetPagination and OffsetHeaderBuilder do it:
// X-Per-Page, X-Page, X-Next-Page and X-Prev-Page (empty when there is none), X-Total and
// X-Total-Pages (at least 1), and a Link header whose URLs repeat every request parameter with
// `page` replaced, serialised by Rails' Hash#to_query (sorted, CGI-escaped).

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
/** Above this many rows GitLab stops counting and leaves out X-Total, X-Total-Pages and rel="last". */
export const MAX_COUNT_LIMIT = 10_000;

export interface PageRequest {
  page: number;
  perPage: number;
}

export function pageRequest(ctx: RequestContext): PageRequest {
  const declared = declare(ctx.params, { page: { type: 'integer' }, per_page: { type: 'integer' } });
  // lib/api/helpers/pagination: `values: ->(v) { v != 0 }` on per_page (GitLab's only_positive_pagination_values
  // flag, off here, would also refuse negative and zero pages).
  if (declared.per_page === 0) throw paramError(['per_page has a value not allowed']);
  const page = declared.page && declared.page > 0 ? declared.page : 1;
  const requested = declared.per_page && declared.per_page > 0 ? declared.per_page : DEFAULT_PER_PAGE;
  return { page, perPage: Math.min(requested, MAX_PER_PAGE) };
}

export function paginate<T>(ctx: RequestContext, items: readonly T[], present: (item: T) => Json): Reply {
  const { slice, headers } = page(ctx, items);
  return { status: 200, json: slice.map(present), headers };
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/**
 * `paginate` for items whose encoded JSON is at hand: the page is the bytes `JSON.stringify` would
 * give for the array, concatenated rather than serialized again.
 */
export function paginateJson<T>(ctx: RequestContext, items: readonly T[], presentJson: (item: T) => Buffer): Reply {
  const { slice, headers } = page(ctx, items);
  const parts: Buffer[] = [OPEN];
  for (let i = 0; i < slice.length; i += 1) {
    if (i > 0) parts.push(COMMA);
    parts.push(presentJson(slice[i] as T));
  }
  parts.push(CLOSE);
  return { status: 200, jsonBody: Buffer.concat(parts), headers };
}

function page<T>(ctx: RequestContext, items: readonly T[]): { slice: readonly T[]; headers: Record<string, string> } {
  const { page, perPage } = pageRequest(ctx);
  const total = items.length;
  const withoutCount = total > MAX_COUNT_LIMIT;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const start = (page - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  const nextPage = start + perPage < total ? page + 1 : null;
  // Kaminari's prev_page is nil on a page past the end (`out_of_range?`), so there is no prev link either.
  const prevPage = page > 1 && (page <= totalPages || withoutCount) ? page - 1 : null;

  const headers: Record<string, string> = {
    'X-Per-Page': String(perPage),
    'X-Page': String(page),
    'X-Next-Page': nextPage === null ? '' : String(nextPage),
    'X-Prev-Page': prevPage === null ? '' : String(prevPage),
    Link: linkHeader(ctx, perPage, { prevPage, nextPage, lastPage: withoutCount ? null : totalPages }),
  };
  if (!withoutCount) {
    headers['X-Total'] = String(total);
    headers['X-Total-Pages'] = String(totalPages);
  }
  return { slice, headers };
}

function linkHeader(
  ctx: RequestContext,
  perPage: number,
  pages: { prevPage: number | null; nextPage: number | null; lastPage: number | null },
): string {
  const href = (page: number): string => pageUrl(ctx, page, perPage);
  const links: string[] = [];
  if (pages.prevPage !== null) links.push(`<${href(pages.prevPage)}>; rel="prev"`);
  if (pages.nextPage !== null) links.push(`<${href(pages.nextPage)}>; rel="next"`);
  links.push(`<${href(1)}>; rel="first"`);
  if (pages.lastPage !== null) links.push(`<${href(pages.lastPage)}>; rel="last"`);
  return links.join(', ');
}

function pageUrl(ctx: RequestContext, page: number, perPage: number): string {
  // Grape's params include the path parameters (`id`, `issue_iid`, ...), so GitLab's links do too.
  const params: Record<string, ParamValue> = { ...ctx.pathParams, ...ctx.params, page: String(page), per_page: String(perPage) };
  delete params['private_token'];
  delete params['access_token'];
  return `${ctx.baseUrl}/api/v4${ctx.apiPath}?${toQuery(params)}`;
}

/** Rails' Hash#to_query: nested keys as `a[b]`, arrays as `a[]`, pairs sorted. */
export function toQuery(params: Record<string, ParamValue>): string {
  const pairs: string[] = [];
  const walk = (key: string, value: ParamValue): void => {
    if (Array.isArray(value)) {
      if (value.length === 0) pairs.push(`${cgiEscape(`${key}[]`)}=`);
      for (const item of value) walk(`${key}[]`, item);
    } else if (isHash(value)) {
      for (const [sub, subValue] of Object.entries(value)) walk(`${key}[${sub}]`, subValue);
    } else {
      pairs.push(`${cgiEscape(key)}=${cgiEscape(value === null ? '' : String(value))}`);
    }
  };
  for (const [key, value] of Object.entries(params)) walk(key, value);
  return pairs.sort().join('&');
}

/** Ruby's CGI.escape: space as `+`, everything but `*-._0-9A-Za-z` (and `~`) percent-encoded. */
function cgiEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/[!'()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

// ---- keyset pagination -------------------------------------------------------------------------

/** `pagination=keyset` (doc/api/rest/index.md, "Keyset-based pagination"). */
export function wantsKeyset(ctx: RequestContext): boolean {
  return ctx.params['pagination'] === 'keyset';
}

/** Gitlab::Pagination::Keyset refuses orderings it does not support with a 405. */
export function keysetNotAvailable(): ApiError {
  return new ApiError(405, { error: 'Keyset pagination is not yet available for this type of request' });
}

/**
 * One keyset page of `items` (already ordered and already past the client's position): the rows
 * and, when more follow, only `Link: <…>; rel="next"` (no X-Total, X-Page or other links), a link
 * that repeats the request with the position of the last row (`position(last)`).
 */
export function paginateKeyset<T>(
  ctx: RequestContext,
  items: readonly T[],
  present: (item: T) => Json,
  position: (last: T) => Record<string, string>,
): Reply {
  const { perPage } = pageRequest(ctx);
  const slice = items.slice(0, perPage);
  const headers: Record<string, string> = {};
  const last = slice[slice.length - 1];
  if (items.length > perPage && last !== undefined) {
    const next: Record<string, ParamValue> = {};
    for (const [key, value] of Object.entries(ctx.params)) {
      if (key === 'private_token' || key === 'access_token' || key === 'page' || key in position(last)) continue;
      next[key] = value;
    }
    Object.assign(next, position(last));
    const query = Object.entries(next)
      .map(([key, value]) => `${cgiEscape(key)}=${cgiEscape(value === null ? '' : String(value))}`)
      .join('&');
    headers['Link'] = `<${ctx.baseUrl}/api/v4${ctx.apiPath}?${query}>; rel="next"`;
  }
  return { status: 200, json: slice.map(present), headers };
}

/** The opaque `cursor` of cursor-based keyset pagination: base64 of the last row's ordering values. */
export function encodeCursor(values: Record<string, string | number>): string {
  const strings = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
  return Buffer.from(JSON.stringify({ ...strings, _kd: 'n' }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return isHash(parsed as ParamValue) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

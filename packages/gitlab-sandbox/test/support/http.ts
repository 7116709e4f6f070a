import type { Sandbox } from '../../src/index.js';

// A thin fetch wrapper for tests that look at status codes, headers and raw bodies.

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body (undefined when the body is not JSON). */
  json: unknown;
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A token sent as PRIVATE-TOKEN; `null` sends no credentials. Default: root's token. */
  token?: string | null;
  /** A JSON body (objects are serialised; strings are sent as they are). */
  body?: unknown;
  headers?: Record<string, string>;
}

export async function api(sandbox: Sandbox, path: string, request: ApiRequest = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...request.headers };
  const token = request.token === undefined ? sandbox.token : request.token;
  if (token !== null) headers['PRIVATE-TOKEN'] = token;
  let body: string | undefined;
  if (request.body !== undefined) {
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(`${sandbox.url}/api/v4${path}`, { method: request.method ?? 'GET', headers, body });
  const text = await response.text();
  let json: unknown;
  if ((response.headers.get('content-type') ?? '').includes('application/json')) json = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, json };
}

/** Project paths go into URLs encoded, as GitLab requires. */
export function projectPath(path: string): string {
  return encodeURIComponent(path);
}

export function asArray(value: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) throw new Error(`expected an array, got ${JSON.stringify(value)}`);
  return value as Array<Record<string, unknown>>;
}

export function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

// GitLab answers errors in three shapes: Grape's own validation errors as {"error": ...},
// everything raised through the API helpers as {"message": ...}, and Rack::Attack's throttle as
// plain text. ApiError carries the exact body so handlers can throw and the server renders it.

export type ErrorBody = { message: unknown } | { error: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(`${status} ${JSON.stringify(body)}`);
    this.name = 'ApiError';
  }
}

/** Grape parameter errors (`requires`, `values:`, type coercion), joined as Grape joins them. */
export function paramError(messages: string[]): ApiError {
  return new ApiError(400, { error: messages.join(', ') });
}

export const unauthorized = (): ApiError => new ApiError(401, { message: '401 Unauthorized' });

export const forbidden = (reason?: string): ApiError =>
  new ApiError(403, { message: reason ? `403 Forbidden - ${reason}` : '403 Forbidden' });

/** `not_found!('Project')` → "404 Project Not Found"; `not_found!` alone → "404 Not Found". */
export const notFound = (resource?: string): ApiError =>
  new ApiError(404, { message: resource ? `404 ${resource} Not Found` : '404 Not Found' });

/** ActiveRecord::RecordNotFound rescued in lib/api/api.rb: note the lower-case "found". */
export const recordNotFound = (): ApiError => new ApiError(404, { message: '404 Not found' });

export const routeNotFound = (): ApiError => new ApiError(404, { error: '404 Not Found' });

/** Strict mode's answer for a route GitLab may have but the sandbox does not emulate. Not GitLab's. */
export const notEmulated = (method: string, path: string): ApiError =>
  new ApiError(501, { message: `501 Not Emulated: the sandbox has no route for ${method} ${path}` });

export const conflict = (message: string): ApiError => new ApiError(409, { message });

/** `render_validation_error!`: model errors keyed by attribute. */
export const validationError = (errors: Record<string, string[]>): ApiError => new ApiError(400, { message: errors });

/** `bad_request!(reason)`. */
export const badRequest = (reason: string): ApiError => new ApiError(400, { message: `400 Bad request - ${reason}` });

/** `render_api_error!(message, status)`. */
export const apiError = (status: number, message: unknown): ApiError => new ApiError(status, { message });

export const internalError = (): ApiError => new ApiError(500, { message: '500 Internal Server Error' });

/** `{:title=>["is taken"]}`: how GitLab (Ruby 3.3) interpolates an errors hash into a message. */
export function rubyInspect(errors: Record<string, string[]>): string {
  const entries = Object.entries(errors).map(([key, messages]) => `:${key}=>[${messages.map((m) => JSON.stringify(m)).join(', ')}]`);
  return `{${entries.join(', ')}}`;
}

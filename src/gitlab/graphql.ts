/**
 * A small GraphQL client for the few mutations REST lacks (`issuesBulkUpdate`, `updateIssue`'s
 * health status). gitbeaker speaks REST only, so this is one POST to `/api/graphql` through the
 * same request handler as every REST call: the same token, pacing by GitLab's rate-limit headers
 * (GraphQL counts against the same limit), retries, --debug lines and error translation.
 *
 * GitLab answers most GraphQL problems with 200 and an `errors` array (GraphqlController), so
 * those become a GraphqlError here; HTTP failures (401, 403, 5xx, a lost connection) come up from
 * the handler as they do for REST.
 */
import type { RequestHandler } from './transport.js';

/** GitLab answered, but with GraphQL errors: a disabled feature flag, a missing field, no access. */
export class GraphqlError extends Error {
  constructor(
    readonly messages: string[],
    readonly data: unknown,
  ) {
    super(messages.join('; '));
    this.name = 'GraphqlError';
  }
}

export type GraphqlRequest = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

interface GraphqlBody {
  data?: unknown;
  errors?: Array<{ message?: unknown }>;
}

export function createGraphqlRequest(options: { host: string; token: string; handle: RequestHandler }): GraphqlRequest {
  return async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const { body } = await options.handle('graphql', {
      method: 'POST',
      prefixUrl: `${options.host}/api/`,
      // GitLab's GraphQL API takes a personal, project or group access token as a bearer token (doc/api/graphql/index.md).
      headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const reply = (body ?? {}) as GraphqlBody;
    if (reply.errors && reply.errors.length > 0) {
      throw new GraphqlError(
        reply.errors.map((error) => String(error.message ?? 'unknown error')),
        reply.data,
      );
    }
    return reply.data as T;
  };
}

import { GitbeakerRequestError, GitbeakerRetryError, GitbeakerTimeoutError } from '@gitbeaker/rest';
import { AuthError, GitLabApiError, NetworkError, TeamopsError } from '../errors.js';
import { GraphqlError } from './graphql.js';
import { AmbiguousWriteError, ConnectionError } from './transport.js';
import { WaitTooLongError } from './wait-budget.js';

const CONNECTION_PROBLEMS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host (DNS lookup failed)',
  EAI_AGAIN: 'DNS lookup failed for now',
  UND_ERR_CONNECT_TIMEOUT: 'no answer when connecting (timed out)',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed (set NODE_EXTRA_CA_CERTS to trust it)',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed (set NODE_EXTRA_CA_CERTS to trust it)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified (set NODE_EXTRA_CA_CERTS to trust its issuer)',
};

function connectionProblem(code: string | undefined): string {
  if (code === undefined) return 'the connection failed';
  return CONNECTION_PROBLEMS[code] ?? `the connection failed (${code})`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function statusOf(error: unknown): number | undefined {
  if (error instanceof GitbeakerRequestError) return error.cause?.response?.status;
  if (error instanceof AmbiguousWriteError) return error.status;
  return undefined;
}

function requestLine(error: GitbeakerRequestError): { method: string; path: string } {
  const request = error.cause?.request;
  if (!request) return { method: '?', path: '?' };
  return { method: request.method, path: new URL(request.url).pathname };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/**
 * Turns whatever the client threw into one teamops error whose message says what failed, on
 * what, and how to fix it. `doing` reads like "cannot create issue in group/project".
 */
export function translateError(error: unknown, doing: string, host: string): TeamopsError {
  if (error instanceof TeamopsError) return error;
  if (error instanceof GitbeakerRequestError) {
    const status = statusOf(error);
    const { method, path } = requestLine(error);
    const statusLine = `${status ?? '?'} ${STATUS_TEXT[status ?? 0] ?? ''}`.trimEnd();
    // GitLab's body often just repeats the status ("401 Unauthorized"); only add what it says beyond that.
    const said = error.message.trim();
    const gitlabSays = said && said.toLowerCase() !== statusLine.toLowerCase() ? ` (${said})` : '';
    const summary = `${doing}: GitLab returned ${statusLine}${gitlabSays}`;
    if (status === 401) {
      return new AuthError(summary, {
        hint: `GitLab at ${host} did not accept the token: set GITLAB_TOKEN to a valid personal, project or group access token with the "api" scope`,
        cause: error,
      });
    }
    if (status === 403) {
      return new AuthError(summary, {
        hint: 'the token needs the "api" scope (not only read_api), and its user needs at least the Developer role on the project or group',
        cause: error,
      });
    }
    return new GitLabApiError(summary, { status, method, path, cause: error });
  }
  if (error instanceof GraphqlError) {
    return new GitLabApiError(`${doing}: GitLab's GraphQL API answered: ${error.message}`, {
      method: 'POST',
      path: '/api/graphql',
      cause: error,
    });
  }
  if (error instanceof AmbiguousWriteError) {
    return new GitLabApiError(`${doing}: ${error.message}`, {
      status: error.status,
      method: error.method,
      path: error.path,
      hint: 'run the same command again: teamops finds what this run created and completes the rest',
      cause: error,
    });
  }
  if (error instanceof WaitTooLongError) {
    return new NetworkError(`${doing}: ${error.message}`, {
      hint: `run the same command again after ${error.until.toISOString()}, or allow a longer wait with --max-wait SECONDS (gitlab.max_wait in teamops.yml)`,
      cause: error,
    });
  }
  if (error instanceof ConnectionError) {
    // One line that names the host and the cause, the same whichever of the concurrent requests failed first.
    return new NetworkError(`cannot reach ${hostOf(host)}: ${connectionProblem(error.code)}`, {
      hint: 'check GITLAB_HOST (or gitlab.host in teamops.yml) and the network, then run the command again',
      cause: error,
    });
  }
  if (error instanceof GitbeakerTimeoutError) {
    return new NetworkError(`${doing}: GitLab at ${host} did not answer in time`, { hint: 'try again later', cause: error });
  }
  if (error instanceof GitbeakerRetryError) {
    return new NetworkError(`${doing}: ${error.message}`, { cause: error });
  }
  if (error instanceof TypeError && /fetch failed/.test(error.message)) {
    return new NetworkError(`${doing}: could not reach GitLab at ${host}`, { hint: 'check GITLAB_HOST and the network', cause: error });
  }
  if (error instanceof Error) return new GitLabApiError(`${doing}: ${error.message}`, { method: '?', path: '?', cause: error });
  return new GitLabApiError(`${doing}: ${String(error)}`, { method: '?', path: '?', cause: error });
}

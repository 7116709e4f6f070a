import {
  GroupLabels,
  GroupMembers,
  GroupMilestones,
  Groups,
  IssueLinks,
  IssueMilestoneEvents,
  IssueNotes,
  Issues,
  MergeRequestMilestoneEvents,
  MergeRequests,
  ProjectLabels,
  ProjectMembers,
  ProjectMilestones,
  Projects,
  ProjectTemplates,
  Users,
} from '@gitbeaker/rest';
import type { BaseResourceOptions } from '@gitbeaker/requester-utils';
import { systemClock, type Clock } from '../clock.js';
import type { TeamopsError } from '../errors.js';
import { statusOf, translateError } from './errors.js';
import { ConcurrencyController, MAX_CONCURRENCY, sampleOf } from './concurrency.js';
import { RatePacer } from './pacer.js';
import type { ConnectionStats, GitLab } from './port.js';
import { createReader } from './reader.js';
import { createGraphqlRequest, type GraphqlRequest } from './graphql.js';
import { createRequestHandler, defaultRetryPolicy, requesterOver, type RetryPolicy } from './transport.js';
import { WaitBudget } from './wait-budget.js';
import { createWriter } from './writer.js';

/**
 * gitbeaker's queryTimeout makes a fresh AbortSignal.timeout for every request, a measurable share of
 * the client's CPU on a large rollover; undici's own headers and body timeouts bound each request
 * instead, on its shared timer wheel.
 */
const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

export interface GitLabConnectionOptions {
  host: string;
  token: string;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  /** --debug: one line per HTTP request (never headers, so never the token). */
  log?: (line: string) => void;
  /** Bounds each request: the wait for GitLab's response headers, and then for its body. */
  requestTimeoutMs?: number;
  /** The most requests in flight at once (--concurrency); below it the controller adapts. */
  maxConcurrency?: number;
  /** false: hold at maxConcurrency, the controller off (the bench compares the two). Default true. */
  adaptive?: boolean;
  /** Users besides the token's whose issues and comments may carry a key (`keys.trusted_authors`). */
  trustedAuthors?: readonly string[];
  /** The run's allowance for waiting; by default `retry.maxTotalWaitMs` for this connection. */
  waitBudget?: WaitBudget;
}

/** The gitbeaker resource classes teamops uses, built once per connection. */
export type Resources = ReturnType<typeof createResources>;

/** `false`: GitLab's snake_case field names are kept, which is what the mappers read. */
function createResources(config: BaseResourceOptions<false>) {
  return {
    users: new Users(config),
    projects: new Projects(config),
    groups: new Groups(config),
    issues: new Issues(config),
    links: new IssueLinks(config),
    notes: new IssueNotes(config),
    issueMilestoneEvents: new IssueMilestoneEvents(config),
    mergeRequestMilestoneEvents: new MergeRequestMilestoneEvents(config),
    projectMilestones: new ProjectMilestones(config),
    groupMilestones: new GroupMilestones(config),
    projectLabels: new ProjectLabels(config),
    mergeRequests: new MergeRequests(config),
    templates: new ProjectTemplates(config),
    projectMembers: new ProjectMembers(config),
    groupMembers: new GroupMembers(config),
    groupLabels: new GroupLabels(config),
  };
}

/** What the reader and the writer share: the resources, and error translation for this host. */
export interface Connection {
  api: Resources;
  /** One GraphQL request, through the same handler as REST; GraphQL errors come as a GraphqlError. */
  graphql: GraphqlRequest;
  /** Runs one GitLab call; its failure becomes a teamops error saying what could not be done. */
  call<T>(doing: string, fn: () => Promise<T>): Promise<T>;
  /** Like `call`, with GitLab's 404 as null. */
  orNullOn404<T>(doing: string, fn: () => Promise<T>): Promise<T | null>;
  fail(error: unknown, doing: string): TeamopsError;
  log?: (line: string) => void;
}

export function createGitLab(options: GitLabConnectionOptions): GitLab {
  const host = options.host.replace(/\/+$/, '');
  const retry = { ...defaultRetryPolicy, ...options.retry };
  const budget = options.waitBudget ?? new WaitBudget(retry.maxTotalWaitMs, options.clock ?? systemClock);
  const pacer = new RatePacer(options.clock, budget);
  const concurrency = new ConcurrencyController({ ceiling: options.maxConcurrency ?? MAX_CONCURRENCY });
  const inFlightLimit = options.adaptive === false ? () => options.maxConcurrency ?? MAX_CONCURRENCY : () => concurrency.limit;
  const nowMs = () => (options.clock ?? systemClock).now().getTime();
  const byMethod: Record<string, number> = {};
  let requests = 0;
  const handle = createRequestHandler({
    pacer,
    retry,
    budget,
    clock: options.clock,
    log: options.log,
    timeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    inFlightLimit,
    onRequest: (method) => {
      requests += 1;
      byMethod[method] = (byMethod[method] ?? 0) + 1;
    },
    onResponse: ({ latencyMs, status, headers }) => {
      concurrency.observe(sampleOf(latencyMs, status, headers, nowMs()));
    },
  });
  const requesterFn = requesterOver(handle);
  const api = createResources({ host, token: options.token, requesterFn, queryTimeout: null, rateLimits: {} });
  const fail = (error: unknown, doing: string) => translateError(error, doing, host);
  const connection: Connection = {
    api,
    graphql: createGraphqlRequest({ host, token: options.token, handle }),
    fail,
    log: options.log,
    async call(doing, fn) {
      try {
        return await fn();
      } catch (error) {
        throw fail(error, doing);
      }
    },
    async orNullOn404(doing, fn) {
      try {
        return await fn();
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw fail(error, doing);
      }
    },
  };
  const reader = createReader(connection, options.trustedAuthors);
  return {
    reader,
    writer: { ...createWriter(connection, reader, host), inFlightLimit },
    stats: (): ConnectionStats => ({ requests, byMethod: { ...byMethod }, rateLimitWaitMs: pacer.waitedMs }),
  };
}

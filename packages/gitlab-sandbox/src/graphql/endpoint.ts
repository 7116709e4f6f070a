import {
  executeSync,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import type { Reply } from '../context.js';
import type { Json, Presenter, Tier } from '../entities.js';
import { IssueOrderCache } from '../issue-filters.js';
import type { ParamHash } from '../params.js';
import type { UserRecord } from '../records.js';
import type { Store } from '../store.js';
import { MAX_COMPLEXITY, MAX_DEPTH, MAX_QUERY_SIZE, queryCost } from './limits.js';
import { createRootValue, type GraphqlContext } from './resolvers.js';
import { createSchema } from './schema.js';

// POST (and GET) /api/graphql as GraphqlController answers it: request errors as
// `{"errors":[{"message":...}]}` with their HTTP status (422 for a query over 10,000 characters
// or a mutation sent with GET), everything GraphQL itself finds (syntax, validation, depth,
// complexity, resolver errors) with 200 and `locations`/`path` where GraphQL has them.

export interface GraphqlEnvironment {
  readonly store: Store;
  readonly tier: Tier;
  readonly present: Presenter;
  readonly features: ReadonlyMap<string, boolean>;
}

export interface GraphqlOutcome {
  reply: Reply;
  /** True when a mutation changed something: the server then drops caches and saves. */
  wrote: boolean;
}

let schema: GraphQLSchema | undefined;
const rootValue = createRootValue();
const orderCaches = new WeakMap<Store, IssueOrderCache>();

export function executeGraphql(method: string, params: ParamHash, user: UserRecord | null, env: GraphqlEnvironment): GraphqlOutcome {
  schema ??= createSchema();
  const query = typeof params['query'] === 'string' ? params['query'] : '';
  if (query.length > MAX_QUERY_SIZE) return failure(422, 'Query too large');
  if (query.trim() === '') return errorsOnly([new GraphQLError('No query string was present')]);

  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    if (error instanceof GraphQLError) return errorsOnly([error]);
    throw error;
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return errorsOnly(invalid);

  const operationName = typeof params['operationName'] === 'string' ? params['operationName'] : undefined;
  const variables = variablesFrom(params['variables']);
  if (variables === undefined) return failure(422, 'Variables are invalid JSON');
  const operation = getOperationAST(document, operationName);
  if (operation?.operation === 'mutation' && method === 'GET') return failure(422, 'Mutations are forbidden in GET requests');

  if (operation) {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const cost = queryCost(schema, operation, fragments, variables);
    const maxDepth = user ? MAX_DEPTH.authenticated : MAX_DEPTH.anonymous;
    const maxComplexity = user?.isAdmin ? MAX_COMPLEXITY.admin : user ? MAX_COMPLEXITY.authenticated : MAX_COMPLEXITY.anonymous;
    const limits: GraphQLError[] = [];
    if (cost.depth > maxDepth) limits.push(new GraphQLError(`Query has depth of ${cost.depth}, which exceeds max depth of ${maxDepth}`));
    if (cost.complexity > maxComplexity)
      limits.push(new GraphQLError(`Query has complexity of ${cost.complexity}, which exceeds max complexity of ${maxComplexity}`));
    if (limits.length > 0) return errorsOnly(limits);
  }

  let issueOrder = orderCaches.get(env.store);
  if (!issueOrder) {
    issueOrder = new IssueOrderCache(env.store);
    orderCaches.set(env.store, issueOrder);
  }
  const contextValue: GraphqlContext = { ...env, user, issueOrder, wrote: false };
  const result = executeSync({ schema, document, rootValue, contextValue, variableValues: variables, operationName });
  const body: { [key: string]: Json } = {};
  if (result.errors && result.errors.length > 0) body['errors'] = result.errors.map(formatError);
  if (result.data !== undefined) body['data'] = result.data as Json;
  return { reply: { status: 200, json: body }, wrote: contextValue.wrote };
}

/** GitLab takes `variables` as an object or as a JSON string (Gitlab::Graphql::Variables). */
function variablesFrom(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'string') {
    try {
      return variablesFrom(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function formatError(error: GraphQLError): Json {
  const formatted: { [key: string]: Json } = { message: error.message };
  if (error.locations) formatted['locations'] = error.locations.map((location) => ({ line: location.line, column: location.column }));
  if (error.path) formatted['path'] = [...error.path];
  return formatted;
}

function errorsOnly(errors: readonly GraphQLError[]): GraphqlOutcome {
  return { reply: { status: 200, json: { errors: errors.map(formatError) } }, wrote: false };
}

/** GraphqlController#render_error. */
export function failure(status: number, message: string): GraphqlOutcome {
  return { reply: { status, json: { errors: [{ message }] } }, wrote: false };
}

import {
  getNamedType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

// GitLab's query limits (app/graphql/gitlab_schema.rb, app/controllers/graphql_controller.rb,
// app/graphql/types/base_field.rb, app/graphql/resolvers/base_resolver.rb).

/** GraphqlController::MAX_QUERY_SIZE, in characters. */
export const MAX_QUERY_SIZE = 10_000;
/** GitlabSchema::DEFAULT_MAX_COMPLEXITY, AUTHENTICATED_COMPLEXITY and ADMIN_COMPLEXITY. */
export const MAX_COMPLEXITY = { anonymous: 200, authenticated: 250, admin: 300 } as const;
/** GitlabSchema::DEFAULT_MAX_DEPTH and AUTHENTICATED_MAX_DEPTH. */
export const MAX_DEPTH = { anonymous: 10, authenticated: 15 } as const;
/** GitlabSchema's default_max_page_size. */
export const MAX_PAGE_SIZE = 100;

/**
 * Fields backed by a resolver class, with its complexity multiplier per item loaded
 * (BaseResolver.complexity_multiplier: 1% per item, none when looking up by iid; the project and
 * group resolvers load one record).
 */
const RESOLVED_FIELDS: Record<string, (args: Record<string, unknown>) => number> = {
  'Query.project': () => 0,
  'Query.group': () => 0,
  'Query.issue': () => 0,
  'Project.issues': (args) => ('iid' in args || 'iids' in args ? 0 : 0.01),
  'Group.issues': (args) => ('iid' in args || 'iids' in args ? 0 : 0.01),
  'Project.labels': () => 0.01,
  'Group.labels': () => 0.01,
};

export interface QueryCost {
  complexity: number;
  depth: number;
}

/**
 * graphql-ruby's complexity as GitLab configures it: 1 per field plus its selections; a field with
 * a resolver costs its selections plus 1 (+1 with `sort`, +5 with `search`), grown by 1% of that
 * per item it may load (`first`/`last`, at most 100). Depth counts nested fields, introspection
 * fields excluded.
 */
export function queryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): QueryCost {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return { complexity: 0, depth: 0 };
  return measure(schema, operation.selectionSet, root, fragments, variables, new Set());
}

function measure(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  visiting: Set<string>,
): QueryCost {
  let complexity = 0;
  let depth = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      const field = isObjectType(parent) ? parent.getFields()[name] : undefined;
      const child =
        selection.selectionSet && field
          ? measure(schema, selection.selectionSet, getNamedType(field.type), fragments, variables, visiting)
          : { complexity: 0, depth: 0 };
      const args: Record<string, unknown> = {};
      for (const argument of selection.arguments ?? []) args[argument.name.value] = valueFromASTUntyped(argument.value, variables);
      for (const definition of field?.args ?? [])
        if (!(definition.name in args) && definition.defaultValue !== undefined) args[definition.name] = definition.defaultValue;
      const multiplier = RESOLVED_FIELDS[`${parent.name}.${name}`];
      if (multiplier) {
        let cost = child.complexity + 1 + (args['sort'] !== undefined ? 1 : 0) + (args['search'] ? 5 : 0);
        const limits = [args['first'], args['last'], MAX_PAGE_SIZE].filter((value): value is number => typeof value === 'number');
        cost += cost * Math.min(...limits) * multiplier(args);
        complexity += Math.floor(cost);
      } else if (parent.name === 'Mutation') complexity += child.complexity;
      else complexity += 1 + child.complexity;
      depth = Math.max(depth, 1 + child.depth);
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      const key = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
      if (key !== undefined && visiting.has(key)) continue;
      if (key !== undefined) visiting.add(key);
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
      const inner = measure(schema, fragment.selectionSet, condition ?? parent, fragments, variables, visiting);
      if (key !== undefined) visiting.delete(key);
      complexity += inner.complexity;
      depth = Math.max(depth, inner.depth);
    }
  }
  return { complexity, depth };
}

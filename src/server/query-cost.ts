import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  GraphQLError,
  isCompositeType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { LIMITS } from '../domain/limits';

/**
 * The query cost limit, computed with the request's variables. graphql-armor's cost rule is a validation rule: it
 * runs before variables exist, so it multiplied by `first: 50` written in the document but not by `first: $n`, and a
 * client could pick the cheaper spelling. This runs once the operation is resolved (Apollo's `didResolveOperation`,
 * before any resolver), reads every list-size argument (`first`, `last`) as the resolver will get it, literal,
 * variable or default, and counts the page the server will really return: every `first` in this schema is a page size,
 * defaulting to LIMITS.pageSize.default and capped at LIMITS.pageSize.max by the services.
 *
 * The arithmetic is graphql-armor's (2 per object, 1 per scalar, 1.5 per level of depth, fragments counted where they
 * are spread), so the limit keeps its meaning; it lives with the other request limits of the server.
 */
export interface QueryCostOptions {
  maxCost: number;
  objectCost?: number;
  scalarCost?: number;
  depthCostFactor?: number;
}

const LIST_SIZE_ARGUMENTS = ['first', 'last'];

/** The cost of one operation, its list sizes read with `variables` (already coerced: see {@link requestCost}). */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  { objectCost = 2, scalarCost = 1, depthCostFactor = 1.5 }: Omit<QueryCostOptions, 'maxCost'> = {},
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const visiting = new Set<string>();

  /** The page a list field will return: its list-size argument as coerced (literal, variable or default), capped. */
  const pageSize = (field: GraphQLField<unknown, unknown>, node: Parameters<typeof getArgumentValues>[1]): number => {
    const sized = field.args.find((arg) => LIST_SIZE_ARGUMENTS.includes(arg.name));
    if (!sized) return 1;
    let value: unknown;
    try {
      value = getArgumentValues(field, node, variables)[sized.name];
    } catch {
      // Execution will refuse these arguments too; until then, the largest page.
      return LIMITS.pageSize.max;
    }
    const requested = typeof value === 'number' ? value : LIMITS.pageSize.default;
    return Math.min(Math.max(requested, 1), LIMITS.pageSize.max);
  };

  const selections = (set: SelectionSetNode, type: GraphQLCompositeType): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__schema') continue;
        const field = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
        const child = field ? getNamedType(field.type) : undefined;
        if (!selection.selectionSet || !field || !isCompositeType(child)) {
          cost += scalarCost;
          continue;
        }
        cost += (objectCost + depthCostFactor * selections(selection.selectionSet, child)) * pageSize(field, selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        cost += objectCost + depthCostFactor * selections(selection.selectionSet, isCompositeType(on) ? on : type);
      } else {
        const fragment = fragments[selection.name.value];
        // Cycles are refused by validation before this runs; the guard only keeps this function total.
        if (!fragment || visiting.has(fragment.name.value)) continue;
        const on = schema.getType(fragment.typeCondition.name.value);
        visiting.add(fragment.name.value);
        cost += scalarCost + depthCostFactor * (objectCost + depthCostFactor * selections(fragment.selectionSet, isCompositeType(on) ? on : type));
        visiting.delete(fragment.name.value);
      }
    }
    return cost;
  };

  // The operation's own fields are not weighted by depth (as graphql-armor counts them); everything below them is.
  return selections(operation.selectionSet, root);
}

/**
 * The cost of a request's operation with its variables as sent (coerced as execution will coerce them, defaults
 * included); undefined when they do not fit the operation, which execution then refuses before any resolver runs.
 */
export function requestCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  weights: Omit<QueryCostOptions, 'maxCost'> = {},
): number | undefined {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
  if (coerced.errors) return undefined;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return operationCost(schema, operation, fragments, coerced.coerced, weights);
}

/** Costs already computed, by document and variables: clients send the same few operations over and over. */
const MAX_COSTS_PER_DOCUMENT = 64;

/** Refuses, before execution and with 400 GRAPHQL_VALIDATION_FAILED, an operation whose cost is over `maxCost`. */
export function queryCostPlugin(options: QueryCostOptions): ApolloServerPlugin {
  // Apollo keeps one parsed DocumentNode per query text, so the same operation meets the same object: the cost of a
  // document and its variables is computed once (it walked the whole document on every request).
  const known = new WeakMap<DocumentNode, Map<string, number | undefined>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          let costs = known.get(document);
          if (!costs) known.set(document, (costs = new Map()));
          const key = `${operation.name?.value ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          let cost = costs.get(key);
          if (!costs.has(key)) {
            cost = requestCost(schema, document, operation, request.variables ?? {}, options);
            if (costs.size >= MAX_COSTS_PER_DOCUMENT) costs.clear();
            costs.set(key, cost);
          }
          if (cost !== undefined && cost > options.maxCost) {
            throw new GraphQLError(`Query Cost limit of ${options.maxCost} exceeded, found ${cost}.`, {
              extensions: { code: ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

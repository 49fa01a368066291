import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { resolveResultTypesSynchronously } from '../api/result-boundary';

/**
 * Executes operations with graphql-jit instead of graphql-js's interpreter, plugged in through Apollo Server's
 * executor hook (its gateway interface, which hands Apollo a schema and an executor; parsing, validation, plugins,
 * error formatting and HTTP stay Apollo's).
 *
 * Why: graphql-js's `execute` builds an info object, a path, an argument map and two dictionaries for every field of
 * every response (a portal page resolves about 250 fields), about 150 KB of garbage per request; that churn made most
 * of the page's CPU after the database, and its collections made the latency tail (docs/BENCHMARKS.md). graphql-jit
 * compiles each document once into a function that walks the selection with the same resolvers, the same error and
 * null-propagation rules, and builds resolve info only for resolvers that read it.
 *
 * Compiled queries are kept per document object: Apollo's document store hands the same parsed document to every
 * request with the same text, and a WeakMap lets a document evicted from that store take its compiled query with it.
 */
export function compiledExecutorGateway(executableSchema: GraphQLSchema): GatewayInterface {
  const schema = resolveResultTypesSynchronously(executableSchema);
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();

  function compile(document: DocumentNode, operationName: string | null): CompiledQuery | ExecutionResult {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    let query = byOperation.get(key);
    if (!query) byOperation.set(key, (query = compileQuery(schema, document, operationName ?? undefined)));
    return query;
  }

  const executor: GatewayExecutor = async ({ document, operation, operationName, request, context }) => {
    // Variables are checked by graphql-js first, so a bad one gets graphql-js's own error (with the variable's node),
    // which Apollo answers as BAD_USER_INPUT; graphql-jit coerces them again in its compiled form.
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (variables.errors) return { errors: variables.errors };
    const query = compile(document, operationName);
    if (!isCompiledQuery(query)) return { errors: query.errors?.map(asGraphQLJsError) };
    const result = (await query.query(undefined, context, withDefaults(request.variables ?? {}, variables.coerced))) as ExecutionResult;
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    load: async () => ({ executor }),
    stop: async () => undefined,
  };
}

/**
 * The variables as sent, plus the defaults graphql-js filled in for those left out: graphql-jit refuses a non-null
 * variable with a default when it is left out (`$confirm: Boolean! = false`), which the spec allows.
 */
function withDefaults(sent: Record<string, unknown>, coerced: Record<string, unknown>): Record<string, unknown> {
  let all = sent;
  for (const name of Object.keys(coerced)) {
    if (Object.hasOwn(sent, name)) continue;
    if (all === sent) all = { ...sent };
    all[name] = coerced[name];
  }
  return all;
}

/**
 * graphql-jit reports errors with its own error class, which Apollo does not recognise as a GraphQLError (it would
 * wrap each again and lose the thrown error behind it). Rebuilt here as graphql-js builds them (locatedError): the
 * message, the path, the error the resolver threw as originalError (whose extensions carry over), the locations.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  // graphql-jit's errors pass `instanceof GraphQLError` but were not built by graphql-js (no own `nodes`).
  if (error instanceof GraphQLError && Object.hasOwn(error, 'nodes')) return error;
  const jitError = error as { message: string; path?: ReadonlyArray<string | number>; originalError?: Error | null; locations?: GraphQLError['locations'] };
  const original = jitError.originalError ?? undefined;
  if (original instanceof GraphQLError && Array.isArray(original.path)) return original;
  const rebuilt = new GraphQLError(jitError.message, { path: jitError.path, originalError: original });
  (rebuilt as { locations?: GraphQLError['locations'] }).locations = jitError.locations;
  return rebuilt;
}

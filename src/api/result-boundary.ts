/**
 * The one boundary between the domain's outcomes and GraphQL. Everything that decides how a result or an error
 * reaches a client is here:
 * - results: `resultUnion` turns a domain outcome (`{ kind }` or a failure `{ kind: 'error', code }`) into a member
 *   of a GraphQL union, and names its metrics label; the union's members come from the same mapping, so a domain
 *   outcome without a GraphQL type, or a union missing one, does not compile;
 * - errors: which codes a client may see (the domain's DOMAIN_ERROR_CODES and Apollo's own), how a DomainError
 *   becomes a GraphQLError, and the masking of everything else as INTERNAL_SERVER_ERROR with a request id.
 * Adding an outcome takes two places: its domain result, and its GraphQL type (a class, and its line in the union's
 * or USER_ERROR_TYPES' mapping).
 */
import 'reflect-metadata';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, isUnionType, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { createUnionType, getMetadataStorage } from 'type-graphql';
import { DOMAIN_ERROR_CODES, DomainError, type DomainErrorCode } from '../domain/errors';
import type { UserError, UserErrorCode } from '../domain/user-errors';
import { USER_ERROR_TYPES, type UserErrorMapping } from './types/user-error.type';

// ---- Results ----

/** Which GraphQL object type a union member is, and the label its outcome is counted under in /metrics. */
const RESULT_TYPE = Symbol('resultType');
const OUTCOME = Symbol('outcome');

type ObjectClass = new () => object;

/** A union member on its way to the client: plain data tagged with its GraphQL type. */
export interface GraphQLResult {
  readonly [RESULT_TYPE]: ObjectClass;
  readonly [OUTCOME]: string;
}

type Success<R> = Exclude<R, UserError>;
type FailureCode<R> = Extract<R, UserError>['code'];

/** How one kind of success becomes its GraphQL type, and the label its outcome is counted under. */
export interface SuccessMapping<S> {
  type: ObjectClass;
  outcome: string;
  view(result: S): object;
}

export type SuccessMappings<R extends { kind: string }> = { [K in Success<R>['kind']]: SuccessMapping<Extract<R, { kind: K }>> };

/** Tags are not enumerable: the value stays plain data to anything that copies or logs it. */
function tagged(type: ObjectClass, outcome: string, value: object): GraphQLResult {
  return Object.defineProperties(value, { [RESULT_TYPE]: { value: type }, [OUTCOME]: { value: outcome } }) as GraphQLResult;
}

/** A domain failure as its GraphQL error type. */
export function userErrorResult(failure: UserError): GraphQLResult {
  // Indexed by the failure's own code, so `fields` takes exactly this failure (TypeScript cannot correlate the two).
  const mapping: { type: ObjectClass; fields?: (error: UserError) => object } = USER_ERROR_TYPES[failure.code] as UserErrorMapping<UserErrorCode> as never;
  const value = { code: failure.code, message: failure.message, ...mapping.fields?.(failure) };
  return tagged(mapping.type, failure.code.toLowerCase(), value);
}

/**
 * A GraphQL union for the outcomes of one use case. `successes` maps each success kind of the domain's outcome
 * type R; `failures` is the domain's list of the failures R can end in (each member's type comes from
 * USER_ERROR_TYPES). `from` turns an outcome into the union's value, so resolvers never name a type themselves.
 */
export function resultUnion<R extends { kind: string }>() {
  return <const F extends readonly UserErrorCode[]>(
    name: string,
    description: string,
    successes: SuccessMappings<R>,
    // Every failure R can end in must be listed (extra ones are harmless but pointless).
    failures: FailureCode<R> extends F[number] ? F : never,
  ) => {
    // Each mapping's view takes its own kind of success; looked up by that kind, so widening them here is safe.
    const byKind: Record<string, { type: ObjectClass; outcome: string; view(result: never): object }> = successes;
    const union = createUnionType({
      name,
      description,
      types: () => [...Object.values(byKind).map((m) => m.type), ...failures.map((code) => USER_ERROR_TYPES[code].type)] as const,
      resolveType: (value: object) => (value as GraphQLResult)[RESULT_TYPE],
    });
    return {
      union,
      from(outcome: R): GraphQLResult {
        if (isFailure(outcome)) return userErrorResult(outcome);
        const mapping = byKind[outcome.kind];
        return tagged(mapping.type, mapping.outcome, mapping.view(outcome as never));
      },
    };
  };
}

/**
 * Makes every result union resolve its member type synchronously, straight from the value's tag. type-graphql wraps
 * each union's resolveType in an async function, which graphql-js awaits but graphql-jit (the executor, see
 * server/compiled-executor.ts) cannot: it needs the type name at once. Applied to the final schema, after every
 * transform that rebuilds its types.
 */
export function resolveResultTypesSynchronously(schema: GraphQLSchema): GraphQLSchema {
  const typeNames = new Map<unknown, string>(getMetadataStorage().objectTypes.map((type) => [type.target, type.name]));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isUnionType(type)) continue;
    type.resolveType = (value: GraphQLResult) => {
      const name = typeNames.get(value?.[RESULT_TYPE]);
      if (!name) throw new Error(`${type.name}: a value without a result type tag reached the union`);
      return name;
    };
  }
  return schema;
}

function isFailure(outcome: { kind: string }): outcome is UserError {
  return outcome.kind === 'error';
}

/** The label a payment mutation's outcome is counted under: its result's, or the code of the error it threw. */
export function outcomeLabel(error: unknown, result: unknown): string {
  if (error) {
    const code = error instanceof DomainError ? error.code : (error as { extensions?: { code?: unknown } })?.extensions?.code;
    return typeof code === 'string' ? code.toLowerCase() : 'internal_error';
  }
  const outcome = (result as Partial<GraphQLResult> | null)?.[OUTCOME];
  return outcome ?? 'unknown';
}

// ---- Errors ----

/** Codes Apollo itself gives requests it refuses; their messages are meant for the client. */
const APOLLO_CLIENT_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
] as const;

/** Codes whose message is meant for the client. Anything else is an internal fault and is masked. */
const CLIENT_CODES: ReadonlySet<string> = new Set<string>([...DOMAIN_ERROR_CODES, ...APOLLO_CLIENT_CODES]);

/** The HTTP status of a request refused as a whole (before any field ran), by code. */
const REQUEST_STATUS: Record<DomainErrorCode, number> = {
  UNAUTHENTICATED: 401,
  LINK_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
  PAYMENT_PROVIDER_UNAVAILABLE: 503,
};

export const INTERNAL_ERROR_MESSAGE = 'Internal server error.';

/** True for an error the client is told about as it is; false for an internal fault (logged, then masked). */
export function isClientError(error: GraphQLError): boolean {
  const code = error.extensions?.code;
  return unwrapResolverError(error) instanceof DomainError || (typeof code === 'string' && CLIENT_CODES.has(code));
}

/**
 * A failure while building a request's context (authentication): the request is refused as a whole. A domain
 * error keeps its code and gets its HTTP status (429 for RATE_LIMITED); anything else is logged by the caller and
 * masked, with the request id for the client to quote.
 */
export function requestFailure(error: unknown, requestId: string): GraphQLError {
  if (error instanceof DomainError) {
    return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details, http: { status: REQUEST_STATUS[error.code] } } });
  }
  return new GraphQLError(INTERNAL_ERROR_MESSAGE, { extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } });
}

/** Apollo's formatError: client errors as they are (without stack traces), internal ones masked. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { code: original.code, ...original.details } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  // A request id set before Apollo's plugins run (a context failure, see requestFailure) is kept for the client to quote.
  const requestId = formatted.extensions?.requestId;
  return {
    message: INTERNAL_ERROR_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(typeof requestId === 'string' && { requestId }) },
  };
}

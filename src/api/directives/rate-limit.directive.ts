import { GraphQLError, GraphQLSchema, buildSchema as buildSdl, type GraphQLDirective } from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { rateLimitDirective } from 'graphql-rate-limit-directive';
import { RateLimiterMemory, RateLimiterRedis, type IRateLimiterOptions, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import type Redis from 'ioredis';
import { Extensions } from 'type-graphql';
import type { RateLimitBudgets } from '../../config/config';
import type { ApiContext } from '../context';

/** Which budget a root field spends. The numbers come from configuration (see config.ts). */
export type RateLimitBudget = 'view' | 'payment' | 'method' | 'admin';

const EXTENSION = 'rateLimitBudget';

/**
 * Marks a Query or Mutation field with its rate-limit budget. At schema build the mark becomes
 * `@rateLimit(limit, duration)` with the configured numbers, so schema.graphql shows the budget.
 */
export function RateLimit(budget: RateLimitBudget): MethodDecorator {
  return Extensions({ [EXTENSION]: budget });
}

const directive = rateLimitDirective<ApiContext, IRateLimiterOptions>({ name: 'rateLimit' });

/** The `@rateLimit` definition, for type-graphql's buildSchema. */
export const rateLimitDirectiveDefinition: GraphQLDirective = buildSdl(
  `${directive.rateLimitDirectiveTypeDefs}\ntype Query { _: Int }`,
).getDirective('rateLimit')!;

/** Turns each root field's budget mark into a `@rateLimit` directive with the configured numbers. */
export function applyRateLimitBudgets(schema: GraphQLSchema, budgets: RateLimitBudgets): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.ROOT_FIELD]: (field) => {
      const budget = field.extensions?.[EXTENSION] as RateLimitBudget | undefined;
      if (!budget) return field;
      const existing = (field.extensions?.directives ?? {}) as Record<string, unknown>;
      return {
        ...field,
        extensions: {
          ...field.extensions,
          directives: { ...existing, rateLimit: [{ limit: budgets[budget], duration: budgets.windowSeconds }] },
        },
      };
    },
  });
}

/** Who a budget belongs to: the token or key id (never the secret), else the client IP. */
export function rateLimitSubject(context: Pick<ApiContext, 'principal' | 'meta'>): string {
  const { principal } = context;
  if (principal.kind === 'customer') return `token:${principal.tokenId}`;
  if (principal.kind === 'admin') return `key:${principal.adminKeyId}`;
  return `ip:${context.meta.ip}`;
}

export class RateLimitedError extends GraphQLError {
  constructor(retryAfterSeconds: number, coordinate: string) {
    super(`Too many requests for ${coordinate}. Retry in ${retryAfterSeconds} s.`, {
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
    });
  }
}

export interface RateLimitStore {
  limiterClass: typeof RateLimiterAbstract;
  limiterOptions: Omit<IRateLimiterOptions, 'points' | 'duration'>;
}

export function memoryRateLimitStore(keyPrefix = 'rl'): RateLimitStore {
  return { limiterClass: RateLimiterMemory as unknown as typeof RateLimiterAbstract, limiterOptions: { keyPrefix } };
}

/**
 * Redis, shared by every instance. When Redis cannot be reached, each instance falls back to its own
 * in-memory budget (rate-limiter-flexible's insurance limiter): limits stay enforced, per instance,
 * rather than failing every request or letting everything through.
 */
export function redisRateLimitStore(redis: Redis, keyPrefix = 'rl'): RateLimitStore {
  class RedisWithMemoryInsurance extends RateLimiterRedis {
    constructor(options: IRateLimiterOptions & { storeClient: unknown }) {
      super({
        ...options,
        insuranceLimiter: new RateLimiterMemory({ points: options.points, duration: options.duration, keyPrefix: `${keyPrefix}-insurance` }),
      });
    }
  }
  return {
    limiterClass: RedisWithMemoryInsurance as unknown as typeof RateLimiterAbstract,
    limiterOptions: { keyPrefix, storeClient: redis } as Omit<IRateLimiterOptions, 'points' | 'duration'>,
  };
}

/**
 * Applies `@rateLimit` to a schema: per subject and per field; each alias spends a point.
 * `onLimited` runs on every refusal; `firstInWindow` marks the first one of a subject, field and window, so a
 * flood of refused requests need not become a flood of audit writes.
 */
export function rateLimitTransformer(
  store: RateLimitStore,
  onLimited: (context: ApiContext, coordinate: string, firstInWindow: boolean) => Promise<void>,
) {
  return rateLimitDirective<ApiContext, IRateLimiterOptions>({
    name: 'rateLimit',
    limiterClass: store.limiterClass,
    limiterOptions: store.limiterOptions,
    keyGenerator: (_args, _source, _fieldArgs, context, info) => `${rateLimitSubject(context)}:${info.parentType.name}.${info.fieldName}`,
    onLimit: async (response: RateLimiterRes, directiveArgs, _source, _fieldArgs, context, info) => {
      const coordinate = `${info.parentType.name}.${info.fieldName}`;
      // Each call spends one point, so the first refusal is the one that went one past the limit.
      await onLimited(context, coordinate, response.consumedPoints === directiveArgs.limit + 1);
      throw new RateLimitedError(Math.max(1, Math.ceil(response.msBeforeNext / 1000)), coordinate);
    },
  }).rateLimitDirectiveTransformer;
}

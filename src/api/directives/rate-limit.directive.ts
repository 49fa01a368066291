import { GraphQLSchema, buildSchema as buildSdl, type GraphQLDirective } from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { rateLimitDirective } from 'graphql-rate-limit-directive';
import type { IRateLimiterOptions } from 'rate-limiter-flexible';
import { Extensions } from 'type-graphql';
import type { RateLimitBudgets } from '../../config/config';
import type { ApiContext } from '../context';

/** Which budget a root field spends. The numbers come from configuration (see config.ts). */
export type RateLimitBudget = 'view' | 'payment' | 'method' | 'admin' | 'newLink';

const EXTENSION = 'rateLimitBudget';

/**
 * Marks a Query or Mutation field with its rate-limit budget. At schema build the mark becomes
 * `@rateLimit(limit, duration)` with the configured numbers, so schema.graphql shows the budget.
 * The limits themselves are enforced by the server's RateLimitPolicy (server/rate-limit.policy.ts).
 */
export function RateLimit(budget: RateLimitBudget): MethodDecorator {
  return Extensions({ [EXTENSION]: budget });
}

/** The `@rateLimit` definition, for type-graphql's buildSchema. */
export const rateLimitDirectiveDefinition: GraphQLDirective = buildSdl(
  `${rateLimitDirective<ApiContext, IRateLimiterOptions>({ name: 'rateLimit' }).rateLimitDirectiveTypeDefs}\ntype Query { _: Int }`,
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

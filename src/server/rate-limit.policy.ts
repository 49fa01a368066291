import { rateLimitDirective } from 'graphql-rate-limit-directive';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type IRateLimiterOptions, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import type { ApiContext } from '../api/context';
import type { RateLimitBudgets } from '../config/config';
import { RateLimitedError } from '../domain/errors';
import type { Principal, RequestMeta } from '../domain/principal';

/**
 * How requests are limited, in one place: the budgets (from configuration), where they are counted (Redis, shared by
 * every instance, when REDIS_URL is set; else this process's memory), and the refusal (RateLimitedError, one class
 * for every limit). The `@rateLimit` field budgets and the failed-authentication gate both take their limiters here.
 *
 * When Redis cannot be reached, each instance falls back to its own in-memory budget (rate-limiter-flexible's
 * insurance limiter): limits stay enforced, per instance, rather than failing every request or letting everything
 * through.
 */
export class RateLimitPolicy {
  private readonly limiterClass: new (options: IRateLimiterOptions) => RateLimiterAbstract;

  constructor(
    readonly budgets: RateLimitBudgets,
    redis?: Redis,
  ) {
    class RedisWithMemoryInsurance extends RateLimiterRedis {
      constructor(options: IRateLimiterOptions) {
        const insuranceLimiter = new RateLimiterMemory({ points: options.points, duration: options.duration, keyPrefix: `${options.keyPrefix}-insurance` });
        super({ ...options, storeClient: redis, insuranceLimiter });
      }
    }
    this.limiterClass = redis ? RedisWithMemoryInsurance : RateLimiterMemory;
  }

  /**
   * Failed authentications, counted three ways (see auth-failure-gate.ts): per client IP, per credential (wrong
   * verifiers for one token or key, from anywhere), and per credential and IP. Keys hold ids and addresses, never a
   * secret or a selector.
   */
  authFailureLimiters(): { address: RateLimiterAbstract; credential: RateLimiterAbstract; addressOnCredential: RateLimiterAbstract } {
    const { authFailure, credentialFailure, windowSeconds, keyPrefix } = this.budgets;
    const limiter = (points: number, name: string) => new this.limiterClass({ points, duration: windowSeconds, keyPrefix: `${keyPrefix}:${name}` });
    return {
      address: limiter(authFailure, 'authfail'),
      credential: limiter(credentialFailure, 'authfail-credential'),
      addressOnCredential: limiter(1, 'authfail-credential-ip'),
    };
  }

  /**
   * Applies `@rateLimit` to a schema: per subject and per field; each alias spends a point. `onLimited` runs on
   * every refusal; `firstInWindow` marks the first one of a subject, field and window, so a flood of refused
   * requests need not become a flood of audit writes.
   */
  fieldLimits(onLimited: (context: ApiContext, coordinate: string, firstInWindow: boolean) => Promise<void>) {
    return rateLimitDirective<ApiContext, IRateLimiterOptions>({
      name: 'rateLimit',
      // The directive builds one limiter per field with this class; its typing asks for the abstract base.
      limiterClass: this.limiterClass as unknown as typeof RateLimiterAbstract,
      limiterOptions: { keyPrefix: this.budgets.keyPrefix },
      keyGenerator: (_args, _source, _fieldArgs, context, info) => `${rateLimitSubject(context.principal, context.meta)}:${info.parentType.name}.${info.fieldName}`,
      onLimit: async (response: RateLimiterRes, directiveArgs, _source, _fieldArgs, context, info) => {
        const coordinate = `${info.parentType.name}.${info.fieldName}`;
        // Each call spends one point, so the first refusal is the one that went one past the limit.
        await onLimited(context, coordinate, response.consumedPoints === directiveArgs.limit + 1);
        throw refused(response, (seconds) => `Too many requests for ${coordinate}. Retry in ${seconds} s.`);
      },
    }).rateLimitDirectiveTransformer;
  }
}

/** The refusal of a limiter that ran out: how long until it refills, as a RateLimitedError. */
export function refused(state: Pick<RateLimiterRes, 'msBeforeNext'>, message?: (retryAfterSeconds: number) => string): RateLimitedError {
  return RateLimitedError.after(state.msBeforeNext, message);
}

/** Who a budget belongs to: the token or key id (never the secret), else the client IP. */
export function rateLimitSubject(principal: Principal, meta: RequestMeta): string {
  if (principal.kind === 'customer') return `token:${principal.tokenId}`;
  if (principal.kind === 'admin') return `key:${principal.adminKeyId}`;
  return `ip:${meta.ip}`;
}

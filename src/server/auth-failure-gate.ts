import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AuthFailureGate } from '../domain/auth.service';
import { DomainError } from '../domain/errors';

/**
 * Failed authentications per client IP. Checked before any token lookup or argon2 work,
 * so guessing stays slow and cannot be used to burn CPU.
 */
export function authFailureGate(limiter: RateLimiterAbstract, limit: number): AuthFailureGate {
  return {
    async assertAllowed(ip) {
      const state = await limiter.get(ip);
      if (state && state.consumedPoints >= limit) {
        throw new DomainError('RATE_LIMITED', 'Too many failed authentication attempts. Try again later.', {
          retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)),
        });
      }
    },
    async recordFailure(ip) {
      await limiter.penalty(ip, 1);
    },
  };
}

import type { AuthFailureGate } from '../domain/auth.service';
import { refused, type RateLimitPolicy } from './rate-limit.policy';

/**
 * Failed authentications per client IP, counted where the policy counts every limit. Checked before any token
 * lookup or argon2 work, so guessing stays slow and cannot be used to burn CPU.
 */
export function authFailureGate(policy: RateLimitPolicy): AuthFailureGate {
  const limiter = policy.authFailureLimiter();
  const limit = policy.budgets.authFailure;
  return {
    async assertAllowed(ip) {
      const state = await limiter.get(ip);
      if (state && state.consumedPoints >= limit) throw refused(state, () => 'Too many failed authentication attempts. Try again later.');
    },
    async recordFailure(ip) {
      await limiter.penalty(ip, 1);
    },
  };
}

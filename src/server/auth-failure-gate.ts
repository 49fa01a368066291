import type { RateLimiterRes } from 'rate-limiter-flexible';
import type { AuthFailureGate } from '../domain/auth.service';
import { refused, type RateLimitPolicy } from './rate-limit.policy';

const message = () => 'Too many failed authentication attempts. Try again later.';

/**
 * The failed-authentication budgets of AuthService's rule (see its comment), counted where the policy counts every
 * limit (Redis when configured): failures per client IP; and for argon2 checks, also per credential and per credential
 * and IP. An argon2 check is counted before it runs and given back when the secret verifies, so concurrent attempts
 * are judged one by one on atomic counts instead of all passing before the first failure is written.
 */
export function authFailureGate(policy: RateLimitPolicy): AuthFailureGate {
  const limiters = policy.authFailureLimiters();
  const { authFailure, credentialFailure } = policy.budgets;
  const pairKey = (ip: string, credentialId: string) => `${credentialId}:${ip}`;
  const addressRefusal = (state: RateLimiterRes | null) => (state && state.consumedPoints > authFailure ? refused(state, message) : undefined);

  return {
    async recordFailure(ip) {
      return addressRefusal(await limiters.address.penalty(ip, 1));
    },

    async addressRefusal(ip) {
      return addressRefusal(await limiters.address.get(ip));
    },

    async beginVerification(ip, credentialId) {
      const pair = pairKey(ip, credentialId);
      const [address, credential, tries] = await Promise.all([
        limiters.address.penalty(ip, 1),
        limiters.credential.penalty(credentialId, 1),
        limiters.addressOnCredential.penalty(pair, 1),
      ]);
      const exhausted = [address.consumedPoints > authFailure && address, credential.consumedPoints > credentialFailure && credential].filter(
        (state): state is RateLimiterRes => !!state,
      );
      // An address that has not tried this credential in the window is always checked: it may be the owner's.
      if (tries.consumedPoints > 1 && exhausted.length) {
        // Until this address's try on the credential is forgotten, or the exhausted budget refills.
        const msBeforeNext = Math.min(tries.msBeforeNext, Math.max(...exhausted.map((state) => state.msBeforeNext)));
        return { refused: refused({ msBeforeNext }, message), verified: async () => undefined };
      }
      return {
        verified: async () => {
          await Promise.all([limiters.address.reward(ip, 1), limiters.credential.reward(credentialId, 1), limiters.addressOnCredential.reward(pair, 1)]);
        },
      };
    },
  };
}

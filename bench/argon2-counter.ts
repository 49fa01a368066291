import argon2 from 'argon2';

/**
 * Every argon2 verification in this process, counted by wrapping the module's export (the domain code calls
 * `argon2.verify` through the same module object). This is how the benchmark shows that repeat requests
 * with one token skip argon2: the count does not move while the load runs.
 */
let argon2Verifications = 0;
const verificationTimes: number[] = [];
export const originalVerify = argon2.verify;
(argon2 as { verify: typeof argon2.verify }).verify = (...args: Parameters<typeof argon2.verify>) => {
  argon2Verifications++;
  verificationTimes.push(Date.now());
  return originalVerify(...args);
};
export const argon2VerifyCount = () => argon2Verifications;

/** When verification number `index` (from 0) ran, epoch ms; undefined before the first. */
export const argon2VerifiedAt = (index: number): number | undefined => verificationTimes[index];

/** Verifications after the first `since`, grouped into bursts (less than a second apart), e.g. at a cache expiry. */
export function argon2Bursts(since: number): { at: number; calls: number }[] {
  const bursts: { at: number; calls: number; last: number }[] = [];
  for (const time of verificationTimes.slice(since)) {
    const current = bursts.at(-1);
    if (current && time - current.last < 1000) {
      current.calls++;
      current.last = time;
    } else {
      bursts.push({ at: time, calls: 1, last: time });
    }
  }
  return bursts.map(({ at, calls }) => ({ at, calls }));
}

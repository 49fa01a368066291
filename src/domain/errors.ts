/**
 * Unexpected or access-level failures, thrown with a stable code that the API layer turns into `extensions.code`
 * (see api/result-boundary.ts). Expected business outcomes (a declined card, an amount above the balance) are not
 * thrown: they are returned as typed results (see user-errors.ts).
 */
export const DOMAIN_ERROR_CODES = [
  'UNAUTHENTICATED',
  'LINK_EXPIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'PAYMENT_PROVIDER_UNAVAILABLE',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Too many requests: the one error every limit (field budgets, failed authentications) refuses with. */
export class RateLimitedError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many requests. Retry in ${retryAfterSeconds} s.`,
  ) {
    super('RATE_LIMITED', message, { retryAfterSeconds });
    this.name = 'RateLimitedError';
  }

  /** From a limiter's wait: at least one second, so a client never retries at once. */
  static after(msBeforeNext: number, message?: (retryAfterSeconds: number) => string): RateLimitedError {
    const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    return new RateLimitedError(seconds, message?.(seconds));
  }
}

/** One message for every kind of bad credential, so a caller cannot tell a revoked token from a wrong one. */
export const UNAUTHENTICATED_MESSAGE = 'Missing or invalid credentials.';

export const unauthenticated = () => new DomainError('UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE);

export const LINK_EXPIRED_MESSAGE = 'This payment link has expired. requestNewPaymentLink emails a new one to the address on file.';

/**
 * A genuine payment link (its secret verified) past its expiry: only its holder, who knows the secret, can get this
 * answer, so it tells an attacker nothing. A wrong, revoked or unknown link stays UNAUTHENTICATED.
 */
export const linkExpired = () => new DomainError('LINK_EXPIRED', LINK_EXPIRED_MESSAGE);
export const forbidden = (message = 'Not allowed.') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found.`);
export const badInput = (message: string, field?: string) =>
  new DomainError('BAD_USER_INPUT', message, field ? { field } : {});

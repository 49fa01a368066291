/**
 * Unexpected or access-level failures, thrown with a stable code that the API layer
 * turns into `extensions.code`. Expected business outcomes (a declined card, an amount above
 * the balance) are not thrown: they are returned as typed results (see payment-results.ts).
 */
export type DomainErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'PAYMENT_PROVIDER_UNAVAILABLE'
  | 'CONFLICT';

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

/** One message for every kind of bad credential, so a caller cannot tell a revoked token from a wrong one. */
export const UNAUTHENTICATED_MESSAGE = 'Missing or invalid credentials.';

export const unauthenticated = () => new DomainError('UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE);
export const forbidden = (message = 'Not allowed.') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found.`);
export const badInput = (message: string, field?: string) =>
  new DomainError('BAD_USER_INPUT', message, field ? { field } : {});

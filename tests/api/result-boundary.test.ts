/**
 * The boundary between domain outcomes and GraphQL (src/api/result-boundary.ts): what a client receives for each
 * kind of outcome and error, and the compile-time guarantees that keep the mapping complete.
 */
import { GraphQLError } from 'graphql';
import { formatError, outcomeLabel, requestFailure, resultUnion } from '../../src/api/result-boundary';
import { ConfirmPaymentResult, CreatePaymentIntentResult, PaymentIntentType } from '../../src/api/types/payment-results.type';
import { DomainError, RateLimitedError } from '../../src/domain/errors';
import { CONFIRMATION_FAILURES, PAYMENT_INTENT_FAILURES, type ConfirmationOutcome, type PaymentIntentOutcome } from '../../src/domain/payments/payment-results';
import { userError } from '../../src/domain/user-errors';

describe('results', () => {
  it('turns a domain failure into its GraphQL error type, with money ready to display', () => {
    const result = CreatePaymentIntentResult.from(userError('AMOUNT_EXCEEDS_BALANCE', 'Too much.', { amountDue: { amount: 49_900, currency: 'usd' } }));
    expect({ ...result }).toEqual({ code: 'AMOUNT_EXCEEDS_BALANCE', message: 'Too much.', amountDue: { amount: 49_900, currency: 'usd', formatted: '$499.00' } });
    expect(outcomeLabel(undefined, result)).toBe('amount_exceeds_balance');
  });

  it('turns each kind of success into its GraphQL type, counted under its own label', () => {
    const pending = ConfirmPaymentResult.from({ kind: 'pending', paymentIntentId: 'pi_1', status: 'PROCESSING' });
    expect({ ...pending }).toEqual({ paymentIntentId: 'pi_1', status: 'PROCESSING' });
    expect(outcomeLabel(undefined, pending)).toBe('pending');

    const intent = CreatePaymentIntentResult.from({ kind: 'intent', intent: { id: 'pi_2', clientSecret: 'pi_2_secret_x', status: 'REQUIRES_PAYMENT_METHOD', amount: { amount: 5_000, currency: 'eur' } } });
    expect({ ...intent }).toEqual({ id: 'pi_2', clientSecret: 'pi_2_secret_x', status: 'REQUIRES_PAYMENT_METHOD', amount: { amount: 5_000, currency: 'eur', formatted: '€50.00' } });
    expect(outcomeLabel(undefined, intent)).toBe('intent_created');
  });

  it('counts a thrown error under its code, and anything else as an internal error', () => {
    expect(outcomeLabel(new RateLimitedError(3), undefined)).toBe('rate_limited');
    expect(outcomeLabel(new GraphQLError('x', { extensions: { code: 'BAD_USER_INPUT' } }), undefined)).toBe('bad_user_input');
    expect(outcomeLabel(new Error('boom'), undefined)).toBe('internal_error');
  });
});

describe('errors', () => {
  it('gives a domain error to the client with its code and details', () => {
    const formatted = formatError({ message: 'wrapped' }, new GraphQLError('wrapped', { path: ['balance'], originalError: new RateLimitedError(7) }));
    expect(formatted).toEqual({ message: 'Too many requests. Retry in 7 s.', path: undefined, locations: undefined, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 7 } });
  });

  it('masks anything else as an internal error, keeping only a request id to quote', () => {
    const formatted = formatError({ message: 'relation "Invoice" does not exist', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r-1', stacktrace: ['…'] } }, new Error('db'));
    expect(formatted).toEqual({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r-1' } });
    expect(formatError({ message: 'secret detail', extensions: { code: 'SOMETHING_ELSE' } }, new Error('x')).message).toBe('Internal server error.');
  });

  it('refuses a whole request with the status its code calls for', () => {
    expect(requestFailure(new RateLimitedError(30), 'r-2').extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 30, http: { status: 429 } });
    expect(requestFailure(new DomainError('FORBIDDEN', 'No.'), 'r-3').extensions).toMatchObject({ code: 'FORBIDDEN', http: { status: 403 } });
    expect(requestFailure(new Error('driver exploded'), 'r-4')).toMatchObject({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r-4' } });
  });
});

/**
 * Never run: `npm test` type-checks it, and each line below must fail to compile (ts-expect-error fails the
 * type check when it does not). These are the mistakes the boundary exists to catch.
 */
export function mistakesThatDoNotCompile() {
  const intent = { type: PaymentIntentType, outcome: 'intent_created', view: () => ({}) };
  // @ts-expect-error a union must offer every failure its use case can end in
  resultUnion<PaymentIntentOutcome>()('A', 'a', { intent }, CONFIRMATION_FAILURES);
  // @ts-expect-error every kind of success needs its GraphQL type
  resultUnion<ConfirmationOutcome>()('B', 'b', { payment: intent }, CONFIRMATION_FAILURES);
  // @ts-expect-error a success mapping names a kind the use case does not have
  resultUnion<PaymentIntentOutcome>()('C', 'c', { intent, payment: intent }, PAYMENT_INTENT_FAILURES);
  // @ts-expect-error a failure carries its fields (AMOUNT_EXCEEDS_BALANCE needs amountDue)
  userError('AMOUNT_EXCEEDS_BALANCE', 'Too much.');
}

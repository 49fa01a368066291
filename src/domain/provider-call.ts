import { ProviderUnavailableError } from '../payments/payment-provider.port';
import { DomainError } from './errors';

/** Runs a provider call; an unreachable or failing provider becomes the client-facing PAYMENT_PROVIDER_UNAVAILABLE. */
export async function providerCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ProviderUnavailableError) {
      throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', 'The payment provider is unavailable. Please try again shortly.');
    }
    throw error;
  }
}

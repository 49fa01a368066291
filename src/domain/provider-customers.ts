import type { Db } from '../db/database';
import type { PaymentProvider } from '../payments/payment-provider.port';
import { providerCall } from './provider-call';

/**
 * The payment provider's customer for each of ours, created the first time one is needed (to take a payment or
 * save a card). Both paying and saving cards go through here, so a customer never gets two.
 */
export class ProviderCustomers {
  constructor(
    private readonly db: Db,
    private readonly provider: PaymentProvider,
  ) {}

  async idFor(customerId: string): Promise<string> {
    const customer = await this.db.customer.findUniqueOrThrow({ where: { id: customerId } });
    if (customer.providerCustomerId) return customer.providerCustomerId;
    // The idempotency key makes concurrent first uses agree on one provider customer.
    const created = await providerCall(() =>
      this.provider.createCustomer({ name: customer.name, email: customer.email, metadata: { customer_id: customer.id }, idempotencyKey: `customer-${customer.id}` }),
    );
    await this.db.customer.updateMany({ where: { id: customer.id, providerCustomerId: null }, data: { providerCustomerId: created } });
    return (await this.db.customer.findUniqueOrThrow({ where: { id: customer.id } })).providerCustomerId!;
  }
}

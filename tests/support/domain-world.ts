/**
 * The domain services on a scratch database with the in-memory provider behind the port, for tests of the rules
 * without HTTP or Stripe (tests/domain). Each call makes a database of its own; `close()` drops it.
 */
import { loadConfig } from '../../src/config/config';
import { openDatabase, type Database } from '../../src/db/database';
import { seedDemo } from '../../src/dev/demo-seed';
import type { OperatorLog } from '../../src/domain/operator-log';
import type { CustomerPrincipal, RequestMeta } from '../../src/domain/principal';
import { InMemoryPaymentProvider } from '../../src/payments/in-memory-payment-provider';
import { createServices, type Services } from '../../src/services';
import { createMigratedDatabase } from './test-app';

/** A line the services wrote to the operator log. */
export interface OperatorLine {
  level: 'error' | 'warn';
  details: Record<string, unknown>;
  message: string;
}

export interface DomainWorld {
  provider: InMemoryPaymentProvider;
  services: Services;
  database: Database;
  /** A payment link bound to the demo's open invoice of $499.00. */
  customer: CustomerPrincipal;
  invoiceId: string;
  /** A link for the same customer's whole account. */
  account: CustomerPrincipal;
  /** What the services told the operator, in order. */
  operatorLog: OperatorLine[];
  close(): Promise<void>;
}

let requests = 0;

/** A request's metadata, each with its own id (as every HTTP request has). */
export const requestMeta = (): RequestMeta => ({ ip: '192.0.2.1', requestId: `domain-test-${++requests}` });

/** The demo organization's customer and its $499.00 invoice, with services on a provider of the test's own. */
export async function domainWorld(provider = new InMemoryPaymentProvider()): Promise<DomainWorld> {
  const scratch = await createMigratedDatabase();
  const database = await openDatabase(scratch.url);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: scratch.url, ARGON2_MEMORY_KIB: '8192', ARGON2_TIME_COST: '1' });
  const operatorLog: OperatorLine[] = [];
  const log: OperatorLog = {
    error: (details, message) => operatorLog.push({ level: 'error', details, message }),
    warn: (details, message) => operatorLog.push({ level: 'warn', details, message }),
  };
  const services = createServices({ db: database.prisma, dbProvider: database.provider, reads: database.reads, config, provider, log });
  const seed = await seedDemo(services.organizations, services.billing);
  const invoiceId = seed.invoiceIds[1];
  const operator = { kind: 'operator', organizationId: seed.organizationId } as const;
  const bound = await services.tokens.issue(operator, { customerId: seed.customerId, invoiceId }, null);
  const customer: CustomerPrincipal = { kind: 'customer', tokenId: bound.paymentToken.id, organizationId: seed.organizationId, customerId: seed.customerId, invoiceId };
  const wide = await services.tokens.issue(operator, { customerId: seed.customerId }, null);
  const account: CustomerPrincipal = { ...customer, tokenId: wide.paymentToken.id, invoiceId: null };
  await services.usage.close();
  return {
    provider,
    services,
    database,
    customer,
    invoiceId,
    account,
    operatorLog,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}

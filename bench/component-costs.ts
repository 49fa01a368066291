import { createLoaders } from '../src/api/loaders';
import { formatMoney } from '../src/domain/money';
import type { CustomerPrincipal } from '../src/domain/principal';
import { parseSecret } from '../src/domain/secret-token';
import type { PortalServer } from './portal-server';
import { median } from './stats';

/** Calls per batch; three batches per part. */
export const COMPONENT_ITERATIONS = 100;

/** The parts, by name: authentication includes the token lookup, which is also timed alone. */
export const AUTHENTICATION = 'Authentication, token cached (AuthService.authenticate: token lookup, cache check, usage recorded for writing behind)';
export const TOKEN_LOOKUP = '… of which the token lookup alone (1 SELECT)';
export const PAGE_READS = "The page's other reads (invoice, balance, payments, cards, line items)";

/** CPU per call of one piece of a portal page request, measured on its own. */
export interface ComponentCost {
  name: string;
  cpuMs: number;
  wallMs: number;
}

/**
 * The parts of a portal page request that touch the database, run one after another on an idle server through
 * the same services and Prisma client the request uses (authentication is the real AuthService, so it follows
 * whatever src/ does), so their cost can be set against C's CPU per request without the noise of a load test:
 * CPU per call, median of three batches.
 */
export async function componentCosts(server: PortalServer, moneyValues: number, iterations = COMPONENT_ITERATIONS): Promise<ComponentCost[]> {
  const { services } = server.app;
  const customer = server.small;
  const { selector } = parseSecret(customer.token)!;
  const principal: CustomerPrincipal = {
    kind: 'customer',
    tokenId: customer.tokenId,
    organizationId: customer.organizationId,
    customerId: customer.customerId,
    invoiceId: null,
  };

  const authorization = `Bearer ${customer.token}`;
  const meta = { ip: '127.0.0.1', requestId: 'benchmark' };
  const parts: [string, () => Promise<unknown>][] = [
    [AUTHENTICATION, () => services.auth.authenticate(authorization, meta)],
    [TOKEN_LOOKUP, () => server.app.database.reads.tokenBySelector(selector)],
    [
      PAGE_READS,
      async () => {
        const invoice = await services.portal.invoice(principal, null);
        await Promise.all([
          services.portal.balance(principal),
          services.portal.paymentHistory(principal, 10, null),
          services.portal.paymentMethods(principal),
          createLoaders(services).lineItems.load(invoice),
        ]);
      },
    ],
    [
      `Formatting the page's ${moneyValues} Money values`,
      async () => {
        for (let i = 0; i < moneyValues; i++) formatMoney({ amount: 1000 + i, currency: 'usd' });
      },
    ],
  ];

  const principalOf = await services.auth.authenticate(authorization, meta);
  if (principalOf.kind !== 'customer') throw new Error('the benchmark token did not authenticate');

  const costs: ComponentCost[] = [];
  for (const [name, run] of parts) {
    for (let i = 0; i < 20; i++) await run();
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let batch = 0; batch < 3; batch++) {
      const cpuStart = process.cpuUsage();
      const wallStart = performance.now();
      for (let i = 0; i < iterations; i++) await run();
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000 / iterations);
      wall.push((performance.now() - wallStart) / iterations);
    }
    costs.push({ name, cpuMs: median(cpu), wallMs: median(wall) });
  }
  return costs;
}

import { createLoaders } from '../src/api/loaders';
import { formatMoney } from '../src/domain/money';
import type { CustomerPrincipal } from '../src/domain/principal';
import { parseSecret } from '../src/domain/secret-token';
import type { PortalServer } from './portal-server';
import { median } from './stats';

/** Calls per batch; three batches per part. */
export const COMPONENT_ITERATIONS = 100;

/** CPU per call of one piece of a portal page request, measured on its own. */
export interface ComponentCost {
  name: string;
  cpuMs: number;
  wallMs: number;
}

/**
 * The parts of a portal page request that touch the database, run one after another on an idle server through
 * the same services and Prisma client the request uses, so their cost can be set against C's CPU per request
 * without the noise of a load test: CPU per call, median of three batches.
 */
export async function componentCosts(server: PortalServer, moneyValues: number, iterations = COMPONENT_ITERATIONS): Promise<ComponentCost[]> {
  const { services } = server.app;
  const db = server.app.database.prisma;
  const customer = server.small;
  const { selector } = parseSecret(customer.token)!;
  const principal: CustomerPrincipal = {
    kind: 'customer',
    tokenId: customer.tokenId,
    organizationId: customer.organizationId,
    customerId: customer.customerId,
    invoiceId: null,
  };

  const parts: [string, () => Promise<unknown>][] = [
    ['Token lookup (1 SELECT)', () => db.customerPaymentToken.findUnique({ where: { selector } })],
    [
      'Token-usage write (UPDATE + audit INSERT in a transaction)',
      () =>
        db.$transaction([
          db.customerPaymentToken.update({
            where: { id: customer.tokenId },
            data: { lastUsedAt: new Date(), lastUsedIp: '127.0.0.1', useCount: { increment: 1 } },
          }),
          services.audit.entry({
            action: 'TOKEN_USED',
            organizationId: customer.organizationId,
            actorType: 'PAYMENT_TOKEN',
            actorId: customer.tokenId,
            targetType: 'CustomerPaymentToken',
            targetId: customer.tokenId,
            ip: '127.0.0.1',
            details: { requestId: 'benchmark' },
          }),
        ]),
    ],
    [
      "The page's other reads (6 SELECTs: invoice, balance, payments, cards, line items)",
      async () => {
        const invoice = await services.portal.invoice(principal, null);
        await Promise.all([
          services.portal.balance(principal),
          services.portal.paymentHistory(principal, 10, null),
          services.portal.paymentMethods(principal),
          createLoaders(db).lineItemsByInvoiceId.load(invoice.id),
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

import { expect } from '@jest/globals';
import { InvoiceDocument, InvoicePaymentsDocument, PaymentHistoryDocument } from '../graphql/generated/operations';
import type { SeededCustomer } from './fixtures';
import { graphql, type TestApp } from './test-app';

/**
 * What the money tests read back after each step, as the customer and the admin see it: the invoice of the customer's
 * link, the customer's payment history, and the admin's view of the link's invoice (its payments, refunds, disputes).
 * `app` is read at each call because test files start their app in beforeAll.
 */
export function moneyViews(app: () => TestApp) {
  return {
    async invoice(c: SeededCustomer) {
      return (await graphql(app().url, InvoiceDocument, {}, { token: c.token })).body.data!.invoice;
    },
    async history(c: SeededCustomer) {
      return (await graphql(app().url, PaymentHistoryDocument, {}, { token: c.token })).body.data!.paymentHistory.edges.map((e) => e.node);
    },
    async adminView(c: SeededCustomer) {
      const res = await graphql(app().url, InvoicePaymentsDocument, { invoiceId: c.invoiceIds[1] }, { token: c.adminApiKey });
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.invoicePayments;
    },
  };
}

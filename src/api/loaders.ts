import DataLoader from 'dataloader';
import type { PortalReads } from '../db/portal-reads';
import type { InvoiceLineItem } from '../db/generated/sqlite/client';

/** Built fresh for each request, so nothing is cached across requests or principals. */
export interface Loaders {
  lineItemsByInvoiceId: DataLoader<string, InvoiceLineItem[]>;
}

export function createLoaders(reads: PortalReads): Loaders {
  return {
    lineItemsByInvoiceId: new DataLoader(async (invoiceIds) => {
      const rows = await reads.lineItems(invoiceIds);
      const byInvoice = new Map<string, InvoiceLineItem[]>();
      for (const row of rows) {
        const list = byInvoice.get(row.invoiceId) ?? [];
        list.push(row);
        byInvoice.set(row.invoiceId, list);
      }
      return invoiceIds.map((id) => byInvoice.get(id) ?? []);
    }),
  };
}

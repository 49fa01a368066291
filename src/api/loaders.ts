import DataLoader from 'dataloader';
import type { LineItemView } from '../domain/views';
import type { Services } from '../services';

/** Built fresh for each request, so nothing is cached across requests or principals. */
export interface Loaders {
  /** Line items by invoice: every invoice of a response is read in one statement. */
  lineItems: DataLoader<{ id: string; currency: string }, LineItemView[], string>;
}

export function createLoaders(services: Pick<Services, 'portal'>): Loaders {
  return {
    lineItems: new DataLoader((invoices) => services.portal.lineItems(invoices), { cacheKeyFn: (invoice) => invoice.id }),
  };
}

import type { InvoiceNode } from '../app';
import { useLocale } from '../i18n/i18n';

/** Paid, void, open, or overdue at a glance: a word, not only a colour. */
export function StatusBadge({ invoice }: { invoice: Pick<InvoiceNode, 'status' | 'overdue'> }) {
  const { messages: t } = useLocale();
  const overdue = invoice.status === 'OPEN' && invoice.overdue;
  return <span class={`badge badge-${overdue ? 'overdue' : invoice.status.toLowerCase()}`}>{overdue ? t.overdue : t.status[invoice.status]}</span>;
}

import { useEffect, useRef } from 'preact/hooks';
import type { Request } from '../../api/client';
import type { PortalActions, PortalData } from '../../app';
import { Money } from '../../components/money';
import { StatusBadge } from '../../components/status-badge';
import type { PortalConfig } from '../../config';
import { formatDate, useLocale } from '../../i18n/i18n';
import { SavedCards } from '../cards/saved-cards';
import { PaymentHistory } from '../history/payment-history';

/** A link for the whole account: what is owed overall, the invoices (open ones first), history and saved cards. */
export function AccountScreen({ data, actions, request, config }: { data: PortalData; actions: PortalActions; request: Request; config: PortalConfig }) {
  const { messages: t, tag } = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);
  const { balance, invoices } = data;
  return (
    <>
      <section class="card balance" aria-labelledby="balance-heading">
        <h1 id="balance-heading" tabIndex={-1} ref={heading}>
          {t.balanceHeading}
        </h1>
        <dl class="figures">
          <div>
            <dt>{t.totalOutstanding}</dt>
            <dd class="amount-large">
              <Money value={balance.totalOutstanding} />
            </dd>
          </div>
          {balance.overdue.amount > 0 && (
            <div class="overdue-figure">
              <dt>{t.overdueAmount}</dt>
              <dd>
                <Money value={balance.overdue} />
              </dd>
            </div>
          )}
        </dl>
        <p>{t.openInvoices(balance.openInvoiceCount)}</p>
      </section>

      <section class="card" aria-labelledby="invoices-heading">
        <h2 id="invoices-heading">{t.invoicesHeading}</h2>
        {invoices.edges.length === 0 ? (
          <p>{t.noInvoices}</p>
        ) : (
          <ul class="invoice-list">
            {invoices.edges.map(({ node: invoice }) => (
              <li key={invoice.id} class="invoice-row">
                <div class="invoice-row-main">
                  <span class="invoice-number">{invoice.number}</span>
                  <StatusBadge invoice={invoice} />
                </div>
                <div class="invoice-row-detail">
                  <span>{t.dueOn(formatDate(invoice.dueAt, tag))}</span>
                  <Money value={invoice.status === 'OPEN' ? invoice.amountDue : invoice.total} />
                </div>
                <button type="button" class={`button ${invoice.status === 'OPEN' ? 'primary' : 'secondary'}`} onClick={() => actions.openInvoice(invoice.id)}>
                  {invoice.status === 'OPEN' ? t.viewInvoice(invoice.number) : t.viewInvoiceClosed(invoice.number)}
                </button>
              </li>
            ))}
          </ul>
        )}
        {invoices.pageInfo.hasNextPage && (
          <button type="button" class="button secondary" onClick={() => void actions.moreInvoices()}>
            {t.moreInvoices}
          </button>
        )}
      </section>

      <PaymentHistory data={data} actions={actions} />
      <SavedCards data={data} actions={actions} request={request} config={config} />
    </>
  );
}

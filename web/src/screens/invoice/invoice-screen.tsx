import { useEffect, useRef, useState } from 'preact/hooks';
import type { Request } from '../../api/client';
import type { InvoiceNode, PortalActions, PortalData } from '../../app';
import { Money } from '../../components/money';
import { StatusBadge } from '../../components/status-badge';
import type { PortalConfig } from '../../config';
import { formatDate, formatMoney, useLocale } from '../../i18n/i18n';
import { PaymentHistory } from '../history/payment-history';
import { PayPanel } from '../pay/pay-panel';

/** One invoice: who it is from, what it is for, what is still owed, and paying it. */
export function InvoiceScreen(props: { invoice: InvoiceNode; data: PortalData; bound: boolean; request: Request; config: PortalConfig; actions: PortalActions }) {
  const { invoice, data, bound, request, config, actions } = props;
  const { messages: t, tag } = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: bound }), [invoice.id, bound]);
  const owed = invoice.status === 'OPEN' && invoice.amountDue.amount > 0;
  const payable = owed && invoice.payableOnline;
  // The pay panel stays to show its result once the payment has made the invoice paid.
  const [payableAtFirst] = useState(payable);
  return (
    <>
      {!bound && (
        <button type="button" class="link-button back" onClick={() => actions.backToAccount()}>
          ← {t.backToInvoices}
        </button>
      )}
      <section class="card invoice" aria-labelledby="invoice-heading">
        <div class="invoice-title">
          <h1 id="invoice-heading" tabIndex={-1} ref={heading}>
            {t.invoiceHeading(invoice.number)}
          </h1>
          <StatusBadge invoice={invoice} />
        </div>
        <dl class="figures">
          <div>
            <dt>{t.amountDue}</dt>
            <dd class="amount-large">
              <Money value={invoice.amountDue} />
            </dd>
          </div>
          <div class={invoice.overdue ? 'overdue-figure' : ''}>
            <dt>{t.due}</dt>
            <dd>{formatDate(invoice.dueAt, tag)}</dd>
          </div>
          <div>
            <dt>{t.issued}</dt>
            <dd>{formatDate(invoice.issuedAt, tag)}</dd>
          </div>
        </dl>
        <div class="table-scroll">
          <table class="line-items">
            <caption>{t.lineItemsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.itemDescription}</th>
                <th scope="col" class="numeric">
                  {t.itemQuantity}
                </th>
                <th scope="col" class="numeric hide-narrow">
                  {t.itemUnitPrice}
                </th>
                <th scope="col" class="numeric">
                  {t.itemAmount}
                </th>
              </tr>
            </thead>
            <tbody>
              {invoice.lineItems.map((item, index) => (
                <tr key={index}>
                  <td>{item.description}</td>
                  <td class="numeric">{item.quantity.toLocaleString(tag)}</td>
                  <td class="numeric hide-narrow">
                    <Money value={item.unitAmount} />
                  </td>
                  <td class="numeric">
                    <Money value={item.amount} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t.total}
                </th>
                <td class="numeric hide-narrow" />
                <td class="numeric">
                  <Money value={invoice.total} />
                </td>
              </tr>
              <tr>
                <th scope="row" colSpan={2}>
                  {t.amountPaid}
                </th>
                <td class="numeric hide-narrow" />
                <td class="numeric">
                  <Money value={invoice.amountPaid} />
                </td>
              </tr>
              <tr class="due-row">
                <th scope="row" colSpan={2}>
                  {t.amountDue}
                </th>
                <td class="numeric hide-narrow" />
                <td class="numeric">
                  <Money value={invoice.amountDue} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        {invoice.status === 'PAID' && <p class="notice success">{t.invoicePaid}</p>}
        {invoice.status === 'VOID' && <p class="notice">{t.invoiceVoid}</p>}
        {owed && !invoice.payableOnline && (
          // Less is due than a card can be charged (paid in part elsewhere, say): say so, and whom to ask, instead of a form that cannot work.
          <p class="notice">
            {t.notPayableOnline(formatMoney(invoice.amountDue, tag), formatMoney(invoice.minimumPayment, tag))}{' '}
            {t.notPayableOnlineContact(data.paymentLink.organization.name)}
            {data.paymentLink.organization.supportEmail && (
              <>
                {' '}
                <a href={`mailto:${data.paymentLink.organization.supportEmail}`}>{data.paymentLink.organization.supportEmail}</a>
              </>
            )}
          </p>
        )}
      </section>
      {(payable || payableAtFirst) && <PayPanel invoice={invoice} cards={data.paymentMethods} request={request} config={config} actions={actions} />}
      {bound && <PaymentHistory data={data} actions={actions} />}
    </>
  );
}

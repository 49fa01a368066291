import type { PortalActions, PortalData } from '../../app';
import { Money } from '../../components/money';
import { brandName, formatDate, formatMoney, useLocale } from '../../i18n/i18n';

/** Payments, newest first, with refunds and disputes; older ones a page at a time. */
export function PaymentHistory({ data, actions }: { data: PortalData; actions: PortalActions }) {
  const { messages: t, tag } = useLocale();
  const numbers = new Map(data.invoices.edges.map(({ node }) => [node.id, node.number]));
  const { edges, pageInfo } = data.paymentHistory;
  return (
    <section class="card" aria-labelledby="history-heading">
      <h2 id="history-heading">{t.historyHeading}</h2>
      {edges.length === 0 ? (
        <p>{t.noPayments}</p>
      ) : (
        <ul class="history">
          {edges.map(({ node: payment }) => {
            const card = payment.cardLast4 ? t.cardShort(brandName(payment.cardBrand), payment.cardLast4) : '';
            const invoice = numbers.get(payment.invoiceId);
            return (
              <li key={payment.id} class="history-row">
                <div class="history-main">
                  <span>{t.paymentLine(formatDate(payment.createdAt, tag), card)}</span>
                  <Money value={payment.amount} />
                </div>
                {invoice && <div class="muted">{t.forInvoice(invoice)}</div>}
                {payment.amountRefunded.amount > 0 && (
                  <div class="refund">{payment.status === 'REFUNDED' ? t.refundedFully : t.refunded(formatMoney(payment.amountRefunded, tag))}</div>
                )}
                {payment.status === 'DISPUTED' && (
                  <div class="dispute">{payment.amountDisputed.amount > 0 ? t.disputed(formatMoney(payment.amountDisputed, tag)) : t.disputeOpen}</div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {pageInfo.hasNextPage && (
        <button type="button" class="button secondary" onClick={() => void actions.olderPayments()}>
          {t.morePayments}
        </button>
      )}
    </section>
  );
}

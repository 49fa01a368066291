import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Request } from '../../api/client';
import type { CardNode, InvoiceNode, PortalActions } from '../../app';
import { CardField } from '../../components/card-field';
import type { PortalConfig } from '../../config';
import { FinishPaymentDocument, StartPaymentDocument, type FinishPaymentMutation } from '../../graphql/generated';
import { brandName, currencySymbol, formatMoney, minorDigits, parseAmount, useLocale, type Money } from '../../i18n/i18n';
import { cardElement, type Stripe } from '../../stripe/stripe-js';
import { useStripe } from '../../stripe/use-stripe';

type PaidPayment = Extract<FinishPaymentMutation['confirmPayment'], { __typename: 'Payment' }>;

/** Where the payment stands, from the customer's side. */
type PayState =
  | { kind: 'form' }
  | { kind: 'working' }
  | { kind: 'pending'; paymentIntentId: string }
  | { kind: 'paid'; payment: PaidPayment; invoiceAfter: InvoiceNode | null };

/** How long a processing payment is watched before the page says to come back later. */
const PENDING_POLL_MS = 2_000;
const PENDING_POLLS = 90;

/**
 * Paying the invoice: how much (all that is due, or less), with which card (a saved one, or a new one typed into
 * Stripe's field, optionally saved), then every outcome the API has: paid, declined, 3-D Secure, processing,
 * already in progress, no longer payable. Money moves only when Stripe and then our server say so; the page shows
 * what they said.
 */
export function PayPanel({ invoice, cards, request, config, actions }: { invoice: InvoiceNode; cards: CardNode[]; request: Request; config: PortalConfig; actions: PortalActions }) {
  const { messages: t, tag } = useLocale();
  const stripe = useStripe(config, tag);
  const [state, setState] = useState<PayState>({ kind: 'form' });
  // All that is due, or the largest part when a card cannot be charged that much at once (the rest is paid after).
  const [amountText, setAmountText] = useState(() => editableAmount(firstAmount(invoice), tag));
  const [amountError, setAmountError] = useState<string | null>(null);
  const [method, setMethod] = useState<string>(() => cards.find((card) => card.isDefault)?.id ?? 'new');
  const [saveCard, setSaveCard] = useState(false);
  const [cardError, setCardError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const amountInput = useRef<HTMLInputElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const live = useRef(true);
  useEffect(() => () => void (live.current = false), []);
  useEffect(() => {
    if (state.kind === 'paid' || state.kind === 'pending') resultHeading.current?.focus();
  }, [state.kind]);

  const due = invoice.amountDue;
  const minimum = invoice.minimumPayment;
  const maximum = invoice.maximumPayment;
  const maximumPartial = invoice.maximumPartialPayment;
  const parsed = parseAmount(amountText, invoice.currency);
  const buttonAmount = parsed !== null && parsed > 0 ? formatMoney({ amount: parsed, currency: invoice.currency }, tag) : formatMoney(firstAmount(invoice), tag);
  const hint =
    maximum.amount < due.amount
      ? t.amountHintInParts(formatMoney(maximum, tag), formatMoney(minimum, tag))
      : maximumPartial
        ? t.amountHint(formatMoney(due, tag), formatMoney(minimum, tag))
        : t.amountHintFullOnly(formatMoney(due, tag));

  /** The server's rule (all that is due, or a part that leaves a payable remainder), checked before anything is sent. */
  function validateAmount(): number | null {
    const amount = parseAmount(amountText, invoice.currency);
    const message =
      amount === null || amount <= 0
        ? t.amountInvalid
        : amount > due.amount
          ? t.amountTooLarge(formatMoney(due, tag))
          : amount > maximum.amount
            ? t.amountAboveMaximum(formatMoney(maximum, tag))
            : amount < due.amount && !maximumPartial
              ? t.amountFullOnly(formatMoney(due, tag))
              : amount < minimum.amount
                ? t.amountTooSmall(formatMoney(minimum, tag))
                : maximumPartial && amount < due.amount && amount > maximumPartial.amount
                  ? t.amountLeavesRemainder(formatMoney(due, tag), formatMoney(maximumPartial, tag), formatMoney(minimum, tag))
                  : null;
    setAmountError(message);
    if (message) amountInput.current?.focus();
    return message ? null : amount;
  }

  /** A failure the API reported instead of a result: the page-wide screens handle a dead link. */
  function apiFailure(error: unknown): string {
    const failure = error instanceof ApiError ? error.failure : null;
    switch (failure?.kind) {
      case 'unauthenticated':
      case 'link_expired':
      case 'not_found':
        actions.fail(failure);
        return '';
      case 'rate_limited':
        return t.rateLimitedText(failure.retryAfterSeconds);
      case 'provider_unavailable':
        return `${t.providerDownHeading}. ${t.providerDownText}`;
      case 'offline':
        return `${t.offlineHeading}. ${t.offlineText}`;
      default:
        return t.paymentFailedGeneric;
    }
  }

  function stopWith(message: string, onCard = false) {
    if (!live.current) return;
    if (onCard) setCardError(message);
    else setNotice(message);
    setState({ kind: 'form' });
  }

  async function pay(event: Event) {
    event.preventDefault();
    setNotice(null);
    setCardError(null);
    const amount = validateAmount();
    if (amount === null || stripe.kind !== 'ready') return;
    setState({ kind: 'working' });
    try {
      // A new card is checked by Stripe (its field holds the truth) before anything is asked of our server.
      let newCard: string | null = null;
      if (method === 'new') {
        const created = await stripe.stripe.createPaymentMethod({ type: 'card', card: cardElement(stripe.stripe) });
        if (created.error) return stopWith(stripeMessage(created.error), true);
        newCard = created.paymentMethod.id;
      }
      const started = (
        await request(StartPaymentDocument, {
          input: { invoiceId: invoice.id, amount, paymentMethodId: method === 'new' ? null : method, savePaymentMethod: method === 'new' && saveCard },
        })
      ).createPaymentIntent;
      switch (started.__typename) {
        case 'PaymentIntent':
          break;
        case 'AmountExceedsBalanceError':
          setAmountError(t.amountTooLarge(formatMoney(started.amountDue, tag)));
          void actions.refresh();
          return stopWith('');
        case 'AmountBelowMinimumError':
          setAmountError(t.amountTooSmall(formatMoney(started.minimum, tag)));
          return stopWith('');
        case 'AmountAboveMaximumError':
          setAmountError(t.amountAboveMaximum(formatMoney(started.maximum, tag)));
          return stopWith('');
        case 'AmountLeavesUnpayableRemainderError':
          setAmountError(
            started.maximumPartial
              ? t.amountLeavesRemainder(formatMoney(started.amountDue, tag), formatMoney(started.maximumPartial, tag), formatMoney(started.minimum, tag))
              : t.amountFullOnly(formatMoney(started.amountDue, tag)),
          );
          void actions.refresh();
          return stopWith('');
        case 'InvoiceNotPayableOnlineError':
          // Said at the field until the refreshed invoice replaces the form with the same words and whom to contact.
          setAmountError(t.notPayableOnline(formatMoney(started.amountDue, tag), formatMoney(started.minimum, tag)));
          void actions.refresh();
          return stopWith('');
        case 'InvalidAmountError':
        case 'CurrencyMismatchError':
          setAmountError(t.amountInvalid);
          return stopWith('');
        case 'InvoiceNotPayableError':
          void actions.refresh();
          return stopWith(t.notPayable);
        case 'PaymentInProgressError':
          return stopWith(t.paymentInProgress);
        case 'PaymentMethodNotFoundError':
          void actions.refresh();
          return stopWith(t.cardNotFound);
        case 'PaymentDeclinedError':
          return stopWith(`${started.message} ${t.declinedTryAgain}`, method === 'new');
        case 'PaymentNotPossibleError': // Stripe refused our request, not the card: nothing was charged
          return stopWith(`${t.providerDownHeading}. ${t.providerDownText}`);
      }
      const confirmed = await confirmWithStripe(stripe.stripe, started.clientSecret, newCard);
      if (confirmed) await finish(stripe.stripe, started.id);
    } catch (error) {
      stopWith(apiFailure(error));
    }
  }

  /** Hands the card to Stripe (the new one just checked, or the saved one the intent already names). */
  async function confirmWithStripe(stripeJs: Stripe, clientSecret: string, newCard: string | null): Promise<boolean> {
    const result = newCard ? await stripeJs.confirmCardPayment(clientSecret, { payment_method: newCard }) : await stripeJs.confirmCardPayment(clientSecret);
    if (!result.error) return true;
    stopWith(stripeMessage(result.error), newCard !== null);
    return false;
  }

  function stripeMessage(error: { type: string; code?: string; message?: string }): string {
    if (error.code === 'payment_intent_authentication_failure') return t.authenticationFailed;
    // The bank's reason as Stripe words it; anything else gets one sentence of ours, never an internal message.
    if ((error.type === 'card_error' || error.type === 'validation_error') && error.message) return `${error.message} ${error.type === 'card_error' ? t.declinedTryAgain : ''}`.trim();
    return t.paymentFailedGeneric;
  }

  /** Asks our server what Stripe says now, until it is settled one way or the other. */
  async function finish(stripeJs: Stripe, paymentIntentId: string) {
    for (let polls = 0; polls <= PENDING_POLLS && live.current; polls++) {
      const result = (await request(FinishPaymentDocument, { paymentIntentId })).confirmPayment;
      switch (result.__typename) {
        case 'Payment': {
          const data = await actions.refresh();
          const invoiceAfter = data?.invoices.edges.find((edge) => edge.node.id === invoice.id)?.node ?? null;
          if (live.current) setState({ kind: 'paid', payment: result, invoiceAfter });
          return;
        }
        case 'PaymentRequiresAction': {
          const action = await stripeJs.handleNextAction({ clientSecret: result.clientSecret });
          if (action.error) return stopWith(stripeMessage(action.error), method === 'new');
          continue;
        }
        case 'PaymentPending':
          if (live.current) setState({ kind: 'pending', paymentIntentId });
          await new Promise((resolve) => setTimeout(resolve, PENDING_POLL_MS));
          continue;
        case 'PaymentDeclinedError':
          return stopWith(`${result.message} ${t.declinedTryAgain}`, method === 'new');
        case 'PaymentCanceledError':
          return stopWith(t.paymentCanceled);
        case 'PaymentNotConfirmedError':
          return stopWith(t.paymentFailedGeneric);
      }
    }
  }

  if (state.kind === 'paid') {
    const { payment, invoiceAfter } = state;
    const remaining = invoiceAfter && invoiceAfter.status === 'OPEN' && invoiceAfter.amountDue.amount > 0 ? invoiceAfter.amountDue : null;
    return (
      <section class="card result success" aria-labelledby="result-heading">
        <h2 id="result-heading" tabIndex={-1} ref={resultHeading}>
          {t.paidHeading}
        </h2>
        <p>
          {payment.cardLast4
            ? t.paidSummary(formatMoney(payment.amount, tag), brandName(payment.cardBrand), payment.cardLast4)
            : t.paidSummaryNoCard(formatMoney(payment.amount, tag))}
        </p>
        <p>{remaining ? t.remaining(invoice.number, formatMoney(remaining, tag)) : t.paidInFull(invoice.number)}</p>
        <p class="muted">{t.receiptNumber(payment.id)}</p>
        <div class="actions">
          {remaining && (
            <button
              type="button"
              class="button primary"
              onClick={() => {
                setAmountText(editableAmount(invoiceAfter ? firstAmount(invoiceAfter) : remaining, tag));
                // A card saved with the first payment is the one to use for the rest.
                setMethod(cards.find((saved) => saved.isDefault)?.id ?? 'new');
                setState({ kind: 'form' });
              }}
            >
              {t.payRest}
            </button>
          )}
          {!remaining && (
            <button type="button" class="button secondary" onClick={() => actions.backToAccount()}>
              {t.done}
            </button>
          )}
        </div>
      </section>
    );
  }

  if (state.kind === 'pending') {
    return (
      <section class="card result pending" aria-labelledby="result-heading" aria-busy="true">
        <h2 id="result-heading" tabIndex={-1} ref={resultHeading}>
          {t.pendingHeading}
        </h2>
        <p role="status">{t.pendingText}</p>
      </section>
    );
  }

  if (state.kind === 'form' && !(invoice.status === 'OPEN' && due.amount > 0 && invoice.payableOnline)) {
    // Paid meanwhile (elsewhere, or by this payment's own refresh): say why the form went away, if it did just now.
    return notice ? (
      <section class="card" aria-labelledby="pay-heading">
        <h2 id="pay-heading">{t.payHeading}</h2>
        <p class="notice" role="alert">
          {notice}
        </p>
      </section>
    ) : null;
  }
  const working = state.kind === 'working';
  const symbol = currencySymbol(invoice.currency, tag);
  return (
    <section class="card" aria-labelledby="pay-heading">
      <h2 id="pay-heading">{t.payHeading}</h2>
      <form onSubmit={pay} noValidate aria-busy={working}>
        <div class="field">
          <label for="amount">{t.amountLabel(invoice.currency.toUpperCase())}</label>
          <div class="amount-input">
            <span class="currency-symbol" aria-hidden="true">
              {symbol}
            </span>
            <input
              id="amount"
              ref={amountInput}
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              value={amountText}
              aria-invalid={!!amountError}
              aria-describedby="amount-hint amount-error"
              onInput={(e) => {
                setAmountText((e.target as HTMLInputElement).value);
                // Cleared as it is corrected (and checked again on paying), not when leaving the field: clearing it
                // then moved the Pay button from under the pointer on its way to click it.
                if (amountError) setAmountError(null);
              }}
              disabled={working}
            />
          </div>
          <p id="amount-hint" class="hint">
            {hint}
          </p>
          <p id="amount-error" class="field-error" role="alert">
            {amountError ?? ''}
          </p>
        </div>

        <fieldset class="field" disabled={working}>
          <legend>{t.payWith}</legend>
          {cards.map((saved) => (
            <label class="choice" key={saved.id}>
              <input type="radio" name="method" value={saved.id} checked={method === saved.id} onChange={() => setMethod(saved.id)} />
              <span>
                {t.savedCard(brandName(saved.brand), saved.last4, String(saved.expMonth).padStart(2, '0'), String(saved.expYear).slice(-2))}
                {saved.isDefault && <span class="badge badge-default">{t.defaultCard}</span>}
              </span>
            </label>
          ))}
          <label class="choice">
            <input type="radio" name="method" value="new" checked={method === 'new'} onChange={() => setMethod('new')} />
            <span>{t.newCard}</span>
          </label>
        </fieldset>

        {method === 'new' && stripe.kind === 'ready' && (
          <>
            <CardField stripe={stripe.stripe} onChange={() => setCardError(null)} error={cardError} />
            <label class="choice checkbox">
              <input type="checkbox" checked={saveCard} onChange={(e) => setSaveCard((e.target as HTMLInputElement).checked)} disabled={working} />
              <span>{t.saveCard}</span>
            </label>
          </>
        )}
        {method !== 'new' && cardError && (
          <p class="field-error" role="alert">
            {cardError}
          </p>
        )}
        {stripe.kind === 'failed' && (
          <p class="notice error" role="alert">
            {t.providerDownHeading}. {t.providerDownText}
          </p>
        )}
        <p class="notice" role="alert">
          {notice ?? ''}
        </p>
        <button type="submit" class="button primary pay-button" disabled={working || stripe.kind !== 'ready'}>
          {working ? t.paying : t.payButton(buttonAmount)}
        </button>
      </form>
    </section>
  );
}

/** What the amount field starts at: all that is due, or as much as one payment can be when that is less. */
function firstAmount(invoice: InvoiceNode): Money {
  return invoice.maximumPayment.amount > 0 && invoice.maximumPayment.amount < invoice.amountDue.amount ? invoice.maximumPayment : invoice.amountDue;
}

/** An amount as the customer would type it in their locale, without the currency: "1,925.00" / "1 925,00". */
function editableAmount(money: Money, tag: string): string {
  const digits = minorDigits(money.currency);
  const units = Math.abs(money.amount).toString().padStart(digits + 1, '0');
  const decimal = digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
  return new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(decimal as `${number}`);
}

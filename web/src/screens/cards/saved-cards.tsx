import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Request } from '../../api/client';
import type { CardNode, PortalActions, PortalData } from '../../app';
import { CardField } from '../../components/card-field';
import type { PortalConfig } from '../../config';
import { MakeDefaultCardDocument, RemoveCardDocument, SaveCardDocument, StartCardSetupDocument } from '../../graphql/generated';
import { brandName, useLocale } from '../../i18n/i18n';
import { cardElement } from '../../stripe/stripe-js';
import { useStripe } from '../../stripe/use-stripe';

/** The customer's saved cards: the default first; add one, make one the default, remove one (after asking). */
export function SavedCards({ data, actions, request, config }: { data: PortalData; actions: PortalActions; request: Request; config: PortalConfig }) {
  const { messages: t } = useLocale();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<CardNode | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const label = (card: CardNode) => t.cardShort(brandName(card.brand), card.last4);
  // The page offers these only on a link for the whole account; a link bound to one invoice is refused by the server.
  const cardChangeRefused = (typename: 'CardManagementNotAllowedError' | 'PaymentMethodNotFoundError') =>
    typename === 'CardManagementNotAllowedError' ? t.cardsManagedOnAccountLink : t.cardNotFound;

  async function run(change: () => Promise<string>) {
    setBusy(true);
    setStatus(null);
    try {
      setStatus(await change());
      await actions.refresh();
    } catch (error) {
      if (error instanceof ApiError && (error.failure.kind === 'unauthenticated' || error.failure.kind === 'link_expired' || error.failure.kind === 'not_found')) return actions.fail(error.failure);
      setStatus(error instanceof ApiError && error.failure.kind === 'rate_limited' ? t.rateLimitedText(error.failure.retryAfterSeconds) : t.paymentFailedGeneric);
    } finally {
      setBusy(false);
    }
  }

  const makeDefault = (card: CardNode) =>
    run(async () => {
      const result = (await request(MakeDefaultCardDocument, { id: card.id })).setDefaultMethod;
      return result.__typename === 'PaymentMethod' ? t.cardMadeDefault(label(card)) : cardChangeRefused(result.__typename);
    });
  const remove = (card: CardNode) =>
    run(async () => {
      setRemoving(null);
      const result = (await request(RemoveCardDocument, { id: card.id })).removePaymentMethod;
      return result.__typename === 'RemovedPaymentMethod' ? t.cardRemoved(label(card)) : cardChangeRefused(result.__typename);
    });

  return (
    <section class="card" aria-labelledby="cards-heading">
      <h2 id="cards-heading">{t.cardsHeading}</h2>
      <p class="notice" role="status">
        {status ?? ''}
      </p>
      {data.paymentMethods.length === 0 ? (
        <p>{t.noCards}</p>
      ) : (
        <ul class="saved-cards">
          {data.paymentMethods.map((card) => (
            <li key={card.id} class="saved-card">
              <span>
                {t.savedCard(brandName(card.brand), card.last4, String(card.expMonth).padStart(2, '0'), String(card.expYear).slice(-2))}
                {card.isDefault && <span class="badge badge-default">{t.defaultCard}</span>}
              </span>
              <span class="actions">
                {!card.isDefault && (
                  <button type="button" class="button secondary small" aria-label={t.makeDefaultLabel(label(card))} disabled={busy} onClick={() => void makeDefault(card)}>
                    {t.makeDefault}
                  </button>
                )}
                <button type="button" class="button danger small" aria-label={t.removeCardLabel(label(card))} disabled={busy} onClick={() => setRemoving(card)}>
                  {t.removeCard}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {removing && <ConfirmRemoval card={label(removing)} onConfirm={() => void remove(removing)} onCancel={() => setRemoving(null)} />}
      {adding ? (
        <AddCard
          request={request}
          config={config}
          onDone={(message) => {
            setAdding(false);
            if (message) {
              setStatus(message);
              void actions.refresh();
            }
          }}
          onFail={actions.fail}
        />
      ) : (
        <button type="button" class="button secondary" onClick={() => setAdding(true)} disabled={busy}>
          {t.addCard}
        </button>
      )}
    </section>
  );
}

/** A modal dialog (the browser's own: focus is trapped and Escape cancels) asking before a card is removed. */
function ConfirmRemoval({ card, onConfirm, onCancel }: { card: string; onConfirm(): void; onCancel(): void }) {
  const { messages: t } = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    return () => opener?.focus();
  }, []);
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="remove-heading" aria-describedby="remove-text" onCancel={(e) => (e.preventDefault(), onCancel())}>
      <h2 id="remove-heading">{t.removeConfirmHeading}</h2>
      <p id="remove-text">{t.removeConfirmText(card)}</p>
      <div class="actions">
        <button type="button" class="button danger" onClick={onConfirm}>
          {t.removeConfirm}
        </button>
        <button type="button" class="button secondary" onClick={onCancel} autoFocus>
          {t.keepCard}
        </button>
      </div>
    </dialog>
  );
}

function AddCard({ request, config, onDone, onFail }: { request: Request; config: PortalConfig; onDone(message: string | null): void; onFail: PortalActions['fail'] }) {
  const { messages: t, tag } = useLocale();
  const stripe = useStripe(config, tag);
  const [error, setError] = useState<string | null>(null);
  const [makeDefault, setMakeDefault] = useState(false);
  const [busy, setBusy] = useState(false);

  /**
   * Stripe's way to save a card: a SetupIntent from our server, confirmed here by Stripe.js with the card (which runs
   * 3-D Secure itself when the bank asks), then handed to our server, which checks it with Stripe before keeping it.
   */
  async function save(event: Event) {
    event.preventDefault();
    if (stripe.kind !== 'ready') return;
    setBusy(true);
    setError(null);
    try {
      const setup = (await request(StartCardSetupDocument, {})).createCardSetup;
      if (setup.__typename === 'CardManagementNotAllowedError') return setError(t.cardsManagedOnAccountLink);
      if (setup.__typename !== 'CardSetup') return setError(`${t.providerDownHeading}. ${t.providerDownText}`);
      const confirmed = await stripe.stripe.confirmCardSetup(setup.clientSecret, { payment_method: { card: cardElement(stripe.stripe) } });
      // Stripe's own words for a declined card or a failed 3-D Secure check; nothing was saved.
      if (confirmed.error) return setError(confirmed.error.message ? `${confirmed.error.message} ${t.cardRejected}` : t.cardRejected);
      const card = confirmed.setupIntent.payment_method;
      if (confirmed.setupIntent.status !== 'succeeded' || !card) return setError(t.cardRejected);
      const input = { stripePaymentMethodId: card, setupIntentId: confirmed.setupIntent.id, setAsDefault: makeDefault };
      const result = (await request(SaveCardDocument, { input })).addPaymentMethod;
      if (result.__typename === 'PaymentMethod') onDone(t.cardSaved(t.cardShort(brandName(result.brand), result.last4)));
      else if (result.__typename === 'CardManagementNotAllowedError') setError(t.cardsManagedOnAccountLink);
      else setError(result.message ? `${result.message} ${t.cardRejected}` : t.cardRejected);
    } catch (failure) {
      if (failure instanceof ApiError && (failure.failure.kind === 'unauthenticated' || failure.failure.kind === 'link_expired')) return onFail(failure.failure);
      setError(failure instanceof ApiError && failure.failure.kind === 'rate_limited' ? t.rateLimitedText(failure.failure.retryAfterSeconds) : t.cardRejected);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="add-card" onSubmit={save} noValidate aria-labelledby="add-card-heading" aria-busy={busy}>
      <h3 id="add-card-heading">{t.addCardHeading}</h3>
      {stripe.kind === 'ready' && <CardField stripe={stripe.stripe} onChange={() => setError(null)} error={error} />}
      {stripe.kind === 'failed' && (
        <p class="notice error" role="alert">
          {t.providerDownHeading}. {t.providerDownText}
        </p>
      )}
      <label class="choice checkbox">
        <input type="checkbox" checked={makeDefault} onChange={(e) => setMakeDefault((e.target as HTMLInputElement).checked)} disabled={busy} />
        <span>{t.setAsDefault}</span>
      </label>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy || stripe.kind !== 'ready'}>
          {t.saveNewCard}
        </button>
        <button type="button" class="button secondary" onClick={() => onDone(null)} disabled={busy}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

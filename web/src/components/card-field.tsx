import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocale } from '../i18n/i18n';
import { cardElement, type Stripe } from '../stripe/stripe-js';

export interface CardFieldState {
  complete: boolean;
  /** Stripe's own message for what is wrong with the card details, if anything. */
  error: string | null;
}

/**
 * Stripe's card field (an iframe of Stripe's: the card number never reaches this page), with its loading state and
 * Stripe's validation message beside it, announced to screen readers. `error` shows a message from outside (a
 * decline), in the same place.
 */
export function CardField({ stripe, onChange, error }: { stripe: Stripe; onChange(state: CardFieldState): void; error?: string | null }) {
  const { messages: t } = useLocale();
  const host = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [validation, setValidation] = useState<string | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const card = cardElement(stripe);
    card.on('ready', () => setReady(true));
    card.on('change', (event) => {
      const message = event.error?.message ?? null;
      setValidation(message);
      changed.current({ complete: event.complete, error: message });
    });
    card.mount(host.current!);
    return () => {
      card.off('change');
      card.off('ready');
      card.unmount();
    };
  }, [stripe]);

  const message = error ?? validation;
  return (
    <div class="card-field">
      <div ref={host} class="card-host" />
      {!ready && <p class="muted">{t.cardFieldLoading}</p>}
      <p class="field-error" role="alert">
        {message ?? ''}
      </p>
    </div>
  );
}

/**
 * The part of Stripe.js the page uses, loaded at run time from where the server says (js.stripe.com in production,
 * the local Stripe emulator in development and tests, which implements the same subset). Card numbers only ever go
 * into Stripe's own iframe (the card element); the page sees payment method ids and results.
 */
export interface StripeError {
  type: string;
  code?: string;
  decline_code?: string;
  message?: string;
}

export interface StripePaymentIntent {
  id: string;
  status: string;
}

/** A SetupIntent as Stripe.js returns it: the card it saved is `payment_method`, once it succeeded. */
export interface StripeSetupIntent {
  id: string;
  status: string;
  payment_method: string | null;
}

export type StripeResult<K extends string, T> = ({ [key in K]: T } & { error?: undefined }) | { error: StripeError };

export interface CardChangeEvent {
  empty: boolean;
  complete: boolean;
  error?: StripeError;
}

export interface StripeCardElement {
  mount(target: HTMLElement): void;
  unmount(): void;
  focus(): void;
  clear(): void;
  on(event: 'change', handler: (event: CardChangeEvent) => void): void;
  on(event: 'ready', handler: () => void): void;
  off(event: 'change' | 'ready'): void;
}

export interface Stripe {
  elements(options?: { locale?: string }): { create(type: 'card', options?: object): StripeCardElement };
  confirmCardPayment(
    clientSecret: string,
    data?: { payment_method?: string | { card: StripeCardElement } },
  ): Promise<StripeResult<'paymentIntent', StripePaymentIntent>>;
  handleNextAction(options: { clientSecret: string }): Promise<StripeResult<'paymentIntent', StripePaymentIntent>>;
  /** Saves a card through a SetupIntent (createCardSetup): runs 3-D Secure itself when the bank asks, then resolves. */
  confirmCardSetup(clientSecret: string, data: { payment_method: string | { card: StripeCardElement } }): Promise<StripeResult<'setupIntent', StripeSetupIntent>>;
  createPaymentMethod(options: { type: 'card'; card: StripeCardElement }): Promise<StripeResult<'paymentMethod', { id: string }>>;
}

declare global {
  interface Window {
    Stripe?: (publishableKey: string, options?: { locale?: string }) => Stripe;
  }
}

let loading: Promise<Stripe> | null = null;

/** Loads Stripe.js once; a failed load can be retried. */
export function loadStripe(url: string, publishableKey: string, locale: string): Promise<Stripe> {
  loading ??= new Promise<Stripe>((resolve, reject) => {
    if (!url || !publishableKey) return reject(new Error('Card payments are not configured.'));
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    script.onload = () => (window.Stripe ? resolve(window.Stripe(publishableKey, { locale })) : reject(new Error('Stripe.js did not load.')));
    script.onerror = () => reject(new Error('Stripe.js did not load.'));
    document.head.appendChild(script);
  }).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

const cards = new WeakMap<Stripe, StripeCardElement>();

/** Stripe allows one card element per page: it is created once and moved between the forms that need it. */
export function cardElement(stripe: Stripe): StripeCardElement {
  let card = cards.get(stripe);
  if (!card) {
    card = stripe.elements().create('card', {
      hidePostalCode: true,
      style: { base: { fontSize: '16px', color: '#1a1f36', '::placeholder': { color: '#6b7280' } }, invalid: { color: '#b42318' } },
    });
    cards.set(stripe, card);
  }
  return card;
}

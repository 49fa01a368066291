import { useEffect, useState } from 'preact/hooks';
import type { PortalConfig } from '../config';
import { loadStripe, type Stripe } from './stripe-js';

export type StripeState = { kind: 'loading' } | { kind: 'ready'; stripe: Stripe } | { kind: 'failed' };

/** Stripe.js for the screens that take a card; loaded on first use, not for the first view. */
export function useStripe(config: PortalConfig, locale: string): StripeState {
  const [state, setState] = useState<StripeState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    loadStripe(config.stripeJsUrl, config.publishableKey, locale.split('-')[0]).then(
      (stripe) => live && setState({ kind: 'ready', stripe }),
      () => live && setState({ kind: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [config.stripeJsUrl, config.publishableKey, locale]);
  return state;
}

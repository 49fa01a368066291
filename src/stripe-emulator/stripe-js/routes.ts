/**
 * Serves the emulator's stand-in for Stripe.js under `/v3` on the emulator's own origin, as js.stripe.com serves Stripe.js:
 * the script (`GET /v3/`), the card field's iframe (`/v3/elements/card`), the 3-D Secure challenge's iframe (of a payment or a setup)
 * (`/v3/authenticate`, answered by `POST /v3/authenticate`), and their script and style files.
 *
 * Why: js.stripe.com cannot be loaded here (no internet), and the customer page's code must be identical against real
 * Stripe in production and this emulator in development and tests. No page needs inline script or style; each frame
 * sends its own Content-Security-Policy and may only be framed by the page origin named in its URL.
 */
import type http from 'node:http';
import type { EmulatorState } from '../emulator-state';
import { decodeStripeForm } from '../form-encoding';
import type Stripe from 'stripe';
import { formatAmount } from '../currencies';
import { clientSecretMismatch, publishablePaymentIntent, publishableSetupIntent } from '../publishable-key';
import { StripeApiError, authenticationError, invalidRequest, resourceMissing } from '../stripe-api-error';
import { AUTHENTICATE_FRAME_SCRIPT, authenticatePage } from './authenticate-frame';
import { CARD_FRAME_HTML, CARD_FRAME_SCRIPT } from './card-frame';
import { FRAME_CSS } from './frame-css';
import { STRIPE_JS_SCRIPT } from './stripe-js-script';

/** What the `/v3` routes need from the emulator. */
export interface StripeJsContext {
  state: EmulatorState;
  acceptsPublishableKey: (key: string) => boolean;
  /** Runs a state change as Stripe (outside an API request) and delivers its events. */
  asStripe: <T>(change: () => T) => T;
  /** The emulator's URL, for requests without a usable Host header. */
  url: string;
}

export interface StripeJsResponse { status: number; headers: Record<string, string>; body: string }

const NOSNIFF = { 'X-Content-Type-Options': 'nosniff' };
// Scripts and styles may be loaded from any page origin, also under Cross-Origin-Embedder-Policy.
const ASSET = { ...NOSNIFF, 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };

const asset = (type: string, body: string): StripeJsResponse => ({ status: 200, headers: { ...ASSET, 'Content-Type': `${type}; charset=utf-8` }, body });
const text = (status: number, body: string): StripeJsResponse => ({ status, headers: { ...NOSNIFF, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, body });
const json = (status: number, body: object): StripeJsResponse => ({ status, headers: { ...NOSNIFF, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, body: JSON.stringify(body) });

/** A frame page that only `parentOrigin` may embed, running only this origin's script and style. */
function framePage(html: string, parentOrigin: string): StripeJsResponse {
  const csp = `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ${parentOrigin}`;
  return {
    status: 200,
    headers: { ...NOSNIFF, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' },
    body: html,
  };
}

/** `parentOrigin` when it is exactly an http(s) origin (so it is safe in a CSP header), else undefined. */
function pageOrigin(value: string | null): string | undefined {
  try {
    const url = new URL(value ?? '');
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The emulator's origin as the browser reached it (the page may say localhost where the emulator says 127.0.0.1). */
function originOf(req: http.IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  return host && /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.test(host) ? `http://${host}` : fallback;
}

/** Answers a `/v3` request. */
export function serveStripeJs(ctx: StripeJsContext, req: http.IncomingMessage, url: URL, body: string): StripeJsResponse {
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case 'GET /v3':
    case 'GET /v3/':
      return asset('application/javascript', STRIPE_JS_SCRIPT.replace('__EMULATOR_ORIGIN__', JSON.stringify(originOf(req, ctx.url))));
    case 'GET /v3/frame.css':
      return asset('text/css', FRAME_CSS);
    case 'GET /v3/elements/card.js':
      return asset('application/javascript', CARD_FRAME_SCRIPT);
    case 'GET /v3/authenticate.js':
      return asset('application/javascript', AUTHENTICATE_FRAME_SCRIPT);
    case 'GET /v3/elements/card': {
      const parent = pageOrigin(url.searchParams.get('parentOrigin'));
      return parent ? framePage(CARD_FRAME_HTML, parent) : text(400, 'parentOrigin must be the origin of the page that embeds the card field.');
    }
    case 'GET /v3/authenticate': {
      const parent = pageOrigin(url.searchParams.get('parentOrigin'));
      if (!parent) return text(400, 'parentOrigin must be the origin of the page that embeds the challenge.');
      try {
        const intent = intentFor(ctx, url.searchParams.get('key'), url.searchParams.get('client_secret'));
        const amount = intent.object === 'payment_intent' ? formatAmount(intent.amount, intent.currency) : undefined;
        return framePage(authenticatePage({ amount, status: intent.status }), parent);
      } catch (error) {
        if (error instanceof StripeApiError) return text(error.status, error.message);
        throw error;
      }
    }
    case 'POST /v3/authenticate': {
      // The challenge page's buttons: authorised, as the rest of Stripe.js's calls, by the publishable key and the client_secret.
      const params = decodeStripeForm(body);
      try {
        const intent = intentFor(ctx, params.key, params.client_secret);
        if (params.outcome !== 'complete' && params.outcome !== 'fail') throw invalidRequest('outcome must be complete or fail.', 'outcome');
        const succeed = params.outcome === 'complete';
        return json(200, intent.object === 'payment_intent'
          ? publishablePaymentIntent(ctx.asStripe(() => ctx.state.authenticate(intent.id, succeed)))
          : publishableSetupIntent(ctx.asStripe(() => ctx.state.setupIntents.authenticate(intent.id, succeed))));
      } catch (error) {
        if (error instanceof StripeApiError) return json(error.status, { error: error.body });
        throw error;
      }
    }
    default:
      return text(404, `Not found: ${route}. The local Stripe emulator serves Stripe.js at GET /v3/.`);
  }
}

/** The PaymentIntent or SetupIntent a publishable key and a client_secret give access to, or Stripe's refusal. */
function intentFor(ctx: StripeJsContext, key: unknown, clientSecret: unknown): Stripe.PaymentIntent | Stripe.SetupIntent {
  if (typeof key !== 'string' || !ctx.acceptsPublishableKey(key)) throw authenticationError(typeof key === 'string' ? key : undefined);
  const id = typeof clientSecret === 'string' ? /^((?:pi|seti)_[A-Za-z0-9]+)_secret_/.exec(clientSecret)?.[1] : undefined;
  if (!id) throw clientSecretMismatch();
  const setup = id.startsWith('seti_');
  const intent = setup ? ctx.state.setupIntents.find(id) : ctx.state.paymentIntents.get(id);
  if (!intent) throw resourceMissing(setup ? 'setup_intent' : 'payment_intent', id, 'intent');
  if (intent.client_secret !== clientSecret) throw clientSecretMismatch(setup ? 'SetupIntent' : 'PaymentIntent');
  return intent;
}

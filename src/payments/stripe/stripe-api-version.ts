import type Stripe from 'stripe';

/**
 * The Stripe API version this integration is written against, and sends on every call (the SDK's `apiVersion`). It is
 * the version the installed `stripe` SDK was generated for (`Stripe.API_VERSION`), so the SDK's types describe exactly
 * the objects Stripe answers with; typed as the SDK's version, an SDK upgrade that moves it fails to compile here, and
 * moving it is then a decision (read Stripe's changelog for the versions in between). Configure the webhook endpoint in
 * Stripe's dashboard with this version too: events are written in the endpoint's version, not in the caller's (see the
 * README, "Stripe API version"). Kept in its own module so there is exactly one place to change.
 */
export const STRIPE_API_VERSION: typeof Stripe.API_VERSION = '2026-10-28.endive';

/**
 * A local, Stripe-compatible HTTP server for development and tests: the real `stripe` SDK, pointed at it with
 * `new Stripe(key, { host: '127.0.0.1', port, protocol: 'http' })`, works offline.
 *
 * Why not stripe-mock: it is a Go binary we cannot download here, and it is stateless, so it cannot confirm a
 * payment, decline a card, require 3D Secure, dispute a payment, fail a refund later or send webhooks. This emulator
 * keeps in-memory state, follows Stripe's test-mode card behaviour (`pm_card_visa`, `pm_card_chargeDeclined`,
 * `pm_card_createDispute`, `pm_card_refundFail`, ...), signs and retries webhooks, and can inject faults. It implements
 * only the endpoints this project uses; anything else answers Stripe's 404. `StripeEmulator` (emulator-server.ts) is
 * the handle tests hold; control-routes.ts lists the same controls over HTTP for another process.
 *
 * It also plays Stripe.js (`GET /v3/`, see stripe-js/): a `window.Stripe` with the card Element in an iframe of the
 * emulator's origin, confirmCardPayment, confirmCardSetup and 3-D Secure in a modal, talking to the API with a
 * publishable key (publishable-key.ts says what such a key may do). The page's code is then the same against real
 * Stripe and here.
 *
 * Dev and test tooling only: domain code must not import it.
 */
export { startStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from './emulator-server';
export type { CardNetworkUpdate } from './emulator-state';
export type { DisputeChanges } from './disputes';
export type { FaultInjector, FaultSettings, FaultSpec } from './fault-injector';
export type { RefundFailureReason } from './refunds';
export { StripeApiError } from './stripe-api-error';
export type { WebhookDelivery, WebhookEndpoint } from './webhook-dispatcher';
export { DEFAULT_PUBLISHABLE_KEY } from './publishable-key';
export { EMITTED_EVENT_TYPES } from './stripe-objects';
export { TEST_CARD_NUMBERS, TEST_CARDS, type TestCard } from './test-cards';

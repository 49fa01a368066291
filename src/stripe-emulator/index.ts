/**
 * A local, Stripe-compatible HTTP server for development and tests: the real `stripe` SDK, pointed at it with
 * `new Stripe(key, { host: '127.0.0.1', port, protocol: 'http' })`, works offline.
 *
 * Why not stripe-mock: it is a Go binary we cannot download here, and it is stateless, so it cannot confirm a
 * payment, decline a card, require 3D Secure or send webhooks. This emulator keeps in-memory state, follows
 * Stripe's test-mode card behaviour (`pm_card_visa`, `pm_card_chargeDeclined`, ...), signs and retries webhooks,
 * and can inject faults. It implements only the endpoints this project uses; anything else answers Stripe's 404.
 *
 * Dev and test tooling only: domain code must not import it.
 */
export { startStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from './emulator-server';
export type { FaultInjector, FaultSettings, FaultSpec } from './fault-injector';
export type { WebhookDelivery } from './webhook-dispatcher';
export { TEST_CARDS, type TestCard } from './test-cards';

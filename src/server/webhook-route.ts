import { RateLimiterMemory } from 'rate-limiter-flexible';
import { InvalidWebhookError, UnreadableWebhookError, type ProviderEvent } from '../payments/payment-provider.port';
import type { Services } from '../services';
import { readBody, sendJson, type RouteHandler } from './http-server';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

const MAX_WEBHOOK_BYTES = 512 * 1024;

/**
 * POST /webhooks/stripe. The signature is checked on the raw bytes, before anything is parsed or stored.
 * The answer tells Stripe what to do with the event:
 * - 2xx: stored and applied (or a duplicate, or a type we ignore): done;
 * - 400: not Stripe's (bad signature), or Stripe's but not something we understand (a field missing, an object of
 *   another type than the event's, an object the provider itself no longer knows): logged, kept as rejected, and
 *   never applied, since a retry would fail the same way;
 * - 500: we failed to apply it (the database, Stripe unreachable for a read): Stripe delivers it again later.
 */
export function stripeWebhookRoute(services: Services, logger: Logger, metrics?: Metrics): RouteHandler {
  // Anyone can post garbage here: audit the first rejection per address and minute, not every one.
  const rejections = new RateLimiterMemory({ points: 1, duration: 60, keyPrefix: 'webhook-rejected' });
  return async (req, res, meta) => {
    const raw = await readBody(req, MAX_WEBHOOK_BYTES);
    let event: ProviderEvent;
    try {
      event = services.provider.parseWebhook(raw, req.headers['stripe-signature'] as string | undefined);
    } catch (error) {
      if (error instanceof UnreadableWebhookError) {
        const { id, type, apiVersion } = error.event;
        logger.error(
          { requestId: meta.requestId, eventId: id, type, eventApiVersion: apiVersion, pinnedApiVersion: services.provider.apiVersion, reason: error.message },
          'webhook refused: signed by Stripe but not understood; kept as rejected and not applied',
        );
        metrics?.webhook(type ?? 'unknown', 'rejected');
        await services.webhooks.reject(error.event, error.message, error.payload);
        return sendJson(res, 400, { error: 'The event could not be understood.' });
      }
      if (!(error instanceof InvalidWebhookError)) throw error;
      logger.warn({ requestId: meta.requestId, ip: meta.ip }, 'webhook rejected: bad signature');
      metrics?.webhook('unknown', 'rejected');
      const firstInWindow = await rejections.consume(meta.ip).then(() => true, () => false);
      if (firstInWindow) await services.audit.record({ action: 'WEBHOOK_REJECTED', actorType: 'ANONYMOUS', ip: meta.ip, details: { requestId: meta.requestId } });
      return sendJson(res, 400, { error: 'Invalid signature.' });
    }
    const pinned = services.provider.apiVersion;
    if (event.apiVersion && pinned && event.apiVersion !== pinned) {
      // Its shape was understood (parseWebhook checked every field we read), so it is applied; but the endpoint should
      // be set to the pinned version in Stripe's dashboard before a difference that matters arrives.
      logger.warn(
        { requestId: meta.requestId, eventId: event.id, type: event.type, eventApiVersion: event.apiVersion, pinnedApiVersion: pinned },
        `webhook event written in Stripe API version ${event.apiVersion}, not the pinned ${pinned}: set the webhook endpoint's API version to ${pinned} in Stripe's dashboard`,
      );
    }
    try {
      const outcome = await services.webhooks.handle(event);
      const lagMs = Date.now() - event.created.getTime();
      metrics?.webhook(event.type, outcome, outcome === 'processed' ? lagMs / 1000 : undefined);
      if (outcome === 'rejected') {
        logger.error({ requestId: meta.requestId, eventId: event.id, type: event.type }, 'webhook refused: it names something that cannot be applied; kept as rejected');
        return sendJson(res, 400, { error: 'The event could not be applied.' });
      }
      logger.info({ requestId: meta.requestId, eventId: event.id, type: event.type, outcome, lagMs }, 'webhook');
      sendJson(res, 200, { received: true, outcome });
    } catch (error) {
      logger.error({ requestId: meta.requestId, eventId: event.id, type: event.type, err: error }, 'webhook processing failed; Stripe will retry');
      metrics?.webhook(event.type, 'failed');
      sendJson(res, 500, { error: 'Processing failed; retry later.' });
    }
  };
}

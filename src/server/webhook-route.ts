import { RateLimiterMemory } from 'rate-limiter-flexible';
import { InvalidWebhookError } from '../payments/payment-provider.port';
import type { Services } from '../services';
import { readBody, sendJson, type RouteHandler } from './http-server';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

const MAX_WEBHOOK_BYTES = 512 * 1024;

/**
 * POST /webhooks/stripe. The signature is checked on the raw bytes, before anything is parsed or stored.
 * A 2xx tells Stripe the event is safely stored and applied; anything else makes it deliver again.
 */
export function stripeWebhookRoute(services: Services, logger: Logger, metrics?: Metrics): RouteHandler {
  // Anyone can post garbage here: audit the first rejection per address and minute, not every one.
  const rejections = new RateLimiterMemory({ points: 1, duration: 60, keyPrefix: 'webhook-rejected' });
  return async (req, res, meta) => {
    const raw = await readBody(req, MAX_WEBHOOK_BYTES);
    let event;
    try {
      event = services.provider.parseWebhook(raw, req.headers['stripe-signature'] as string | undefined);
    } catch (error) {
      if (!(error instanceof InvalidWebhookError)) throw error;
      logger.warn({ requestId: meta.requestId, ip: meta.ip }, 'webhook rejected: bad signature');
      metrics?.webhook('unknown', 'rejected');
      const firstInWindow = await rejections.consume(meta.ip).then(() => true, () => false);
      if (firstInWindow) await services.audit.record({ action: 'WEBHOOK_REJECTED', actorType: 'ANONYMOUS', ip: meta.ip, details: { requestId: meta.requestId } });
      return sendJson(res, 400, { error: 'Invalid signature.' });
    }
    try {
      const outcome = await services.webhooks.handle(event);
      const lagMs = Date.now() - event.created.getTime();
      logger.info({ requestId: meta.requestId, eventId: event.id, type: event.type, outcome, lagMs }, 'webhook');
      metrics?.webhook(event.type, outcome, outcome === 'processed' ? lagMs / 1000 : undefined);
      sendJson(res, 200, { received: true, outcome });
    } catch (error) {
      logger.error({ requestId: meta.requestId, eventId: event.id, type: event.type, err: error }, 'webhook processing failed; Stripe will retry');
      metrics?.webhook(event.type, 'failed');
      sendJson(res, 500, { error: 'Processing failed; retry later.' });
    }
  };
}

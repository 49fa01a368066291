import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type Stripe from 'stripe';

/** One webhook delivery attempt and how the receiver answered. */
export interface WebhookDelivery {
  eventId: string;
  type: string;
  status: number | 'error';
  attempt: number;
}

/** A webhook endpoint as configured in Stripe's Dashboard. */
export interface WebhookEndpoint {
  url: string;
  /** The `whsec_...` signing secret. */
  secret: string;
  /**
   * The endpoint's API version, stamped on the events it receives; default the emulator's (the SDK's pinned one).
   * Approximation: only `api_version` changes, not the objects' shapes.
   */
  apiVersion?: string;
}

/** Where and how the dispatcher delivers events. */
export interface WebhookDispatcherOptions {
  endpoint?: WebhookEndpoint;
  /** Waits before each retry; the delivery is given up once they are used up. */
  retryDelaysMs: number[];
  /** How long `reorderWebhooks` buffers events before delivering them reversed. */
  reorderWindowMs: number;
  faults: () => { duplicateWebhooks: boolean; reorderWebhooks: boolean };
  logger: (msg: string, data?: object) => void;
}

/** Signs a payload as Stripe does: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" keyed with the secret>`. */
export function signPayload(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex')}`;
}

/**
 * Posts signed events to the webhook endpoint and retries failed deliveries with backoff, as Stripe does.
 * First attempts go out one at a time in emission order, so what a receiver sees is deterministic.
 */
export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  private held = false;
  private stopped = false;
  private buffer: Stripe.Event[] = [];
  private reorderTimer?: NodeJS.Timeout;
  private firstAttempts: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly wakers = new Set<() => void>();
  private readonly requests = new Set<http.ClientRequest>();

  constructor(private readonly options: WebhookDispatcherOptions) {}

  /** Points deliveries at another endpoint, e.g. an app that only learned its port after the emulator started. */
  setEndpoint(endpoint: WebhookEndpoint): void {
    this.options.endpoint = endpoint;
  }

  /** Schedules delivery of new events (the server calls it once the API response is written). */
  send(events: Stripe.Event[]): void {
    if (!this.options.endpoint || this.stopped || events.length === 0) return;
    if (!this.held && !this.options.faults().reorderWebhooks) return events.forEach((event) => this.start(event));
    this.buffer.push(...events);
    if (!this.held) this.reorderTimer ??= setTimeout(() => this.drain(), this.options.reorderWindowMs);
  }

  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    this.drain();
  }

  /** Resolves when every scheduled delivery, retries included, has finished; held events are not waited for. */
  async flush(): Promise<void> {
    if (!this.held) this.drain();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Abandons pending retries and open requests. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.reorderTimer);
    this.wakers.forEach((wake) => wake());
    this.requests.forEach((request) => request.destroy());
  }

  private drain(): void {
    clearTimeout(this.reorderTimer);
    this.reorderTimer = undefined;
    const batch = this.buffer.splice(0);
    if (this.options.faults().reorderWebhooks) batch.reverse();
    batch.forEach((event) => this.start(event));
  }

  private start(event: Stripe.Event): void {
    for (let copy = this.options.faults().duplicateWebhooks ? 2 : 1; copy > 0; copy--) {
      const delivery = this.deliver(event).finally(() => this.inFlight.delete(delivery));
      this.inFlight.add(delivery);
    }
  }

  private async deliver(event: Stripe.Event): Promise<void> {
    // Stripe sends pretty-printed JSON: receivers must verify the raw bytes, not a re-serialisation.
    const apiVersion = this.options.endpoint?.apiVersion;
    const payload = JSON.stringify(apiVersion ? { ...event, api_version: apiVersion } : event, null, 2);
    const first = this.firstAttempts.then(() => this.attempt(event, payload, 1));
    this.firstAttempts = first;
    if (await first) return;
    for (const [index, delay] of this.options.retryDelaysMs.entries()) {
      if (this.stopped) return;
      await new Promise<void>((resolve) => {
        const wake = () => (clearTimeout(timer), this.wakers.delete(wake), resolve());
        const timer = setTimeout(wake, delay);
        this.wakers.add(wake);
      });
      if (this.stopped || (await this.attempt(event, payload, index + 2))) return;
    }
    this.options.logger('webhook delivery given up', { eventId: event.id, type: event.type });
  }

  /** One signed POST; resolves whether the receiver answered 2xx. */
  private attempt(event: Stripe.Event, payload: string, attempt: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(true);
    const { url, secret } = this.options.endpoint!;
    return new Promise((resolve) => {
      let done = false;
      const finish = (status: number | 'error') => {
        if (done) return;
        done = true;
        this.requests.delete(request);
        this.deliveries.push({ eventId: event.id, type: event.type, status, attempt });
        this.options.logger('webhook delivery', { eventId: event.id, type: event.type, status, attempt });
        resolve(typeof status === 'number' && status >= 200 && status < 300);
      };
      const request = (url.startsWith('https:') ? https : http).request(url, {
        method: 'POST', agent: false, timeout: 5000,
        headers: {
          'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Stripe-Signature': signPayload(payload, secret),
        },
      });
      this.requests.add(request);
      request.on('response', (response) => response.resume().on('end', () => finish(response.statusCode ?? 0)).on('error', () => finish('error')));
      request.on('timeout', () => request.destroy(new Error('webhook delivery timed out')));
      request.on('error', () => finish('error'));
      request.end(payload);
    });
  }
}

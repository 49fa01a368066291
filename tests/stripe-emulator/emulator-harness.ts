import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from '../../src/stripe-emulator';

export const API_KEY = 'sk_test_emulator';
export const WEBHOOK_SECRET = 'whsec_test_emulator_secret';

/** The real SDK pointed at an emulator; no retries unless a test asks, so faults surface as errors. */
export function stripeClient(emulator: StripeEmulator, config: Stripe.StripeConfig = {}, key = API_KEY): Stripe {
  return new Stripe(key, { host: emulator.host, port: emulator.port, protocol: 'http', maxNetworkRetries: 0, ...config });
}

/** Starts an emulator on a free port with the test key, and a client for it. */
export async function startEmulator(options: StripeEmulatorOptions = {}): Promise<{ emulator: StripeEmulator; stripe: Stripe }> {
  const emulator = await startStripeEmulator({ apiKey: API_KEY, webhookRetryDelaysMs: [20, 40], ...options });
  return { emulator, stripe: stripeClient(emulator) };
}

/** Calls the emulator's `/_emulator/...` control API the way another process would. */
export async function control(emulator: StripeEmulator, path: string, body: object = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${emulator.url}/_emulator/${path}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json', Connection: 'close' },
  });
  return { status: response.status, body: await response.json() };
}

/** A webhook endpoint that verifies each delivery with the SDK and answers with `statusFor(attempt)`. */
export interface WebhookReceiver {
  url: string;
  /** Events whose signatures verified, in arrival order. */
  events: Stripe.Event[];
  /** Raw bodies and signature headers as received. */
  raw: Array<{ body: string; signature: string }>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(statusFor: (requestNumber: number) => number = () => 200): Promise<WebhookReceiver> {
  const verifier = new Stripe('sk_test_unused');
  const events: Stripe.Event[] = [];
  const raw: WebhookReceiver['raw'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = String(req.headers['stripe-signature']);
      raw.push({ body, signature });
      const status = statusFor(raw.length);
      if (status < 300) events.push(verifier.webhooks.constructEvent(body, signature, WEBHOOK_SECRET));
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`,
    events, raw,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

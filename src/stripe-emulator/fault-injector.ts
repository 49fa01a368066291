import { invalidRequest } from './stripe-api-error';

const FLAGS = ['latencyMs', 'nextConfirmProcessing', 'duplicateWebhooks', 'reorderWebhooks'];

/** A count of API requests a fault applies to, optionally only those whose path starts with `pathPrefix`. */
export interface FaultSpec {
  count: number;
  pathPrefix?: string;
  /** For `failNext` and `failAfterProcessingNext`: 500, 502 or 503 (default 500). */
  status?: number;
  /** For `dropNext`: process the request, then drop the response, so the caller cannot tell whether it happened. */
  afterProcessing?: boolean;
}

/** The JSON body of `POST /_emulator/faults`; a bare number is shorthand for `{ count }`; faults queue in key order. */
export interface FaultSettings {
  reset?: boolean;
  latencyMs?: number;
  nextConfirmProcessing?: boolean;
  duplicateWebhooks?: boolean;
  reorderWebhooks?: boolean;
  /** `true` holds webhook deliveries, `false` releases them. */
  holdWebhooks?: boolean;
  failNext?: number | FaultSpec;
  failAfterProcessingNext?: number | FaultSpec;
  rateLimitNext?: number | FaultSpec;
  dropNext?: number | FaultSpec;
  hangNext?: number | FaultSpec;
}

/** One queued fault, consumed request by request. */
export interface FaultRule extends Omit<FaultSpec, 'count'> {
  kind: 'fail' | 'fail_after_processing' | 'rate_limit' | 'drop' | 'hang';
  remaining: number;
}

/**
 * Faults injected into the emulator's Stripe API (`/v1/...`, never the `/_emulator` control API).
 * Counts are HTTP requests, so SDK retries (`maxNetworkRetries`) consume them too.
 */
export class FaultInjector {
  /** Delay added before answering each API request. */
  latencyMs = 0;
  /** The next confirmation that would succeed ends in `processing` instead; settle it with `succeedOutOfBand`. */
  nextConfirmProcessing = false;
  /** Deliver every webhook event twice, as Stripe may. */
  duplicateWebhooks = false;
  /** Buffer webhook events and deliver them newest first (after a short window, on release or on flush). */
  reorderWebhooks = false;
  /** Faults still to be applied, in order. */
  readonly rules: FaultRule[] = [];

  constructor(private readonly webhooks: { hold(): void; release(): void }) {}

  /** Answer the next `n` requests with a 5xx `api_error` (`StripeAPIError` in the SDK). */
  failNext(n: number, status: 500 | 502 | 503 = 500, scope: Omit<FaultSpec, 'count'> = {}): void {
    this.rules.push({ ...scope, kind: 'fail', remaining: n, status });
  }

  /**
   * Let the next `n` requests take effect (a PaymentIntent is created, its events are sent), then answer a 5xx
   * `api_error`, as when Stripe fails after it started work. As Stripe documents for such errors, the 5xx is stored
   * under the request's idempotency key: every retry with that key gets the same 5xx back (`Idempotent-Replayed: true`)
   * for as long as the key is kept (24 hours; `expireIdempotencyKeys()`), and never runs the request again. Recovering
   * takes looking the object up, or a new key.
   */
  failAfterProcessingNext(n: number, status: 500 | 502 | 503 = 500, scope: Omit<FaultSpec, 'count'> = {}): void {
    this.rules.push({ ...scope, kind: 'fail_after_processing', remaining: n, status });
  }

  /** Answer the next `n` requests with 429 (`StripeRateLimitError`). */
  rateLimitNext(n: number, scope: Omit<FaultSpec, 'count'> = {}): void {
    this.rules.push({ ...scope, kind: 'rate_limit', remaining: n });
  }

  /** Close the next `n` connections without answering. The SDK retries one closed connection even with `maxNetworkRetries: 0`. */
  dropNext(n: number, scope: Omit<FaultSpec, 'count'> = {}): void {
    this.rules.push({ ...scope, kind: 'drop', remaining: n });
  }

  /** Never answer the next `n` requests, so the client times out. */
  hangNext(n: number, scope: Omit<FaultSpec, 'count'> = {}): void {
    this.rules.push({ ...scope, kind: 'hang', remaining: n });
  }

  /** Hold webhook deliveries until `releaseWebhooks()`. */
  holdWebhooks(): void {
    this.webhooks.hold();
  }

  releaseWebhooks(): void {
    this.webhooks.release();
  }

  /** Clears every fault and releases held webhooks. */
  reset(): void {
    Object.assign(this, { latencyMs: 0, nextConfirmProcessing: false, duplicateWebhooks: false, reorderWebhooks: false });
    this.rules.length = 0;
    this.releaseWebhooks();
  }

  /** Applies `POST /_emulator/faults`. */
  configure(settings: FaultSettings): void {
    if (settings.reset) this.reset();
    for (const [key, value] of Object.entries(settings)) {
      const { count, ...scope }: FaultSpec = typeof value === 'number' ? { count: value } : value;
      if (key === 'failNext') this.failNext(count, (scope.status ?? 500) as 500, scope);
      else if (key === 'failAfterProcessingNext') this.failAfterProcessingNext(count, (scope.status ?? 500) as 500, scope);
      else if (key === 'rateLimitNext') this.rateLimitNext(count, scope);
      else if (key === 'dropNext') this.dropNext(count, scope);
      else if (key === 'hangNext') this.hangNext(count, scope);
      else if (key === 'holdWebhooks') (value ? this.holdWebhooks() : this.releaseWebhooks());
      else if (FLAGS.includes(key)) Object.assign(this, { [key]: value });
      else if (key !== 'reset') throw invalidRequest(`Unknown fault: ${key}`, key);
    }
  }

  /** The fault for a request to `path`, if any, consuming one count. */
  take(path: string): FaultRule | undefined {
    const rule = this.rules.find((r) => path.startsWith(r.pathPrefix ?? ''));
    if (rule && --rule.remaining <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
    return rule;
  }

  /** Reads and clears `nextConfirmProcessing`. */
  takeProcessing(): boolean {
    const value = this.nextConfirmProcessing;
    this.nextConfirmProcessing = false;
    return value;
  }
}

import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Patterns of every secret this system handles. Whatever slips into a log line (an error message, a URL,
 * a header) is scrubbed by shape, on top of pino's path-based redaction of the headers we know about.
 */
const SECRET_PATTERNS: RegExp[] = [
  /\b(cpt|cak)_[0-9a-f]{24}_[A-Za-z0-9_-]{43}\b/g, // payment tokens, admin keys
  /\b(cpt|cak)_[A-Za-z0-9_-]{8,}/g, // anything that looks like one, even malformed
  /\b(sk|rk)_(test|live)_[A-Za-z0-9]+/g, // Stripe secret keys
  /\bwhsec_[A-Za-z0-9]+/g, // webhook secrets
  /\b(pi|seti)_[A-Za-z0-9]+_secret_[A-Za-z0-9]+/g, // client secrets
];

/**
 * Card numbers: 13 to 19 digits, also written in groups ("4242 4242 …", "4242-4242-…") or glued to an
 * identifier ("evt_4242…"). Only runs that pass the Luhn check are removed, as every card number does, so
 * timestamps and other long numbers mostly stay readable.
 */
const CARD_NUMBER = /(?<![0-9A-Za-z])(?:\d[ -]?){12,18}\d(?![0-9A-Za-z])/g;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

export function scrubSecrets(text: string): string {
  const scrubbed = SECRET_PATTERNS.reduce((out, pattern) => out.replace(pattern, '[REDACTED]'), text);
  return scrubbed.replace(CARD_NUMBER, (run) => (passesLuhn(run.replace(/[ -]/g, '')) ? '[REDACTED]' : run));
}

function isErrorLike(value: object): boolean {
  const candidate = value as { message?: unknown; stack?: unknown };
  return typeof candidate.message === 'string' && typeof candidate.stack === 'string';
}

/** A UUID, the form of the request ids this server makes (http-server.ts) and hands to clients to quote. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Fields that tie log lines to a request a client quotes (`x-request-id`, an error's `requestId`): a UUID there is
 * never scrubbed, since its digits can pass for a card number (`84729301-2837-4123-…`) and an id blanked in part can no
 * longer be found. Anything else in them is scrubbed as usual.
 */
const CORRELATION_FIELDS = new Set(['requestId', 'requestIds']);

function scrubCorrelation(value: unknown, depth: number): unknown {
  if (typeof value === 'string' && UUID.test(value)) return value;
  if (Array.isArray(value)) return value.map((v) => scrubCorrelation(v, depth + 1));
  return scrubValue(value, depth);
}

function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  // Duck-typed as well: an error from another realm (a vm context, as under jest) fails instanceof, and its
  // message and stack are not enumerable, so it would be logged as {}.
  if (value instanceof Error || isErrorLike(value)) {
    const error = value as Error & { code?: unknown };
    return { type: error.name, message: scrubSecrets(String(error.message)), ...(error.code !== undefined && { code: scrubValue(error.code, depth + 1) }), stack: error.stack && scrubSecrets(error.stack) };
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = CORRELATION_FIELDS.has(key) ? scrubCorrelation(v, depth + 1) : scrubValue(v, depth + 1);
  return out;
}

/** Bytes of log lines waiting for a log collector that is slow to read, past which further lines are dropped. */
const MAX_PENDING_LOG_BYTES = 4 * 1024 * 1024;

/**
 * Standard output as the logs' destination, such that logging never holds the process or grows it without bound:
 * a collector that stops reading costs at most MAX_PENDING_LOG_BYTES (later lines are counted and dropped, and the
 * count logged once it reads again), and one that is gone (EPIPE) ends logging, not the process. Writes go through
 * `process.stdout`, which Node does not wait for at exit (pino's own destination flushes synchronously on exit,
 * retrying forever while a full pipe is not read, so a stuck collector held SIGTERM past its deadline).
 */
export function stdoutDestination(out: NodeJS.WritableStream & { writableLength: number } = process.stdout): DestinationStream {
  let gone = false;
  let dropped = 0;
  out.on('error', () => {
    gone = true;
  });
  return {
    write(line: string) {
      if (gone) return;
      if (out.writableLength > MAX_PENDING_LOG_BYTES) {
        dropped++;
        return;
      }
      if (dropped > 0) {
        out.write(`${JSON.stringify({ level: 40, time: Date.now(), msg: 'log lines dropped: the log collector was not reading', dropped })}\n`);
        dropped = 0;
      }
      out.write(line);
    },
  };
}

/** Structured JSON logs. Secrets are removed by path and by shape before a line is written. */
export function createLogger(level: string, destination: DestinationStream = stdoutDestination()): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization', 'token', 'secret', 'clientSecret', 'adminApiKey', 'card.number'],
        censor: '[REDACTED]',
      },
      formatters: { log: (object) => scrubValue(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

import { createHash } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { LIMITS } from '../domain/limits';
import { STRIPE_SETTLEMENT_CURRENCIES } from '../payments/stripe/stripe-rules';

/**
 * Configuration, read from the environment and validated once at start-up.
 * A bad value stops the process with a message naming the variable, instead of failing later mid-request.
 */
export type NodeEnv = 'development' | 'production' | 'test';

export interface RateLimitBudgets {
  /** Viewing and listing fields, per minute per token (or per IP when unauthenticated). */
  view: number;
  /** createPaymentIntent and confirmPayment. */
  payment: number;
  /** addPaymentMethod, removePaymentMethod, setDefaultMethod. */
  method: number;
  /** Admin fields, per admin key. */
  admin: number;
  /** requestNewPaymentLink, per client IP (each link also gets at most one new link per 10 minutes, silently). */
  newLink: number;
  /** Failed authentication attempts per client IP. */
  authFailure: number;
  /** Wrong verifiers for one payment token or admin key, from any address (see AuthService). */
  credentialFailure: number;
  /** Window of every budget, in seconds. */
  windowSeconds: number;
  /** Prefix of every limiter key, so deployments (or test runs) sharing one Redis keep separate budgets. */
  keyPrefix: string;
}

export interface Config {
  nodeEnv: NodeEnv;
  isProduction: boolean;
  port: number;
  host: string;
  databaseUrl: string;
  /** PostgreSQL connections this process keeps at most; every instance's, plus a migration's, must fit the server's max_connections. */
  databasePoolSize: number;
  /** PostgreSQL: seconds an unused pooled connection stays open (0: until the process ends). */
  databasePoolIdleSeconds: number;
  /** Where this server's payment page is reachable; a link is this, "#", and the token (see PaymentTokenService). */
  portalBaseUrl: string;
  /** Default lifetime of a payment link, within LIMITS.paymentLinkDays. */
  paymentTokenLifetimeDays: number;
  /** Proxies whose X-Forwarded-For is believed: addresses and CIDR ranges, IPv4 or IPv6. Empty: the socket address is the client. */
  trustedProxies: string[];
  /** Bounds on connections, so idle and slow clients cannot hold every socket (see server/http-server.ts). */
  http: HttpLimits;
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
  /** How long a verified token may skip argon2 on repeat use. Revocation and expiry are checked on every request anyway. */
  tokenCacheTtlSeconds: number;
  /** How often payment-token and admin-key usage (lastUsedAt, useCount, *_USED audit rows) is written; see CredentialUsageRecorder. */
  tokenUsageFlushMs: number;
  redisUrl?: string;
  rateLimits: RateLimitBudgets;
  stripe: {
    secretKey?: string;
    webhookSecret?: string;
    /** pk_…: what the payment page's Stripe.js uses; the page gets it from the server at load, never from its build. */
    publishableKey?: string;
    /** Where the payment page loads Stripe.js from: Stripe's, or the local emulator's (dev/local-stripe.ts). */
    jsUrl: string;
    /** Override of where the SDK sends requests, e.g. http://127.0.0.1:12111 for stripe-mock or the emulator. */
    apiUrl?: string;
    emulatorPort: number;
    /** Bounded so that a hanging Stripe becomes PAYMENT_PROVIDER_UNAVAILABLE in seconds, not after the SDK's 80 s. */
    timeoutMs: number;
    maxNetworkRetries: number;
    webhookToleranceSeconds: number;
    /** The currency the Stripe account is paid out in, lowercase: where Stripe's minimum charge is exact (stripe-rules.ts). */
    settlementCurrency: string;
  };
  logLevel: string;
  /** Maximum GraphQL request body, bytes. */
  maxBodyBytes: number;
  seedDemoData: boolean;
  /** Apply pending migrations at start-up. Off in production, where `npm run migrate` runs once per deploy. */
  migrateOnStart: boolean;
  email: EmailConfig;
}

/** Transactional email: the outbox, its sender, and what reminders do (see src/email/). */
export interface EmailConfig {
  /** smtp://user:pass@host:587 or smtps://…; holds credentials, so it is never logged. Unset: see `mode`. */
  smtpUrl?: string;
  /**
   * `smtp`: messages go out through SMTP_URL. `dev-mailbox`: no SMTP_URL outside production; messages go through the
   * outbox to a mailbox kept in the process (and shown at /dev/mailbox). `off`: production without SMTP_URL; nothing
   * is queued and admin calls asking for an email get EmailNotConfiguredError.
   */
  mode: 'smtp' | 'dev-mailbox' | 'off';
  /** The From header: a display name (may be empty) and an address, whose domain names the Message-IDs. */
  from: { name: string; address: string };
  /** AES-256-GCM key for message bodies at rest (32 bytes). */
  encryptionKey: Buffer;
  /** Whether encryptionKey is the fixed development key (never in production with SMTP). */
  encryptionKeyIsDevelopmentKey: boolean;
  /** A link emailed gets one reminder when it expires within this many days and its invoice is unpaid. */
  reminderDaysBeforeExpiry: number;
  /** How often the reminder scheduler looks for links to remind about. */
  reminderIntervalMs: number;
  /** How often the sender looks for due messages when it found none. */
  pollIntervalMs: number;
  /** Tries before a message that keeps failing temporarily is FAILED. */
  maxAttempts: number;
  /** Backoff after the first failed try; doubled each try, with jitter, up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Bounds on one SMTP conversation: connecting, the greeting, and silence on the socket. */
  smtpTimeoutMs: number;
  /** How long a claim holds a message; a sender that died lets another take it after this. */
  claimLeaseMs: number;
  /** How long a FAILED message keeps its (encrypted) body for an admin's retry. */
  failedBodyRetentionDays: number;
}

export interface HttpLimits {
  /** Time to receive a request's headers (also how long a new connection may stay silent). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, headers and body; the handling time after that is not counted. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open after a response. */
  keepAliveTimeoutMs: number;
  /** Open connections at most; more are closed at once. */
  maxConnections: number;
  /** Open connections from one client address at most (trusted proxies are exempt); more are closed at once. */
  maxConnectionsPerIp: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function url(env: Env, name: string, fallback: string | undefined, protocols: string[]): string | undefined {
  const raw = env[name] || fallback;
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${redactUrl(raw)}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => p + '//').join(' or ')}, got "${redactUrl(raw)}"`);
  }
  return raw;
}

/**
 * A comma-separated list of addresses and CIDR ranges (`10.0.0.0/8`, `fd00::/8`, `192.0.2.7`), checked by building the
 * node:net BlockList the server matches with (server/client-ip.ts), so what is accepted here is what works there.
 */
function proxyList(env: Env, name: string): string[] {
  const entries = (env[name] || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    try {
      addProxyEntry(new BlockList(), entry);
    } catch {
      throw new ConfigError(`${name} must list IP addresses or CIDR ranges (e.g. 10.0.0.0/8, fd00::/8), got "${entry}"`);
    }
  }
  return entries;
}

/** Adds one TRUSTED_PROXIES entry (an address, or an address and a prefix length) to a BlockList; throws when it is neither. */
export function addProxyEntry(list: BlockList, entry: string): void {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) throw new Error(`not an address or a CIDR range: ${entry}`);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) return list.addAddress(address, type);
  if (!/^\d{1,3}$/.test(prefix)) throw new Error(`not a prefix length: ${entry}`);
  list.addSubnet(address, Number(prefix), type);
}

/** Stripe keys name their mode after their type: sk_test_…, rk_live_…, pk_test_…. */
const stripeKeyMode = (key: string): 'test' | 'live' => (/^[a-z]{2}_live_/.test(key) ? 'live' : 'test');

export const STRIPE_JS_URL = 'https://js.stripe.com/v3/';

export const DEFAULT_DATABASE_POOL_SIZE = 10;
/**
 * pg's own default closes a connection after 10 s unused, so a quiet spell of a few seconds costs the next burst a new
 * backend per connection and a new prepare of every statement: measured on PostgreSQL at 10 connections after 15 s
 * pauses, +10% CPU per request and twice the slowest response. A connection kept open costs the database one idle backend.
 */
export const DEFAULT_DATABASE_POOL_IDLE_SECONDS = 300;

/** Passwords in connection strings must not reach a log through an error message. */
export function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}

function httpLimits(env: Env): HttpLimits {
  const headersTimeoutMs = int(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000);
  const requestTimeoutMs = int(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000);
  // node:http refuses a headers timeout longer than the request's.
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(`HTTP_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not be longer than HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: int(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
    maxConnections: int(env, 'HTTP_MAX_CONNECTIONS', 1000, 1, 1_000_000),
    maxConnectionsPerIp: int(env, 'HTTP_MAX_CONNECTIONS_PER_IP', 100, 1, 1_000_000),
  };
}

/** Reads and validates the configuration. Throws ConfigError with a readable message. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnvRaw = env.NODE_ENV || 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as NodeEnv;
  const isProduction = nodeEnv === 'production';

  const databaseUrl = env.DATABASE_URL || 'file:./prisma/dev.db';
  if (!/^(file:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be file:<path> (SQLite) or postgresql://… (PostgreSQL), got "${redactUrl(databaseUrl)}"`);
  }

  const port = int(env, 'PORT', 4000, 0, 65535);
  const paymentTokenLifetimeDays = int(env, 'PAYMENT_TOKEN_LIFETIME_DAYS', 7, LIMITS.paymentLinkDays.min, LIMITS.paymentLinkDays.max);

  const secretKey = env.STRIPE_SECRET_KEY || undefined;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET || undefined;
  if (isProduction && !secretKey) throw new ConfigError('STRIPE_SECRET_KEY is required when NODE_ENV=production');
  if (isProduction && !webhookSecret) throw new ConfigError('STRIPE_WEBHOOK_SECRET is required when NODE_ENV=production');
  if (secretKey && !/^(sk|rk)_(test|live)_/.test(secretKey)) {
    throw new ConfigError('STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_… or rk_…)');
  }
  if (webhookSecret && !webhookSecret.startsWith('whsec_')) {
    throw new ConfigError('STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_…)');
  }
  const publishableKey = env.STRIPE_PUBLISHABLE_KEY || undefined;
  if (isProduction && !publishableKey) throw new ConfigError('STRIPE_PUBLISHABLE_KEY is required when NODE_ENV=production');
  if (publishableKey && !/^pk_(test|live)_[A-Za-z0-9_]+$/.test(publishableKey)) {
    throw new ConfigError('STRIPE_PUBLISHABLE_KEY must be a Stripe publishable key (pk_test_… or pk_live_…)');
  }
  // A page in test mode against a live account (or the reverse) fails at the first card, in front of a customer.
  if (secretKey && publishableKey && stripeKeyMode(secretKey) !== stripeKeyMode(publishableKey)) {
    throw new ConfigError(
      `STRIPE_PUBLISHABLE_KEY is a ${stripeKeyMode(publishableKey)} key but STRIPE_SECRET_KEY is a ${stripeKeyMode(secretKey)} key: use both keys of one mode`,
    );
  }

  const settlementCurrency = (env.STRIPE_SETTLEMENT_CURRENCY || 'usd').trim().toLowerCase();
  if (!STRIPE_SETTLEMENT_CURRENCIES.includes(settlementCurrency)) {
    throw new ConfigError(`STRIPE_SETTLEMENT_CURRENCY must be one of ${STRIPE_SETTLEMENT_CURRENCIES.join(', ')} (your Stripe account's payout currency), got "${env.STRIPE_SETTLEMENT_CURRENCY}"`);
  }

  const portalBaseUrl = url(env, 'PORTAL_BASE_URL', `http://localhost:${port}/pay`, ['http:', 'https:'])!;
  // The token goes in the link's fragment, which browsers never send to a server; a query or fragment would move it.
  if (/[?#]/.test(portalBaseUrl)) {
    throw new ConfigError(`PORTAL_BASE_URL must not have a query or a fragment (the token is appended as the fragment), got "${redactUrl(portalBaseUrl)}"`);
  }

  const trustedProxies = proxyList(env, 'TRUSTED_PROXIES');

  const rateLimitKeyPrefix = env.RATE_LIMIT_KEY_PREFIX || 'rl';
  if (!/^[A-Za-z0-9_:-]{1,64}$/.test(rateLimitKeyPrefix)) {
    throw new ConfigError(`RATE_LIMIT_KEY_PREFIX must be 1 to 64 letters, digits, "_", ":" or "-", got "${rateLimitKeyPrefix}"`);
  }

  const logLevel = env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "${logLevel}"`);
  }

  return {
    nodeEnv,
    isProduction,
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', DEFAULT_DATABASE_POOL_SIZE, 1, 1000),
    databasePoolIdleSeconds: int(env, 'DATABASE_POOL_IDLE_SECONDS', DEFAULT_DATABASE_POOL_IDLE_SECONDS, 0, 86_400),
    portalBaseUrl,
    paymentTokenLifetimeDays,
    trustedProxies,
    http: httpLimits(env),
    argon2: {
      memoryCost: int(env, 'ARGON2_MEMORY_KIB', 19456, 8192, 1048576),
      timeCost: int(env, 'ARGON2_TIME_COST', 2, 1, 10),
      parallelism: int(env, 'ARGON2_PARALLELISM', 1, 1, 8),
    },
    tokenCacheTtlSeconds: int(env, 'TOKEN_CACHE_TTL_SECONDS', 300, 0, 3600),
    tokenUsageFlushMs: int(env, 'TOKEN_USAGE_FLUSH_MS', 1000, 10, 60_000),
    redisUrl: url(env, 'REDIS_URL', undefined, ['redis:', 'rediss:']),
    rateLimits: {
      view: int(env, 'RATE_LIMIT_VIEW_PER_MINUTE', 20, 1, 100000),
      payment: int(env, 'RATE_LIMIT_PAYMENT_PER_MINUTE', 5, 1, 100000),
      method: int(env, 'RATE_LIMIT_METHOD_PER_MINUTE', 5, 1, 100000),
      admin: int(env, 'RATE_LIMIT_ADMIN_PER_MINUTE', 120, 1, 100000),
      newLink: int(env, 'RATE_LIMIT_NEW_LINK_PER_MINUTE', 5, 1, 100000),
      authFailure: int(env, 'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE', 10, 1, 100000),
      credentialFailure: int(env, 'RATE_LIMIT_CREDENTIAL_FAILURES_PER_MINUTE', 10, 1, 100000),
      windowSeconds: 60,
      keyPrefix: rateLimitKeyPrefix,
    },
    stripe: {
      secretKey,
      webhookSecret,
      publishableKey,
      jsUrl: url(env, 'STRIPE_JS_URL', STRIPE_JS_URL, ['http:', 'https:'])!,
      apiUrl: url(env, 'STRIPE_API_URL', undefined, ['http:', 'https:']),
      emulatorPort: int(env, 'STRIPE_EMULATOR_PORT', 12111, 0, 65535),
      timeoutMs: int(env, 'STRIPE_TIMEOUT_MS', 5000, 100, 80000),
      maxNetworkRetries: int(env, 'STRIPE_MAX_NETWORK_RETRIES', 1, 0, 5),
      webhookToleranceSeconds: 300,
      settlementCurrency,
    },
    logLevel,
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 100 * 1024, 1024, 10 * 1024 * 1024),
    seedDemoData: bool(env, 'SEED_DEMO_DATA', !isProduction),
    migrateOnStart: bool(env, 'MIGRATE_ON_START', !isProduction),
    email: emailConfig(env, isProduction),
  };
}

/**
 * Outside production without EMAIL_ENCRYPTION_KEY, bodies are encrypted with this fixed key: development and test
 * databases hold demo data, are shared by several processes (tests run two servers on one database) and get copied and
 * recreated, which a generated key kept in a file would not survive. It obscures, it does not protect, and production
 * with SMTP_URL refuses to start without a key of its own.
 */
const DEVELOPMENT_EMAIL_KEY = createHash('sha256').update('customer-payment-portal: development-only email body key').digest();

/** `Name <address>` or `address`: one address, no line breaks (a header must not be able to add headers). */
function emailFrom(raw: string): { name: string; address: string } {
  const match = /^\s*(?:"?([^"<>\r\n]*?)"?\s*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(raw);
  const address = match?.[2] ?? match?.[3];
  if (!match || !address || !/^[^@\s]+@[^@\s]+$/.test(address)) {
    throw new ConfigError(`EMAIL_FROM must be an address or "Name <address>", e.g. "Acme Billing <billing@acme.test>", got "${raw}"`);
  }
  return { name: (match[1] ?? '').trim(), address };
}

function emailConfig(env: Env, isProduction: boolean): EmailConfig {
  const smtpUrl = url(env, 'SMTP_URL', undefined, ['smtp:', 'smtps:']);
  if (smtpUrl && !new URL(smtpUrl).hostname) throw new ConfigError(`SMTP_URL must name a host, got "${redactUrl(smtpUrl)}"`);
  if (isProduction && smtpUrl && !env.EMAIL_FROM) throw new ConfigError('EMAIL_FROM is required when NODE_ENV=production and SMTP_URL is set');
  const from = emailFrom(env.EMAIL_FROM || 'Payments <payments@localhost>');

  const rawKey = env.EMAIL_ENCRYPTION_KEY?.trim();
  let encryptionKey = DEVELOPMENT_EMAIL_KEY;
  if (rawKey) {
    const decoded = /^[0-9a-fA-F]{64}$/.test(rawKey) ? Buffer.from(rawKey, 'hex') : Buffer.from(rawKey, 'base64');
    if (decoded.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(rawKey) && decoded.toString('base64').replace(/=+$/, '') !== rawKey.replace(/=+$/, ''))) {
      throw new ConfigError('EMAIL_ENCRYPTION_KEY must be 32 random bytes, in base64 (44 characters) or hex (64); e.g. `openssl rand -base64 32`');
    }
    encryptionKey = decoded;
  } else if (isProduction && smtpUrl) {
    throw new ConfigError('EMAIL_ENCRYPTION_KEY is required when NODE_ENV=production and SMTP_URL is set (e.g. `openssl rand -base64 32`)');
  }

  const smtpTimeoutMs = int(env, 'EMAIL_SMTP_TIMEOUT_MS', 10_000, 100, 600_000);
  const claimLeaseMs = int(env, 'EMAIL_CLAIM_LEASE_MS', 120_000, 1_000, 3_600_000);
  // A conversation has three bounded phases; a lease shorter than them could let a second sender take a message still
  // being sent.
  if (claimLeaseMs < 3 * smtpTimeoutMs) {
    throw new ConfigError(`EMAIL_CLAIM_LEASE_MS (${claimLeaseMs}) must be at least three times EMAIL_SMTP_TIMEOUT_MS (${smtpTimeoutMs})`);
  }
  const retryBaseMs = int(env, 'EMAIL_RETRY_BASE_MS', 30_000, 10, 86_400_000);
  const retryMaxMs = int(env, 'EMAIL_RETRY_MAX_MS', 3_600_000, 10, 86_400_000);
  if (retryMaxMs < retryBaseMs) throw new ConfigError(`EMAIL_RETRY_MAX_MS (${retryMaxMs}) must not be shorter than EMAIL_RETRY_BASE_MS (${retryBaseMs})`);

  return {
    smtpUrl,
    mode: smtpUrl ? 'smtp' : isProduction ? 'off' : 'dev-mailbox',
    from,
    encryptionKey,
    encryptionKeyIsDevelopmentKey: !rawKey,
    reminderDaysBeforeExpiry: int(env, 'EMAIL_REMINDER_DAYS_BEFORE_EXPIRY', 2, 1, LIMITS.paymentLinkDays.max),
    reminderIntervalMs: int(env, 'EMAIL_REMINDER_INTERVAL_MS', 15 * 60_000, 100, 86_400_000),
    pollIntervalMs: int(env, 'EMAIL_SEND_POLL_MS', 1_000, 10, 600_000),
    maxAttempts: int(env, 'EMAIL_MAX_ATTEMPTS', 8, 1, 100),
    retryBaseMs,
    retryMaxMs,
    smtpTimeoutMs,
    claimLeaseMs,
    failedBodyRetentionDays: int(env, 'EMAIL_FAILED_BODY_RETENTION_DAYS', 7, 0, 365),
  };
}

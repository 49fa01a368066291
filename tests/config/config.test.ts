/** Settings are read and checked once at start-up; a bad value is named in a clear message. */
import { ConfigError, loadConfig } from '../../src/config/config';

describe('loadConfig', () => {
  it('has working defaults for a bare development machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 4000,
      databaseUrl: 'file:./prisma/dev.db',
      paymentTokenLifetimeDays: 7,
      portalBaseUrl: 'http://localhost:4000/pay',
      seedDemoData: true,
      migrateOnStart: true,
      argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
      rateLimits: { view: 20, payment: 5, method: 5, admin: 120, authFailure: 10, credentialFailure: 10, windowSeconds: 60 },
      trustedProxies: [],
      http: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1000, maxConnectionsPerIp: 100 },
    });
    expect(config.stripe.secretKey).toBeUndefined();
    expect(config.stripe.publishableKey).toBeUndefined();
    expect(config.stripe.jsUrl).toBe('https://js.stripe.com/v3/');
    expect(config.stripe.settlementCurrency).toBe('usd');
    expect(config.redisUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number between 0 and 65535, got "eighty"'],
    [{ PORT: '70000' }, 'PORT must be between 0 and 65535, got 70000'],
    [{ PAYMENT_TOKEN_LIFETIME_DAYS: '0' }, 'PAYMENT_TOKEN_LIFETIME_DAYS must be between 1 and 90, got 0'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be file:<path> (SQLite) or postgresql://… (PostgreSQL), got "mysql://x"'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be development, production or test, got "staging"'],
    [{ REDIS_URL: 'http://localhost' }, 'REDIS_URL must start with redis:// or rediss://, got "http://localhost"'],
    [{ SEED_DEMO_DATA: 'maybe' }, 'SEED_DEMO_DATA must be true or false, got "maybe"'],
    [{ STRIPE_SECRET_KEY: 'pk_test_123' }, 'STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_… or rk_…)'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ STRIPE_PUBLISHABLE_KEY: 'sk_test_123' }, 'STRIPE_PUBLISHABLE_KEY must be a Stripe publishable key (pk_test_… or pk_live_…)'],
    [
      { STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_PUBLISHABLE_KEY: 'pk_live_123' },
      'STRIPE_PUBLISHABLE_KEY is a live key but STRIPE_SECRET_KEY is a test key: use both keys of one mode',
    ],
    [
      { STRIPE_SECRET_KEY: 'rk_live_123', STRIPE_PUBLISHABLE_KEY: 'pk_test_123' },
      'STRIPE_PUBLISHABLE_KEY is a test key but STRIPE_SECRET_KEY is a live key: use both keys of one mode',
    ],
    [{ STRIPE_JS_URL: 'js.stripe.com/v3/' }, 'STRIPE_JS_URL must be a URL, got "js.stripe.com/v3/"'],
    [
      { PORTAL_BASE_URL: 'https://pay.example.com/pay?ref=mail' },
      'PORTAL_BASE_URL must not have a query or a fragment (the token is appended as the fragment), got "https://pay.example.com/pay?ref=mail"',
    ],
    [
      { PORTAL_BASE_URL: 'https://pay.example.com/pay#' },
      'PORTAL_BASE_URL must not have a query or a fragment (the token is appended as the fragment), got "https://pay.example.com/pay#"',
    ],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES must list IP addresses or CIDR ranges (e.g. 10.0.0.0/8, fd00::/8), got "10.0.0.0/33"'],
    [{ TRUSTED_PROXIES: '10.0.0.1, fd00::/129' }, 'TRUSTED_PROXIES must list IP addresses or CIDR ranges (e.g. 10.0.0.0/8, fd00::/8), got "fd00::/129"'],
    [{ TRUSTED_PROXIES: 'proxy.internal' }, 'TRUSTED_PROXIES must list IP addresses or CIDR ranges (e.g. 10.0.0.0/8, fd00::/8), got "proxy.internal"'],
    [{ TRUSTED_PROXIES: '10.0.0.0/' }, 'TRUSTED_PROXIES must list IP addresses or CIDR ranges (e.g. 10.0.0.0/8, fd00::/8), got "10.0.0.0/"'],
    [{ TRUSTED_PROXIES: '10.0.0.0/8/16' }, 'TRUSTED_PROXIES must list IP addresses or CIDR ranges (e.g. 10.0.0.0/8, fd00::/8), got "10.0.0.0/8/16"'],
    [{ TRUSTED_PROXIES: '10.0.0.0/-1' }, 'TRUSTED_PROXIES must list IP addresses or CIDR ranges (e.g. 10.0.0.0/8, fd00::/8), got "10.0.0.0/-1"'],
    [{ TRUSTED_PROXIES: '10.0.0.300' }, 'TRUSTED_PROXIES must list IP addresses or CIDR ranges (e.g. 10.0.0.0/8, fd00::/8), got "10.0.0.300"'],
    [{ HTTP_HEADERS_TIMEOUT_MS: '40000' }, 'HTTP_HEADERS_TIMEOUT_MS (40000) must not be longer than HTTP_REQUEST_TIMEOUT_MS (30000)'],
    [{ HTTP_MAX_CONNECTIONS_PER_IP: '0' }, 'HTTP_MAX_CONNECTIONS_PER_IP must be between 1 and 1000000, got 0'],
    [{ HTTP_REQUEST_TIMEOUT_MS: '30s' }, 'HTTP_REQUEST_TIMEOUT_MS must be a whole number between 100 and 600000, got "30s"'],
    [{ RATE_LIMIT_CREDENTIAL_FAILURES_PER_MINUTE: '0' }, 'RATE_LIMIT_CREDENTIAL_FAILURES_PER_MINUTE must be between 1 and 100000, got 0'],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it("takes the Stripe account's settlement currency (where Stripe's minimum charge is exact), one Stripe settles in", () => {
    expect(loadConfig({ STRIPE_SETTLEMENT_CURRENCY: 'EUR' }).stripe.settlementCurrency).toBe('eur');
    expect(() => loadConfig({ STRIPE_SETTLEMENT_CURRENCY: 'xts' })).toThrow(/^STRIPE_SETTLEMENT_CURRENCY must be one of usd, eur, .* got "xts"$/);
  });

  it('requires the Stripe keys in production, and turns off demo data and start-up migrations there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('STRIPE_SECRET_KEY is required when NODE_ENV=production');
    expect(() => loadConfig({ NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_live_x' })).toThrow('STRIPE_WEBHOOK_SECRET is required when NODE_ENV=production');
    expect(() => loadConfig({ NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toThrow(
      new ConfigError('STRIPE_PUBLISHABLE_KEY is required when NODE_ENV=production'),
    );
    const prod = loadConfig({ NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_PUBLISHABLE_KEY: 'pk_live_x' });
    expect(prod).toMatchObject({ isProduction: true, seedDemoData: false, migrateOnStart: false });
    expect(prod.stripe).toMatchObject({ publishableKey: 'pk_live_x', jsUrl: 'https://js.stripe.com/v3/' });
  });

  it('links to the payment page under the port the server listens on, unless PORTAL_BASE_URL says where it is', () => {
    expect(loadConfig({ PORT: '8080' }).portalBaseUrl).toBe('http://localhost:8080/pay');
    expect(loadConfig({ PORTAL_BASE_URL: 'https://billing.example.com/pay' }).portalBaseUrl).toBe('https://billing.example.com/pay');
  });

  it('takes trusted proxies as addresses and CIDR ranges of both families, mixed', () => {
    expect(loadConfig({ TRUSTED_PROXIES: ' 10.0.0.0/8, 192.0.2.7,fd00::/8 , ::1' }).trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.7', 'fd00::/8', '::1']);
  });

  describe('email', () => {
    const production = { NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_live_1', STRIPE_WEBHOOK_SECRET: 'whsec_1', STRIPE_PUBLISHABLE_KEY: 'pk_live_1' };
    const key = Buffer.alloc(32, 7).toString('base64');

    it('goes to the dev mailbox without SMTP_URL outside production, is off without it in production, and goes out by SMTP with it', () => {
      expect(loadConfig({}).email).toMatchObject({ mode: 'dev-mailbox', from: { name: 'Payments', address: 'payments@localhost' }, reminderDaysBeforeExpiry: 2, encryptionKeyIsDevelopmentKey: true });
      expect(loadConfig(production).email.mode).toBe('off');
      const smtp = loadConfig({ ...production, SMTP_URL: 'smtps://u:p@mail.example.com:465', EMAIL_FROM: 'Acme Billing <billing@acme.test>', EMAIL_ENCRYPTION_KEY: key }).email;
      expect(smtp).toMatchObject({ mode: 'smtp', from: { name: 'Acme Billing', address: 'billing@acme.test' }, encryptionKeyIsDevelopmentKey: false });
      expect(smtp.encryptionKey).toEqual(Buffer.alloc(32, 7));
    });

    it.each([
      [{ SMTP_URL: 'http://mail.example.com' }, 'SMTP_URL must start with smtp:// or smtps://, got "http://mail.example.com"'],
      [{ EMAIL_FROM: 'Acme <not an address>' }, 'EMAIL_FROM must be an address or "Name <address>"'],
      [{ EMAIL_FROM: 'Acme <a@b.test>\r\nBcc: x@evil.test' }, 'EMAIL_FROM must be an address or "Name <address>"'],
      [{ EMAIL_ENCRYPTION_KEY: 'c2hvcnQ=' }, 'EMAIL_ENCRYPTION_KEY must be 32 random bytes'],
      [{ EMAIL_SMTP_TIMEOUT_MS: '10000', EMAIL_CLAIM_LEASE_MS: '20000' }, 'EMAIL_CLAIM_LEASE_MS (20000) must be at least three times EMAIL_SMTP_TIMEOUT_MS (10000)'],
      [{ ...production, SMTP_URL: 'smtp://mail.example.com', EMAIL_FROM: 'billing@acme.test' }, 'EMAIL_ENCRYPTION_KEY is required when NODE_ENV=production and SMTP_URL is set'],
      [{ ...production, SMTP_URL: 'smtp://mail.example.com', EMAIL_ENCRYPTION_KEY: key }, 'EMAIL_FROM is required when NODE_ENV=production and SMTP_URL is set'],
    ])('refuses %j', (env, message) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    });

    it("never repeats SMTP_URL's password in its message", () => {
      expect(() => loadConfig({ SMTP_URL: 'ftp://mailer:hunter2-secret@mail.example.com' })).toThrow(/mailer:\*\*\*@/);
      expect(() => loadConfig({ SMTP_URL: 'ftp://mailer:hunter2-secret@mail.example.com' })).not.toThrow(/hunter2/);
    });
  });

  it('never repeats a database password in its message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://app:hunter2@db/x' })).toThrow(/app:\*\*\*@db/);
  });
});

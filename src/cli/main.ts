import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config/config';
import { openDatabase } from '../db/database';
import { applyMigrations, migrateForDeploy } from '../db/migrator';
import { seedDemo } from '../dev/demo-seed';
import { DomainError } from '../domain/errors';
import { operatorPrincipal } from '../domain/principal';
import { createServices, type Services } from '../services';
import { stripeProviderFrom } from '../app';
import type { PaymentProvider } from '../payments/payment-provider.port';
import { stripeRules } from '../payments/stripe/stripe-rules';

const USAGE = `Usage: npm run cli -- <command> [options] [--json]

  demo-seed                                        a new demo organization, customer, invoices and admin key
  organization create --name <name> [--support-email <e>]
                                                   a new organization (the email is shown to its customers)
  admin-key create --organization <id> [--name n]  a new admin API key (shown once)
  token issue --customer <id> [--invoice <id>] [--days N]
                                                   a new customer payment link (shown once)
  token revoke <id>                                revoke a payment link
  migrate                                          apply pending migrations; refuses a diverged history
  payments reconcile                               ask Stripe about unsettled payments and record the truth

Every command takes --json for machine-readable output.`;

class UsageError extends Error {}

/**
 * Commands that never reach Stripe run without its keys (Stripe's rules, such as its currencies, need no call);
 * those that do say what is missing when they try.
 */
function cliProvider(config: Config): PaymentProvider {
  if (config.stripe.secretKey && config.stripe.webhookSecret) return stripeProviderFrom(config);
  return new Proxy({ rules: stripeRules } as PaymentProvider, {
    get(target, property) {
      if (property === 'rules') return target.rules;
      throw new UsageError('This command talks to Stripe: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (and STRIPE_API_URL for the local emulator).');
    },
  });
}

interface Io {
  out(text: string): void;
}

type Flags = Record<string, string | boolean | undefined>;

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

async function withServices<T>(config: Config, fn: (services: Services) => Promise<T>): Promise<T> {
  await applyMigrations(config.databaseUrl);
  const database = await openDatabase(config.databaseUrl);
  const services = createServices({ db: database.prisma, dbProvider: database.provider, reads: database.reads, config, provider: cliProvider(config) });
  try {
    return await fn(services);
  } finally {
    await services.usage.close();
    await database.close();
  }
}

/** Runs one CLI command; returns the exit code. Exported for tests. */
export async function runCli(argv: string[], io: Io, env: Record<string, string | undefined> = process.env): Promise<number> {
  const { values: flags, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      organization: { type: 'string' },
      name: { type: 'string' },
      customer: { type: 'string' },
      invoice: { type: 'string' },
      days: { type: 'string' },
      'support-email': { type: 'string' },
    },
  });
  const json = !!flags.json;
  const print = (data: Record<string, unknown>, text: string) => io.out(json ? JSON.stringify(data, null, 2) : text);
  const [command, sub, arg] = positionals;
  if (flags.help || !command) {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig(env);

  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'demo-seed': {
      const seed = await withServices(config, (s) => seedDemo(s.organizations, s.billing));
      print({ ...seed }, `Organization ${seed.organizationId}\nCustomer     ${seed.customerId}\nInvoices     ${seed.invoiceIds.join(', ')}\nAdmin key    ${seed.adminApiKey}  (shown once)`);
      return 0;
    }
    case 'organization create': {
      const name = required(flags, 'name');
      const supportEmail = flags['support-email'] ?? null;
      const org = await withServices(config, (s) => s.organizations.createOrganization(name, { supportEmail }));
      print(
        { organizationId: org.id, name: org.name, supportEmail: org.supportEmail },
        `Organization ${org.id} (${org.name})${org.supportEmail ? `, support email ${org.supportEmail}` : ''}`,
      );
      return 0;
    }
    case 'admin-key create': {
      const organizationId = required(flags, 'organization');
      const name = typeof flags.name === 'string' ? flags.name : 'cli';
      const { secret, id } = await withServices(config, (s) => s.organizations.createAdminKey(operatorPrincipal(organizationId), name));
      print({ id, organizationId, name, adminApiKey: secret }, `Admin key ${id}: ${secret}  (shown once)`);
      return 0;
    }
    case 'token issue': {
      const customerId = required(flags, 'customer');
      const days = flags.days === undefined ? undefined : Number(flags.days);
      if (days !== undefined && !Number.isInteger(days)) throw new UsageError('--days must be a whole number');
      const issued = await withServices(config, async (s) => {
        const operator = operatorPrincipal(await s.billing.organizationOfCustomer(customerId));
        return s.tokens.issue(operator, { customerId, invoiceId: flags.invoice ?? null, expiresInDays: days }, null);
      });
      const t = issued.paymentToken;
      print(
        { id: t.id, token: issued.token, url: issued.url, customerId: t.customerId, invoiceId: t.invoiceId, expiresAt: t.expiresAt.toISOString(), status: t.status },
        `Payment token ${t.id}, expires ${t.expiresAt.toISOString()}\nToken: ${issued.token}  (shown once)\nLink:  ${issued.url}`,
      );
      return 0;
    }
    case 'token revoke': {
      const id = sub && arg ? arg : undefined;
      if (!id) throw new UsageError('token revoke needs the token id');
      const revoked = await withServices(config, async (s) => s.tokens.revoke(operatorPrincipal(await s.tokens.organizationOf(id)), id, null));
      print({ id: revoked.id, status: revoked.status, revokedAt: revoked.revokedAt?.toISOString() }, `Payment token ${revoked.id} revoked at ${revoked.revokedAt?.toISOString()}`);
      return 0;
    }
    case 'migrate': {
      const { applied } = await migrateForDeploy(config.databaseUrl);
      print({ applied }, applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'The database is up to date.');
      return 0;
    }
    case 'payments reconcile': {
      const result = await withServices(config, (s) => s.reconciliation.reconcile());
      print({ ...result }, `Checked ${result.checked} unsettled payment(s): ${result.recorded} recorded, ${result.closed} closed; ${result.webhookEventsReprocessed} stored webhook event(s) reprocessed.`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command: ${positionals.join(' ')}`);
  }
}

/** Runs a command and turns failures into a message and an exit code (2 for usage errors). */
export async function cliMain(argv: string[], io: Io & { err(text: string): void }, env: Record<string, string | undefined> = process.env): Promise<number> {
  try {
    return await runCli(argv, io, env);
  } catch (error) {
    const parseError = typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('ERR_PARSE_ARGS');
    const code = error instanceof DomainError ? error.code : error instanceof UsageError || parseError ? 'USAGE' : error instanceof ConfigError ? 'CONFIG' : 'INTERNAL';
    const message = error instanceof Error ? error.message : String(error);
    if (argv.includes('--json')) io.err(JSON.stringify({ error: { code, message } }));
    else io.err(`Error: ${message}${code === 'USAGE' ? `\n\n${USAGE}` : ''}`);
    return code === 'USAGE' ? 2 : 1;
  }
}

if (require.main === module) {
  const io = { out: (text: string) => process.stdout.write(text + '\n'), err: (text: string) => process.stderr.write(text + '\n') };
  cliMain(process.argv.slice(2), io).then((code) => process.exit(code));
}

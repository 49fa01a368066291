import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config/config';
import { loadEnvFile } from '../config/env-file';
import { DatabaseNotReadyError, databaseOptionsOf, openDatabase, openMigratedDatabase, type Database } from '../db/database';
import { applyMigrations, MigrationHistoryError, migrateForDeploy } from '../db/migrator';
import { seedDemo } from '../dev/demo-seed';
import { DomainError } from '../domain/errors';
import { LIMITS } from '../domain/limits';
import { operatorPrincipal } from '../domain/principal';
import type { AdminApiKeyView } from '../domain/views';
import { createServices, type Services } from '../services';
import { stripeProviderFrom } from '../app';
import type { PaymentProvider } from '../payments/payment-provider.port';
import { stripeRulesFor } from '../payments/stripe/stripe-rules';

const USAGE = `Usage: npm run cli -- <command> [options] [--json]

  demo-seed                                        a new demo organization, customer, invoices and admin key
  organization create --name <name> [--support-email <e>]
                                                   a new organization (the email is shown to its customers)
  admin-key create --organization <id> [--name <n>] [--days N]
                                                   a new admin API key (shown once), expiring after N days if given
  admin-key list --organization <id>               the organization's admin API keys, without their secrets
  admin-key revoke <id> [--confirm-loss-of-access] revoke an admin API key (the flag is needed for its last active key)
  token issue --customer <id> [--invoice <id>] [--days N] [--send-email]
                                                   a new customer payment link (shown once); --send-email also
                                                   queues it by email to the customer (a running server sends it)
  token revoke <id>                                revoke a payment link
  migrate                                          create the database if needed and apply pending migrations;
                                                   refuses a diverged history
  payments reconcile                               ask Stripe about unsettled payments and record the truth

Every command takes --json for machine-readable output. Only migrate and demo-seed create or migrate a database;
the others need one that exists and is migrated.`;

/** The command line is wrong: exit code 2, with the usage text. */
class UsageError extends Error {}

/** A command that could not be carried out, with a code for --json (and details, such as what a revocation would cost). */
class CommandFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * Commands that never reach Stripe run without its keys (Stripe's rules, such as its currencies, need no call);
 * those that do say what is missing when they try.
 */
function cliProvider(config: Config): PaymentProvider {
  if (config.stripe.secretKey && config.stripe.webhookSecret) return stripeProviderFrom(config);
  return new Proxy({ rules: stripeRulesFor(config.stripe.settlementCurrency) } as PaymentProvider, {
    get(target, property) {
      if (property === 'rules') return target.rules;
      throw new UsageError('This command talks to Stripe: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (and STRIPE_API_URL for the local emulator).');
    },
  });
}

interface Io {
  out(text: string): void;
}

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  organization: { type: 'string' },
  name: { type: 'string' },
  customer: { type: 'string' },
  invoice: { type: 'string' },
  days: { type: 'string' },
  'support-email': { type: 'string' },
  'confirm-loss-of-access': { type: 'boolean' },
  'send-email': { type: 'boolean' },
} as const;

type OptionName = keyof typeof OPTIONS;
type Flags = Partial<Record<OptionName, string | boolean>>;

/** What a command was given: its options and its positional arguments, by name. */
interface Given {
  flags: Flags;
  args: Record<string, string>;
}

interface Run {
  config: Config;
  print(data: unknown, text: string): void;
}

/**
 * One command: the words that name it, the positional arguments and options it takes (any other is refused), and
 * how it checks what it was given (before any configuration or database is touched) and runs.
 */
interface CommandSpec<I> {
  words: string;
  args: readonly string[];
  options: readonly OptionName[];
  parse(given: Given): I;
  run(input: I, run: Run): Promise<void>;
}

/** A command as the dispatcher sees it: `prepare` checks what was given and returns the run. */
interface Command {
  words: string;
  args: readonly string[];
  options: readonly OptionName[];
  prepare(given: Given): (run: Run) => Promise<void>;
}

function command<I>({ parse, run, ...spec }: CommandSpec<I>): Command {
  return {
    ...spec,
    prepare(given) {
      const input = parse(given);
      return (context) => run(input, context);
    },
  };
}

// ---- Checking what was typed ----

function optionalText(flags: Flags, name: OptionName): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

function requiredText(flags: Flags, name: OptionName): string {
  const value = optionalText(flags, name);
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** An id as the API takes it: no blanks, within LIMITS.idLength. */
function id(value: string, what: string): string {
  const { min, max } = LIMITS.idLength;
  if (value.length < min || value.length > max || /\s/.test(value)) throw new UsageError(`${what} must be an id of ${min} to ${max} characters, without spaces`);
  return value;
}

/** A name, trimmed, within its limits (the services check again; this answers before the database is opened). */
function boundedName(value: string, what: string, { min, max }: { min: number; max: number }): string {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) throw new UsageError(`${what} must be ${min} to ${max} characters`);
  return trimmed;
}

/** A whole number of days written as one: digits only, so `1e1`, `3.5`, `0x10` and ` 7` are refused. */
function days(flags: Flags): number | undefined {
  const value = optionalText(flags, 'days');
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,6}$/.test(value)) throw new UsageError(`--days must be a whole number of days written in digits, e.g. 7 (got "${value.slice(0, 20)}")`);
  return Number(value);
}

// ---- The database and the services ----

/**
 * Runs `fn` with the services over the configured database. Only `create` (the demo) may create or migrate it;
 * every other command needs a database that exists and has every migration applied.
 */
async function withServices<T>(config: Config, mode: 'existing' | 'create', fn: (services: Services) => Promise<T>): Promise<T> {
  let database: Database;
  if (mode === 'create') {
    await applyMigrations(config.databaseUrl);
    database = await openDatabase(config.databaseUrl, databaseOptionsOf(config));
  } else {
    database = await openMigratedDatabase(config.databaseUrl, databaseOptionsOf(config));
  }
  const services = createServices({ db: database.prisma, dbProvider: database.provider, reads: database.reads, config, provider: cliProvider(config) });
  try {
    return await fn(services);
  } finally {
    await services.usage.close();
    await database.close();
  }
}

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

function adminKeyJson(key: AdminApiKeyView) {
  return { id: key.id, name: key.name, status: key.status, createdAt: iso(key.createdAt), expiresAt: iso(key.expiresAt), revokedAt: iso(key.revokedAt), lastUsedAt: iso(key.lastUsedAt) };
}

// ---- The commands ----

const COMMANDS: readonly Command[] = [
  command({
    words: 'demo-seed',
    args: [],
    options: [],
    parse: () => ({}),
    async run(_input, { config, print }) {
      const seed = await withServices(config, 'create', (s) => seedDemo(s.organizations, s.billing));
      print({ ...seed }, `Organization ${seed.organizationId}\nCustomer     ${seed.customerId}\nInvoices     ${seed.invoiceIds.join(', ')}\nAdmin key    ${seed.adminApiKey}  (shown once)`);
    },
  }),
  command({
    words: 'organization create',
    args: [],
    options: ['name', 'support-email'],
    parse: ({ flags }) => ({ name: boundedName(requiredText(flags, 'name'), '--name', LIMITS.organizationName), supportEmail: optionalText(flags, 'support-email') ?? null }),
    async run(input, { config, print }) {
      const org = await withServices(config, 'existing', (s) => s.organizations.createOrganization(input.name, { supportEmail: input.supportEmail }));
      print(
        { organizationId: org.id, name: org.name, supportEmail: org.supportEmail },
        `Organization ${org.id} (${org.name})${org.supportEmail ? `, support email ${org.supportEmail}` : ''}`,
      );
    },
  }),
  command({
    words: 'admin-key create',
    args: [],
    options: ['organization', 'name', 'days'],
    parse: ({ flags }) => ({
      organizationId: id(requiredText(flags, 'organization'), '--organization'),
      name: flags.name === undefined ? 'cli' : boundedName(String(flags.name), '--name', LIMITS.adminKeyName),
      expiresInDays: days(flags) ?? null,
    }),
    async run(input, { config, print }) {
      const { secret, key } = await withServices(config, 'existing', (s) =>
        s.organizations.createAdminKey(operatorPrincipal(input.organizationId), input.name, { expiresInDays: input.expiresInDays }),
      );
      const expiry = key.expiresAt ? `expires ${key.expiresAt.toISOString()}` : 'never expires';
      print(
        { id: key.id, organizationId: input.organizationId, name: key.name, expiresAt: iso(key.expiresAt), adminApiKey: secret },
        `Admin key ${key.id} (${key.name}), ${expiry}: ${secret}  (shown once)`,
      );
    },
  }),
  command({
    words: 'admin-key list',
    args: [],
    options: ['organization'],
    parse: ({ flags }) => ({ organizationId: id(requiredText(flags, 'organization'), '--organization') }),
    async run(input, { config, print }) {
      const keys = await withServices(config, 'existing', (s) => s.organizations.listAdminKeys(operatorPrincipal(input.organizationId), null));
      const lines = keys.map(
        (k) =>
          `${k.id}  ${k.status.padEnd(7)}  ${k.name}  created ${k.createdAt.toISOString()}, last used ${iso(k.lastUsedAt) ?? 'never'}, ` +
          `${k.expiresAt ? `expires ${k.expiresAt.toISOString()}` : 'never expires'}${k.revokedAt ? `, revoked ${k.revokedAt.toISOString()}` : ''}`,
      );
      print({ organizationId: input.organizationId, adminKeys: keys.map(adminKeyJson) }, lines.length ? lines.join('\n') : 'No admin keys.');
    },
  }),
  command({
    words: 'admin-key revoke',
    args: ['id'],
    options: ['confirm-loss-of-access'],
    parse: ({ flags, args }) => ({ keyId: id(args.id, 'The admin key id'), confirmLossOfAccess: flags['confirm-loss-of-access'] === true }),
    async run(input, { config, print }) {
      const outcome = await withServices(config, 'existing', async (s) =>
        s.organizations.revokeAdminKey(operatorPrincipal(await s.organizations.organizationOfAdminKey(input.keyId)), input.keyId, input, null),
      );
      if (outcome.kind === 'error') {
        throw new CommandFailed(outcome.code, `${outcome.message.replace(/\.$/, '')}: pass --confirm-loss-of-access.`, { consequences: outcome.consequences });
      }
      const { key } = outcome;
      print(adminKeyJson(key), `Admin key ${key.id} (${key.name}) revoked at ${iso(key.revokedAt)}`);
    },
  }),
  command({
    words: 'token issue',
    args: [],
    options: ['customer', 'invoice', 'days', 'send-email'],
    parse: ({ flags }) => {
      const invoice = optionalText(flags, 'invoice');
      return {
        customerId: id(requiredText(flags, 'customer'), '--customer'),
        invoiceId: invoice === undefined ? null : id(invoice, '--invoice'),
        expiresInDays: days(flags),
        sendEmail: flags['send-email'] === true,
      };
    },
    async run(input, { config, print }) {
      const issued = await withServices(config, 'existing', async (s) => {
        const operator = operatorPrincipal(await s.billing.organizationOfCustomer(input.customerId));
        return s.tokens.issueLink(operator, input, null);
      });
      if (issued.kind === 'error') throw new CommandFailed(issued.code, issued.message);
      const t = issued.paymentToken;
      const email = issued.email && { id: issued.email.id, recipient: issued.email.recipient, status: 'QUEUED' };
      print(
        { id: t.id, token: issued.token, url: issued.url, customerId: t.customerId, invoiceId: t.invoiceId, expiresAt: t.expiresAt.toISOString(), status: t.status, email },
        `Payment token ${t.id}, expires ${t.expiresAt.toISOString()}\nToken: ${issued.token}  (shown once)\nLink:  ${issued.url}` +
          (email ? `\nEmail: queued to ${email.recipient} (${email.id}); a running server sends it.` : ''),
      );
    },
  }),
  command({
    words: 'token revoke',
    args: ['id'],
    options: [],
    parse: ({ args }) => ({ tokenId: id(args.id, 'The token id') }),
    async run({ tokenId }, { config, print }) {
      const revoked = await withServices(config, 'existing', async (s) => s.tokens.revoke(operatorPrincipal(await s.tokens.organizationOf(tokenId)), tokenId, null));
      print({ id: revoked.id, status: revoked.status, revokedAt: iso(revoked.revokedAt) }, `Payment token ${revoked.id} revoked at ${iso(revoked.revokedAt)}`);
    },
  }),
  command({
    words: 'migrate',
    args: [],
    options: [],
    parse: () => ({}),
    async run(_input, { config, print }) {
      const { applied } = await migrateForDeploy(config.databaseUrl);
      print({ applied }, applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'The database is up to date.');
    },
  }),
  command({
    words: 'payments reconcile',
    args: [],
    options: [],
    parse: () => ({}),
    async run(_input, { config, print }) {
      const result = await withServices(config, 'existing', (s) => s.reconciliation.reconcile());
      print({ ...result }, `Checked ${result.checked} unsettled payment(s): ${result.recorded} recorded, ${result.closed} closed; ${result.webhookEventsReprocessed} stored webhook event(s) reprocessed.`);
    },
  }),
];

/** The command the positional arguments name, and its own positional arguments; a usage error for anything else. */
function resolveCommand(positionals: string[]): { spec: Command; rest: string[] } {
  for (const spec of COMMANDS) {
    const words = spec.words.split(' ');
    if (words.every((word, i) => positionals[i] === word)) return { spec, rest: positionals.slice(words.length) };
  }
  const subcommands = COMMANDS.filter((spec) => spec.words.startsWith(`${positionals[0]} `)).map((spec) => spec.words.split(' ')[1]);
  if (subcommands.length) {
    throw new UsageError(`Unknown command: ${positionals.slice(0, 2).join(' ')} (${positionals[0]} takes ${subcommands.join(', ')})`);
  }
  throw new UsageError(`Unknown command: ${positionals[0]}`);
}

export interface CliOptions {
  /** Read settings from a `.env` file into `env` first (see config/env-file.ts), as `npm run cli` does. */
  envFile?: boolean;
}

/** Runs one CLI command; returns the exit code. Exported for tests. */
export async function runCli(argv: string[], io: Io, env: Record<string, string | undefined> = process.env, options: CliOptions = {}): Promise<number> {
  const { values, positionals, tokens } = parseArgs({ args: argv, allowPositionals: true, strict: true, tokens: true, options: OPTIONS });
  const flags = values as Flags;
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once`);
    seen.add(token.name);
  }
  const json = !!flags.json;
  if (flags.help || positionals.length === 0) {
    io.out(USAGE);
    return flags.help ? 0 : 2;
  }

  const { spec, rest } = resolveCommand(positionals);
  if (rest.length !== spec.args.length) {
    const expected = spec.args.length ? spec.args.map((arg) => `<${arg}>`).join(' ') : 'no arguments';
    throw new UsageError(`${spec.words} takes ${expected}; got ${rest.length ? rest.map((arg) => JSON.stringify(arg.slice(0, 40))).join(' ') : 'none'}`);
  }
  for (const option of seen) {
    if (option !== 'json' && option !== 'help' && !spec.options.includes(option as OptionName)) throw new UsageError(`${spec.words} does not take --${option}`);
  }
  const run = spec.prepare({ flags, args: Object.fromEntries(spec.args.map((arg, i) => [arg, rest[i]])) });

  if (options.envFile) loadEnvFile(env);
  const config = loadConfig(env);
  await run({ config, print: (data, text) => io.out(json ? JSON.stringify(data, null, 2) : text) });
  return 0;
}

/** The code a failure is reported with under --json, and its exit code: 2 when the command line asked for something wrong. */
function classify(error: unknown): { code: string; exit: number; details: Record<string, unknown> } {
  const parseError = typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('ERR_PARSE_ARGS');
  if (error instanceof UsageError || parseError) return { code: 'USAGE', exit: 2, details: {} };
  // A value the services refuse (a lifetime out of bounds, an invalid email) is the command line's mistake too.
  if (error instanceof DomainError) return { code: error.code, exit: error.code === 'BAD_USER_INPUT' ? 2 : 1, details: {} };
  if (error instanceof CommandFailed) return { code: error.code, exit: 1, details: error.details };
  if (error instanceof ConfigError) return { code: 'CONFIG', exit: 1, details: {} };
  if (error instanceof DatabaseNotReadyError) return { code: 'DATABASE_NOT_READY', exit: 1, details: {} };
  if (error instanceof MigrationHistoryError) return { code: 'MIGRATION_HISTORY', exit: 1, details: {} };
  return { code: 'INTERNAL', exit: 1, details: {} };
}

/** Runs a command and turns failures into a message and an exit code (2 for usage errors). */
export async function cliMain(argv: string[], io: Io & { err(text: string): void }, env: Record<string, string | undefined> = process.env, options: CliOptions = {}): Promise<number> {
  try {
    return await runCli(argv, io, env, options);
  } catch (error) {
    const { code, exit, details } = classify(error);
    const message = error instanceof Error ? error.message : String(error);
    if (argv.includes('--json')) io.err(JSON.stringify({ error: { code, message, ...details } }));
    else io.err(`Error: ${message}${code === 'USAGE' ? `\n\n${USAGE}` : ''}`);
    return exit;
  }
}

if (require.main === module) {
  const io = { out: (text: string) => process.stdout.write(text + '\n'), err: (text: string) => process.stderr.write(text + '\n') };
  cliMain(process.argv.slice(2), io, process.env, { envFile: true }).then((code) => process.exit(code));
}

/**
 * `npm run bench`: the portal page benchmark of issue 5. Writes docs/BENCHMARKS.md and prints its tables.
 *
 * How it runs: `tsc -p bench/tsconfig.json` compiles bench/ and the src/ files it imports into dist/bench-build/
 * (tsc, not esbuild, because type-graphql needs decorator metadata), then node runs the compiled orchestrator.
 * Nothing else is needed on a fresh clone after `npm ci`, apart from PostgreSQL for the PostgreSQL part.
 *
 * What it does, in one run:
 * - starts each server in its own child process with NODE_ENV=production, so the load generator (autocannon, in this
 *   process) never shares an event loop with a server and each server's RSS is its own:
 *   A raw node:http + graphql-js, B bare Apollo Server (server-process.ts), B + PostgreSQL (B, each request first
 *   running the statement C sends per page, on C's database: apollo-postgres-server.ts), and C, this server, on SQLite and on
 *   PostgreSQL (a scratch database, dropped at the end): for each database an in-process copy (portal-server.ts)
 *   migrates and seeds it, then C itself starts as `node dist/src/main.js` with `npm start`'s node flags
 *   (production-server.ts), timed to its first /ready 200 with its idle RSS read then;
 * - queries C once and gives that response's data to A and B, then checks that every server answers the
 *   portal page with the same bytes, and stops if one does not;
 * - warms each server up, then loads them in interleaved rounds (A, B, C, …, A, B, C, …) at each connection count;
 *   any run with an error, a non-2xx status or a different body stops the benchmark;
 * - counts C's SQL statements per request at 5 and 500 line items, times cold and warm token checks,
 *   counts argon2 verifications during the load, times the database parts of a request one by one,
 *   measures a token cache expiry under load, reads C's peak RSS and what its memory holds after the load,
 *   and profiles B, B + PostgreSQL and C (both databases) for one extra run each.
 *
 * Settings (environment): BENCH_DURATION_SECONDS (5), BENCH_ROUNDS (5), BENCH_WARMUP_SECONDS (3),
 * BENCH_CONNECTIONS (10,50), BENCH_POSTGRES_ADMIN_URL (postgresql://postgres@127.0.0.1:5432/postgres),
 * BENCH_SKIP_POSTGRES (unset), BENCH_OUTPUT (docs/BENCHMARKS.md), BENCH_QUIET_WAIT_SECONDS (120: how long to wait for
 * other processes to leave the CPUs before starting anyway), BENCH_MAX_OTHER_CPU (0.25 cores: a run during which other
 * processes used more is repeated) and BENCH_RETRY_BUDGET_SECONDS (150: time allowed for such repeats).
 * ARGON2_* and TOKEN_CACHE_TTL_SECONDS reach C, so other parameters can be measured; BENCH_C_NODE_FLAGS replaces the node
 * flags of `npm start` that C otherwise runs with.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { ServerProcess } from './child-rpc';
import { DEFAULT_DATABASE_POOL_SIZE } from '../src/config/config';
import type { CapturedStatement } from './apollo-postgres-server';
import type { ComponentCost } from './component-costs';
import type { ProfileSummary } from './cpu-profile';
import { createScratchDatabase, describeMachine, machineCpuMs, waitForQuiet, type ScratchDatabase } from './environment';
import type { PortalPageData } from './in-memory-servers';
import { measureEmailOutbox } from './email-outbox';
import { runLoad, type LoadTarget } from './load';
import { measurePageLoads, pageAssets, type PaymentPageResults } from './page-load';
import { portalPageRequestBody, repoRoot } from './portal-page';
import type { StatementCount, TokenCheck } from './portal-server';
import type { ReplayCost } from './sql-replay';
import { consoleSummary, renderReport, type BenchResults, type MeasuredRun, type ServerResult } from './report';
import type { PortalStarted, PortalStartArgs, ProcessUsage } from './server-process';
import { startProductionServer, startScriptNodeFlags, type ProductionServer } from './production-server';
import type { MemoryBreakdown } from './report';

export interface Settings {
  durationS: number;
  rounds: number;
  warmupS: number;
  connections: number[];
  postgresAdminUrl?: string;
  output: string;
  quietWaitS: number;
  /** Other processes' CPU (cores) above which a run is repeated. */
  maxOtherCpu: number;
  /** Seconds the benchmark may spend repeating contended runs. */
  retryBudgetS: number;
  /** Loads of the payment page timed in Chromium. */
  pageLoads: number;
}

function readSettings(env = process.env): Settings {
  const positive = (name: string, fallback: number) => {
    const value = env[name] ? Number(env[name]) : fallback;
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of 1 or more`);
    return value;
  };
  const nonNegative = (name: string, fallback: number) => {
    const value = env[name] ? Number(env[name]) : fallback;
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number, 0 or more`);
    return value;
  };
  const connections = (env.BENCH_CONNECTIONS ?? '10,50').split(',').map((c) => Number(c.trim()));
  if (connections.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('BENCH_CONNECTIONS must list whole numbers, e.g. 10,100');
  return {
    durationS: positive('BENCH_DURATION_SECONDS', 5),
    rounds: positive('BENCH_ROUNDS', 5),
    warmupS: positive('BENCH_WARMUP_SECONDS', 3),
    connections,
    postgresAdminUrl: env.BENCH_SKIP_POSTGRES ? undefined : (env.BENCH_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'),
    output: env.BENCH_OUTPUT ?? join(repoRoot(), 'docs', 'BENCHMARKS.md'),
    quietWaitS: nonNegative('BENCH_QUIET_WAIT_SECONDS', 120),
    maxOtherCpu: nonNegative('BENCH_MAX_OTHER_CPU', 0.25),
    retryBudgetS: nonNegative('BENCH_RETRY_BUDGET_SECONDS', 150),
    pageLoads: positive('BENCH_PAGE_LOADS', 20),
  };
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const pct = (share: number) => `${(share * 100).toFixed(0)}%`;

/** A server under test: its process, how to reach it, and what it has measured so far. */
interface Server {
  result: ServerResult;
  process: ServerProcess;
  /** C only: the in-process copy that seeded the database, for the measurements that need the app's objects. */
  harness?: ServerProcess;
  production?: ProductionServer;
  target: LoadTarget;
  /** Requests completed in warm-ups and rounds. */
  requestsUnderLoad: number;
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

/** Where two bodies first differ, for the abort message. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at byte ${i}: …${JSON.stringify(a.slice(Math.max(0, i - 40), i + 40))} vs …${JSON.stringify(b.slice(Math.max(0, i - 40), i + 40))}`;
}

/**
 * One measured run, with the CPU of everything else on the machine over it. A run during which other
 * processes used more than BENCH_MAX_OTHER_CPU cores is repeated once the machine is quiet again, while the
 * retry budget lasts; a run kept despite that is marked as contended in the report.
 */
async function measure(server: Server, connections: number, settings: Settings, retry: { budgetS: number }, scratch?: ScratchDatabase): Promise<MeasuredRun> {
  const usageOf = () => server.process.call<ProcessUsage>('usage');
  for (let attempt = 1; ; attempt++) {
    const before = await usageOf();
    const dbBefore = server.result.key === 'C-pg' || server.result.key === 'B-pg' ? await scratch?.backendCpuMs() : undefined;
    const machineBefore = machineCpuMs();
    const run = await runLoad(server.target, connections, settings.durationS);
    const machineAfter = machineCpuMs();
    const dbAfter = dbBefore === undefined ? undefined : await scratch?.backendCpuMs();
    const after = await usageOf();
    const windowMs = run.durationS * 1000;
    const serverCpuShare = (after.cpuMs - before.cpuMs) / windowMs;
    const dbCpuShare = dbBefore !== undefined && dbAfter !== undefined ? (dbAfter - dbBefore) / windowMs : NaN;
    const machineShare = machineBefore && machineAfter ? (machineAfter.busyMs - machineBefore.busyMs) / windowMs : NaN;
    const otherCpuShare = Math.max(0, machineShare - serverCpuShare - run.clientCpuShare - (Number.isNaN(dbCpuShare) ? 0 : dbCpuShare));
    const measured: MeasuredRun = {
      ...run,
      serverCpuMsPerRequest: (after.cpuMs - before.cpuMs) / run.requests,
      serverCpuShare,
      dbCpuShare,
      dbCpuMsPerRequest: (dbCpuShare * windowMs) / run.requests,
      otherCpuShare,
      attempts: attempt,
      contended: otherCpuShare > settings.maxOtherCpu,
    };
    if (!measured.contended || retry.budgetS <= 0) return measured;
    say(`  (${server.result.label}: other processes used ${otherCpuShare.toFixed(2)} cores during the run; repeating it when the machine is quiet)`);
    const waitStarted = Date.now();
    await waitForQuiet(settings.maxOtherCpu, Math.min(60, retry.budgetS), () => undefined);
    retry.budgetS -= (Date.now() - waitStarted) / 1000 + run.durationS;
  }
}

/** The cache TTL for the expiry measurement: short enough to expire a few times in one run. */
const EXPIRY_TTL_S = 2;

/**
 * What happens when a busy token's cache entry expires: a C (SQLite) with TOKEN_CACHE_TTL_SECONDS=2 under
 * load at `connections` for a few TTLs, counting argon2 verifications and how they bunch together.
 */
async function measureCacheExpiry(
  spawn: (name: string, role: string) => ServerProcess,
  connections: number,
  body: string,
  reference: string,
  headersFor: (token: string) => Record<string, string>,
): Promise<BenchResults['cacheExpiry']> {
  say(`Measuring token cache expiry under load (C on SQLite with a ${EXPIRY_TTL_S} s cache TTL, ${connections} connections)…`);
  const child = spawn(`C (SQLite, ${EXPIRY_TTL_S} s token cache)`, 'portal');
  try {
    const info = await child.call<PortalStarted>('start', { tokenCacheTtlS: EXPIRY_TTL_S } satisfies PortalStartArgs);
    const target: LoadTarget = { name: 'C with a short token cache TTL', url: info.url, headers: headersFor(info.tokens.small), body, expectBody: reference };
    const since = (await child.call<ProcessUsage>('usage')).argon2Verifications;
    const run = await runLoad(target, connections, 4 * EXPIRY_TTL_S);
    const { bursts } = await child.call<{ bursts: { at: number; calls: number }[] }>('argon2Bursts', { since });
    return { ttlS: EXPIRY_TTL_S, connections, durationS: run.durationS, requests: run.requests, bursts };
  } finally {
    await child.stop();
  }
}

async function main() {
  const settings = readSettings();
  const waitStarted = Date.now();
  const onBusy = (busy: number) =>
    say(`Other processes are using ${busy.toFixed(2)} cores; waiting for a quieter machine (up to ${settings.quietWaitS} s, BENCH_QUIET_WAIT_SECONDS)…`);
  // Two quiet samples in a row: a gap between two jobs of someone else's is not a quiet machine.
  await waitForQuiet(0.2, settings.quietWaitS, onBusy);
  const busyAtStart = await waitForQuiet(0.2, Math.max(0, settings.quietWaitS - (Date.now() - waitStarted) / 1000), onBusy);
  const startedAt = new Date();
  const loadAverageBefore = loadavg();
  const processes: ServerProcess[] = [];
  let scratch: ScratchDatabase | undefined;
  const spawn = (name: string, role: string) => {
    const child = ServerProcess.start(name, role);
    processes.push(child);
    return child;
  };

  try {
    say(`Machine: ${cpus().length} cores, ${busyAtStart.toFixed(2)} of them busy with other processes at the start; load average ${loadAverageBefore.map((l) => l.toFixed(2)).join(' ')}.`);
    say(`Portal page benchmark: ${settings.rounds} rounds × ${settings.durationS} s at ${settings.connections.join(' and ')} connections, ${settings.warmupS} s warm-up.`);
    const body = portalPageRequestBody();
    const headersFor = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

    say('Starting C (this server, SQLite) and seeding it…');
    const cSqlite = spawn('C (SQLite)', 'portal');
    const cInfo = await cSqlite.call<PortalStarted>('start', {} satisfies PortalStartArgs);
    // The first request with the token pays argon2 once; after it the token is in C's verified-token cache.
    const first = await post(cInfo.url, headersFor(cInfo.tokens.small), body);
    const reference = first.text;
    const parsed = JSON.parse(reference) as { data?: PortalPageData & { invoice: { lineItems: unknown[] }; paymentHistory: { edges: unknown[] }; paymentMethods: unknown[] }; errors?: unknown };
    if (first.status !== 200 || parsed.errors || !parsed.data) throw new Error(`C did not answer the portal page: HTTP ${first.status} ${reference.slice(0, 500)}`);
    const shape = `${parsed.data.invoice.lineItems.length} line items, ${parsed.data.paymentHistory.edges.length} payments, ${parsed.data.paymentMethods.length} methods`;
    if (shape !== '5 line items, 10 payments, 2 methods') throw new Error(`C's portal page has ${shape}; the seed should give 5, 10 and 2`);

    say('Starting A (raw graphql-js) and B (bare Apollo Server) with the data C returned…');
    const a = spawn('A (raw graphql-js)', 'raw');
    const b = spawn('B (bare Apollo)', 'apollo');
    const aInfo = await a.call<{ url: string }>('start', { data: parsed.data });
    const bInfo = await b.call<{ url: string }>('start', { data: parsed.data });

    let cPg: ServerProcess | undefined;
    let cPgInfo: PortalStarted | undefined;
    if (settings.postgresAdminUrl) {
      scratch = await createScratchDatabase(settings.postgresAdminUrl);
      say(`Starting C on PostgreSQL ${scratch.serverVersion} (scratch database ${scratch.name}) and seeding it…`);
      cPg = spawn('C (PostgreSQL)', 'portal');
      cPgInfo = await cPg.call<PortalStarted>('start', { postgresUrl: scratch.url } satisfies PortalStartArgs);
    }
    // The C that is loaded is the production entry point on the seeded database, started as an operator would.
    const startProduction = async (label: string, info: PortalStarted) => {
      say(`Starting ${label} as \`node dist/src/main.js\` (NODE_ENV=production) on the seeded database…`);
      const production = await startProductionServer(label, info.env);
      processes.push(production.process);
      say(`  /ready answered 200 after ${production.startMs.toFixed(0)} ms; RSS then ${(production.atReady.rssBytes / 2 ** 20).toFixed(0)} MiB.`);
      // Its first request with the token pays argon2 once, as a customer's first page view would.
      await post(production.url, headersFor(info.tokens.small), body);
      return production;
    };
    const cProduction = await startProduction('C (SQLite)', cInfo);
    const cPgProduction = cPgInfo ? await startProduction('C (PostgreSQL)', cPgInfo) : undefined;
    // B + PostgreSQL: B, making the round trips C makes per page, on C's database.
    let bPg: ServerProcess | undefined;
    let bPgInfo: { url: string } | undefined;
    if (cPg && scratch) {
      const statements = await cPg.call<CapturedStatement[]>('pageStatements');
      say(`Starting B + PostgreSQL (bare Apollo, then C's ${statements.length} statement${statements.length === 1 ? '' : 's'} per page on the same database)…`);
      bPg = spawn('B + PostgreSQL', 'apollo-pg');
      bPgInfo = await bPg.call<{ url: string }>('start', { data: parsed.data, postgresUrl: scratch.url, statements });
    }
    const servers: Server[] = [];
    const add = (key: string, label: string, description: string, child: ServerProcess, url: string, token: string, provider?: string, harness?: ServerProcess, production?: ProductionServer) =>
      servers.push({
        result: { key, label, description, provider, runs: {}, startMs: production?.startMs, atReady: production?.atReady },
        process: child,
        harness,
        production,
        target: { name: label, url, headers: headersFor(token), body, expectBody: reference },
        requestsUnderLoad: 0,
      });
    // A and B ignore the Authorization header; every server gets the very same request.
    add('A', 'A: raw node:http + graphql-js', 'node:http, graphql-js execute, cached parsed+validated document, in-memory data', a, aInfo.url, cInfo.tokens.small);
    add('B', 'B: bare Apollo Server', '@apollo/server standalone, default settings, same schema and in-memory data', b, bInfo.url, cInfo.tokens.small);
    if (bPg && bPgInfo) {
      add(
        'B-pg',
        'B + PostgreSQL: bare Apollo, C\'s statement',
        `B, but each request first runs the statements C sent for one page, with their parameters, on C's PostgreSQL database ` +
          `(pg, a pool of ${DEFAULT_DATABASE_POOL_SIZE} as C's, named statements): bare Apollo Server waiting on PostgreSQL as C does`,
        bPg,
        bPgInfo.url,
        cInfo.tokens.small,
      );
    }
    add('C', 'C: this server, SQLite', '`node dist/src/main.js` in production mode on a fresh SQLite file, real payment token', cProduction.process, cProduction.url, cInfo.tokens.small, cInfo.provider, cSqlite, cProduction);
    if (cPg && cPgInfo && cPgProduction) {
      add('C-pg', 'C: this server, PostgreSQL', `\`node dist/src/main.js\` in production mode on PostgreSQL ${scratch!.serverVersion} (scratch database)`, cPgProduction.process, cPgProduction.url, cPgInfo.tokens.small, cPgInfo.provider, cPg, cPgProduction);
    }

    say('Checking that every server returns the same bytes…');
    for (const server of servers) {
      const { status, text } = await post(server.target.url, server.target.headers, body);
      if (status !== 200 || text !== reference) {
        throw new Error(`${server.result.label} answers differently from C (HTTP ${status}, ${text.length} vs ${reference.length} bytes) ${firstDifference(text, reference)}`);
      }
    }
    say(`All ${servers.length} servers return the same ${Buffer.byteLength(reference)} bytes.`);

    const usageOf = (server: Server) => server.process.call<ProcessUsage>('usage');
    const retry = { budgetS: settings.retryBudgetS };
    const argon2Before = new Map<string, number>();
    for (const server of servers) {
      server.result.usageBeforeLoad = await usageOf(server);
      argon2Before.set(server.result.key, server.result.usageBeforeLoad.argon2Verifications);
    }
    const loadStarted = performance.now();
    const loadStartedAt = Date.now();

    for (const connections of settings.connections) {
      say(`\nWarm-up at ${connections} connections (${settings.warmupS} s each)…`);
      for (const server of servers) {
        const warmUp = await runLoad(server.target, connections, settings.warmupS, { warmUp: true });
        server.requestsUnderLoad += warmUp.requests;
      }
      for (let round = 1; round <= settings.rounds; round++) {
        for (const server of servers) {
          const measured = await measure(server, connections, settings, retry, scratch);
          (server.result.runs[connections] ??= []).push(measured);
          server.requestsUnderLoad += measured.requests;
          say(
            `  round ${round} ${server.result.label.padEnd(34)} ${connections} conns: ${measured.rps.toFixed(0).padStart(6)} req/s, ` +
              `p50 ${measured.p50.toFixed(2)} ms, p99 ${measured.p99.toFixed(2)} ms, server CPU ${pct(measured.serverCpuShare)}, ` +
              (Number.isNaN(measured.dbCpuShare) ? '' : `PostgreSQL CPU ${pct(measured.dbCpuShare)}, `) +
              `load generator CPU ${pct(measured.clientCpuShare)}, other CPU ${pct(measured.otherCpuShare)}` +
              (measured.attempts > 1 ? ` (attempt ${measured.attempts})` : ''),
          );
        }
      }
    }
    const loadSpanS = (performance.now() - loadStarted) / 1000;
    // Peak RSS during the benchmark's load (the analyses and profiles below are not part of serving).
    for (const server of servers) server.result.usageAfterLoad = await usageOf(server);
    const memory: MemoryBreakdown[] = [];
    for (const server of servers.filter((s) => s.production)) {
      memory.push({ label: server.result.label, ...(await server.process.call<Omit<MemoryBreakdown, 'label'>>('memory')) });
    }

    const argon2DuringLoad: BenchResults['argon2DuringLoad'] = [];
    for (const server of servers.filter((s) => s.result.provider)) {
      const usage = await usageOf(server);
      const since = argon2Before.get(server.result.key)!;
      const { bursts, previousAt } = await server.process.call<{ bursts: { at: number; calls: number }[]; previousAt?: number }>('argon2Bursts', { since });
      argon2DuringLoad.push({
        label: server.result.label,
        verifications: usage.argon2Verifications - since,
        bursts,
        previousVerificationAt: previousAt,
        loadStartedAt,
        requests: server.requestsUnderLoad,
      });
    }

    say('\nCounting SQL statements per request at 5 and 500 line items…');
    const statements: BenchResults['statements'] = [];
    for (const server of servers.filter((s) => s.result.provider)) {
      const replay = server.result.provider === 'sqlite';
      const counted = await (server.harness ?? server.process).call<{ small: StatementCount; large: StatementCount; replay?: ReplayCost }>('statements', { replay });
      statements.push({ label: server.result.label, provider: server.result.provider!, ...counted });
    }

    say('Timing cold and warm token checks…');
    const tokenChecks: BenchResults['tokenChecks'] = [];
    for (const server of servers.filter((s) => s.result.provider)) {
      tokenChecks.push({ label: server.result.label, provider: server.result.provider!, ...(await (server.harness ?? server.process).call<TokenCheck>('tokenChecks')) });
    }

    say('Timing the database parts of a request one by one on the idle servers…');
    const moneyValues = reference.match(/"formatted":/g)?.length ?? 0;
    const componentCosts: BenchResults['componentCosts'] = [];
    for (const server of servers.filter((s) => s.result.provider)) {
      const costs = await (server.harness ?? server.process).call<ComponentCost[]>('componentCosts', { moneyValues });
      componentCosts.push({ label: server.result.label, key: server.result.key, costs });
    }

    say(`Loading the payment page ${settings.pageLoads} times in Chromium from C (SQLite)…`);
    const paymentPage: PaymentPageResults = { assets: pageAssets(), budgetBytes: 80 * 1024 };
    try {
      paymentPage.loads = await measurePageLoads(cProduction.url, cInfo.tokens.small, settings.pageLoads);
    } catch (error) {
      // The page's weight is still reported; the timing needs Chromium (apt-get install chromium).
      paymentPage.error = error instanceof Error ? error.message : String(error);
      say(`  page loads not measured: ${paymentPage.error}`);
    }

    const cacheExpiry = await measureCacheExpiry(spawn, settings.connections[0], body, reference, headersFor);

    const profileConnections = settings.connections[0];
    const profiles: BenchResults['profiles'] = [];
    for (const server of servers.filter((s) => ['B', 'B-pg', 'C', 'C-pg'].includes(s.result.key))) {
      say(`Profiling ${server.result.label} for one extra ${settings.durationS} s run at ${profileConnections} connections…`);
      await server.process.call('profileStart');
      const run = await runLoad(server.target, profileConnections, settings.durationS);
      const file = join(repoRoot(), 'dist', 'bench-build', 'profiles', `${server.result.key}.cpuprofile`);
      const summary = await server.process.call<ProfileSummary>('profileStop', { file });
      profiles.push({ label: server.result.label, requests: run.requests, summary });
    }

    for (const server of servers) server.result.usage = await usageOf(server);
    const warnings: BenchResults['warnings'] = [];
    for (const server of servers.filter((s) => s.result.provider)) {
      const seeding = await server.harness!.call<{ count: number; first: string[] }>('warnings');
      const serving = server.production!.warnings();
      warnings.push({ label: server.result.label, count: seeding.count + serving.count, first: [...serving.first, ...seeding.first].slice(0, 5) });
    }

    const results: BenchResults = {
      settings,
      machine: describeMachine(scratch?.serverVersion),
      startedAt,
      loadAverageBefore,
      busyCoresBefore: busyAtStart,
      quietWaitS: (startedAt.getTime() - waitStarted) / 1000,
      totalSeconds: (Date.now() - startedAt.getTime()) / 1000,
      bodyBytes: Buffer.byteLength(reference),
      moneyValues,
      servers: servers.map((s) => s.result),
      loadSpanS,
      tokenCacheTtlS: cInfo.tokenCacheTtlS,
      argon2DuringLoad,
      statements,
      tokenChecks,
      componentCosts,
      paymentPage,
      cacheExpiry,
      profiles,
      memory,
      cNodeFlags: startScriptNodeFlags(),
      warnings,
      orchestratorMaxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    // The email outbox (issue 10): its own small section, each database on a server of its own.
    say('Email outbox: throughput to a local SMTP server, and generateCustomerPaymentToken with and without sendEmail…');
    results.emailOutbox = [await measureEmailOutbox('sqlite')];
    if (settings.postgresAdminUrl) {
      const emailScratch = await createScratchDatabase(settings.postgresAdminUrl);
      try {
        results.emailOutbox.push(await measureEmailOutbox('postgresql', emailScratch.url));
      } finally {
        await emailScratch.drop();
      }
    }
    mkdirSync(dirname(settings.output), { recursive: true });
    writeFileSync(settings.output, renderReport(results));
    say(`\n${consoleSummary(results)}`);
    say(`\nWritten to ${settings.output} (profiles in dist/bench-build/profiles/). Total ${results.totalSeconds.toFixed(0)} s.`);
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    if (scratch) {
      await scratch.drop();
      say(`Dropped scratch database ${scratch.name}.`);
    }
  }
}

main().catch((error) => {
  process.stderr.write(`\nBenchmark aborted: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

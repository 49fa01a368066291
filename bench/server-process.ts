/**
 * One benchmarked server in its own process, driven by the orchestrator (run-bench.ts) over IPC.
 * Own processes keep the load generator off the server's event loop and give each server its own RSS.
 *
 * Roles: `raw` (A), `apollo` (B), `apollo-pg` (B + PostgreSQL), `portal` (C, SQLite or PostgreSQL).
 */
import 'reflect-metadata';
import { serveCommands } from './child-rpc';
import { CpuProfiler } from './cpu-profile';
import type { CapturedStatement } from './apollo-postgres-server';
import type { PortalPageData, RunningServer } from './in-memory-servers';
import type { PortalServer } from './portal-server';

// Each role loads only its own modules, so A and B do not carry the portal's (Prisma, type-graphql) or pg in their RSS.
const inMemory = () => import('./in-memory-servers');
const portalModule = () => import('./portal-server');

export interface ProcessUsage {
  cpuMs: number;
  rssBytes: number;
  /** Peak resident set of this process so far (getrusage ru_maxrss). */
  maxRssBytes: number;
  argon2Verifications: number;
}

export interface PortalStartArgs {
  postgresUrl?: string;
  /** TOKEN_CACHE_TTL_SECONDS for this server only (the cache-expiry measurement). */
  tokenCacheTtlS?: number;
}

export interface PortalStarted {
  url: string;
  provider: string;
  tokenCacheTtlS: number;
  tokens: { small: string; large: string };
  /** Its settings, for the production process started on the same database (production-server.ts). */
  env: Record<string, string>;
}

const role = process.argv[2];
let running: RunningServer | undefined;
let portal: PortalServer | undefined;
let profiler: CpuProfiler | undefined;

serveCommands({
  async start(args: { data?: PortalPageData; statements?: CapturedStatement[] } & PortalStartArgs): Promise<{ url: string } | PortalStarted> {
    if (role === 'raw') return (running = await (await inMemory()).startRawServer(args.data!));
    if (role === 'apollo') return (running = await (await inMemory()).startApolloServer(args.data!));
    if (role === 'apollo-pg') return (running = await (await import('./apollo-postgres-server')).startApolloPostgresServer(args.data!, args.postgresUrl!, args.statements!));
    if (role !== 'portal') throw new Error(`unknown role ${role}`);
    portal = await (await portalModule()).startPortalServer(args.postgresUrl, { tokenCacheTtlS: args.tokenCacheTtlS });
    running = portal;
    const { provider } = portal.app.database;
    return { url: portal.url, provider, tokenCacheTtlS: portal.app.config.tokenCacheTtlSeconds, tokens: { small: portal.small.token, large: portal.large.token }, env: portal.env };
  },

  async usage(): Promise<ProcessUsage> {
    const cpu = process.cpuUsage();
    return {
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssBytes: process.memoryUsage.rss(),
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      argon2Verifications: portal ? (await portalModule()).argon2VerifyCount() : 0,
    };
  },

  async statements(args: { replay?: boolean } = {}) {
    const { statementsPerRequest } = await portalModule();
    const small = await statementsPerRequest(portal!, portal!.small);
    const large = await statementsPerRequest(portal!, portal!.large);
    const replay = args.replay && portal!.app.database.provider === 'sqlite' ? await (await import('./sql-replay')).replayPortalPageSql(portal!, portal!.small) : undefined;
    return { small, large, replay };
  },

  pageStatements: async () => (await portalModule()).pageStatements(portal!, portal!.small),

  tokenChecks: async () => (await portalModule()).tokenChecks(portal!),

  componentCosts: async (args: { moneyValues: number }) => (await import('./component-costs')).componentCosts(portal!, args.moneyValues),

  async argon2Bursts(args: { since: number }) {
    const { argon2Bursts, argon2VerifiedAt } = await portalModule();
    return { bursts: argon2Bursts(args.since), previousAt: argon2VerifiedAt(args.since - 1) };
  },

  warnings: () => portal!.warnings(),

  async profileStart() {
    profiler = new CpuProfiler();
    await profiler.start();
  },

  profileStop: (args: { file: string }) => profiler!.stop(args.file),

  async stop() {
    await running?.close();
    setImmediate(() => process.exit(0));
  },
});

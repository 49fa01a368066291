import { renderEmailOutboxSection, type EmailOutboxResult } from './email-outbox';
import { AUTHENTICATION, COMPONENT_ITERATIONS, PAGE_READS, TOKEN_LOOKUP, type ComponentCost } from './component-costs';
import type { ProfileSummary } from './cpu-profile';
import type { PaymentPageResults } from './page-load';
import type { Machine } from './environment';
import type { LoadRun } from './load';
import type { StatementCount, TokenCheck } from './portal-server';
import type { ReplayCost } from './sql-replay';
import type { Settings } from './run-bench';
import { median } from './stats';
import type { ProcessUsage } from './server-process';

export interface MeasuredRun extends LoadRun {
  /** Server process CPU (user + system, all threads) per completed request. */
  serverCpuMsPerRequest: number;
  /** Server process CPU over the run, as a share of one core. */
  serverCpuShare: number;
  /**
   * The rest of the machine's CPU over the run (all cores, /proc/stat), in cores: the kernel's loopback work
   * and anything else running on the machine.
   */
  otherCpuShare: number;
  /** CPU of the PostgreSQL backends serving C on PostgreSQL (NaN for the others), in cores and per request. */
  dbCpuShare: number;
  dbCpuMsPerRequest: number;
  /** 1 unless the run was repeated because other processes competed for the CPU. */
  attempts: number;
  /** Other processes competed for the CPU and the retry budget was spent: kept, but marked. */
  contended: boolean;
}

export interface ServerResult {
  key: string;
  label: string;
  description: string;
  /** C's database: sqlite or postgresql. */
  provider?: string;
  /** Rounds by connection count. */
  runs: Record<number, MeasuredRun[]>;
  /** After start-up and seeding, before the first load run. */
  usageBeforeLoad?: ProcessUsage;
  /** Right after the last load round (its maxRSS is the peak while serving the benchmark). */
  usageAfterLoad?: ProcessUsage;
  /** At the end of the run. */
  usage?: ProcessUsage;
  /** C (`node dist/src/main.js`): from spawning the process to GET /ready answering 200. */
  startMs?: number;
  /** C: right after /ready first answered 200 (idle, nothing served yet). */
  atReady?: ProcessUsage;
}

/** What a production C process holds after the load, after a full GC (production-preload.ts). */
export interface MemoryBreakdown {
  label: string;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  spaces: { name: string; usedBytes: number; sizeBytes: number }[];
  modules: number;
  modulesByPackage: { name: string; modules: number; sourceBytes: number }[];
}

export interface BenchResults {
  settings: Settings;
  machine: Machine;
  startedAt: Date;
  loadAverageBefore: number[];
  /** Cores other processes were using just before the run (sampled over 2 s). */
  busyCoresBefore: number;
  /** Seconds spent waiting for that before starting. */
  quietWaitS: number;
  totalSeconds: number;
  bodyBytes: number;
  /** Money values (with a `formatted` string) in the portal page response. */
  moneyValues: number;
  servers: ServerResult[];
  loadSpanS: number;
  tokenCacheTtlS: number;
  argon2DuringLoad: {
    label: string;
    verifications: number;
    /** Verifications less than a second apart, with when they happened (epoch ms). */
    bursts: { at: number; calls: number }[];
    /** The verification that filled the cache before the load (epoch ms). */
    previousVerificationAt?: number;
    loadStartedAt: number;
    requests: number;
  }[];
  statements: { label: string; provider: string; small: StatementCount; large: StatementCount; replay?: ReplayCost }[];
  tokenChecks: ({ label: string; provider: string } & TokenCheck)[];
  /** The database parts of a request, timed one by one on the idle C servers. */
  componentCosts: { label: string; key: string; costs: ComponentCost[] }[];
  /** The customer payment page: its weight, and loads timed in Chromium. */
  paymentPage: PaymentPageResults;
  /** C with a short token cache TTL under load: argon2 verifications bunched by time. */
  cacheExpiry: { ttlS: number; connections: number; durationS: number; requests: number; bursts: { at: number; calls: number }[] };
  profiles: { label: string; requests: number; summary: ProfileSummary }[];
  memory: MemoryBreakdown[];
  /** The node flags C ran with (those of `npm start`). */
  cNodeFlags: string[];
  warnings: { label: string; count: number; first: string[] }[];
  orchestratorMaxRssBytes: number;
  /** The email outbox's section (bench/email-outbox.ts). */
  emailOutbox?: EmailOutboxResult[];
}

interface Cell {
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  serverCpuShare: number;
  clientCpuShare: number;
  otherCpuShare: number;
  dbCpuMsPerRequest: number;
  roundsRps: number[];
  contended: boolean[];
}

interface Target {
  name: string;
  measured: string;
  met: boolean;
}

const f0 = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
/** Megabytes of 10^6 bytes, the unit of issue 13's memory targets. */
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/** Why `npm start` passes each node flag it does (README.md, "Benchmarks"). */
const NODE_FLAG_NOTES: Record<string, string> = {
  '--max-semi-space-size':
    '`--max-semi-space-size` caps V8\'s young generation (Node 20: 2 × 16 MiB), which start-up\'s allocations otherwise fill and keep. ',
  '--max-old-space-size':
    '`--max-old-space-size` caps V8\'s old generation, so V8 collects garbage before the heap grows past it instead of letting it ' +
    'grow with the allocation rate; a process whose live data outgrew it would stop with an out-of-memory error. ',
  '--heap-growing-percent': '`--heap-growing-percent` limits how far V8 lets the old generation grow past its live data before the next full collection. ',
};

/** Issue 13's targets. */
const TARGET_C_OVER_B: Record<string, number> = { C: 0.7, 'C-pg': 0.6 };
const TARGET_P99_MS = 10;
const TARGET_IDLE_RSS = 150e6;
const TARGET_PEAK_RSS = 250e6;
const dbName = (provider?: string) => (provider === 'postgresql' ? 'PostgreSQL' : provider === 'sqlite' ? 'SQLite' : String(provider));
const yes = (met: boolean) => (met ? '**met**' : '**not met**');

function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Medians over rounds, per server and connection count. */
function cells(results: BenchResults): Map<string, Map<number, Cell>> {
  const out = new Map<string, Map<number, Cell>>();
  for (const server of results.servers) {
    const byConnections = new Map<number, Cell>();
    for (const [connections, runs] of Object.entries(server.runs)) {
      byConnections.set(Number(connections), {
        rps: median(runs.map((r) => r.rps)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        cpuMsPerRequest: median(runs.map((r) => r.serverCpuMsPerRequest)),
        serverCpuShare: median(runs.map((r) => r.serverCpuShare)),
        clientCpuShare: median(runs.map((r) => r.clientCpuShare)),
        otherCpuShare: median(runs.map((r) => r.otherCpuShare)),
        dbCpuMsPerRequest: median(runs.map((r) => r.dbCpuMsPerRequest)),
        roundsRps: runs.map((r) => r.rps),
        contended: runs.map((r) => r.contended),
      });
    }
    out.set(server.key, byConnections);
  }
  return out;
}

function evaluate(results: BenchResults, grid: Map<string, Map<number, Cell>>): Target[] {
    const targets: Target[] = [];
  const low = results.settings.connections[0];
  for (const connections of results.settings.connections) {
    const b = grid.get('B')?.get(connections);
    for (const key of ['C', 'C-pg']) {
      const c = grid.get(key)?.get(connections);
      if (!c || !b) continue;
      const ratio = c.rps / b.rps;
      const paired = c.roundsRps.map((rps, i) => rps / b.roundsRps[i]);
      const where = key === 'C' ? 'SQLite' : 'PostgreSQL';
      const bPg = key === 'C-pg' ? grid.get('B-pg')?.get(connections) : undefined;
      targets.push({
        name: `C ≥ ${TARGET_C_OVER_B[key]} × B in req/s at ${connections} connections (${where}, production mode)`,
        measured:
          `C ${f0(c.rps)} req/s, B ${f0(b.rps)} req/s (medians of ${c.roundsRps.length} rounds): C/B = ${f2(ratio)}; ` +
          `round by round ${f2(median(paired))} (${f2(Math.min(...paired))}–${f2(Math.max(...paired))})` +
          (bPg ? `; for scale, B + PostgreSQL ${f0(bPg.rps)} req/s (${f2(bPg.rps / b.rps)} × B)` : ''),
        met: ratio >= TARGET_C_OVER_B[key],
      });
    }
  }
  for (const key of ['C', 'C-pg']) {
    const c = grid.get(key)?.get(low);
    const server = results.servers.find((srv) => srv.key === key);
    if (!c || !server) continue;
    const p99s = server.runs[low].map((r) => r.p99);
    const bPg = key === 'C-pg' ? grid.get('B-pg')?.get(low) : undefined;
    targets.push({
      name: `p99 ≤ ${TARGET_P99_MS} ms at ${low} connections (${dbName(server.provider)})`,
      measured:
        `median p99 ${f2(c.p99)} ms over ${p99s.length} rounds (${f2(Math.min(...p99s))}–${f2(Math.max(...p99s))})` +
        (bPg ? `; for scale, B + PostgreSQL (bare Apollo waiting on C's statement) ${f2(bPg.p99)} ms` : ''),
      met: c.p99 <= TARGET_P99_MS,
    });
  }
  for (const server of results.servers.filter((srv) => srv.atReady)) {
    targets.push({
      name: `RSS ≤ ${mb(TARGET_IDLE_RSS)} idle after start (${dbName(server.provider)})`,
      measured: `${mb(server.atReady!.rssBytes)} when /ready first answered, ${f0(server.startMs!)} ms after the process was spawned`,
      met: server.atReady!.rssBytes <= TARGET_IDLE_RSS,
    });
    const peak = server.usageAfterLoad?.maxRssBytes ?? NaN;
    targets.push({
      name: `Peak RSS ≤ ${mb(TARGET_PEAK_RSS)} during the benchmark (${dbName(server.provider)})`,
      measured: `${mb(peak)} (maxRSS after ${Object.values(server.runs).flat().length} measured runs and their warm-ups)`,
      met: peak <= TARGET_PEAK_RSS,
    });
  }
  for (const s of results.statements) {
    targets.push({
      name: `Same SQL statements per request at ${s.small.lineItems} and ${s.large.lineItems} line items (${dbName(s.provider)})`,
      measured: `${s.small.statements.length} and ${s.large.statements.length}`,
      met: s.small.statements.length === s.large.statements.length && s.small.lineItems === 5 && s.large.lineItems === 500,
    });
  }
  // A cache entry lives TOKEN_CACHE_TTL_SECONDS from its verification (a hit does not extend it), so a load longer
  // than that re-verifies at each expiry. Within the TTL no request may verify; a burst at an expiry is by design.
  for (const load of results.argon2DuringLoad) {
    const server = results.servers.find((srv) => srv.label === load.label);
    const check = results.tokenChecks.find((t) => t.provider === server?.provider);
    const cell = server && grid.get(server.key)?.get(low);
    // A burst is an expiry when it comes a full TTL after the verification before it.
    let previous = load.previousVerificationAt ?? -Infinity;
    const atExpiry = load.bursts.filter((b) => {
      const expired = b.at - previous >= results.tokenCacheTtlS * 1000 - 1000;
      previous = b.at;
      return expired;
    });
    const herd = Math.max(0, ...load.bursts.map((b) => b.calls));
    targets.push({
      name: `Repeated requests with the same token do not pay for argon2 again (${dbName(server?.provider)})`,
      measured:
        `${load.verifications} argon2 verifications during ${f0(load.requests)} requests under load` +
        (load.bursts.length
          ? ` (${load.bursts.length} burst${load.bursts.length > 1 ? 's' : ''} at the ${results.tokenCacheTtlS} s cache expiry, ` +
            `up to ${herd} requests verifying at once: see the discussion)`
          : '') +
        (check ? `; ${check.argon2CallsWarm} during ${check.warmRequests} warm requests after cold ones` : '') +
        (check && cell ? `; ${f2(cell.cpuMsPerRequest)} ms CPU per request under load vs ${f1(median(check.verifyCpuMs))} ms for one verification` : ''),
      met: atExpiry.length === load.bursts.length && (!check || check.argon2CallsWarm === 0),
    });
  }
  for (const t of results.tokenChecks) {
    const verify = median(t.verifyMs);
    const extra = median(t.coldRequestMs) - median(t.warmRequestMs);
    targets.push({
      name: `A cold token check costs what the argon2 parameters cost (${dbName(t.provider)})`,
      measured:
        `one verification (m=${t.argon2.memoryKiB} KiB, t=${t.argon2.timeCost}, p=${t.argon2.parallelism}) ${f1(verify)} ms; ` +
        `cold request − warm request ${f1(extra)} ms; ${t.argon2CallsCold} verifications for ${t.samples} cold requests`,
      met: t.argon2CallsCold === t.samples && Math.abs(extra - verify) <= Math.max(0.5 * verify, 10),
    });
  }
  return targets;
}

function throughputTable(results: BenchResults, grid: Map<string, Map<number, Cell>>): string {
  const rows: (string | number)[][] = [];
  for (const connections of results.settings.connections) {
    for (const server of results.servers) {
      const c = grid.get(server.key)?.get(connections);
      if (!c) continue;
      rows.push([
        server.label,
        connections,
        `**${f0(c.rps)}**`,
        f2(c.p50),
        f2(c.p99),
        f2(c.cpuMsPerRequest),
        Number.isNaN(c.dbCpuMsPerRequest) ? '–' : f2(c.dbCpuMsPerRequest),
        pct(c.serverCpuShare),
        pct(c.clientCpuShare),
        pct(c.otherCpuShare),
        c.roundsRps.map((rps, i) => `${f0(rps)}${c.contended[i] ? '†' : ''}`).join(', '),
      ]);
    }
  }
  return table(
    ['Server', 'Conns', 'req/s', 'p50 ms', 'p99 ms', 'Node CPU ms/req', 'PostgreSQL CPU ms/req', 'Node CPU', 'Load gen. CPU', 'Other CPU', 'req/s per round'],
    rows,
  );
}

function ratioTable(results: BenchResults, grid: Map<string, Map<number, Cell>>): string {
  const rows: string[][] = [];
  for (const connections of results.settings.connections) {
    const a = grid.get('A')?.get(connections);
    const b = grid.get('B')?.get(connections);
    for (const server of results.servers.filter((srv) => srv.key.startsWith('C'))) {
      const c = grid.get(server.key)?.get(connections);
      if (!a || !b || !c) continue;
      // Rounds are interleaved, so round i of C ran right after round i of B: their ratio cancels slow drifts.
      const paired = c.roundsRps.map((rps, i) => rps / b.roundsRps[i]).filter((r) => Number.isFinite(r));
      rows.push([
        server.label,
        String(connections),
        f2(c.rps / a.rps),
        `**${f2(c.rps / b.rps)}**`,
        `${f2(median(paired))} (${f2(Math.min(...paired))}–${f2(Math.max(...paired))})`,
        f1(c.cpuMsPerRequest / b.cpuMsPerRequest),
      ]);
    }
  }
  return table(['Server', 'Conns', 'req/s ÷ A', 'req/s ÷ B', 'req/s ÷ B, round by round: median (range)', 'CPU per request ÷ B'], rows);
}

function statementsSection(results: BenchResults, grid: Map<string, Map<number, Cell>>): string {
  const rows = results.statements.map((s) => [
    s.label,
    `${s.small.statements.length}`,
    `${s.large.statements.length}`,
    `${s.small.lineItems} / ${s.small.payments} / ${s.small.methods}`,
    `${s.large.lineItems} / ${s.large.payments} / ${s.large.methods}`,
  ]);
  const first = results.statements[0];
  const listing = first.small.statements.map((sql, i) => `${String(i + 1).padStart(2)}. ${sql.replace(/\s+/g, ' ').slice(0, 160)}`).join('\n');
  return [
    table(['Server', 'Statements (small)', 'Statements (large)', 'Small: line items / payments / cards', 'Large: line items / payments / cards'], rows),
    '',
    `The statements of one portal page request on ${first.label} (small customer, warm token cache), as the database layer sent them (\`database.onStatement\`).` +
      (first.small.statements.includes('COMMIT')
        ? ` Prisma's driver adapters run BEGIN themselves, so \`onStatement\` does not see it (on SQLite or PostgreSQL); ` +
          `COMMIT is reported. Counting BEGIN, a request sends ${first.small.statements.length + 1} statements.`
        : ''),
    '',
    '```',
    listing,
    '```',
    ...replayNote(results, grid),
  ].join('\n');
}

function componentSection(results: BenchResults, grid: Map<string, Map<number, Cell>>): string {
  const low = results.settings.connections[0];
  const names = results.componentCosts[0]?.costs.map((c) => c.name) ?? [];
  const rows: string[][] = names.map((name) => [
    name,
    ...results.componentCosts.map((entry) => {
      const cost = entry.costs.find((c) => c.name === name)!;
      return `${f2(cost.cpuMs)} (${f2(cost.wallMs)})`;
    }),
  ]);
  // The token lookup is inside authentication; it is timed alone only to split authentication's cost.
  rows.push([
    '**Sum** (without the lookup line, which authentication includes)',
    ...results.componentCosts.map((entry) => `**${f2(entry.costs.filter((c) => c.name !== TOKEN_LOOKUP).reduce((sum, c) => sum + c.cpuMs, 0))}**`),
  ]);
  rows.push([
    `Whole request under load (${low} connections), for comparison`,
    ...results.componentCosts.map((entry) => {
      const cell = grid.get(entry.key)?.get(low);
      return cell ? f2(cell.cpuMsPerRequest) : '–';
    }),
  ]);
  return [
    `Each part run ${COMPONENT_ITERATIONS} times in a row, three times, on the idle server through the same services and database layer a ` +
      `request uses; CPU ms per call (median of the three), wall ms in brackets. What the sum leaves of the whole request is ` +
      `HTTP, Apollo, type-graphql, the directives and serialization, plus what concurrency adds.`,
    '',
    table(['Part of a portal page request', ...results.componentCosts.map((entry) => entry.label)], rows),
  ].join('\n');
}

/** SQLite's own share of a page, from the replay (sql-replay.ts), next to C's CPU per request. */
function replayNote(results: BenchResults, grid: Map<string, Map<number, Cell>>): string[] {
  const replayed = results.statements.find((s) => s.replay);
  const c = grid.get('C')?.get(results.settings.connections[0]);
  if (!replayed?.replay || !c) return [];
  const r = replayed.replay;
  return [
    '',
    `Replayed straight through better-sqlite3 (the same ${r.statements} statements and parameters, captured with \`database.onStatement\`; ` +
      `prepared statements kept; ${r.iterations} times, in C's process after the load), one page costs ` +
      `**${f2(r.allCpuMs)} ms** of CPU, ${f2(r.readsCpuMs)} ms for the reads alone. Through the server, C spends ` +
      `${f2(c.cpuMsPerRequest)} ms of CPU per request at ${results.settings.connections[0]} connections.`,
  ];
}

function memorySection(results: BenchResults): string {
  const rows = results.servers.map((s) => [
    s.label,
    s.startMs === undefined ? '–' : `${f0(s.startMs)} ms`,
    s.atReady ? mb(s.atReady.rssBytes) : '–',
    s.usageBeforeLoad ? mb(s.usageBeforeLoad.rssBytes) : '–',
    s.usageAfterLoad ? mb(s.usageAfterLoad.rssBytes) : '–',
    s.usageAfterLoad ? `**${mb(s.usageAfterLoad.maxRssBytes)}**` : '–',
    s.usage ? mb(s.usage.maxRssBytes) : '–',
  ]);
  rows.push(['Orchestrator (autocannon, this process)', '–', '–', '–', '–', '–', mb(results.orchestratorMaxRssBytes)]);
  const lines = [
    table(['Process', 'Start to /ready 200', 'RSS idle at /ready', 'RSS before the load', 'RSS after the load', 'Peak RSS during the load', 'Peak RSS, whole run'], rows),
  ];
  for (const m of results.memory) {
    const space = (name: string) => m.spaces.find((sp) => sp.name === name);
    const code = space('code_space');
    const old = space('old_space');
    const rest = m.rssBytes - m.heapTotalBytes - m.externalBytes;
    lines.push(
      '',
      `**What ${m.label} holds** after the load and a full GC: RSS ${mb(m.rssBytes)} = V8 heap ${mb(m.heapTotalBytes)} ` +
        `(${mb(m.heapUsedBytes)} in use; old space ${old ? mb(old.usedBytes) : '?'}, code ${code ? mb(code.usedBytes) : '?'}) + ` +
        `memory outside the heap that V8 accounts for ${mb(m.externalBytes)} (buffers ${mb(m.arrayBuffersBytes)}) + ` +
        `${mb(rest)} of the rest: the node binary's own pages, compiled code, Prisma's WebAssembly query compiler (its code and memory), ` +
        `the native add-ons (better-sqlite3 with SQLite's page cache, argon2), thread stacks and allocator slack. ` +
        `${m.modules} modules loaded; the largest packages by source loaded:`,
      '',
      table(
        ['Package', 'Modules', 'Source loaded'],
        m.modulesByPackage.slice(0, 12).map((p) => [p.name, String(p.modules), `${(p.sourceBytes / 1e6).toFixed(2)} MB`]),
      ),
    );
  }
  return lines.join('\n');
}

function tokenSection(results: BenchResults): string {
    const rows = results.tokenChecks.map((t) => [
    t.label,
    `m=${t.argon2.memoryKiB} KiB, t=${t.argon2.timeCost}, p=${t.argon2.parallelism}`,
    f1(median(t.verifyMs)),
    f1(median(t.verifyCpuMs)),
    f2(median(t.coldRequestMs)),
    f2(median(t.warmRequestMs)),
    `${t.argon2CallsCold} / ${t.samples}`,
    `${t.argon2CallsWarm} / ${t.warmRequests}`,
  ]);
  const loadRows = results.argon2DuringLoad.map((l) => [
    l.label,
    f0(l.requests),
    String(l.verifications),
    l.bursts.length ? l.bursts.map((b) => `${b.calls} at ${f0((b.at - l.loadStartedAt) / 1000)} s`).join(', ') : '–',
  ]);
  return [
    table(['Server', 'argon2id parameters', 'verify ms (wall)', 'verify ms (CPU)', 'cold request ms', 'warm request ms', 'argon2 calls / cold requests', 'argon2 calls / warm requests'], rows),
    '',
    `During the load (warm-ups and rounds, ${f0(results.loadSpanS)} s; token cache TTL ${results.tokenCacheTtlS} s), counted by wrapping \`argon2.verify\` in the server process:`,
    '',
    table(['Server', 'Requests under load', 'argon2 verifications', 'Bursts (verifications at seconds into the load)'], loadRows),
    '',
    expirySentence(results),
  ].join('\n');
}

function expirySentence(results: BenchResults): string {
  const e = results.cacheExpiry;
  const calls = e.bursts.reduce((sum, b) => sum + b.calls, 0);
  return (
    `**Cache expiry under load.** A separate C (SQLite) with the token cache TTL set to ${e.ttlS} s, loaded at ${e.connections} ` +
    `connections for ${f0(e.durationS)} s with one token: ${f0(e.requests)} requests, ${calls} argon2 verifications in ` +
    `${e.bursts.length} bursts (${e.bursts.map((b) => b.calls).join(', ')} verifications each).` +
    (Math.max(0, ...e.bursts.map((b) => b.calls)) > 1
      ? ' An expiry costs one verification per request in flight at that moment, not one per token.'
      : ' Each expiry cost one verification.')
  );
}

function profileSection(results: BenchResults): string {
  return results.profiles
    .map((p) => {
      const perRequest = (ms: number) => f1((ms * 1000) / p.requests);
      const areas = p.summary.byArea.slice(0, 12).map((a) => [a.area, pct(a.share), perRequest(a.ms)]);
      const functions = p.summary.topFunctions.slice(0, 10).map((fn) => [`\`${fn.name.replace(/\|/g, '\\|')}\``, fn.area, pct(fn.share)]);
      return [
        `#### ${p.label}: ${f0(p.requests)} requests, ${f0(p.summary.totalMs)} ms of sampled main-thread CPU (${f1((p.summary.totalMs * 1000) / p.requests)} µs per request)`,
        '',
        table(['Where (self time)', 'Share', 'µs per request'], areas),
        '',
        table(['Hottest functions (self time)', 'Where', 'Share'], functions),
      ].join('\n');
    })
    .join('\n\n');
}

/** How much else the machine was doing: numbers from a busy machine are not comparable with a quiet one's. */
function quietness(results: BenchResults): string {
  const runs = results.servers.flatMap((srv) => Object.values(srv.runs).flat());
  const worst = Math.max(...runs.map((r) => r.otherCpuShare));
  const repeated = runs.filter((r) => r.attempts > 1).length;
  const contended = runs.filter((r) => r.contended).length;
  const load = results.loadAverageBefore.map((l) => l.toFixed(2)).join(', ');
  return (
    `Other processes were using ${f2(results.busyCoresBefore)} cores just before the run (load average ${load}). ` +
    `Runs during which they used more than ${results.settings.maxOtherCpu} cores were repeated: ${repeated} of ${runs.length} runs were. ` +
    (contended
      ? `**${contended} runs were still contended when the retry budget ran out; they are marked † and the figures are less reliable.**`
      : `Every kept run had other processes below that (largest: ${pct(worst)} of a core).`)
  );
}

function versions(m: Machine): string {
  return Object.entries(m.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
}

function discussion(results: BenchResults, grid: Map<string, Map<number, Cell>>, targets: Target[]): string {
  const low = results.settings.connections[0];
  const high = results.settings.connections.at(-1)!;
  const at = (key: string, connections = low) => grid.get(key)?.get(connections);
  const a = at('A')!;
  const b = at('B')!;
  const c = at('C')!;
  const s = results.statements[0];
  const reads = s.small.statements.filter((sql) => /^\s*SELECT/i.test(sql)).length;
  const writes = s.small.statements.filter((sql) => /^\s*(UPDATE|INSERT|DELETE)/i.test(sql)).length;
  const inTransaction = s.small.statements.includes('COMMIT');
  const replay = results.statements.find((st) => st.replay)?.replay;
  const lines: string[] = [];

  lines.push(
    `- **Where C stands.** At ${low} connections C serves ${f0(c.rps)} req/s against B's ${f0(b.rps)} and A's ${f0(a.rps)} ` +
      `(C/B ${f2(c.rps / b.rps)}, C/A ${f2(c.rps / a.rps)}). Per request C's process spends ${f2(c.cpuMsPerRequest)} ms of CPU, ` +
      `B ${f2(b.cpuMsPerRequest)} ms and A ${f2(a.cpuMsPerRequest)} ms, and each server keeps about one core busy: the gap is work done ` +
      `per request, not waiting. A and B hand out a response held in memory; C authenticates the token, sends ${reads} reads on SQLite ` +
      `(prepared statements, src/db/portal-reads.ts)` +
      (writes ? ` and ${writes} writes${inTransaction ? ' in a transaction' : ''}` : ' and no writes') +
      `, records the token's use in memory to be written behind the response, formats every Money, and runs the root ` +
      `resolvers, the rate-limit directive, graphql-armor's validation rules, metrics and the request log.`,
  );
  const profile = results.profiles.find((p) => p.label === results.servers.find((srv) => srv.key === 'C')?.label);
  if (profile) {
    const top = profile.summary.byArea.slice(0, 5).map((area) => `${area.area} ${pct(area.share)}`).join(', ');
    const dataAccess = profile.summary.byArea
      .filter((area) => area.area.startsWith('@prisma/') || area.area === 'better-sqlite3' || area.area === 'pg' || area.area === 'src/db')
      .reduce((sum, area) => sum + area.share, 0);
    const format = profile.summary.topFunctions.find((fn) => fn.name.startsWith('formatMoney '));
    lines.push(
      `- **Profile of C** (self time, main thread): ${top}. The database layer (src/db with the driver's native calls, and ` +
        `Prisma) takes ${pct(dataAccess)}, roughly ${f2(dataAccess * c.cpuMsPerRequest)} of the ${f2(c.cpuMsPerRequest)} ms per request.` +
        (format && format.share > 0.05
          ? ` \`formatMoney\` alone takes ${pct(format.share)} of C's CPU for the page's ${results.moneyValues} Money values.`
          : ''),
    );
  }
  const parts = results.componentCosts.find((entry) => entry.key === 'C')?.costs ?? [];
  const auth = parts.find((p) => p.name === AUTHENTICATION);
  const lookup = parts.find((p) => p.name === TOKEN_LOOKUP);
  const pageReads = parts.find((p) => p.name === PAGE_READS);
  if (auth && lookup) {
    lines.push(
      `- **Token use.** Timed on its own, authenticating a cached token costs ${f2(auth.cpuMs)} ms of CPU, of which the token ` +
        `lookup is ${f2(lookup.cpuMs)} ms. The use (useCount, lastUsedAt, lastUsedIp and the TOKEN_USED audit row) is gathered ` +
        `in memory and written once per TOKEN_USAGE_FLUSH_MS (1 s) for every token used meanwhile, in one transaction, so no ` +
        `request waits on a write. The token row itself is read fresh on every request: that is what makes revocation hold ` +
        `on the next one.`,
    );
  }
  if (lookup && pageReads) {
    const rest = c.cpuMsPerRequest - (auth?.cpuMs ?? lookup.cpuMs) - pageReads.cpuMs;
    lines.push(
      `- **The reads.** The token lookup and the page's other reads cost ${f2(lookup.cpuMs + pageReads.cpuMs)} ms of CPU ` +
        `one after another` +
        (replay ? `; SQLite itself runs the same ${reads} reads in ${f2(replay.readsCpuMs)} ms (the replay)` : '') +
        (rest > 0.01
          ? `. The rest of C's request (${f2(rest)} ms) is the HTTP, GraphQL and type-graphql stack around them and what ` +
            `concurrency adds.`
          : `. Under load C's whole request costs ${f2(c.cpuMsPerRequest)} ms, no more than its parts timed one at a time: ` +
            `at ${low} connections the reads of the requests that arrive in one turn of the event loop share one SQLite read ` +
            `transaction (src/db/portal-reads.ts), which a request timed alone does not.`),
    );
  }
  lines.push(
    `- **How C got here.** The first runs of this benchmark measured C at 0.10 × B, at about 10 ms of CPU per request. ` +
      `Its profiles led to these changes, in this order: statements are counted at the driver adapter instead of Prisma's ` +
      `query log event (which cost about 0.3 ms per statement); token use is written behind requests in batches; the hot reads ` +
      `run as plain SQL on prepared statements beside Prisma (Prisma's client and adapter cost about 0.3 ms per statement ` +
      `against 0.01 ms for the statement itself), with one statement for the balance instead of two; the API's output types ` +
      `carry their Money as plain data instead of about 90 type-graphql field resolver calls per page, the check that every root ` +
      `field has an access rule runs once when the schema is built instead of as a global middleware around every field, and ` +
      `Apollo's cache-control hook is off; and operations execute with graphql-jit through Apollo's executor hook ` +
      `(src/server/compiled-executor.ts) instead of graphql-js's interpreter, which allocated an info object, a path and two ` +
      `argument dictionaries for each of the page's ~250 fields: about 150 KB of garbage per request, whose scavenges ` +
      `promoted enough to force several full collections a second and made the p99 (on the machine of that time C went from about 2,450 ` +
      `to 3,400 req/s on SQLite and its p99 from about 13.5 ms to about 10 ms); and on PostgreSQL the reads asked for in one ` +
      `turn go as one statement (3 round trips per page instead of 6: about 2,500 to 3,000 req/s), and the invoice's line ` +
      `items are read beside the invoice when the operation selects them, found by the same conditions rather than by its id ` +
      `(2 round trips: on a slower machine, about 1,320 to 1,500 req/s on PostgreSQL). Writes, transactions and ` +
      `everything else stay on Prisma. Then \`npm start\`'s \`--heap-growing-percent\` went from 50 to 100: each scavenge still ` +
      `promotes about 0.4 MB of short-lived request objects (about 95% of what survived the one before, with one connection ` +
      `as with ten; 10% for B), so at 1.5 times the live heap a full collection came every half second and its pauses made ` +
      `most of the tail (an A/B run on a faster machine: p99 9.85 to 7.81 ms, peak RSS 190 to 204 MB). Then Linux's \`perf\`, ` +
      `which sees inside SQLite and the kernel where the V8 profiler shows one native call, found two costs: SQLite (3.47 and ` +
      `later) reads a bare \`LIMIT $n\`'s bound value while planning, so every new binding expired the payment history read ` +
      `and each run parsed and planned it again (4.5% of C's CPU; page sizes are now bound behind a CAST: about +8% req/s on ` +
      `SQLite in an A/B run); and the verified-token cache built an Hmac object per request for its key, now a one-shot ` +
      `SHA-256 of a per-process salt and the secret (2.5% of C's profile). Then \`strace -c\` counted 12 fcntl calls per SQLite ` +
      `page: SQLite took and dropped its WAL read lock around each statement; the reads of one turn now run in one read ` +
      `transaction (4 calls; CPU per request -11% in an A/B run). Then \`--trace-gc-nvp\` showed ~8% of all allocated bytes ` +
      `surviving each scavenge, in proportion to the young generation's size, and \`--log-maps\` new hidden classes per ` +
      `request: an object literal with accessors in Apollo's gateway request context and a generator function per call in ` +
      `graphql-rate-limit-directive's ES2015 output each got a hidden class of its own, which V8 keeps in old space until a ` +
      `full collection, and through it the closure over the whole request, so every request's objects were promoted. Both ` +
      `are patched (patches/, applied by patch-package at install): survivors per scavenge fell from about 340 KB to 55 KB, ` +
      `CPU per request by a fifth and p99 from 12.7 to 9.4 ms in an A/B run. Then a token that authenticated within the ` +
      `cache's TTL is checked again beside the page's reads instead of before them (1 round trip per page on PostgreSQL; ` +
      `+17% req/s there and +21% on SQLite in A/B runs). Then pg's pool closed a connection after 10 s unused, so C on ` +
      `PostgreSQL, idle while the other servers take their rounds, opened its backends and prepared its statements again ` +
      `at the start of each of its rounds, as a real instance would after every quiet spell; pooled connections now stay ` +
      `open 300 s (DATABASE_POOL_IDLE_SECONDS; \`npm run bench:compare\`, two replicas of each: +10% req/s, -7% CPU per ` +
      `request, half the slowest response). Then \`strace -c\` showed the server reading about 10 requests per turn of ` +
      `the event loop at 10 connections, and each still ran its own SQLite read transaction (BEGIN, a WAL read lock and its ` +
      `release, COMMIT); the reads of every request that arrived in the same turn now share one, taken after all of them ` +
      `were asked for (fcntl calls per request 2 to 0.2; \`perf\`: the kernel's share of C's CPU 19% to 11%; ` +
      `\`npm run bench:compare\`, two replicas of each: 2,460 and 2,460 to 3,985 and 3,871 req/s, CPU per request 412 and 404 ` +
      `to 253 and 260 µs, p99 10.70 and 10.63 to 7.44 and 7.86 ms). Last on PostgreSQL, a batch of reads returns each row as ` +
      `a JSON array of its values instead of an object keyed by column that the driver then turned back into values ` +
      `(\`npm run bench:compare\`, two replicas of each: 2,210 and 2,185 to 2,302 and 2,303 req/s, CPU per request 436 and 425 ` +
      `to 408 and 413 µs).`,
  );
  if (c.rps / b.rps < TARGET_C_OVER_B.C) {
    const needed = b.cpuMsPerRequest / TARGET_C_OVER_B.C;
    lines.push(
      `- **What the ${TARGET_C_OVER_B.C} × B target takes.** Every server here is bound by one core, so req/s follows CPU per request: C would need ` +
        `about ${f2(needed)} ms per request (B's ÷ ${TARGET_C_OVER_B.C}), against ${f2(c.cpuMsPerRequest)} ms measured ` +
        `(${f1(c.cpuMsPerRequest / needed)}× the budget).`,
    );
  }
  if (c.p99 > TARGET_P99_MS) {
    // A closed loop: each connection sends its next request when the last is answered, so latency follows throughput.
    const tail = c.p99 / c.p50;
    const neededRps = (low * 1000) / (TARGET_P99_MS / tail);
    lines.push(
      `- **What the ${TARGET_P99_MS} ms p99 takes.** autocannon's ${low} connections each wait for their answer before sending the next ` +
        `request, and the server is bound by one core, so a request mostly waits for the ones queued ahead of it: C's p50 of ` +
        `${f2(c.p50)} ms is about ${low} ÷ its ${f0(c.rps)} req/s. Its p99 is ${f1(tail)}× its p50 (B's ${f1(b.p99 / b.p50)}×, A's ` +
        `${f1(a.p99 / a.p50)}×), so a p99 of ${TARGET_P99_MS} ms takes a p50 near ${f2(TARGET_P99_MS / tail)} ms: about ${f0(neededRps)} req/s, ` +
        `${f2(neededRps / b.rps)}× what B serves on this machine (B's own p99 here: ${f2(b.p99)} ms). The p99 follows the machine's speed ` +
        `more than C's code; the CPU per request is what the code decides.`,
    );
  }
  const cHigh = high !== low ? at('C', high) : undefined;
  if (cHigh) {
    lines.push(
      `- **At ${high} connections** each server is already CPU-bound at ${low}, so throughput moves little and latency grows with ` +
        `the queue: C's p50 is ${f2(cHigh.p50)} ms and p99 ${f2(cHigh.p99)} ms.`,
    );
  }
  const pg = at('C-pg');
  if (pg) {
    const pgCount = results.statements.find((st) => st.provider === 'postgresql')?.small.statements ?? s.small.statements;
    const pgStatements = pgCount.length + (pgCount.includes('COMMIT') ? 1 : 0);
    lines.push(
      `- **PostgreSQL.** C on PostgreSQL serves ${f0(pg.rps)} req/s at ${low} connections (${f2(pg.rps / c.rps)}× SQLite). ` +
        `Node spends ${f2(pg.cpuMsPerRequest)} ms of CPU per request and PostgreSQL's backends ` +
        `${Number.isNaN(pg.dbCpuMsPerRequest) ? 'an unmeasured amount' : `${f2(pg.dbCpuMsPerRequest)} ms`}, on the same ` +
        `${results.machine.cores} cores; ${pgStatements === 1 ? 'its one statement per page is' : `each of its ${pgStatements} statements per page is`} a round trip over loopback (the reads ` +
        `the resolvers ask for in one turn go together as one statement, src/db/portal-reads.ts, and a token that authenticated ` +
        `within the cache's TTL is checked again beside them, src/domain/auth.service.ts).`,
    );
    const bPg = at('B-pg');
    const [bPgHigh, pgHigh, bHigh] = high !== low ? [at('B-pg', high), at('C-pg', high), at('B', high)] : [];
    if (bPg) {
      lines.push(
        `- **Against the same wait on bare Apollo (B + PostgreSQL).** B, each of whose requests first runs the statement C sent ` +
          `for one page, with its parameters, on the same database and through a pool like C's, serves ${f0(bPg.rps)} req/s at ` +
          `${low} connections (${f2(bPg.rps / b.rps)} × B), p50 ${f2(bPg.p50)} ms and p99 ${f2(bPg.p99)} ms, with ${f2(bPg.cpuMsPerRequest)} ms ` +
          `of Node CPU and ${Number.isNaN(bPg.dbCpuMsPerRequest) ? 'an unmeasured amount' : `${f2(bPg.dbCpuMsPerRequest)} ms`} of ` +
          `PostgreSQL CPU per request. C on PostgreSQL serves ${f2(pg.rps / bPg.rps)} × that, with p99 ${f2(pg.p99)} ms. So one ` +
          `round trip to a database on the same ${results.machine.cores} cores costs bare Apollo ${pct(1 - bPg.rps / b.rps)} of its throughput ` +
          `here, and what C on PostgreSQL reaches is set by that wait more than by C's own work` +
          (bPg.p99 > TARGET_P99_MS ? `: even bare Apollo misses the ${TARGET_P99_MS} ms p99 with it.` : '.') +
          (bPgHigh && pgHigh && bHigh
            ? ` At ${high} connections B + PostgreSQL serves ${f0(bPgHigh.rps)} req/s (${f2(bPgHigh.rps / bHigh.rps)} × B) and C on ` +
              `PostgreSQL ${f2(pgHigh.rps / bPgHigh.rps)} × that.`
            : ''),
      );
    }
    if (pg.p99 > TARGET_P99_MS) {
      const busy = pg.serverCpuShare + pg.clientCpuShare + pg.otherCpuShare + (Number.isNaN(pg.dbCpuMsPerRequest) ? 0 : (pg.dbCpuMsPerRequest * pg.rps) / 1000);
      lines.push(
        `- **PostgreSQL's p99** is ${f2(pg.p99)} ms: ${f1(pg.p99 / pg.p50)}× its p50 of ${f2(pg.p50)} ms, where SQLite's is ${f1(c.p99 / c.p50)}× ` +
          `(${f2(c.p99)} ms). Its page waits on a backend process besides the event loop, and here those backends, Node, the ` +
          `load generator and the kernel kept about ${f1(busy)} of the ${results.machine.cores} cores busy. A request whose backend ` +
          `is not running when its statement arrives waits for it to be scheduled: the likeliest source of the wider tail, ` +
          `not measured directly. A database on its own host would not compete with Node for the CPU; this machine cannot ` +
          `show that.`,
      );
    }
  }
  const herd = Math.max(0, ...results.cacheExpiry.bursts.map((b) => b.calls), ...results.argon2DuringLoad.flatMap((l) => l.bursts.map((b) => b.calls)));
  if (herd > 1) {
    const verifyCpu = median(results.tokenChecks.flatMap((t) => t.verifyCpuMs));
    lines.push(
      `- **Token cache expiry (noticed, not changed).** A verified-token cache entry lives TOKEN_CACHE_TTL_SECONDS ` +
        `(${results.tokenCacheTtlS} s here) from its ` +
        `verification and a hit does not extend it. When it expires, every request in flight with the token misses the cache and ` +
        `runs its own argon2 verification: up to ${herd} at once in this run (${f1(verifyCpu)} ms of CPU and ` +
        `${results.tokenChecks[0] ? Math.round(results.tokenChecks[0].argon2.memoryKiB / 1024) : 19} MiB each, four at a time on libuv's threadpool). ` +
        `Nothing coalesces concurrent verifications of one secret; a single-flight map in AuthService (one pending verification per ` +
        `secret) would make it one per expiry.`,
    );
  }
  const clientBusy = Math.max(...results.servers.flatMap((srv) => Object.values(srv.runs).flat().map((r) => r.clientCpuShare)));
  lines.push(
    `- **Limits.** One ${results.machine.cores}-core machine runs the server, autocannon (at most ${pct(clientBusy)} of a core here) and, ` +
      `for PostgreSQL, the database. ` +
      (a.serverCpuShare >= 0.9
        ? `A's process is at ${pct(a.serverCpuShare)} of a core, so A is bound by its own CPU rather than by autocannon. `
        : `A's process is at only ${pct(a.serverCpuShare)} of a core, so in this run something else (other processes or autocannon) limited it. `) +
      `The machine is shared: see the rounds' spread in "req/s per round" and the note on other processes above; the ` +
      `round-by-round ratio is the steadier comparison. Loopback hides network latency, and one token and one customer keep every cache warm.`,
  );
  const missed = targets.filter((t) => !t.met);
  lines.push(missed.length ? `- **Not met:** ${missed.map((t) => t.name).join('; ')}.` : '- **All targets met** on this run.');
  return lines.join('\n');
}

const INTRO = `# Benchmarks

How fast the portal page is, next to two floors that do no real work: what it costs to serve the same GraphQL
response from memory with graphql-js alone (A) and with a bare Apollo Server (B), and what this server (C) costs on
SQLite and on PostgreSQL with a real payment token. \`npm run bench\` (bench/run-bench.ts) writes this whole file:
the text above the line is fixed in bench/report.ts, everything below it comes from the run.

**Why these argon2 parameters.** Payment tokens carry a 256-bit random verifier. Against guessing, the hash's work
factor adds nothing (2^256 tries are out of reach at any speed); besides, an unknown selector never reaches argon2 and
failed checks are rate-limited per IP. Against a leaked database, any one-way hash of a 256-bit secret is already
beyond recovery. So the defaults (\`ARGON2_MEMORY_KIB\`, \`ARGON2_TIME_COST\`, \`ARGON2_PARALLELISM\` in
src/config/config.ts) sit at OWASP's floor for argon2id, m=19 MiB, t=2, p=1, and not above it: higher settings would buy
no security for these secrets, while every cold check, and every wrong verifier sent for a known selector, would cost
more CPU and memory. The verified-token cache (\`TOKEN_CACHE_TTL_SECONDS\`, 300 s) means a customer's page pays that
cost once per process and TTL rather than per request; the cache-expiry measurement below shows what an expiry costs
under load. The tables below measure both sides on this machine.

---
`;

function paymentPageSection(page: PaymentPageResults): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const total = page.assets.reduce((sum, asset) => sum + asset.gzipBytes, 0);
  const lines = [
    `The page's own JavaScript and CSS (dist/web/assets, as \`npm run build\` writes them; Stripe.js is Stripe's and not counted), gzipped at level 9:`,
    '',
    '| File | Bytes | Gzipped |',
    '|---|---:|---:|',
    ...page.assets.map((asset) => `| ${asset.file} | ${asset.bytes.toLocaleString('en-US')} | ${asset.gzipBytes.toLocaleString('en-US')} |`),
    `| **Total** | ${page.assets.reduce((sum, asset) => sum + asset.bytes, 0).toLocaleString('en-US')} | **${total.toLocaleString('en-US')}** (${kb(total)}) |`,
    '',
    `Target: at most ${kb(page.budgetBytes)} gzipped: **${total <= page.budgetBytes ? 'met' : 'missed'}** (${((100 * total) / page.budgetBytes).toFixed(0)}% of it).`,
    '',
  ];
  if (page.loads) {
    const sorted = [...page.loads.samplesMs].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    const { viewport } = page.loads;
    lines.push(
      `**Time to what is owed on screen**: from navigation to C's \`/pay#<token>\` (a link for the whole account) to the invoices with their amounts visible (the first view renders from one GraphQL request), in a fresh Chromium ${page.loads.chromium} profile each time (empty cache, as a first click on the link), ${viewport.width}×${viewport.height}, C (SQLite) on this machine, after one uncounted load:`,
      '',
      '| Loads | Median | Min | p90 | Max | Requests per load | GraphQL requests |',
      '|---:|---:|---:|---:|---:|---:|---:|',
      `| ${page.loads.loads} | **${f1(median(sorted))} ms** | ${f1(sorted[0])} ms | ${f1(at(0.9))} ms | ${f1(sorted.at(-1)!)} ms | ${page.loads.requestsPerLoad} | ${page.loads.graphqlRequestsPerLoad} |`,
    );
  } else {
    lines.push(`Page loads were not timed: ${page.error ?? 'not run'}.`);
  }
  return lines.join('\n');
}

export function renderReport(results: BenchResults): string {
  const grid = cells(results);
  const targets = evaluate(results, grid);
  const m = results.machine;
  const s = results.settings;
  return [
    INTRO,
    `_Generated ${results.startedAt.toISOString()} by \`npm run bench\` in ${f0(results.totalSeconds)} s, after ${f0(results.quietWaitS)} s ` +
      `waiting for a quiet machine (compilation not included)._`,
    '',
    '## Targets (issues 5 and 13)',
    '',
    table(['Target', 'Measured', 'Result'], targets.map((t) => [t.name, t.measured, yes(t.met)])),
    '',
    '## Machine and versions',
    '',
    `- CPU: ${m.cpuModel}, ${m.cores} cores; memory ${m.memoryGiB.toFixed(1)} GiB; ${m.kernel}`,
    `- Node ${m.node}; SQLite ${m.sqlite} (better-sqlite3)${m.postgres ? `; PostgreSQL ${m.postgres} on 127.0.0.1` : '; PostgreSQL skipped'}`,
    `- Packages: ${versions(m)}`,
    `- ${quietness(results)}`,
    '',
    '## Method',
    '',
    `- **Request.** \`POST /graphql\` with the \`PortalPage\` operation of tests/graphql/portal.graphql (the fragments it spreads included), ` +
      `\`Authorization: Bearer <payment token>\` and \`content-type: application/json\`, identical for every server. ` +
      `The response is ${results.bodyBytes} bytes: an invoice with 5 line items, the balance, the first 10 payments and 2 saved cards.`,
    `- **Servers**, each in its own Node process (so the load generator never shares an event loop with a server, and RSS is per server):`,
    ...results.servers.map((srv) => `  - ${srv.label}: ${srv.description}.`),
    `- **Same bytes.** C is queried once; A and B (and B + PostgreSQL) serve that response's \`data\` from memory. Before any load the bench checks ` +
      `that all servers return byte-identical bodies, and aborts otherwise. C's rows have fixed ids and timestamps, so SQLite and ` +
      `PostgreSQL agree too.`,
    `- **Load.** autocannon ${m.packages.autocannon} (programmatic API, in the orchestrator process) on loopback, ` +
      `${s.connections.join(' and ')} connections, no pipelining. Per connection count: a ${s.warmupS} s warm-up of each server, then ` +
      `${s.rounds} interleaved rounds (${results.servers.map((srv) => srv.key).join(', ')}, …) of ${s.durationS} s each. ` +
      `Every response must be 200 with the expected body (autocannon \`expectBody\`); ` +
      `a run with an error, a timeout, a non-2xx status or a different body stops the benchmark.`,
    `- **Figures** are medians over rounds. req/s is autocannon's mean of per-second counts; p50/p99 come from every response's ` +
      `latency (autocannon's own histogram has 1 ms resolution). Server CPU is the server process's user+system time over the run ` +
      `(all its threads), from \`process.cpuUsage\`; PostgreSQL CPU is that of the backends serving the scratch database (/proc), which C on PostgreSQL and B + PostgreSQL share but never load at once; ` +
      `load generator CPU is the orchestrator's; other CPU is the rest of the machine's busy time (/proc/stat, all cores): the kernel's ` +
      `loopback networking and anything else running. Shares are in units of one core. This machine is shared, so a run during which ` +
      `other CPU exceeded ${s.maxOtherCpu} cores is repeated once the machine is quiet (within a ${s.retryBudgetS} s budget).`,
    `- **Production mode.** Every server process (A, B, B + PostgreSQL, C on both databases, and the processes that seed C's databases) runs with ` +
      `NODE_ENV=production in its environment, so graphql-js and Apollo skip their development-mode checks in all of them, and ` +
      `C also runs with its production configuration (introspection off, no landing page, no demo seeding, no migration at start).`,
    `- **C's process** is the server's own entry point, \`node dist/src/main.js\`, started as an operator would start it after ` +
      `\`npm run migrate\`: a separate process (bench/portal-server.ts, the same app in-process) migrates and seeds the database ` +
      `first, and also runs the measurements that need the app's objects (SQL statement counts, token checks, the parts of a ` +
      `request). \`--require bench/production-preload.js\` adds an IPC channel through which the orchestrator reads C's CPU, ` +
      `memory and argon2 calls and starts the profiler. Settings: LOG_LEVEL=warn, every RATE_LIMIT_* ` +
      `budget at 100000 per minute, token usage flushed every second (the default), ` +
      `Stripe settings pointing at a local Stripe emulator in the seeding process (the portal page never calls Stripe). The token is issued through ` +
      `the token service (argon2id), used once before the load so its verification is cached, as a customer's first page view would.`,
    `- **SQL statements** are counted with \`database.onStatement\` around one request after a warm-up request, for a customer with ` +
      `5 line items, 10 payments and 2 cards and one with 500 of each; a count that caught the usage flush's timer is taken again.`,
    `- **Token checks.** On an idle server: ${results.tokenChecks[0]?.samples ?? 0} tokens issued now; for each, one \`argon2.verify\` ` +
      `of its hash alone (wall and process CPU time), its first portal request (cold: verifies) and ${results.tokenChecks[0] ? results.tokenChecks[0].warmRequests / results.tokenChecks[0].samples : 0} more (warm: cached). ` +
      `argon2 verifications are counted by wrapping the module's \`verify\` in C's process. The cold-check target counts as met when ` +
      `each cold request ran exactly one verification and its extra latency over a warm request is within ±50% (or ±10 ms) of one verification's. ` +
      `Cache expiry is measured on one more C (SQLite) whose token cache TTL is ${results.cacheExpiry.ttlS} s, loaded for four TTLs ` +
      `at ${results.cacheExpiry.connections} connections; verifications less than a second apart count as one burst.`,
    `- **Start and memory.** C's start is the time from spawning \`node dist/src/main.js\` to its \`GET /ready\` answering 200 ` +
      `(polled every 5 ms); its idle RSS is read right then. Peak RSS during the load is the process's \`resourceUsage().maxRSS\` ` +
      `right after the last round (its first request's argon2 verification included: each holds ` +
      `${results.tokenChecks[0] ? Math.round(results.tokenChecks[0].argon2.memoryKiB / 1024) : 19} MiB while it runs); ` +
      `"whole run" adds the profiling run. MB are 10^6 bytes. PostgreSQL's own processes are not counted. C runs with ` +
      (process.env.BENCH_C_NODE_FLAGS !== undefined
        ? `the node flags given in BENCH_C_NODE_FLAGS instead of \`npm start\`'s: \`${results.cNodeFlags.join(' ') || '(none)'}\`. `
        : `the node flags of \`npm start\` (package.json), read from there: \`${results.cNodeFlags.join(' ') || '(none)'}\`. `) +
      results.cNodeFlags.map((flag) => NODE_FLAG_NOTES[flag.replace(/=.*/, '')] ?? '').join(''),
    `- **Profiles.** After the rounds, B, B + PostgreSQL, C and C on PostgreSQL each get one more ${s.durationS} s run at ${s.connections[0]} connections under the V8 sampling profiler ` +
      `(node:inspector in the server process, 250 µs interval; .cpuprofile files in dist/bench-build/profiles/). Profiling slows the server, ` +
      `so these runs are not in the tables above.`,
    '',
    '## Throughput and latency',
    '',
    throughputTable(results, grid),
    '',
    '### Ratios (median req/s)',
    '',
    ratioTable(results, grid),
    '',
    '## SQL statements per request',
    '',
    statementsSection(results, grid),
    '',
    '### Where the time goes, part by part',
    '',
    componentSection(results, grid),
    '',
    '## The payment page (issue 9)',
    '',
    paymentPageSection(results.paymentPage),
    '',
    '## Memory',
    '',
    memorySection(results),
    '',
    '## Token checks and argon2',
    '',
    tokenSection(results),
    '',
    '## Profiles: where B, B + PostgreSQL and C spend their CPU (C on both databases)',
    '',
    profileSection(results),
    '',
    '## Discussion',
    '',
    discussion(results, grid, targets),
    '',
    ...(results.warnings.some((w) => w.count)
      ? ['## Server warnings', '', ...results.warnings.filter((w) => w.count).map((w) => `- ${w.label}: ${w.count} lines at warn or above, e.g. \`${w.first[0]}\``), '']
      : []),
    ...(results.emailOutbox?.length ? [renderEmailOutboxSection(results.emailOutbox)] : []),
  ].join('\n');
}

/** What the terminal shows at the end: the targets and the main tables. */
export function consoleSummary(results: BenchResults): string {
  const grid = cells(results);
  const targets = evaluate(results, grid);
  return [
    throughputTable(results, grid),
    '',
    ratioTable(results, grid),
    '',
    statementsSection(results, grid).split('\n\nThe statements')[0],
    '',
    memorySection(results),
    '',
    tokenSection(results),
    '',
    table(['Target', 'Measured', 'Result'], targets.map((t) => [t.name, t.measured, yes(t.met)])),
  ].join('\n');
}

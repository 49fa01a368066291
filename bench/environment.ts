import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { repoRoot } from './portal-page';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  sqlite: string;
  postgres?: string;
  packages: Record<string, string>;
}

const PACKAGES = [
  '@apollo/server',
  'graphql',
  'type-graphql',
  '@escape.tech/graphql-armor',
  'graphql-rate-limit-directive',
  '@prisma/client',
  '@prisma/adapter-better-sqlite3',
  '@prisma/adapter-pg',
  'better-sqlite3',
  'pg',
  'argon2',
  'dataloader',
  'pino',
  'autocannon',
];

function installedVersion(name: string): string {
  try {
    return JSON.parse(readFileSync(join(repoRoot(), 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

export function describeMachine(postgresVersion?: string): Machine {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch {
    // Not Linux: os.cpus() already named it.
  }
  const memory = new Sqlite(':memory:');
  const sqlite = memory.prepare('select sqlite_version()').pluck().get() as string;
  memory.close();
  return {
    cpuModel,
    cores: cpus().length,
    memoryGiB: totalmem() / 2 ** 30,
    kernel: `${process.platform} ${release()}`,
    node: process.version,
    sqlite,
    postgres: postgresVersion,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, installedVersion(name)])),
  };
}

/** A database created for this run on the PostgreSQL server, dropped afterwards. */
export interface ScratchDatabase {
  url: string;
  name: string;
  serverVersion: string;
  /**
   * CPU time so far of the PostgreSQL backends serving the scratch database, read from /proc (the server runs
   * on this machine); undefined when they cannot be read.
   */
  backendCpuMs(): Promise<number | undefined>;
  drop(): Promise<void>;
}

function processCpuMs(pid: number): number | undefined {
  try {
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields, in 10 ms ticks.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** `adminUrl` names any database we may connect to (to create and drop the scratch one). */
export async function createScratchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const name = `portal_bench_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${adminUrl.replace(/\/\/([^:/@]+):[^@]+@/, '//$1:***@')} (${(error as Error).message}). ` +
        'Set BENCH_POSTGRES_ADMIN_URL, or BENCH_SKIP_POSTGRES=1 to benchmark SQLite only.',
    );
  }
  const serverVersion = ((await admin.query('show server_version')).rows[0].server_version as string).split(' ')[0];
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    serverVersion,
    async backendCpuMs() {
      const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name]);
      let total = 0;
      for (const { pid } of rows) {
        const ms = processCpuMs(pid);
        if (ms === undefined) return undefined;
        total += ms;
      }
      return total;
    },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** CPU time of the whole machine so far (all cores), from /proc/stat; undefined where there is none. */
export function machineCpuMs(): { busyMs: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq] = fields;
    // USER_HZ is 100 on every Linux this runs on: one tick is 10 ms.
    return { busyMs: (user + nice + system + irq + softirq) * 10 };
  } catch {
    return undefined;
  }
}

/**
 * Waits until the rest of the machine is using less than `maxBusyCores` (sampled over 2 s), for at most
 * `timeoutS`. Other work on a 2-core machine skews every figure, so the run starts on a quiet machine if it can.
 * Returns the busy cores seen last.
 */
export async function waitForQuiet(maxBusyCores: number, timeoutS: number, onBusy: (busyCores: number) => void): Promise<number> {
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    const before = machineCpuMs();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = machineCpuMs();
    if (!before || !after) return NaN;
    const busy = (after.busyMs - before.busyMs) / 2000;
    if (busy <= maxBusyCores || Date.now() >= deadline) return busy;
    onBusy(busy);
  }
}

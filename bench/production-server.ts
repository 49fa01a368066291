import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from './portal-page';
import { ServerProcess } from './child-rpc';
import type { ProcessUsage } from './server-process';

/**
 * C as an operator runs it: `node dist/src/main.js` with NODE_ENV=production, on a database that `npm run migrate` (here:
 * the seeding process, which migrates at its start) has already brought up to date, so the process loads only what
 * serving needs. The benchmark loads this process; a separate in-process copy (portal-server.ts) seeds the database and
 * runs the measurements that need the app's objects (statement counts, token checks, parts of a request).
 *
 * `--require production-preload.js` adds the IPC channel the orchestrator reads CPU, memory and argon2 calls through.
 */
export interface ProductionServer {
  process: ServerProcess;
  url: string;
  /** From spawning the process to GET /ready answering 200. */
  startMs: number;
  /** Right after /ready first answered 200. */
  atReady: ProcessUsage;
  /** Log lines at warn or above (pino levels 40+). */
  warnings(): { count: number; first: string[] };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export const MAIN_MODULE = join(__dirname, '..', 'src', 'main.js');

/**
 * The node flags of `npm start` (package.json), so the benchmark starts C exactly as that script does; BENCH_C_NODE_FLAGS
 * replaces them (e.g. `BENCH_C_NODE_FLAGS=" "` for none) to measure what a flag changes.
 */
export function startScriptNodeFlags(override = process.env.BENCH_C_NODE_FLAGS): string[] {
  if (override !== undefined) return override.trim() ? override.trim().split(/\s+/) : [];
  const script: string = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')).scripts.start;
  const match = /^node\s+(.*?)\s*dist\/src\/main\.js$/.exec(script.trim());
  if (!match) throw new Error(`package.json's start script is not "node [flags] dist/src/main.js": ${script}`);
  return match[1] ? match[1].split(/\s+/) : [];
}

export interface ProductionServerOptions {
  /** Node flags instead of `npm start`'s (see startScriptNodeFlags). */
  nodeFlags?: string[];
  /** Another build's entry point instead of this one's dist/…/main.js (bench:compare). */
  main?: string;
}

export async function startProductionServer(name: string, env: Record<string, string>, options: ProductionServerOptions = {}): Promise<ProductionServer> {
  const port = await freePort();
  const warnings: string[] = [];
  let pending = '';
  const onStdout = (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (/^\{.*"level":(4|5|6)\d/.test(line)) warnings.push(line);
  };
  // The seeding process migrated; a production start does not (MIGRATE_ON_START is off by default there).
  const { MIGRATE_ON_START: _migrate, ...settings } = env;
  const started = performance.now();
  const child = ServerProcess.fork(name, options.main ?? MAIN_MODULE, {
    execArgv: [...(options.nodeFlags ?? startScriptNodeFlags()), '--require', join(__dirname, 'production-preload.js')],
    env: { ...process.env, ...settings, NODE_ENV: 'production', PORT: String(port) },
    onStdout,
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.hasExited) throw new Error(`${name} exited before answering /ready`);
    if (performance.now() - started > 60_000) throw new Error(`${name} did not answer /ready within 60 s`);
    const status = await fetch(`${url}/ready`).then((r) => r.status, () => 0);
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startMs = performance.now() - started;
  const atReady = await child.call<ProcessUsage>('usage');
  return { process: child, url, startMs, atReady, warnings: () => ({ count: warnings.length, first: warnings.slice(0, 5) }) };
}

/**
 * Loaded with `node --require` into the production server the benchmark measures (`node dist/src/main.js`, see
 * production-server.ts), so the very entry point an operator runs is what gets loaded, and the orchestrator can still
 * read its CPU, memory and argon2 calls and profile it. Adds only the IPC channel and the argon2 counter (argon2 is
 * loaded by the server anyway); the inspector is loaded only when a profile is asked for.
 */
import { serveCommands } from './child-rpc';
import { argon2Bursts, argon2VerifiedAt, argon2VerifyCount } from './argon2-counter';
import type { CpuProfiler } from './cpu-profile';
import type { ProcessUsage } from './server-process';

let profiler: CpuProfiler | undefined;

serveCommands({
  usage(): ProcessUsage {
    const cpu = process.cpuUsage();
    return {
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssBytes: process.memoryUsage.rss(),
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      argon2Verifications: argon2VerifyCount(),
    };
  },

  argon2Bursts: (args: { since: number }) => ({ bursts: argon2Bursts(args.since), previousAt: argon2VerifiedAt(args.since - 1) }),

  /** What the heap holds, by V8 space, and the native (outside the JS heap) remainder of the resident set. */
  memory() {
    const { getHeapSpaceStatistics, setFlagsFromString } = require('node:v8') as typeof import('node:v8');
    // A full collection first, so the heap figures are what is live, not garbage waiting for the next major GC.
    setFlagsFromString('--expose-gc');
    (require('node:vm') as typeof import('node:vm')).runInNewContext('gc')();
    const usage = process.memoryUsage();
    return {
      rssBytes: usage.rss,
      heapUsedBytes: usage.heapUsed,
      heapTotalBytes: usage.heapTotal,
      externalBytes: usage.external,
      arrayBuffersBytes: usage.arrayBuffers,
      spaces: getHeapSpaceStatistics().map((s) => ({ name: s.space_name, usedBytes: s.space_used_size, sizeBytes: s.space_size })),
      modules: Object.keys(require.cache).length,
      modulesByPackage: modulesByPackage(),
    };
  },

  async profileStart() {
    const { CpuProfiler } = await import('./cpu-profile');
    profiler = new CpuProfiler();
    await profiler.start();
  },

  profileStop: (args: { file: string }) => profiler!.stop(args.file),

  /** The server's own shutdown (main.ts's SIGTERM handler), as an orchestrator would stop it. */
  stop() {
    setImmediate(() => process.kill(process.pid, 'SIGTERM'));
  },
});

/** Loaded CommonJS modules by package (or src/ folder), with their source size: which code the process carries. */
function modulesByPackage(): { name: string; modules: number; sourceBytes: number }[] {
  const { statSync } = require('node:fs') as typeof import('node:fs');
  const byName = new Map<string, { modules: number; sourceBytes: number }>();
  for (const file of Object.keys(require.cache)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (/\/(src|bench)\//.exec(file) ? `${/\/(src|bench)\//.exec(file)![1]}/ (this project)` : 'other');
    const entry = byName.get(pkg) ?? { modules: 0, sourceBytes: 0 };
    entry.modules++;
    try {
      entry.sourceBytes += statSync(file).size;
    } catch {
      // a built-in or virtual module
    }
    byName.set(pkg, entry);
  }
  return [...byName.entries()].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.sourceBytes - a.sourceBytes);
}

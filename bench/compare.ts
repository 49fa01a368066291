/**
 * `npm run bench:compare`: C in two or more variants side by side, to decide whether a setting, a flag or a build
 * changes its speed. The full benchmark (run-bench.ts) measures the product against its floors; this measures
 * variants against each other, in interleaved rounds so that a noisy machine slows every arm alike.
 *
 *   BENCH_ARMS='[{"name":"pool 10"},{"name":"pool 4","env":{"DATABASE_POOL_SIZE":"4"}}]' BENCH_DATABASE=postgresql \
 *     npm run bench:compare
 *
 * Each arm is the server in production mode (as in the benchmark) with its own `env` on top and its own node `flags`
 * instead of `npm start`'s. Its entry point is `dist/bench-build/src/main.js`, which `npm run bench:compare` compiles
 * from the current source first (running compare.js directly after `npm run build:server` measures the previous
 * build); `main` replaces it with another build's (e.g. a copy of dist/ made before a change). Every arm serves the
 * same seeded database. BENCH_CONNECTIONS (default 10), BENCH_ROUNDS (7), BENCH_DURATION_SECONDS (5).
 */
import { startProductionServer, type ProductionServer } from './production-server';
import { ServerProcess } from './child-rpc';
import { createScratchDatabase, machineCpuMs, type ScratchDatabase } from './environment';
import { runLoad, type LoadTarget } from './load';
import { portalPageRequestBody } from './portal-page';
import type { PortalStarted, PortalStartArgs, ProcessUsage } from './server-process';
import { median } from './stats';

interface Arm {
  name: string;
  env?: Record<string, string>;
  flags?: string[];
  main?: string;
}

interface Sample {
  rps: number;
  cpuMsPerRequest: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  otherCpu: number;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** One arm's figures on one line: a round's, or the medians of its rounds. */
const describe = (name: string, x: Sample) =>
  `${name.padEnd(24)} ${x.rps.toFixed(0).padStart(6)} req/s  cpu ${(x.cpuMsPerRequest * 1000).toFixed(0)} µs/req  p50 ${x.p50.toFixed(2)}  ` +
  `p90 ${x.p90.toFixed(2)}  p99 ${x.p99.toFixed(2)}  p99.9 ${x.p999.toFixed(2)}  max ${x.max.toFixed(1)}  rest of machine ${(x.otherCpu * 100).toFixed(0)}%`;

async function main() {
  const arms: Arm[] = JSON.parse(process.env.BENCH_ARMS ?? '[{"name":"as is"}]');
  const provider = process.env.BENCH_DATABASE ?? 'sqlite';
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
  const durationS = Number(process.env.BENCH_DURATION_SECONDS ?? 5);
  const stopping: Array<() => Promise<void>> = [];
  let scratch: ScratchDatabase | undefined;
  try {
    if (provider === 'postgresql') scratch = await createScratchDatabase(process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
    const seeder = ServerProcess.start('seeder', 'portal');
    stopping.push(() => seeder.stop());
    const info = await seeder.call<PortalStarted>('start', { postgresUrl: scratch?.url } satisfies PortalStartArgs);
    const body = portalPageRequestBody();
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${info.tokens.small}` };
    const reference = await (await fetch(`${info.url}/graphql`, { method: 'POST', headers, body })).text();
    // The seeding process stays up, taking no load: it runs the Stripe emulator that C's settings point at.
    const started: Array<{ arm: Arm; server: ProductionServer; target: LoadTarget; samples: Sample[] }> = [];
    for (const arm of arms) {
      const server = await startProductionServer(arm.name, { ...info.env, ...arm.env }, { nodeFlags: arm.flags, main: arm.main });
      stopping.push(() => server.process.stop());
      const target: LoadTarget = { name: arm.name, url: server.url, headers, body, expectBody: reference };
      const first = await (await fetch(`${server.url}/graphql`, { method: 'POST', headers, body })).text();
      if (first !== reference) throw new Error(`${arm.name} answers differently: ${first.slice(0, 300)}`);
      say(`${arm.name}: /ready after ${server.startMs.toFixed(0)} ms, RSS ${(server.atReady.rssBytes / 1e6).toFixed(0)} MB`);
      started.push({ arm, server, target, samples: [] });
    }
    for (const s of started) await runLoad(s.target, connections, 3, { warmUp: true });
    for (let round = 1; round <= rounds; round++) {
      // Rotate the order each round so no arm always runs right after the same neighbour.
      for (let i = 0; i < started.length; i++) {
        const s = started[(i + round) % started.length];
        const before = await s.server.process.call<ProcessUsage>('usage');
        const machineBefore = machineCpuMs();
        const run = await runLoad(s.target, connections, durationS);
        const machineAfter = machineCpuMs();
        const after = await s.server.process.call<ProcessUsage>('usage');
        const windowMs = run.durationS * 1000;
        const serverMs = after.cpuMs - before.cpuMs;
        const machineMs = machineBefore && machineAfter ? machineAfter.busyMs - machineBefore.busyMs : NaN;
        const sample: Sample = {
          rps: run.rps,
          cpuMsPerRequest: serverMs / run.requests,
          p50: run.p50,
          p90: run.tail.p90,
          p99: run.p99,
          p999: run.tail.p999,
          max: run.tail.max,
          otherCpu: (machineMs - serverMs) / windowMs - run.clientCpuShare,
        };
        s.samples.push(sample);
        say(`  round ${round} ${describe(s.arm.name, sample)}`);
      }
    }
    say(`\nMedians over ${rounds} rounds at ${connections} connections on ${provider} (rest of machine includes PostgreSQL):`);
    for (const s of started) {
      const m = (key: keyof Sample) => median(s.samples.map((x) => x[key]));
      const medians: Sample = { rps: m('rps'), cpuMsPerRequest: m('cpuMsPerRequest'), p50: m('p50'), p90: m('p90'), p99: m('p99'), p999: m('p999'), max: m('max'), otherCpu: m('otherCpu') };
      say(`  ${describe(s.arm.name, medians)}`);
    }
  } finally {
    await Promise.all(stopping.map((stop) => stop().catch(() => undefined)));
    await scratch?.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:compare failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

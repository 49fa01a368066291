import autocannon from 'autocannon';

/** One server as the load generator sees it. */
export interface LoadTarget {
  name: string;
  /** Base URL; requests go to `${url}/graphql`. */
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The exact bytes every response must carry; anything else counts as a mismatch and fails the run. */
  expectBody: string;
}

export interface LoadRun {
  requests: number;
  durationS: number;
  /** autocannon's mean of per-second request counts. */
  rps: number;
  /** Percentiles of every response's latency, ms (autocannon's own histogram rounds to whole ms). */
  p50: number;
  p99: number;
  /** More of the latency distribution, ms: p90, p99.9 and the slowest response. */
  tail: { p90: number; p999: number; max: number };
  /** CPU time of the load generator's process during the run, as a share of one core. */
  clientCpuShare: number;
}

export class RejectedRunError extends Error {}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Loads one server with autocannon for `durationS` seconds. A run with any error, timeout, non-2xx status or
 * body other than `expectBody` is rejected: it throws, and the benchmark stops.
 */
export async function runLoad(target: LoadTarget, connections: number, durationS: number, options: { warmUp?: boolean } = {}): Promise<LoadRun> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const instance = autocannon({
    url: `${target.url}/graphql`,
    method: 'POST',
    headers: target.headers,
    body: target.body,
    connections,
    duration: durationS,
    timeout: 10,
    expectBody: target.expectBody,
  });
  instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = responseTimeMs;
  });
  const result = await instance;
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);

  const statuses = Object.entries(result.statusCodeStats).map(([code, { count: n }]) => `${code}×${n}`).join(', ');
  const problems = [
    result.errors && `${result.errors} errors`,
    result.timeouts && `${result.timeouts} timeouts`,
    result.non2xx && `${result.non2xx} non-2xx responses (${statuses})`,
    result.mismatches && `${result.mismatches} bodies differing from the expected response`,
    // A short warm-up against a slow server at many connections may end before the first responses arrive.
    result.requests.total === 0 && !options.warmUp && 'no completed requests',
  ].filter(Boolean);
  if (problems.length) {
    throw new RejectedRunError(`${target.name} at ${connections} connections: run rejected: ${problems.join('; ')}`);
  }

  const sorted = latencies.subarray(0, count).sort();
  return {
    requests: result.requests.total,
    durationS: result.duration,
    rps: result.requests.average,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    tail: { p90: percentile(sorted, 90), p999: percentile(sorted, 99.9), max: count ? sorted[count - 1] : NaN },
    clientCpuShare: (used.user + used.system) / 1000 / elapsedMs,
  };
}

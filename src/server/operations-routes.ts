import type Redis from 'ioredis';
import type { Database } from '../db/database';
import { sendJson, type RouteHandler } from './http-server';
import type { Metrics } from './metrics';

/** How long a dependency may take to answer a readiness check before it counts as down. */
const CHECK_TIMEOUT_MS = 2000;

export interface OperationsRouteDeps {
  database: Database;
  /** Checked by /ready only when REDIS_URL is configured. */
  redis?: Redis;
  metrics: Metrics;
  /** True once shutdown began: the instance stops reporting ready so load balancers move traffic away. */
  draining(): boolean;
}

async function check(probe: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /health: the process is up and serving HTTP (liveness; touches no dependency, so a database outage
 * does not get healthy instances restarted). GET /ready: the database, and Redis when configured, answer
 * (readiness). GET /metrics: Prometheus text.
 */
export function operationsRoutes(deps: OperationsRouteDeps): Record<string, RouteHandler> {
  const { database, redis, metrics } = deps;
  return {
    'GET /health': async (_req, res) => sendJson(res, 200, { status: 'ok' }),
    'GET /ready': async (_req, res) => {
      const checks: Record<string, 'up' | 'down'> = {};
      const [db, cache] = await Promise.all([check(() => database.ping()), redis ? check(() => redis.ping()) : undefined]);
      checks.database = db;
      if (cache) checks.redis = cache;
      const draining = deps.draining();
      const ready = !draining && Object.values(checks).every((state) => state === 'up');
      sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : draining ? 'shutting_down' : 'unavailable', checks }, { 'cache-control': 'no-store' });
    },
    'GET /metrics': async (_req, res) => {
      const body = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
      res.end(body);
    },
  };
}

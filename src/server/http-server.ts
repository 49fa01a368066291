import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { ApiContext } from '../api/context';
import { createLoaders } from '../api/loaders';
import { INTERNAL_ERROR_MESSAGE, requestFailure } from '../api/result-boundary';
import type { Config } from '../config/config';
import type { Authentication } from '../domain/auth.service';
import { DomainError } from '../domain/errors';
import type { RequestMeta } from '../domain/principal';
import type { Services } from '../services';
import { clientIp, normalizeIp, TrustedProxies } from './client-ip';
import { operationOf } from './graphql-telemetry';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

/** A body over a route's limit; the 413 names that route's limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes${limit % 1024 === 0 ? ` (${limit / 1024} KiB)` : ''}.`);
  }
}

/**
 * The client went away before its request was in (it reset the connection, or node:http cut it at HTTP_REQUEST_TIMEOUT_MS).
 * Nothing is wrong with the server: logged at debug, without a stack trace.
 */
export class ClientAbortedError extends Error {}

/** What the request log and metrics show for a request its client abandoned (nginx's "client closed request"). */
const CLIENT_CLOSED_REQUEST = 499;

const PROBE_PATHS = new Set(['/health', '/ready', '/metrics']);

/** Reads a request body, refusing more than `limit` bytes without buffering them. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) return reject(new BodyTooLargeError(limit));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    // Errors of a request stream are its connection's (ECONNRESET "aborted"); a settled promise ignores the later ones.
    req.on('error', (error) => reject(new ClientAbortedError(error.message)));
    // 'close' follows every request; only one that closed before its body was complete was abandoned (building an
    // Error for each of the others cost a visible share of a request's CPU).
    req.on('close', () => {
      if (!req.complete) reject(new ClientAbortedError('connection closed before the body ended'));
    });
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, meta: RequestMeta) => Promise<void>;

/**
 * A handler for a path and everything under it ("/pay" takes "/pay", "/pay/" and "/pay/…"). It gets every method,
 * so it can refuse one with its own headers.
 */
export interface PrefixRoute {
  handle: RouteHandler;
  /** The methods it serves; requests with others are counted as unmatched in the metrics. */
  methods: readonly string[];
  /**
   * The request path as the request log may show it. Paths under a prefix are chosen by whoever sent the link
   * (an old payment link carries its token in the path), so the route says which parts are safe to write down.
   */
  loggablePath(path: string): string;
}

export interface HttpServerDeps {
  config: Config;
  logger: Logger;
  apollo: ApolloServer<ApiContext>;
  services: Services;
  /** Extra routes by "METHOD /path", e.g. the Stripe webhook and health checks. */
  routes?: Record<string, RouteHandler>;
  /** Routes by path prefix ("/pay"), tried when no exact route matches. */
  prefixRoutes?: Record<string, PrefixRoute>;
  /** Counts and times every request by route. */
  metrics?: Metrics;
}

/**
 * Sockets are the scarce resource (file descriptors): each connection gets HTTP_HEADERS_TIMEOUT_MS to send its headers
 * (a silent one is closed then too), HTTP_REQUEST_TIMEOUT_MS for the whole request (node:http answers 408 and closes),
 * and HTTP_KEEP_ALIVE_TIMEOUT_MS of idleness between requests. At most HTTP_MAX_CONNECTIONS are open, and
 * HTTP_MAX_CONNECTIONS_PER_IP from one address, so one client holding sockets open cannot take them all and /health
 * keeps answering others. Over a cap, a new connection is closed at once: cheaper than any answer. The per-IP cap
 * counts socket addresses, so trusted proxies (whose connections carry many clients) are exempt from it.
 */
function limitConnections(server: Server, config: Config, trustedProxies: TrustedProxies, metrics?: Metrics): void {
  server.maxConnections = config.http.maxConnections;
  server.on('drop', () => metrics?.connectionRefused('total'));
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const ip = normalizeIp(socket.remoteAddress);
    if (trustedProxies.has(ip)) return;
    const count = (open.get(ip) ?? 0) + 1;
    if (count > config.http.maxConnectionsPerIp) {
      metrics?.connectionRefused('per_ip');
      socket.destroy();
      return;
    }
    open.set(ip, count);
    socket.once('close', () => {
      const left = (open.get(ip) ?? 1) - 1;
      if (left > 0) open.set(ip, left);
      else open.delete(ip);
    });
  });
}

/**
 * A small node:http front for Apollo (its documented `executeHTTPGraphQLRequest` integration point),
 * so the raw body is available for webhook signatures and the size limit applies before parsing.
 */
export function createHttpServer(deps: HttpServerDeps): Server {
  const { config, logger, apollo, services } = deps;
  const trustedProxies = new TrustedProxies(config.trustedProxies);
  const routes = deps.routes ?? {};
  const prefixRoutes = Object.entries(deps.prefixRoutes ?? {});
  const prefixRouteOf = (path: string) => prefixRoutes.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));

  /** The API context for a request, from how it authenticated; a failure to authenticate is answered as Apollo's context failure. */
  async function contextOf(authenticated: () => Promise<Pick<ApiContext, 'principal' | 'confirmed'>>, meta: RequestMeta): Promise<ApiContext> {
    try {
      const { principal, confirmed } = await authenticated();
      return { principal, confirmed, meta, loaders: createLoaders(services), services };
    } catch (error) {
      // Apollo's plugins never see a context failure: log an internal one here; the client gets only the request id.
      if (!(error instanceof DomainError)) logger.error({ err: error, requestId: meta.requestId }, 'internal error');
      throw requestFailure(error, meta.requestId);
    }
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, meta: RequestMeta) {
    const raw = await readBody(req, config.maxBodyBytes);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (raw.length > 0) {
      const isJson = (headers.get('content-type') ?? '').toLowerCase().includes('application/json');
      if (isJson) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          return sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
        }
      } else {
        body = raw.toString('utf8');
      }
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const httpGraphQLRequest = { method: req.method ?? 'GET', headers, search: url.search, body };
    // Secrets are accepted only in the Authorization header, never from the URL.
    let begun: Authentication | undefined;
    let response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () =>
        contextOf(async () => {
          begun = await services.auth.begin(req.headers.authorization, meta);
          return { principal: begun.principal, confirmed: begun.confirmed };
        }, meta),
    });
    // (Assigned inside the context callback, which TypeScript's narrowing does not see.)
    const ahead = begun as Authentication | undefined;
    if (ahead?.settled && !(await ahead.confirmed)) {
      // The operation ran as a principal let in ahead of its check (AuthService.begin), and the check decided otherwise:
      // nothing of it leaves, and the request is answered as it would have been had the check come first.
      const settled = ahead.settled;
      response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: () => contextOf(async () => ({ principal: await settled }), meta),
      });
    }
    res.statusCode = response.status ?? 200;
    // Apollo's own cache-control, were it ever set, never replaces no-store.
    for (const [key, value] of response.headers) if (key !== 'cache-control') res.setHeader(key, value);
    if (response.body.kind === 'complete') {
      // A length instead of chunked encoding: one frame for the client to read.
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = config.http;
  const timeouts = {
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    // How often node:http looks for connections past those timeouts (its default, 30 s, would let them run that much longer).
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
  };
  const server = createServer(timeouts, async (req, res) => {
    const requestId = randomUUID();
    const meta: RequestMeta = { ip: clientIp(req, trustedProxies), requestId };
    const started = process.hrtime.bigint();
    res.setHeader('x-request-id', requestId);
    // Neither the query nor a fragment (which a browser never sends, but a hand-made request may) is ever logged.
    const path = (req.url ?? '/').split(/[?#]/)[0];
    const route = routes[`${req.method} ${path}`] as RouteHandler | undefined;
    const prefixed = route || path === '/graphql' ? undefined : prefixRouteOf(path);
    // Every GraphQL answer is private to the credential that asked, and some carry a secret (a new link's token, a
    // payment's clientSecret): no cache may keep any of them, errors included.
    if (path === '/graphql') res.setHeader('cache-control', 'no-store');
    let aborted = false;
    try {
      if (route) await route(req, res, meta);
      else if (path === '/graphql') await graphql(req, res, meta);
      else if (prefixed) await prefixed[1].handle(req, res, meta);
      else sendJson(res, 404, { error: 'Not found' });
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendJson(res, 413, { errors: [{ message: error.message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }, { connection: 'close' });
      } else if (error instanceof ClientAbortedError) {
        aborted = true;
        logger.debug({ requestId, reason: error.message }, 'client went away before its request was in');
      } else {
        logger.error({ err: error, requestId }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
        else res.end();
      }
    } finally {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const status = aborted ? CLIENT_CLOSED_REQUEST : res.statusCode;
      // Metrics labels come from a bounded set: route keys, never a path a client chose.
      const routeKey = `${req.method} ${path}`;
      const label =
        route || path === '/graphql' ? routeKey : prefixed?.[1].methods.includes(req.method ?? '') ? `${req.method} ${prefixed[0]}` : 'unmatched';
      deps.metrics?.httpRequest(label, status, durationMs / 1000);
      // One line per request. Probes and scrapes arrive every few seconds, and abandoned requests are the client's
      // doing, so they log at debug only.
      const level = PROBE_PATHS.has(path) || aborted ? 'debug' : 'info';
      const loggedPath = prefixed ? prefixed[1].loggablePath(path) : path;
      logger[level]({ requestId, method: req.method, path: loggedPath, status, durationMs, operation: operationOf(meta) }, 'request');
    }
  });
  limitConnections(server, config, trustedProxies, deps.metrics);
  return server;
}

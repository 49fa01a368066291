/**
 * The customer payment page, served under /pay from its Vite build (web/ builds into dist/web). In server/ because
 * it is HTTP only: files, headers and the page's runtime settings; the page itself talks to /graphql like any client.
 *
 * - `/pay`, `/pay/` and any other path under it answer index.html, with the server's settings for the page in
 *   `<meta name="portal-config">` (the publishable key comes from here, never from the build). Links issued before
 *   tokens moved into the fragment (`/pay/cpt_…`) land here too; the page then moves the token out of its address,
 *   and the request log shows such paths as `/pay/…`.
 * - `/pay/assets/<file>`: the build's hashed files, immutable, precompressed.
 * - Every answer carries a Content-Security-Policy that lets scripts, frames and connections reach only this origin
 *   and Stripe's (or the local emulator's), and no framing of the page.
 * - No build: 503 naming `npm run build`; the API does not depend on the page.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { Config } from '../config/config';
import type { PrefixRoute } from './http-server';
import type { Logger } from './logger';

export const PAYMENT_PAGE_PATH = '/pay';
const ASSETS_DIR = 'assets';

/** `<repo>/dist/web`, found from this file whether it runs compiled (dist/src/server) or as source (src/server). */
export function defaultWebRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}: pass AppOptions.webRoot`);
    dir = parent;
  }
  return join(dir, 'dist', 'web');
}

/** Where the page's Stripe.js comes from and talks to: Stripe's own, or the local emulator's. */
export interface StripeOrigins {
  /** Stripe.js's origin (script-src). */
  js: string;
  /** Where Stripe.js sends its API calls from the browser (connect-src). */
  api: string;
  /** What Stripe.js may frame: card fields, 3-D Secure (frame-src). */
  frames: string[];
}

/** What the page reads from `<meta name="portal-config">`. */
export interface PaymentPageConfig {
  /** null when STRIPE_PUBLISHABLE_KEY is unset (development with a secret key of its own): the page cannot take cards. */
  publishableKey: string | null;
  stripeJsUrl: string;
  stripeOrigins: StripeOrigins;
  /** The GraphQL endpoint, same origin. */
  apiUrl: string;
}

const STRIPE_JS_ORIGIN = 'https://js.stripe.com';
const STRIPE_API_ORIGIN = 'https://api.stripe.com';
/** Stripe.js frames its 3-D Secure and redirect steps from here. */
const STRIPE_HOOKS_ORIGIN = 'https://hooks.stripe.com';

/**
 * Stripe's origins when the page loads Stripe.js from Stripe; the emulator's (from STRIPE_JS_URL and STRIPE_API_URL)
 * when it loads the emulator's. Stripe's own Stripe.js always calls Stripe's API, even when the server's SDK is
 * pointed elsewhere (stripe-mock).
 */
export function stripeOrigins(stripe: Pick<Config['stripe'], 'jsUrl' | 'apiUrl'>): StripeOrigins {
  const js = new URL(stripe.jsUrl).origin;
  const stripeHosted = js === STRIPE_JS_ORIGIN;
  return {
    js,
    api: stripeHosted || !stripe.apiUrl ? STRIPE_API_ORIGIN : new URL(stripe.apiUrl).origin,
    frames: stripeHosted ? [js, STRIPE_HOOKS_ORIGIN] : [js],
  };
}

/** No inline or eval'd script, nothing from elsewhere but Stripe, and no one may frame the page. */
export function contentSecurityPolicy(origins: StripeOrigins): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${origins.js}`,
    `frame-src ${origins.frames.join(' ')}`,
    `connect-src 'self' ${origins.api}`,
    "img-src 'self' data:",
    "style-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function paymentPageConfig(stripe: Config['stripe']): PaymentPageConfig {
  return { publishableKey: stripe.publishableKey ?? null, stripeJsUrl: stripe.jsUrl, stripeOrigins: stripeOrigins(stripe), apiUrl: '/graphql' };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CONFIG_META = /<meta\s[^>]*name\s*=\s*["']?portal-config["']?[^>]*>/i;

/**
 * index.html with the settings at the end of its head (module scripts run after parsing, so they find it there).
 * A placeholder tag the page's source may carry (for Vite's dev server) is replaced instead.
 */
export function withPageConfig(html: string, config: PaymentPageConfig): string {
  const tag = `<meta name="portal-config" content="${escapeHtml(JSON.stringify(config))}">`;
  if (CONFIG_META.test(html)) return html.replace(CONFIG_META, () => tag);
  const headEnd = /<\/head\s*>/i.exec(html);
  return headEnd ? html.slice(0, headEnd.index) + tag + html.slice(headEnd.index) : tag + html;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|wasm)|image\/svg\+xml)/;
/** Below this, compression saves less than its header costs. */
const MIN_COMPRESS_BYTES = 512;

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Files the build copies as they are (Vite's public/): their names carry no hash, so a browser revalidates them. */
const REVALIDATE = 'no-cache';

interface StaticFile {
  type: string;
  cacheControl: string;
  etag: string;
  identity: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

/** One build, as read from disk: what every request is answered from, so no request path ever reaches the filesystem. */
interface PageBuild {
  html: string;
  /** By path below /pay/: "assets/index-3f2a.js", "favicon.svg". */
  files: Map<string, StaticFile>;
  /** index.html's mtime and size when read, to notice a rebuild in development. */
  stamp: string;
}

function staticFile(body: Buffer, name: string, cacheControl: string): StaticFile {
  const type = CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
  const etag = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  const file: StaticFile = { type, cacheControl, etag, identity: body };
  if (COMPRESSIBLE.test(type) && body.length >= MIN_COMPRESS_BYTES) {
    const gzip = gzipSync(body, { level: 9 });
    const br = brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    if (gzip.length < body.length) file.gzip = gzip;
    if (br.length < body.length) file.br = br;
  }
  return file;
}

const stampOf = (indexFile: string) => {
  const stat = statSync(indexFile, { throwIfNoEntry: false });
  return stat ? `${stat.mtimeMs}:${stat.size}` : null;
};

/** The build in `webRoot`, or null when it has no index.html. Only names found by listing the directories are read. */
function readBuild(webRoot: string, config: PaymentPageConfig): PageBuild | null {
  const indexFile = join(webRoot, 'index.html');
  const stamp = stampOf(indexFile);
  if (!stamp) return null;
  const html = withPageConfig(readFileSync(indexFile, 'utf8'), config);
  const files = new Map<string, StaticFile>();
  const add = (dir: string, prefix: string, cacheControl: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isFile() || entry.name.startsWith('.') || (prefix === '' && entry.name === 'index.html')) continue;
      files.set(prefix + entry.name, staticFile(readFileSync(join(dir, entry.name)), entry.name, cacheControl));
    }
  };
  add(webRoot, '', REVALIDATE);
  if (existsSync(join(webRoot, ASSETS_DIR))) add(join(webRoot, ASSETS_DIR), `${ASSETS_DIR}/`, IMMUTABLE);
  return { html, files, stamp };
}

/** The encodings a client takes (q > 0), from its Accept-Encoding. */
function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (Array.isArray(header) ? header.join(',') : header ?? '').split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (name && (q === undefined || Number(q.slice(2)) > 0)) accepted.add(name);
  }
  return accepted;
}

export interface PaymentPageOptions {
  /** The Vite build: index.html, assets/ (default: {@link defaultWebRoot}). */
  webRoot: string;
  config: Pick<Config, 'isProduction' | 'stripe'>;
  logger: Logger;
}

/**
 * The /pay route. In production the build is read once, at start; elsewhere it is read again whenever index.html
 * changes, so `npm run dev` serves each rebuild.
 */
export function paymentPageRoute({ webRoot, config, logger }: PaymentPageOptions): PrefixRoute {
  const pageConfig = paymentPageConfig(config.stripe);
  const securityHeaders = {
    'content-security-policy': contentSecurityPolicy(pageConfig.stripeOrigins),
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  };
  const indexFile = join(webRoot, 'index.html');

  // A build being rewritten (Vite empties its folder first) can lose a file between listing and reading it.
  const read = (): PageBuild | null => {
    try {
      return readBuild(webRoot, pageConfig);
    } catch (error) {
      logger.warn({ err: error }, 'payment page build unreadable: /pay answers 503 until it is complete');
      return null;
    }
  };

  let build = read();
  if (!build) logger.warn({ webRoot }, 'payment page not built: /pay answers 503 until `npm run build` has run');
  if (!pageConfig.publishableKey) logger.warn('STRIPE_PUBLISHABLE_KEY is not set: the payment page cannot take cards');

  const current = (): PageBuild | null => {
    if (!config.isProduction && stampOf(indexFile) !== (build?.stamp ?? null)) build = read();
    return build;
  };

  const plain = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}, head = false) => {
    const body = `${text}\n`;
    res.writeHead(status, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body), ...headers });
    res.end(head ? undefined : body);
  };

  const sendFile = (req: IncomingMessage, res: ServerResponse, file: StaticFile) => {
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    const [encoding, body] = file.br && accepted.has('br') ? ['br', file.br] : file.gzip && accepted.has('gzip') ? ['gzip', file.gzip] : [null, file.identity];
    const etag = `"${file.etag}${encoding ? `-${encoding}` : ''}"`;
    const headers: Record<string, string | number> = { ...securityHeaders, 'cache-control': file.cacheControl, etag };
    if (file.gzip || file.br) headers.vary = 'Accept-Encoding';
    const cached = req.headers['if-none-match']?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
    if (cached) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': file.type, 'content-length': body.length, ...(encoding && { 'content-encoding': encoding }) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  return {
    methods: ['GET', 'HEAD'],
    async handle(req, res) {
      const head = req.method === 'HEAD';
      if (req.method !== 'GET' && !head) return plain(res, 405, 'Method not allowed.', { allow: 'GET, HEAD' });
      let page = current();
      if (!page) return plain(res, 503, 'The payment page is not built: run `npm run build`.', {}, head);
      const path = (req.url ?? '/').split(/[?#]/)[0];
      const rest = path.slice(PAYMENT_PAGE_PATH.length + 1);
      let file = page.files.get(rest);
      // Outside production a rebuild may still be writing its files when index.html changes: look again once.
      if (!file && !config.isProduction && rest.startsWith(`${ASSETS_DIR}/`)) {
        build = read();
        page = build ?? page;
        file = page.files.get(rest);
      }
      if (file) return sendFile(req, res, file);
      if (rest.startsWith(`${ASSETS_DIR}/`)) return plain(res, 404, 'Not found.', {}, head);
      // Every other path is the page: the page routes itself, and reads a token only from the fragment or an old path.
      res.writeHead(200, { ...securityHeaders, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(page.html) });
      res.end(head ? undefined : page.html);
    },
    loggablePath(path) {
      if (path === PAYMENT_PAGE_PATH || path === `${PAYMENT_PAGE_PATH}/`) return path;
      const rest = path.slice(PAYMENT_PAGE_PATH.length + 1);
      // Only the build's own file names are written down; anything else under /pay may be an old link's token.
      if (build?.files.has(rest)) return path;
      return rest.startsWith(`${ASSETS_DIR}/`) ? `${PAYMENT_PAGE_PATH}/${ASSETS_DIR}/…` : `${PAYMENT_PAGE_PATH}/…`;
    },
  };
}

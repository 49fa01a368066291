/**
 * The payment page under /pay, served by the real server over HTTP from a stand-in for its Vite build: the page and
 * its runtime settings, its hashed assets, the headers that confine it to this origin and Stripe's, old links with
 * the token in the path (served, never logged), and a server without a build.
 */
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { BalanceDocument } from '../graphql/generated/operations';
import { seedCustomer, type SeededCustomer } from '../support/fixtures';
import { graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

const SCRIPT = `export const page = ${JSON.stringify('x'.repeat(4_000))};\n`;
const STYLE = 'body { margin: 0 }\n';
const INDEX = [
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Payment</title>',
  '<script type="module" crossorigin src="/pay/assets/app-3f2a9c1d.js"></script>',
  '<link rel="stylesheet" crossorigin href="/pay/assets/app-77b1e0aa.css">',
  '</head><body><div id="app"></div></body></html>',
].join('');
/** Beside the build, where a path that climbs out of it would land. */
const SECRET = 'not for the browser';

/** A folder holding a build as Vite writes it (index.html, assets/, a public file), and a file beside it. */
function fakeBuild(): { dir: string; webRoot: string } {
  const dir = mkdtempSync(join(tmpdir(), 'payment-page-'));
  const webRoot = join(dir, 'web');
  mkdirSync(join(webRoot, 'assets'), { recursive: true });
  writeFileSync(join(webRoot, 'index.html'), INDEX);
  writeFileSync(join(webRoot, 'assets', 'app-3f2a9c1d.js'), SCRIPT);
  writeFileSync(join(webRoot, 'assets', 'app-77b1e0aa.css'), STYLE);
  writeFileSync(join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  return { dir, webRoot };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

/** A request sent as written: the path is not normalised (so `..` reaches the server) and nothing is decompressed. */
function send(url: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = httpRequest({ hostname, port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body, text: body.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The settings the page reads from `<meta name="portal-config">`, as a browser would decode the attribute. */
function pageConfig(html: string): unknown {
  const content = /<meta name="portal-config" content="([^"]*)">/.exec(html)?.[1];
  if (content === undefined) throw new Error('no portal-config meta');
  const entities: Record<string, string> = { '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>', '&amp;': '&' };
  return JSON.parse(content.replace(/&(quot|#39|lt|gt|amp);/g, (entity) => entities[entity]));
}

const csp = (script: string, frames: string, api: string) =>
  `default-src 'self'; script-src 'self' ${script}; frame-src ${frames}; connect-src 'self' ${api}; img-src 'self' data:; style-src 'self'; ` +
  `font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const STRIPE_CSP = csp('https://js.stripe.com', 'https://js.stripe.com https://hooks.stripe.com', 'https://api.stripe.com');

let build: { dir: string; webRoot: string };
let t: TestApp;
let emulatorCsp: string;
beforeAll(async () => {
  build = fakeBuild();
  t = await startTestApp(NO_RATE_LIMITS, { webRoot: build.webRoot });
  const emulator = new URL(t.stripe.url).origin;
  emulatorCsp = csp(emulator, emulator, emulator);
});
afterAll(async () => {
  await t?.stop();
  rmSync(build.dir, { recursive: true, force: true });
});

/** The headers every answer under /pay carries. */
const confined = (csp: string) => ({
  'content-security-policy': csp,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});

describe('the page', () => {
  it.each(['/pay', '/pay/', '/pay/invoices/42', '/pay/?lang=fr'])('is %s: index.html, never cached, confined to this origin and the emulator', async (path) => {
    const res = await send(t.url, path);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ ...confined(emulatorCsp), 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    expect(res.text).toContain('<div id="app"></div>');
    expect(res.text).toContain('<script type="module" crossorigin src="/pay/assets/app-3f2a9c1d.js"></script>');
  });

  it('carries the Stripe settings from the server, for the emulator in development and tests', async () => {
    const res = await send(t.url, '/pay');
    const emulator = new URL(t.stripe.url).origin;
    expect(pageConfig(res.text)).toEqual({
      publishableKey: 'pk_test_emulator',
      stripeJsUrl: `${t.stripe.url}/v3/`,
      stripeOrigins: { js: emulator, api: emulator, frames: [emulator] },
      apiUrl: '/graphql',
    });
    // In the head, once, after the charset declaration.
    expect(res.text.match(/name="portal-config"/g)).toHaveLength(1);
    expect(res.text.indexOf('name="portal-config"')).toBeGreaterThan(res.text.indexOf('<meta charset="utf-8">'));
    expect(res.text.indexOf('name="portal-config"')).toBeLessThan(res.text.indexOf('</head>'));
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await send(t.url, '/pay', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ ...confined(emulatorCsp), 'content-type': 'text/html; charset=utf-8' });
    expect(Number(res.headers['content-length'])).toBeGreaterThan(INDEX.length);
    expect(res.body).toHaveLength(0);
  });

  it('refuses other methods', async () => {
    const res = await send(t.url, '/pay', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers).toMatchObject({ ...confined(emulatorCsp), allow: 'GET, HEAD' });
  });
});

describe('assets', () => {
  it('are served with their type, cached for a year as immutable', async () => {
    const script = await send(t.url, '/pay/assets/app-3f2a9c1d.js');
    expect(script.status).toBe(200);
    expect(script.headers).toMatchObject({
      ...confined(emulatorCsp),
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
      vary: 'Accept-Encoding',
    });
    expect(script.text).toBe(SCRIPT);
    const style = await send(t.url, '/pay/assets/app-77b1e0aa.css');
    expect(style.headers).toMatchObject({ 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' });
    expect(style.text).toBe(STYLE);
  });

  it('come compressed, br or gzip, when the browser takes it', async () => {
    const br = await send(t.url, '/pay/assets/app-3f2a9c1d.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    const gzip = await send(t.url, '/pay/assets/app-3f2a9c1d.js', { headers: { 'accept-encoding': 'gzip, br;q=0' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);
    expect(Number(gzip.headers['content-length'])).toBe(gzip.body.length);
  });

  it('answer a revalidation with 304 Not Modified', async () => {
    const first = await send(t.url, '/pay/assets/app-3f2a9c1d.js', { headers: { 'accept-encoding': 'gzip' } });
    const again = await send(t.url, '/pay/assets/app-3f2a9c1d.js', { headers: { 'accept-encoding': 'gzip', 'if-none-match': String(first.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body).toHaveLength(0);
  });

  it('answer HEAD with the headers and no body', async () => {
    const res = await send(t.url, '/pay/assets/app-3f2a9c1d.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'content-length': String(SCRIPT.length) });
    expect(res.body).toHaveLength(0);
  });

  it('include the files the build copies as they are, revalidated since their names carry no hash', async () => {
    const res = await send(t.url, '/pay/favicon.svg');
    expect(res.headers).toMatchObject({ ...confined(emulatorCsp), 'content-type': 'image/svg+xml', 'cache-control': 'no-cache' });
  });

  it('that do not exist are 404, with the same headers', async () => {
    const res = await send(t.url, '/pay/assets/app-00000000.js');
    expect(res.status).toBe(404);
    expect(res.headers).toMatchObject({ ...confined(emulatorCsp), 'cache-control': 'no-store' });
  });

  it.each([
    '/pay/assets/../../secret.txt',
    '/pay/assets/..%2f..%2fsecret.txt',
    '/pay/assets/%2e%2e/%2e%2e/secret.txt',
    '/pay/assets/..\\..\\secret.txt',
    '/pay/../secret.txt',
    '/pay/..%2fsecret.txt',
    '/pay/assets//etc/passwd',
    '/pay/assets/',
    '/pay/assets',
  ])('never leave the build: %s', async (path) => {
    const res = await send(t.url, path);
    expect(res.text).not.toContain(SECRET);
    expect(res.text).not.toContain('root:');
    // Under assets/ a miss is a 404; anywhere else under /pay it is the page itself.
    if (path.startsWith('/pay/assets/')) expect(res.status).toBe(404);
    else expect(res.text).toContain('<div id="app"></div>');
  });
});

describe('links issued with the token in the path (/pay/cpt_…)', () => {
  let c: SeededCustomer;
  beforeAll(async () => {
    c = await seedCustomer(t);
  });

  it('still open the page, and the token is never logged nor counted', async () => {
    const res = await send(t.url, `/pay/${c.token}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="app"></div>');
    expect(res.headers).toMatchObject({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
    // Variants a mail client or a person may produce.
    for (const path of [`/pay/${c.token}/`, `/pay/${c.token}?utm_source=mail`, `/pay/${encodeURIComponent(c.token)}`, `/pay/assets/${c.token}`, `/pay/x/${c.token}`]) {
      await send(t.url, path, { method: path.endsWith('/') ? 'HEAD' : 'GET' });
    }
    // The page then uses the token as it should.
    expect((await graphql(t.url, BalanceDocument, undefined, { token: c.token })).body.errors).toBeUndefined();

    const requestLine = t
      .logs()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .find((line) => line.msg === 'request' && line.requestId === res.headers['x-request-id']);
    expect(requestLine).toMatchObject({ method: 'GET', path: '/pay/…', status: 200 });
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toContain('route="GET /pay"');
    for (const text of [t.logs(), metrics]) {
      expect(text).not.toContain(c.token);
      expect(text).not.toContain(c.token.slice(29));
      expect(text).not.toContain(c.token.slice(4, 28));
    }
  });

  it("log the build's own files by name, and anything else under /pay without it", async () => {
    const lineFor = async (path: string) => {
      const res = await send(t.url, path);
      return t
        .logs()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .find((line) => line.requestId === res.headers['x-request-id']).path;
    };
    expect(await lineFor('/pay/assets/app-3f2a9c1d.js')).toBe('/pay/assets/app-3f2a9c1d.js');
    expect(await lineFor('/pay/favicon.svg')).toBe('/pay/favicon.svg');
    expect(await lineFor('/pay/')).toBe('/pay/');
    expect(await lineFor('/pay/assets/unknown.js')).toBe('/pay/assets/…');
    expect(await lineFor('/pay/anything')).toBe('/pay/…');
  });
});

describe('with Stripe itself', () => {
  let stripe: TestApp;
  beforeAll(async () => {
    // The server's SDK still talks to the emulator; the page loads Stripe.js from Stripe, which calls Stripe's API.
    stripe = await startTestApp({ STRIPE_JS_URL: 'https://js.stripe.com/v3/', STRIPE_PUBLISHABLE_KEY: 'pk_test_51Hx0' }, { webRoot: build.webRoot });
  });
  afterAll(() => stripe?.stop());

  it("allows only Stripe's origins besides this one", async () => {
    for (const path of ['/pay', '/pay/assets/app-3f2a9c1d.js', '/pay/assets/missing.js']) {
      expect((await send(stripe.url, path)).headers).toMatchObject(confined(STRIPE_CSP));
    }
  });

  it('hands the page the publishable key and Stripe.js from Stripe', async () => {
    expect(pageConfig((await send(stripe.url, '/pay')).text)).toEqual({
      publishableKey: 'pk_test_51Hx0',
      stripeJsUrl: 'https://js.stripe.com/v3/',
      stripeOrigins: { js: 'https://js.stripe.com', api: 'https://api.stripe.com', frames: ['https://js.stripe.com', 'https://hooks.stripe.com'] },
      apiUrl: '/graphql',
    });
  });
});

it('escapes the settings it writes into the page', async () => {
  const hostile = 'https://js.example.com/v3/?q="></head><script>alert(1)</script>&x=\'';
  const app = await startTestApp({ STRIPE_JS_URL: hostile }, { webRoot: build.webRoot });
  try {
    const html = (await send(app.url, '/pay')).text;
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html.match(/<\/head>/g)).toHaveLength(1);
    expect(pageConfig(html)).toMatchObject({ stripeJsUrl: hostile });
  } finally {
    await app.stop();
  }
});

describe('reading the build', () => {
  it('without one, /pay answers 503 naming `npm run build`, and the API works', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'payment-page-none-'));
    const app = await startTestApp({}, { webRoot: join(empty, 'web') });
    try {
      const emulator = new URL(app.stripe.url).origin;
      for (const path of ['/pay', '/pay/assets/app-3f2a9c1d.js']) {
        const res = await send(app.url, path);
        expect(res.status).toBe(503);
        expect(res.headers).toMatchObject({ ...confined(csp(emulator, emulator, emulator)), 'content-type': 'text/plain; charset=utf-8' });
        expect(res.text).toBe('The payment page is not built: run `npm run build`.\n');
      }
      const c = await seedCustomer(app);
      expect((await graphql(app.url, BalanceDocument, undefined, { token: c.token })).body.errors).toBeUndefined();
      expect(app.logs()).toContain('payment page not built');
    } finally {
      await app.stop();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('outside production, serves a rebuild as soon as it is written (npm run dev)', async () => {
    const own = fakeBuild();
    const app = await startTestApp({}, { webRoot: own.webRoot });
    try {
      expect((await send(app.url, '/pay')).text).toContain('app-3f2a9c1d.js');
      writeFileSync(join(own.webRoot, 'assets', 'app-9e8d7c6b.js'), SCRIPT);
      writeFileSync(join(own.webRoot, 'index.html'), INDEX.replace('app-3f2a9c1d.js', 'app-9e8d7c6b.js').replace('<title>Payment</title>', '<title>Rebuilt</title>'));
      const page = (await send(app.url, '/pay')).text;
      expect(page).toContain('<title>Rebuilt</title>');
      expect(pageConfig(page)).toMatchObject({ publishableKey: 'pk_test_emulator' });
      expect((await send(app.url, '/pay/assets/app-9e8d7c6b.js')).status).toBe(200);
    } finally {
      await app.stop();
      rmSync(own.dir, { recursive: true, force: true });
    }
  });

  it('in production, keeps the build it read at start', async () => {
    const own = fakeBuild();
    const app = await startTestApp({ NODE_ENV: 'production' }, { webRoot: own.webRoot });
    try {
      writeFileSync(join(own.webRoot, 'index.html'), INDEX.replace('<title>Payment</title>', '<title>Rebuilt</title>'));
      expect((await send(app.url, '/pay')).text).toContain('<title>Payment</title>');
    } finally {
      await app.stop();
      rmSync(own.dir, { recursive: true, force: true });
    }
  });
});

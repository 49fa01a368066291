/**
 * The customer payment page, measured (issue 9): what the browser downloads of the page's own code (Stripe.js is not
 * the page's and is excluded), and how long a customer waits from opening the link to seeing what they owe.
 * Debian's Chromium through Playwright, as in the browser tests; each load in a fresh browser profile (empty cache),
 * as a customer's first click on the link in an email.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { repoRoot } from './portal-page';

export interface PageAsset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface PageLoads {
  loads: number;
  /** Navigation start to the invoices and their amounts on screen, per load, in ms. */
  samplesMs: number[];
  /** Requests the page made per load (its HTML, assets, and the one GraphQL request of the first view). */
  requestsPerLoad: number;
  graphqlRequestsPerLoad: number;
  viewport: { width: number; height: number };
  chromium: string;
}

export interface PaymentPageResults {
  assets: PageAsset[];
  /** Gzip budget of the page's own JavaScript and CSS (issue 9): 80 KB. */
  budgetBytes: number;
  loads?: PageLoads;
  error?: string;
}

/** The built page's JavaScript and CSS (dist/web/assets), raw and gzipped at the level a server would use. */
export function pageAssets(): PageAsset[] {
  const dir = join(repoRoot(), 'dist', 'web', 'assets');
  return readdirSync(dir)
    .filter((file) => /\.(js|css)$/.test(file))
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      return { file, bytes: statSync(join(dir, file)).size, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Opens `${serverUrl}/pay#token` `loads` times, each in a fresh profile, timing until the invoices are on screen. */
export async function measurePageLoads(serverUrl: string, token: string, loads: number): Promise<PageLoads> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const viewport = { width: 390, height: 844 };
  const samplesMs: number[] = [];
  let requests = 0;
  let graphql = 0;
  try {
    // One load first, not counted: the server's first answers (and Chromium's own start) are not a customer's wait.
    for (let i = 0; i <= loads; i++) {
      const context = await browser.newContext({ viewport, locale: 'en-US' });
      const page = await context.newPage();
      let seen = 0;
      let seenGraphql = 0;
      page.on('request', (request) => {
        seen++;
        if (new URL(request.url()).pathname === '/graphql') seenGraphql++;
      });
      const started = performance.now();
      await page.goto(`${serverUrl}/pay#${token}`, { waitUntil: 'commit' });
      await page.getByRole('button', { name: /^View and pay invoice/ }).first().waitFor({ state: 'visible' });
      const elapsed = performance.now() - started;
      if (i > 0) {
        samplesMs.push(elapsed);
        requests = seen;
        graphql = seenGraphql;
      }
      await context.close();
    }
    return { loads, samplesMs, requestsPerLoad: requests, graphqlRequestsPerLoad: graphql, viewport, chromium: browser.version() };
  } finally {
    await browser.close();
  }
}

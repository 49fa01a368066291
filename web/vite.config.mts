import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';

/**
 * The customer payment page. Built into dist/web and served by the API server under /pay (hashed, immutable asset
 * names); the server injects its runtime settings (the publishable key, where Stripe.js comes from) into index.html
 * as <meta name="portal-config">, so one build serves every environment.
 *
 * `npm run dev` runs Vite's dev server instead, proxying the API; there, this plugin injects the development settings
 * the server would (the local Stripe emulator's), taken from PORTAL_DEV_CONFIG.
 */
function devPortalConfig(): Plugin {
  return {
    name: 'dev-portal-config',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace('</head>', `  <meta name="portal-config" content="${escapeAttribute(process.env.PORTAL_DEV_CONFIG ?? '{}')}">\n  </head>`),
  };
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

const apiTarget = process.env.PORTAL_DEV_API ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/pay/',
  plugins: [preact(), devPortalConfig()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Modern browsers only: the page needs no polyfills, and every byte counts on a phone.
    target: 'es2020',
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.PORTAL_DEV_PORT ?? 5173),
    strictPort: true,
    proxy: { '/graphql': apiTarget },
  },
});

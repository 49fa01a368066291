// `npm run dev`: the development loop for the API and the payment page together.
// - TypeScript in watch mode compiles src/ into dist/ as files change;
// - the server runs from dist/ under `node --watch`, so it restarts when its compiled code changes (with the local
//   Stripe emulator and the demo data, as `npm start` does);
// - Vite's dev server serves the page with hot reload at http://localhost:5173/pay/ and proxies /graphql to the server.
// The printed demo link points at Vite's page. Ctrl-C stops all three.
// Settings come from the environment and from `.env` (or ENV_FILE), as for `npm start`; the environment wins.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const children = [];

function run(name, command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (text) => {
      for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.on('exit', (code) => {
    if (!stopping) {
      process.stdout.write(`[${name}] exited with ${code}; stopping\n`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const mainJs = join(root, 'dist', 'src', 'main.js');

// A first full compile, so the server starts from current code.
rmSync(join(root, 'dist', '.tsbuildinfo'), { force: true });
await new Promise((resolve, reject) =>
  spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error('tsc failed')))),
);
if (!existsSync(mainJs)) throw new Error('dist/src/main.js is missing after compiling');

// The server reads the file too; read here first, its ports and the page's settings agree with the server's.
try {
  const { loadEnvFile } = createRequire(import.meta.url)(join(root, 'dist', 'src', 'config', 'env-file.js'));
  const { path, applied } = loadEnvFile(process.env, root);
  if (path) process.stdout.write(`Settings read from ${path}: ${applied.join(', ') || 'none (the environment sets them all)'}.\n`);
} catch (error) {
  process.stderr.write(`Configuration error: ${error.message}\n`);
  process.exit(1);
}
const apiPort = process.env.PORT || '4000';
const pagePort = process.env.PORTAL_DEV_PORT || '5173';
const emulatorPort = process.env.STRIPE_EMULATOR_PORT || '12111';

run('tsc', process.execPath, [tsc, '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput']);
run('api', process.execPath, ['--watch', mainJs], {
  PORT: apiPort,
  STRIPE_EMULATOR_PORT: emulatorPort,
  // Vite serves the page at /pay/ (its base), not /pay.
  PORTAL_BASE_URL: `http://localhost:${pagePort}/pay/`,
});
run('page', process.execPath, [vite, '--config', 'web/vite.config.mts'], {
  PORTAL_DEV_PORT: pagePort,
  PORTAL_DEV_API: `http://127.0.0.1:${apiPort}`,
  // What the server injects into the built page in development: the local emulator's Stripe.js and publishable key.
  PORTAL_DEV_CONFIG: JSON.stringify({ publishableKey: 'pk_test_emulator', stripeJsUrl: `http://127.0.0.1:${emulatorPort}/v3/`, apiUrl: '/graphql' }),
});
process.stdout.write(`\nPayment page (hot reload): http://localhost:${pagePort}/pay/#<demo payment token printed by [api] below>\n\n`);

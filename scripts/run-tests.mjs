// `npm test`: the whole Jest suite once on SQLite and once on PostgreSQL, the second pass also with Redis
// (TEST_REDIS_URL) for the tests that need a shared store. Arguments are passed to Jest, e.g.
// `npm test -- tests/e2e/payments`. TEST_DATABASE=sqlite or =postgresql runs that pass only.
//
// The tests that spawn real server processes run the compiled server, so it is built first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const jestArgs = process.argv.slice(2);
const postgresUrl = process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

// Suites that never touch the database under test: the Stripe emulator, settings and the .env file (its servers run on
// SQLite files of their own), the schema's shape, and pure domain and provider rules. They run in the SQLite pass only;
// running them again on PostgreSQL tested nothing new and cost about a minute and a half of the pass.
const DATABASE_INDEPENDENT = [
  '<rootDir>/tests/stripe-emulator/',
  '<rootDir>/tests/config/',
  '<rootDir>/tests/api/',
  '<rootDir>/tests/payments/',
  '<rootDir>/tests/domain/(money|payable-amounts|secret-token)\\.test\\.ts$',
];

// The payment page's browser suites drive the page in Chromium against a real server. What they test is the page: it
// reaches the database only through the GraphQL API, whose end-to-end suites run on both databases. They run in the
// SQLite pass only; on PostgreSQL they took about 4 minutes of the pass's worker time (a fresh-clone CI run took 15 min).
const PAGE_IN_BROWSER = ['<rootDir>/tests/browser/'];

const passes = [
  { name: 'SQLite', env: { TEST_DATABASE: 'sqlite' }, jestArgs: [] },
  {
    name: 'PostgreSQL + Redis',
    env: { TEST_DATABASE: 'postgresql', TEST_POSTGRES_URL: postgresUrl, TEST_REDIS_URL: redisUrl },
    // (--passWithNoTests: `npm test -- tests/stripe-emulator` leaves this pass nothing to run.)
    jestArgs: ['--passWithNoTests', ...[...DATABASE_INDEPENDENT, ...PAGE_IN_BROWSER].map((pattern) => `--testPathIgnorePatterns=${pattern}`)],
  },
].filter((pass) => !process.env.TEST_DATABASE || pass.env.TEST_DATABASE === process.env.TEST_DATABASE);
if (passes.length === 0) {
  console.error(`TEST_DATABASE must be sqlite or postgresql, got "${process.env.TEST_DATABASE}"`);
  process.exit(2);
}

const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('npm run build failed; the tests that spawn the server need dist/.');
  process.exit(1);
}

const outDir = join(root, '.tmp');
mkdirSync(outDir, { recursive: true });
const jestBin = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const results = [];
for (const pass of passes) {
  console.log(`\n=== ${pass.name}: jest ${[...pass.jestArgs, ...jestArgs].join(' ')}`.trimEnd() + '\n');
  const outputFile = join(outDir, `jest-${pass.env.TEST_DATABASE}.json`);
  rmSync(outputFile, { force: true });
  const started = Date.now();
  // Each pass sees only its own settings, never a TEST_REDIS_URL left over in the caller's environment.
  const env = { ...process.env, TEST_DATABASE: undefined, TEST_REDIS_URL: undefined, ...pass.env };
  const run = spawnSync(process.execPath, [jestBin, '--json', `--outputFile=${outputFile}`, ...pass.jestArgs, ...jestArgs], { cwd: root, stdio: 'inherit', env });
  const report = existsSync(outputFile) ? JSON.parse(readFileSync(outputFile, 'utf8')) : undefined;
  results.push({
    name: pass.name,
    exitCode: run.status ?? 1,
    seconds: Math.round((Date.now() - started) / 1000),
    passed: report?.numPassedTests ?? 0,
    failed: report?.numFailedTests ?? 0,
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
    // A suite that fails to load counts no failed test; count it here so the summary cannot read clean.
    brokenSuites: report ? report.numRuntimeErrorTestSuites : 1,
  });
}

console.log('');
for (const r of results) {
  const extra = [r.skipped && `${r.skipped} skipped`, r.brokenSuites && `${r.brokenSuites} suite(s) failed to run`, r.exitCode !== 0 && `jest exited ${r.exitCode}`].filter(Boolean);
  console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${extra.length ? `, ${extra.join(', ')}` : ''} (${r.seconds} s)`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.exitCode === 0 && r.failed === 0 && r.brokenSuites === 0) ? 0 : 1);

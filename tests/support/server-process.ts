import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The compiled server and CLI as separate processes, exactly as `npm start` and `npm run cli` run them:
 * for what only a real process shows (signals, exit codes, several instances on one database).
 */
const root = join(__dirname, '..', '..');
const SERVER = join(root, 'dist', 'src', 'main.js');
const CLI = join(root, 'dist', 'src', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const isBuilt = () =>
  existsSync(SERVER) && existsSync(CLI) && (statSync(join(root, 'dist', '.tsbuildinfo'), { throwIfNoEntry: false })?.mtimeMs ?? 0) >= newestSource(join(root, 'src'));

/**
 * `npm test` builds before Jest starts; a test file run on its own rebuilds dist/ when src/ is newer.
 * A lock directory keeps two test workers from compiling over each other.
 */
export function ensureBuilt(): void {
  if (isBuilt()) return;
  const lock = join(root, '.tmp', 'build.lock');
  mkdirSync(join(root, '.tmp'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(lock, { recursive: true, force: true }); // left by a killed run
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!isBuilt()) execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Only what the process is given: nothing leaks in from the test runner's environment (TEST_*, DATABASE_URL…), nor
 * from a developer's `.env` in the repository (an empty ENV_FILE instead; a test may name its own).
 */
const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ENV_FILE: '/dev/null' });

/**
 * The settings of a production instance on `databaseUrl`, with `settings` on top. Its Stripe keys are never used but
 * required: production refuses to start without them.
 */
export function productionEnv(databaseUrl: string, settings: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    STRIPE_SECRET_KEY: 'sk_test_unused',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_unused',
    STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(8).toString('hex')}`,
    ...settings,
  };
}

export type LogLine = Record<string, unknown> & { msg?: string };

export interface ServerProcess {
  url: string;
  pid: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** The JSON log lines so far, in order. */
  logLines(): LogLine[];
  /** Resolves with the first log line (already written or still to come) that matches. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Settles when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the process if it still runs (SIGKILL) and waits for it to exit. */
  kill(): Promise<void>;
  child: ChildProcess;
}

const running = new Set<ServerProcess>();
// Last resort: a test worker that exits (or crashes) takes its servers with it.
process.on('exit', () => {
  for (const server of running) server.child.kill('SIGKILL');
});

/** Kills every server this test file spawned that is still running. Call it in afterAll. */
export async function killAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.kill()));
}

/** Starts `node dist/src/main.js` with exactly `env` (plus PATH), on a free port, and waits until it listens. */
export async function spawnServer(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  ensureBuilt();
  const child = spawn(process.execPath, [SERVER], { cwd: root, env: { ...baseEnv(), PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    partial += chunk.toString();
    const complete = partial.split('\n');
    partial = complete.pop()!;
    for (const line of complete) {
      if (!line.startsWith('{')) continue; // the banner npm start prints for people
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        // not a log line
      }
    }
    for (const wake of waiters) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  let alive = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      alive = false;
      running.delete(server);
      for (const wake of waiters) wake();
      resolve({ code, signal });
    });
  });

  /** Resolves with what `find` returns once it returns something, checking again whenever the process writes. */
  const waitUntil = <T>(find: () => T | undefined, what: string, wait = timeoutMs) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`${what}: nothing within ${wait} ms; output so far:\n${text}`)), wait);
      const check = () => {
        const found = find();
        if (found !== undefined) done(undefined, found);
        else if (!alive) done(new Error(`${what}: the server exited first; output:\n${text}`));
      };
      const done = (error?: Error, found?: T) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (error) reject(error);
        else resolve(found!);
      };
      waiters.add(check);
      check();
    });

  const server: ServerProcess = {
    url: '',
    pid: child.pid!,
    child,
    output: () => text,
    logLines: () => [...lines],
    waitForLog: (match, wait) => waitUntil(() => lines.find(match), 'waiting for a log line', wait),
    exited,
    async kill() {
      if (alive) child.kill('SIGKILL');
      await exited;
    },
  };
  running.add(server);
  try {
    // The banner npm start prints once it listens; unlike the 'listening' log line, it is there at any LOG_LEVEL.
    server.url = await waitUntil(() => /listening at (http:\/\/\S+)\/graphql/.exec(text)?.[1], 'starting the server');
  } catch (error) {
    await server.kill();
    throw error;
  }
  return server;
}

/**
 * Runs `node dist/src/main.js` with exactly `env` until it exits by itself (a server that refuses to start), and
 * resolves with its exit code and output; one still running after `timeoutMs` is killed (code null).
 */
export function runServerUntilExit(env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  ensureBuilt();
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [SERVER], { cwd: root, env: { ...baseEnv(), PORT: '0', HOST: '127.0.0.1', ...env }, timeout: timeoutMs }, (error, stdout, stderr) => {
      resolve({ code: child.exitCode, stdout, stderr });
    });
  });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/src/cli/main.js <args>` (what `npm run cli` and `npm run migrate` run after building) with exactly
 * `env`, in the repository or in `cwd`.
 */
export function runCliProcess(args: string[], env: Record<string, string>, options: { cwd?: string } = {}): Promise<CliResult> {
  ensureBuilt();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: options.cwd ?? root, env: { ...baseEnv(), ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

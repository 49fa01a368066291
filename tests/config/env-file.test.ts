/**
 * Settings from a `.env` file, read with Node's own parser: `.env` in the working directory, or the file ENV_FILE
 * names. A variable set in the environment wins; a missing `.env` is fine; a file that is not `NAME=value` lines stops
 * the process with a message naming the file and the line. `.env.example` lists every setting with its default.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import { loadEnvFile } from '../../src/config/env-file';
import { runCliProcess, runServerUntilExit } from '../support/server-process';

const root = join(__dirname, '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'env-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a settings file in the scratch folder and returns its path. */
function envFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Every variable loadConfig reads, whatever it is given: recorded from the environment it is handed. */
function settingsReadByConfig(): string[] {
  const read = new Set<string>();
  const recording = (values: Record<string, string>) =>
    new Proxy(values, {
      get(target, name) {
        if (typeof name === 'string') read.add(name);
        return target[name as string];
      },
    });
  loadConfig(recording({}));
  loadConfig(recording({ NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_PUBLISHABLE_KEY: 'pk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' }));
  return [...read].sort();
}

describe('.env.example', () => {
  const example = readFileSync(join(root, '.env.example'), 'utf8');
  /** Its settings, written `# NAME=default` (commented out, so a copy changes nothing until edited). */
  const listed = [...example.matchAll(/^# ?([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => ({ name: match[1], value: match[2], at: match.index }));

  it('lists exactly the settings the server reads, each once, each under a comment that says what it is', () => {
    expect(listed.map((setting) => setting.name).sort()).toEqual(settingsReadByConfig());
    expect(new Set(listed.map((setting) => setting.name)).size).toBe(listed.length);
    for (const { name, at } of listed) {
      const before = example.slice(0, at).trimEnd().split('\n').reverse();
      // The comment above a setting, or above the group of settings it starts with.
      const comment = before.find((line) => !/^# ?[A-Z][A-Z0-9_]*=/.test(line));
      expect({ name, comment: /^# [^-]/.test(comment ?? '') }).toEqual({ name, comment: true });
    }
  });

  it('gives each its real default: the example, uncommented, configures what no settings at all do', () => {
    const uncommented = Object.fromEntries(listed.map(({ name, value }) => [name, value]));
    expect(loadConfig(uncommented)).toEqual(loadConfig({}));
  });

  it('matches the Settings table of README.md (which also documents ENV_FILE)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('\n## Settings'), readme.indexOf('\n## ', readme.indexOf('\n## Settings') + 1));
    const documented = table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1]));
    expect(documented.sort()).toEqual([...settingsReadByConfig(), 'ENV_FILE'].sort());
  });

  it('is committed, and .env is ignored by git', () => {
    const ignored = readFileSync(join(root, '.gitignore'), 'utf8').split('\n');
    expect(ignored).toContain('.env');
    expect(ignored).toContain('!.env.example');
  });
});

describe('loadEnvFile', () => {
  it("reads `.env` in the working directory with Node's parser; the environment wins", () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    writeFileSync(join(cwd, '.env'), '# a comment\nPORT=4100\nexport LOG_LEVEL=warn\nSTRIPE_WEBHOOK_SECRET="whsec_quoted" # trailing comment\nHOST=0.0.0.0\n');
    const env: Record<string, string | undefined> = { HOST: '127.0.0.2' };
    const { path, applied } = loadEnvFile(env, cwd);
    expect({ path, applied: applied.sort() }).toEqual({ path: join(cwd, '.env'), applied: ['LOG_LEVEL', 'PORT', 'STRIPE_WEBHOOK_SECRET'] });
    expect(env).toEqual({ HOST: '127.0.0.2', PORT: '4100', LOG_LEVEL: 'warn', STRIPE_WEBHOOK_SECRET: 'whsec_quoted' });
  });

  it('takes the file ENV_FILE names instead, and a variable set empty in the environment still wins', () => {
    const path = envFile('named.env', 'PORT=4200\nREDIS_URL=redis://cache:6379\n');
    const env: Record<string, string | undefined> = { ENV_FILE: path, REDIS_URL: '' };
    loadEnvFile(env, '/');
    expect(env).toEqual({ ENV_FILE: path, PORT: '4200', REDIS_URL: '' });
  });

  it('keeps a quoted value that spans lines whole', () => {
    const env: Record<string, string | undefined> = { ENV_FILE: envFile('multiline.env', 'TRUSTED_PROXIES="10.0.0.0/8,\n192.0.2.7"\nPORT=4300\n') };
    loadEnvFile(env);
    expect(env).toMatchObject({ TRUSTED_PROXIES: '10.0.0.0/8,\n192.0.2.7', PORT: '4300' });
  });

  it('is fine without a `.env`, but not without the file ENV_FILE names', () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    expect(loadEnvFile({}, empty)).toEqual({ applied: [] });
    expect(() => loadEnvFile({ ENV_FILE: join(empty, 'missing.env') })).toThrow(new ConfigError(`ENV_FILE=${join(empty, 'missing.env')}: cannot be read (ENOENT)`));
  });

  it.each([
    ['a line that is not NAME=value', 'PORT=4000\nSTRIPE_SECRET_KEY sk_live_secret\n', 'line 2: expected NAME=value (or a # comment)'],
    ['a name that is not one', 'PORT=4000\n\n1PORT=4000\n', "line 3: a setting's name is letters, digits and _, not starting with a digit"],
    ['a quote never closed', 'STRIPE_SECRET_KEY="sk_live_secret\nPORT=4000\n', 'line 1: the value opened with " is never closed'],
  ])('refuses %s, naming the file and the line but not what it holds', (_case, text, problem) => {
    const path = envFile('malformed.env', text);
    const env: Record<string, string | undefined> = { ENV_FILE: path };
    expect(() => loadEnvFile(env)).toThrow(new ConfigError(`${path}, ${problem}`));
    expect(env).toEqual({ ENV_FILE: path });
  });
});

describe('the server and the CLI read it (as processes)', () => {
  /** A production server refuses a database that does not exist, naming its DATABASE_URL: which one it was given. */
  const production = { NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_PUBLISHABLE_KEY: 'pk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' };

  it('`npm start` takes a setting from ENV_FILE, and one from the environment over it', async () => {
    // Were the file's LOG_LEVEL taken over the environment's, the server would stop at it ("LOG_LEVEL must be one of …").
    const path = envFile('server.env', `DATABASE_URL=file:${join(dir, 'from-env-file.db')}\nLOG_LEVEL=loud\n`);
    const run = await runServerUntilExit({ ...production, ENV_FILE: path, LOG_LEVEL: 'info' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Not starting: There is no database at DATABASE_URL=file:${join(dir, 'from-env-file.db')}: the file ${join(dir, 'from-env-file.db')} does not exist. ` +
        'Create and migrate it with `npm run migrate` (no other command creates one).\n',
    );
  });

  it('`npm start` stops at a malformed file, naming it, before anything else', async () => {
    const path = envFile('broken.env', 'PORT=4000\nnot a setting\n');
    const run = await runServerUntilExit({ ...production, ENV_FILE: path });
    expect(run).toEqual({ code: 1, stdout: '', stderr: `Configuration error: ${path}, line 2: expected NAME=value (or a # comment)\n` });
  });

  it('`npm run cli` reads `.env` in its working directory', async () => {
    const cwd = mkdtempSync(join(dir, 'cli-'));
    writeFileSync(join(cwd, '.env'), `DATABASE_URL=file:${join(cwd, 'cli.db')}\n`);
    const run = await runCliProcess(['admin-key', 'list', '--organization', 'org_1', '--json'], { ENV_FILE: '' }, { cwd });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'DATABASE_NOT_READY', message: expect.stringContaining(`DATABASE_URL=file:${join(cwd, 'cli.db')}`) });
  });
});

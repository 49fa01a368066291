import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './config';

type Env = Record<string, string | undefined>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGNMENT = /^\s*(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/;

/**
 * Checks the layout Node's parser reads (`NAME=value`, `export NAME=value`, `#` comments, values in '…', "…" or `…`
 * that may span lines), which itself accepts anything and makes settings of whatever it is given. Messages give line
 * numbers, never content: a value may be a secret.
 */
function checkLayout(text: string, path: string): void {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(#.*)?$/.test(line)) continue;
    const assignment = ASSIGNMENT.exec(line);
    if (!assignment) throw new ConfigError(`${path}, line ${i + 1}: expected NAME=value (or a # comment)`);
    if (!NAME.test(assignment[1])) throw new ConfigError(`${path}, line ${i + 1}: a setting's name is letters, digits and _, not starting with a digit`);
    const value = assignment[2];
    const quote = value[0];
    if (quote !== '"' && quote !== "'" && quote !== '`') continue;
    if (value.indexOf(quote, 1) > 0) continue;
    // A quoted value that goes on: it ends on the first later line holding its quote.
    const end = lines.findIndex((later, j) => j > i && later.includes(quote));
    if (end < 0) throw new ConfigError(`${path}, line ${i + 1}: the value opened with ${quote} is never closed`);
    i = end;
  }
}

/**
 * Reads settings from a `.env` file into `env` (process.env by default), with Node's own parser (`util.parseEnv`,
 * the one behind `node --env-file`): the file is `ENV_FILE` when set (then it must exist), else `.env` in the working
 * directory when there is one. A variable already in the environment wins over the file. A file that cannot be read
 * or is not in the `NAME=value` layout is a ConfigError. Returns the file read and the names it set.
 */
export function loadEnvFile(env: Env = process.env, cwd = process.cwd()): { path?: string; applied: string[] } {
  const named = env.ENV_FILE;
  const path = resolve(cwd, named || '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !named) return { applied: [] };
    throw new ConfigError(`${named ? `ENV_FILE=${named}` : path}: cannot be read (${code ?? (error as Error).message})`);
  }
  checkLayout(text, path);
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (!NAME.test(name)) throw new ConfigError(`${path}: "${name.slice(0, 40)}" is not a setting's name`);
    if (env[name] !== undefined || value === undefined) continue;
    env[name] = value;
    applied.push(name);
  }
  return { path, applied };
}

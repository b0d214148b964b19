// The environment a stack's globals are rendered with: a dotenv file (default `.env` in
// the working directory, as stackql-deploy reads it), then `-e KEY=VAL` pairs, which win.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** `KEY=VAL` lines; `export ` prefixes, `#` comments, single/double quotes (double ones take \n escapes). */
export function parseEnvFile(text: string, file: string): Record<string, string> {
  const out = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!m || !NAME.test(m[1])) throw new UsageError(`${file} line ${i + 1}: expected KEY=VALUE, got '${line}'`);
    let value = m[2];
    if (value.startsWith('"')) {
      const end = closingDouble(value);
      if (end < 0) throw new UsageError(`${file} line ${i + 1}: the value of ${m[1]} opens a " that never closes`);
      value = value.slice(1, end).replace(/\\([nrt"\\])/g, (_, c: string) => ESCAPES.get(c) ?? c);
    } else if (value.startsWith("'")) {
      const end = value.indexOf("'", 1);
      if (end < 0) throw new UsageError(`${file} line ${i + 1}: the value of ${m[1]} opens a ' that never closes`);
      value = value.slice(1, end);
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out.set(m[1], value);
  }
  // fromEntries defines properties, so a name like __proto__ is an ordinary key.
  return Object.fromEntries(out);
}

const ESCAPES = new Map([['n', '\n'], ['r', '\r'], ['t', '\t']]);

function closingDouble(value: string): number {
  for (let i = 1; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === '"') return i;
  }
  return -1;
}

/** `-e KEY=VAL` flags; the value is everything after the first `=`. */
export function parseEnvPairs(pairs: readonly string[], flag = '-e'): Record<string, string> {
  const out = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? '' : pair.slice(0, eq).trim();
    if (eq < 0 || !NAME.test(name)) throw new UsageError(`${flag} '${pair}': write ${flag} KEY=VALUE, e.g. ${flag} AWS_REGION=us-east-1`);
    out.set(name, pair.slice(eq + 1));
  }
  return Object.fromEntries(out);
}

/**
 * The env file (when it exists; a file named with --env-file must exist) under the
 * pairs. `explicit` says the file was named by the user rather than the default.
 */
export function loadDeployEnv(envFile: string, explicit: boolean, pairs: readonly string[], cwd = process.cwd()): Record<string, string> {
  const path = resolve(cwd, envFile);
  let fromFile: Record<string, string> = {};
  if (existsSync(path)) fromFile = parseEnvFile(readFileSync(path, 'utf8'), envFile);
  else if (explicit) throw new UsageError(`--env-file '${envFile}': no such file`);
  return { ...fromFile, ...parseEnvPairs(pairs) };
}

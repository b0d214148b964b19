// Template variables from the command line: repeatable `--var name=value` and an
// `--iqldata` file of JSON or YAML.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import YAML from 'yaml';
import { UsageError } from '../errors.js';
import { isPlainObject } from './json-input.js';
import { position } from './text-position.js';
import { RESERVED_NAMES, reservedNameProblem } from './reserved-names.js';
import { oneLine } from './template-fault.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;


/** `name=value` pairs; the value is everything after the first `=`, and a later name wins. */
export function parseVarFlags(flags: readonly string[]): Record<string, string> {
  const vars = new Map<string, string>();
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq < 0) throw new UsageError(`--var '${flag}' has no '=': write --var name=value, e.g. --var ApiId=a1b2c3`);
    const name = flag.slice(0, eq).trim();
    if (RESERVED_NAMES.has(name)) throw new UsageError(`--var '${flag}': ${reservedNameProblem(name)}`);
    if (!NAME.test(name)) {
      throw new UsageError(
        `--var '${flag}': '${name}' is not a template variable name (letters, digits and _, not starting with a digit)`,
      );
    }
    vars.set(name, flag.slice(eq + 1));
  }
  // fromEntries defines properties, so a name like __proto__ is an ordinary key.
  return Object.fromEntries(vars);
}

/** Variables from a .json, .yaml or .yml file; any other name is tried as JSON, then YAML. */
export function loadIqlData(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot read --iqldata file '${file}': ${err.code === 'ENOENT' ? 'no such file' : oneLine(err.message)}`);
  }
  if (text.trim() === '') return {};
  const ext = extname(file).toLowerCase();
  const data = ext === '.json' ? parseJson(file, text) : ext === '.yaml' || ext === '.yml' ? parseYaml(file, text) : parseEither(file, text);
  if (data === null || data === undefined) return {};
  if (!isPlainObject(data)) {
    const kind = Array.isArray(data) ? 'a list' : `a ${typeof data}`;
    throw new UsageError(`--iqldata file '${file}' must hold an object of variable names to values, not ${kind}`);
  }
  return data;
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`--iqldata file '${file}' is not valid JSON${jsonProblem(text, (e as Error).message)}`);
  }
}

function parseYaml(file: string, text: string): unknown {
  try {
    return YAML.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`--iqldata file '${file}' is not valid YAML${yamlProblem(e)}`);
  }
}

function parseEither(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    try {
      return YAML.parse(text) as unknown;
    } catch (e) {
      throw new UsageError(`--iqldata file '${file}' is neither JSON nor YAML${yamlProblem(e)}`);
    }
  }
}

/** ` (line 2, column 7): Expected ',' or '}' after property value`, from V8's message. */
function jsonProblem(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message);
  // V8 quotes the whole input in some messages (`Unexpected token '}', "{…" is not valid JSON`).
  const problem = oneLine(message.replace(/ in JSON at position \d+.*$/s, '').split(', "')[0]);
  if (!at) return `: ${problem}`;
  const { line, column } = position(text, Number(at[1]));
  return ` (line ${line}, column ${column}): ${problem}`;
}

function yamlProblem(e: unknown): string {
  if (e instanceof YAML.YAMLError) {
    const pos = e.linePos?.[0];
    // The yaml package appends "at line L, column C:" and a source excerpt; we give the position ourselves.
    const problem = oneLine(e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
    return pos ? ` (line ${pos.line}, column ${pos.col}): ${problem}` : `: ${problem}`;
  }
  return `: ${oneLine((e as Error).message)}`;
}

// stackql-deploy v2's file() directive: a manifest value (a global's, a prop's, or
// anywhere inside one) written as the string `file(path)` is replaced, when the manifest
// is loaded and before any template is rendered, by the parsed contents of that file.
// As v2 documents it: the path is relative to the stack's `resources/` directory; `.json`
// is parsed as JSON, `.yml`/`.yaml` as YAML, anything else JSON first, then YAML; included
// files may hold file() directives themselves (resolved against the same directory).
// skyql adds: a path that leads outside the stack directory (`..`, an absolute path, a
// symbolic link out) is refused, and so is a file that includes itself.
import { readFileSync, realpathSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

type Path = (string | number)[];
type Fail = (path: Path, message: string) => never;

const DIRECTIVE = /^\s*file\(\s*(.*?)\s*\)\s*$/;

/** The path a `file(…)` string names, or undefined when the string is not one. */
export function fileDirective(s: string): string | undefined {
  const m = DIRECTIVE.exec(s);
  return m && m[1] !== '' ? m[1] : undefined;
}

/** Replaces every file() directive in the manifest's globals' and props' values, in place. */
export function resolveFileDirectives(data: Record<string, unknown>, stackDir: string, fail: Fail): void {
  const at = (holder: unknown, key: string, path: Path) => {
    if (isRecord(holder) && key in holder) holder[key] = resolveValue(holder[key], [...path, key], stackDir, fail, []);
  };
  if (Array.isArray(data.globals)) data.globals.forEach((g, i) => at(g, 'value', ['globals', i]));
  if (!Array.isArray(data.resources)) return;
  data.resources.forEach((res, i) => {
    if (!isRecord(res) || !Array.isArray(res.props)) return;
    res.props.forEach((p, j) => {
      const path: Path = ['resources', i, 'props', j];
      at(p, 'value', path);
      if (isRecord(p) && isRecord(p.values)) {
        for (const [env, v] of Object.entries(p.values)) at(v, 'value', [...path, 'values', env]);
      }
    });
  });
}

function resolveValue(v: unknown, path: Path, stackDir: string, fail: Fail, chain: string[]): unknown {
  if (typeof v === 'string') {
    const name = fileDirective(v);
    return name === undefined ? v : include(name, path, stackDir, fail, chain);
  }
  if (Array.isArray(v)) return v.map((x) => resolveValue(x, path, stackDir, fail, chain));
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    // defineProperty: a key `__proto__` from JSON stays a key, never the prototype.
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: resolveValue(x, path, stackDir, fail, chain), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

function include(name: string, path: Path, stackDir: string, fail: Fail, chain: string[]): unknown {
  const shown = `file(${name})`;
  const via = chain.length ? ` (included from ${chain.map((c) => relative(stackDir, c)).join(' → ')})` : '';
  if (isAbsolute(name)) fail(path, `${shown}: the path must be relative to the stack's resources/ directory${via}`);
  const full = resolve(stackDir, 'resources', name);
  let real: string;
  let root: string;
  try {
    root = realpathSync(stackDir);
    real = realpathSync(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(path, `${shown}: ${code === 'ENOENT' ? `${join('resources', name)} does not exist` : (e as Error).message} (paths are relative to resources/)${via}`);
  }
  const rel = relative(root, real);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    fail(path, `${shown}: ${real} is outside the stack directory; file() only reads files in the stack${via}`);
  }
  if (chain.includes(real)) fail(path, `${shown}: ${rel} includes itself${via}`);
  let text: string;
  try {
    text = readFileSync(real, 'utf8');
  } catch (e) {
    return fail(path, `${shown}: cannot read ${rel}: ${(e as Error).message}${via}`);
  }
  const ext = extname(real).toLowerCase();
  let parsed: unknown;
  try {
    if (ext === '.json') parsed = JSON.parse(text);
    else if (ext === '.yml' || ext === '.yaml') parsed = parseYaml(text);
    else {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = parseYaml(text);
      }
    }
  } catch (e) {
    return fail(path, `${shown}: ${rel} is not valid ${ext === '.json' ? 'JSON' : ext === '.yml' || ext === '.yaml' ? 'YAML' : 'JSON or YAML'}: ${(e as Error).message.split('\n')[0]}${via}`);
  }
  return resolveValue(parsed, path, stackDir, fail, [...chain, real]);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

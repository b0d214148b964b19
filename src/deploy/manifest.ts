// stackql_manifest.yml: parsed and checked before anything runs, every problem named by
// file, line and field. Fields as stackql-deploy v1 (Python) and v2 (Rust) document them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveFileDirectives } from './file-directive.js';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { StackError } from './errors.js';

export const MANIFEST_FILE = 'stackql_manifest.yml';
export const RESOURCE_TYPES = ['resource', 'query', 'script', 'multi', 'command'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** Where a value sits in the manifest, for messages: `stackql_manifest.yml line 23, resources[0].props[2] (bucket1_tags)`. */
export interface Located {
  line: number;
  field: string;
}

export interface GlobalVar extends Located {
  name: string;
  value: unknown;
}

export interface Prop extends Located {
  name: string;
  value?: unknown;
  /** Line of `value:` (or of the prop when it has none). */
  valueLine: number;
  /** Per-environment values: `values: { prd: { value: … } }`. */
  values?: Record<string, { value: unknown; line: number }>;
  /** Context names whose lists or objects are merged into this one. */
  merge?: string[];
}

/** `- vpc_id` exports column vpc_id as vpc_id; `- arn: role_arn` exports column arn as role_arn. */
export interface ExportSpec {
  column: string;
  name: string;
}

/** v2's `return_vals`: per write, the fields of its result kept as `this.<name>`. */
export type ReturnVals = Partial<Record<'create' | 'update' | 'delete', ExportSpec[]>>;

export interface ResourceSpec extends Located {
  name: string;
  type: ResourceType;
  /** Relative to the stack directory: `resources/<file or name.iql>`. */
  file: string;
  props: Prop[];
  exports: ExportSpec[];
  /** Whether exports were written as `{column: name}` maps (teardown maps them back). */
  exportsMapped: boolean;
  protected: string[];
  if?: { text: string; line: number };
  skipValidation: boolean;
  sql?: { text: string; line: number };
  run?: string;
  /** Line of `run:`, for messages. */
  runLine?: number;
  returnVals: ReturnVals;
  description?: string;
}

export interface Manifest {
  /** The manifest's path as shown in messages. */
  file: string;
  dir: string;
  version: number;
  name: string;
  description?: string;
  providers: string[];
  /** Line of each provider, for messages. */
  providerLines: number[];
  globals: GlobalVar[];
  resources: ResourceSpec[];
  /** Stack-level exports: names written to --output-file. */
  exports: string[];
  /** Unknown fields: ignored (as stackql-deploy does), but said. */
  warnings: string[];
}

type Path = (string | number)[];

class Reader {
  readonly warnings: string[] = [];
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly file: string,
  ) {}

  line(path: Path): number {
    for (let p = path; p.length >= 0; p = p.slice(0, -1)) {
      const node = this.doc.getIn(p, true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return this.lines.linePos(node.range[0]).line;
      if (p.length === 0) break;
    }
    return 1;
  }

  fail(path: Path, message: string): never {
    throw new StackError(`${this.file} line ${this.line(path)}: ${fieldName(path)} ${message}`);
  }

  warnUnknown(path: Path, obj: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) this.warnings.push(`${this.file} line ${this.line([...path, key])}: unknown field ${fieldName([...path, key])} is ignored`);
    }
  }
}

/** `resources[0].props[2].value` */
export function fieldName(path: Path): string {
  if (path.length === 0) return 'the manifest';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function loadManifest(stackDir: string): Manifest {
  const path = join(stackDir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new StackError(
      code === 'ENOENT' ? `${path} does not exist: a stack directory holds ${MANIFEST_FILE} and resources/*.iql` : `cannot read ${path}: ${(e as Error).message}`,
    );
  }
  return parseManifest(text, path, stackDir);
}

export function parseManifest(text: string, file: string, dir: string): Manifest {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.pos ? lines.linePos(e.pos[0]).line : 1;
    throw new StackError(`${file} line ${line}: not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const r: Reader = new Reader(doc, lines, file);
  const data: unknown = doc.toJS();
  // v2's file() directives in globals' and props' values, relative to resources/.
  if (isObject(data)) {
    resolveFileDirectives(data, dir, (path, message) => r.fail(path, message));
  }
  if (!isObject(data)) r.fail([], 'must be a YAML mapping with name, providers and resources');
  r.warnUnknown([], data, ['version', 'name', 'description', 'providers', 'globals', 'resources', 'exports']);

  const version = data.version ?? 1;
  if (typeof version !== 'number' && typeof version !== 'string') r.fail(['version'], 'must be a number');
  const name = data.name;
  if (typeof name !== 'string' || name.trim() === '') r.fail(['name'], 'must be the stack name (a non-empty string); it is {{ stack_name }} in templates');
  const providers = stringList(r, data.providers ?? [], ['providers']);
  const globals = list(r, data.globals ?? [], ['globals']).map((g, i) => readGlobal(r, g, ['globals', i]));
  const resources = list(r, data.resources ?? [], ['resources']).map((res, i) => readResource(r, res, ['resources', i]));
  if (resources.length === 0) r.fail(['resources'], 'lists no resources');
  const seen = new Map<string, number>();
  for (const [i, res] of resources.entries()) {
    const first = seen.get(res.name);
    if (first !== undefined) r.fail(['resources', i, 'name'], `'${res.name}' is used twice (first at resources[${first}]); resource names must be unique`);
    seen.set(res.name, i);
  }
  const exports = stringList(r, data.exports ?? [], ['exports']);
  const description = typeof data.description === 'string' ? data.description : undefined;
  const providerLines = providers.map((_, i) => r.line(['providers', i]));
  return { file, dir, version: Number(version), name: name.trim(), description, providers, providerLines, globals, resources, exports, warnings: r.warnings };
}

function readGlobal(r: Reader, g: unknown, path: Path): GlobalVar {
  if (!isObject(g)) r.fail(path, 'must be a mapping with name and value');
  r.warnUnknown(path, g, ['name', 'value', 'description', 'protected']);
  const name = identifier(r, g.name, [...path, 'name']);
  if (!('value' in g) || g.value === null || g.value === '') r.fail([...path, 'value'], `of global '${name}' is missing or empty`);
  return { name, value: g.value, line: r.line([...path, 'value']), field: fieldName(path) };
}

function readResource(r: Reader, res: unknown, path: Path): ResourceSpec {
  if (!isObject(res)) r.fail(path, 'must be a mapping with at least a name');
  r.warnUnknown(path, res, ['name', 'type', 'file', 'props', 'exports', 'protected', 'description', 'if', 'skip_validation', 'skipvalidation', 'sql', 'run', 'auth', 'return_vals']);
  const name = res.name;
  if (typeof name !== 'string' || name.trim() === '') r.fail([...path, 'name'], 'must be a non-empty string');
  const type = res.type ?? 'resource';
  if (typeof type !== 'string' || !(RESOURCE_TYPES as readonly string[]).includes(type)) {
    r.fail([...path, 'type'], `of '${name}' must be one of ${RESOURCE_TYPES.join(', ')}, got ${JSON.stringify(type)}`);
  }
  const file = res.file ?? `${name}.iql`;
  if (typeof file !== 'string' || file.trim() === '') r.fail([...path, 'file'], 'must be a file name under resources/');
  const props = list(r, res.props ?? [], [...path, 'props']).map((p, i) => readProp(r, p, [...path, 'props', i]));
  const exportItems = list(r, res.exports ?? [], [...path, 'exports']);
  const mapped = exportItems.filter(isObject).length;
  if (mapped > 0 && mapped < exportItems.length) r.fail([...path, 'exports'], 'mixes names and {column: name} maps; write all of one kind');
  const exports = exportItems.flatMap((e, i): ExportSpec[] => {
    const at = [...path, 'exports', i];
    if (typeof e === 'string') {
      const name = identifier(r, e, at);
      return [{ column: name, name }];
    }
    if (isObject(e)) {
      return Object.entries(e).map(([column, alias]) => ({ column, name: identifier(r, alias, [...at, column]) }));
    }
    return r.fail(at, `must be an export name or a {column: name} map, got ${JSON.stringify(e)}`);
  });
  const cond = res.if;
  if (cond !== undefined && typeof cond !== 'string' && typeof cond !== 'boolean') r.fail([...path, 'if'], 'must be a condition such as "\'{{ stack_env }}\' == \'prd\'"');
  const skip = res.skip_validation ?? res.skipvalidation ?? false;
  if (typeof skip !== 'boolean') r.fail([...path, 'skip_validation'], 'must be true or false');
  const sql = res.sql;
  if (sql !== undefined && typeof sql !== 'string') r.fail([...path, 'sql'], 'must be SQL text');
  const run = res.run;
  if (run !== undefined && typeof run !== 'string') r.fail([...path, 'run'], 'must be a script (text)');
  if (type === 'script' && run === undefined) r.fail(path, `'${name}' is of type script and needs run`);
  if (run !== undefined && type !== 'script') r.fail([...path, 'run'], `is for resources of type script; '${name}' is of type ${String(type)}`);
  const returnVals = readReturnVals(r, res.return_vals, [...path, 'return_vals']);
  return {
    name: name.trim(),
    type: type as ResourceType,
    file: `resources/${file.trim()}`,
    props,
    exports,
    exportsMapped: mapped > 0,
    protected: stringList(r, res.protected ?? [], [...path, 'protected']),
    if: cond === undefined ? undefined : { text: String(cond), line: r.line([...path, 'if']) },
    skipValidation: skip,
    sql: sql === undefined ? undefined : { text: sql, line: r.line([...path, 'sql']) },
    run,
    runLine: run === undefined ? undefined : r.line([...path, 'run']),
    returnVals,
    description: typeof res.description === 'string' ? res.description : undefined,
    line: r.line(path),
    field: `${fieldName(path)} (${name.trim()})`,
  };
}

function readReturnVals(r: Reader, v: unknown, path: Path): ReturnVals {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) r.fail(path, 'must map create, update or delete to a list of fields (- Identifier, or - Identifier: identifier)');
  const out: ReturnVals = {};
  for (const [op, specs] of Object.entries(v)) {
    if (op !== 'create' && op !== 'update' && op !== 'delete') r.fail([...path, op], `is not an operation: return_vals takes create, update and delete`);
    out[op] = list(r, specs, [...path, op]).flatMap((e, i): ExportSpec[] => {
      const at = [...path, op, i];
      if (typeof e === 'string' && e.trim() !== '') return [{ column: e.trim(), name: identifier(r, e, at) }];
      if (isObject(e)) return Object.entries(e).map(([column, alias]) => ({ column, name: identifier(r, alias, [...at, column]) }));
      return r.fail(at, `must be a field name or a {Field: name} map, got ${JSON.stringify(e)}`);
    });
  }
  return out;
}

function readProp(r: Reader, p: unknown, path: Path): Prop {
  if (!isObject(p)) r.fail(path, 'must be a mapping with name and value, values or merge');
  r.warnUnknown(path, p, ['name', 'value', 'values', 'merge', 'description']);
  const name = identifier(r, p.name, [...path, 'name']);
  const prop: Prop = { name, line: r.line(path), valueLine: r.line('value' in p ? [...path, 'value'] : path), field: `${fieldName(path)} (${name})` };
  if ('value' in p) prop.value = p.value;
  if (p.values !== undefined) {
    if (!isObject(p.values)) r.fail([...path, 'values'], `of '${name}' must map environment names to {value: …}`);
    prop.values = {};
    for (const [env, v] of Object.entries(p.values)) {
      if (!isObject(v) || !('value' in v)) r.fail([...path, 'values', env], `of '${name}' must be {value: …}`);
      prop.values[env] = { value: v.value, line: r.line([...path, 'values', env, 'value']) };
    }
  }
  if (p.merge !== undefined) prop.merge = stringList(r, p.merge, [...path, 'merge']);
  if (prop.value === undefined && prop.values === undefined && prop.merge === undefined) r.fail(path, `'${name}' needs value, values (per environment) or merge`);
  if ('value' in p && p.values !== undefined) r.fail(path, `'${name}' has both value and values; keep one`);
  return prop;
}

// Names that would reach an object's prototype rather than be a key of it.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

function identifier(r: Reader, v: unknown, path: Path): string {
  if (typeof v !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.trim())) {
    r.fail(path, `must be a template variable name (letters, digits and _), got ${JSON.stringify(v)}`);
  }
  if (RESERVED.has(v.trim())) r.fail(path, `cannot be '${v.trim()}'`);
  return v.trim();
}

function list(r: Reader, v: unknown, path: Path): unknown[] {
  if (!Array.isArray(v)) r.fail(path, 'must be a list');
  return v;
}

function stringList(r: Reader, v: unknown, path: Path): string[] {
  return list(r, v, path).map((s, i) => {
    if (typeof s !== 'string' || s.trim() === '') r.fail([...path, i], `must be a name, got ${JSON.stringify(s)}`);
    return s.trim();
  });
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

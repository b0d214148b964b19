// The FROM-less SELECTs drivers, pools and tools send to learn about a server —
// `SELECT version()`, `SELECT current_setting('…')`, `SELECT 1`, `SELECT
// pg_catalog.current_schema()` — answered from the session, never the engine. Anything
// else (another function, a FROM) is not one of these and goes to the engine.
import type { Settings } from './settings.js';
import { SqlStateError } from './sqlstate.js';
import type { TokenCursor } from './sql-tokens.js';
import { segments } from './query-text.js';
import { OID } from './type-oids.js';

type Literal = string | number | boolean | null;

type Expr =
  | { kind: 'literal'; value: Literal; numeric?: boolean }
  | { kind: 'call'; name: string; args: Literal[] }
  | { kind: 'keyword'; name: string };

interface Item {
  expr: Expr;
  alias?: string;
}

export interface CatalogueSelect {
  items: Item[];
}

const KEYWORDS = new Set(['current_user', 'session_user', 'user', 'current_role', 'current_catalog', 'current_schema']);
const FUNCTIONS = new Set([
  'version',
  'current_setting',
  'set_config',
  'current_database',
  'current_schema',
  'current_schemas',
  'current_user',
  'session_user',
  'pg_backend_pid',
  'pg_is_in_recovery',
]);

function literal(c: TokenCursor): Literal | undefined {
  const t = c.peek();
  if (t.kind === 'string') return c.next().value;
  if (t.kind === 'number') return Number(c.next().value);
  if (t.kind === 'punct' && t.value === '-' && c.peek(1).kind === 'number') {
    c.next();
    return -Number(c.next().value);
  }
  const w = c.acceptWord('TRUE', 'FALSE', 'NULL');
  if (w) return w === 'NULL' ? null : w === 'TRUE';
  return undefined;
}

function expr(c: TokenCursor): Expr | undefined {
  const t = c.peek();
  if (t.kind === 'word' && !['TRUE', 'FALSE', 'NULL'].includes(t.value.toUpperCase())) {
    let fname = c.next().value.toLowerCase();
    if (fname === 'pg_catalog' && c.acceptPunct('.')) {
      const n = c.next();
      if (n.kind !== 'word') return undefined;
      fname = n.value.toLowerCase();
    }
    if (!c.acceptPunct('(')) return KEYWORDS.has(fname) ? { kind: 'keyword', name: fname } : undefined;
    if (!FUNCTIONS.has(fname)) return undefined;
    const args: Literal[] = [];
    if (!c.acceptPunct(')')) {
      do {
        const v = literal(c);
        if (v === undefined) return undefined;
        args.push(v);
      } while (c.acceptPunct(','));
      if (!c.acceptPunct(')')) return undefined;
    }
    return { kind: 'call', name: fname, args };
  }
  const raw = c.peek();
  const v = literal(c);
  return v === undefined ? undefined : { kind: 'literal', value: v, numeric: raw.kind === 'number' || raw.value === '-' };
}

/** After SELECT: the item list, when every item is a literal or a known probe and nothing follows. */
export function parseCatalogueSelect(c: TokenCursor): CatalogueSelect | undefined {
  const items: Item[] = [];
  do {
    const e = expr(c);
    if (!e) return undefined;
    // A cast to text or int (`SELECT 1::int`) changes nothing the client could see here.
    if (c.acceptPunct('::') && !c.acceptWord('TEXT', 'INT', 'INT4', 'INTEGER', 'VARCHAR', 'NAME')) return undefined;
    let alias: string | undefined;
    if (c.acceptWord('AS') || (c.peek().kind === 'word' && !c.isWord('FROM', 'WHERE', 'UNION', 'ORDER', 'LIMIT', 'GROUP'))) {
      const a = c.next();
      if (a.kind !== 'word' && a.kind !== 'quoted') return undefined;
      alias = a.kind === 'word' ? a.value.toLowerCase() : a.value;
    } else if (c.peek().kind === 'quoted') {
      alias = c.next().value;
    }
    items.push({ expr: e, alias });
  } while (c.acceptPunct(','));
  return c.atEnd() ? { items } : undefined;
}

export interface CatalogueContext {
  settings: Settings;
  user: string;
  database: string;
  pid: number;
}

export interface LocalColumn {
  name: string;
  oid: number;
}

function callValue(name: string, args: Literal[], ctx: CatalogueContext): [Literal, number] {
  const arity = (min: number, max = min) => {
    if (args.length < min || args.length > max) throw new SqlStateError('42883', `function ${name} with ${args.length} arguments does not exist`);
  };
  switch (name) {
    case 'version':
      arity(0);
      return [`PostgreSQL ${ctx.settings.defaults.serverVersion}, SQL over the AWS Cloud Control API`, OID.text];
    case 'current_setting': {
      arity(1, 2);
      const found = ctx.settings.get(String(args[0]), args[1] === true);
      return [found ? found[1] : null, OID.text];
    }
    case 'set_config': {
      arity(3);
      // is_local: for the current transaction only, and each statement is its own.
      if (args[2] !== true) ctx.settings.set(String(args[0]), args[1] === null ? undefined : String(args[1]));
      return [args[1] === null ? null : ctx.settings.get(String(args[0]), true)?.[1] ?? String(args[1]), OID.text];
    }
    case 'current_database':
      arity(0);
      return [ctx.database, OID.name];
    case 'current_schema':
      arity(0);
      return ['public', OID.name];
    case 'current_schemas':
      arity(1);
      return ['{public}', 1003 /* name[] */];
    case 'current_user':
    case 'session_user':
      arity(0);
      return [ctx.user, OID.name];
    case 'pg_backend_pid':
      arity(0);
      return [ctx.pid, OID.int4];
    case 'pg_is_in_recovery':
      arity(0);
      return [false, OID.bool];
    default:
      throw new SqlStateError('42883', `function ${name}() does not exist`);
  }
}

function itemValue(e: Expr, ctx: CatalogueContext): [Literal, number] {
  switch (e.kind) {
    case 'literal': {
      const v = e.value;
      if (typeof v === 'number') {
        if (Number.isInteger(v)) return [v, Math.abs(v) < 2 ** 31 ? OID.int4 : OID.int8];
        return [v, OID.numeric];
      }
      if (typeof v === 'boolean') return [v, OID.bool];
      return [v, OID.text];
    }
    case 'keyword':
      if (e.name === 'current_catalog') return [ctx.database, OID.name];
      if (e.name === 'current_schema') return ['public', OID.name];
      return [ctx.user, OID.name];
    case 'call':
      return callValue(e.name, e.args, ctx);
  }
}

export function runCatalogueSelect(select: CatalogueSelect, ctx: CatalogueContext): { columns: LocalColumn[]; rows: unknown[][] } {
  const columns: LocalColumn[] = [];
  const row: unknown[] = [];
  for (const item of select.items) {
    const [value, oid] = itemValue(item.expr, ctx);
    const name = item.alias ?? (item.expr.kind === 'literal' ? '?column?' : item.expr.name);
    columns.push({ name, oid });
    row.push(value);
  }
  return { columns, rows: [row] };
}

/**
 * `pg_catalog.x` or `information_schema.x` in a statement's code (not in a string or a
 * comment): a catalogue table skyql does not have. Named, so the error can say so.
 */
export function catalogueTableRef(text: string): string | undefined {
  for (const s of segments(text)) {
    if (s.kind !== 'code') continue;
    const m = /\b(pg_catalog|information_schema)\s*\.\s*([A-Za-z_]\w*)/i.exec(text.slice(s.start, s.end));
    if (m) return `${m[1].toLowerCase()}.${m[2]}`;
  }
  return undefined;
}

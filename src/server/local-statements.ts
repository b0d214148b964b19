// The statements the server answers without the engine: SET / RESET / SHOW of session
// parameters, transaction commands (skyql has no transactions: accepted, with a warning
// where a client might think otherwise), DISCARD and DEALLOCATE, and the FROM-less
// SELECTs drivers and tools probe with (catalogue-queries.ts).
import { parseCatalogueSelect, type CatalogueSelect } from './catalogue-queries.js';
import { TokenCursor, tokenize, type Token } from './sql-tokens.js';

export type LocalStatement =
  | { kind: 'set'; name: string; value?: string; local: boolean }
  | { kind: 'reset'; name?: string }
  | { kind: 'show'; name?: string }
  | { kind: 'noop'; tag: string; warning?: string }
  | { kind: 'discard' }
  | { kind: 'deallocate'; name?: string }
  | { kind: 'select'; select: CatalogueSelect };

const NOT_TRANSACTIONAL =
  'skyql has no transactions: every statement takes effect when it runs, and ROLLBACK undoes nothing';

/** A parameter name: words and quoted identifiers joined by dots. */
function name(c: TokenCursor): string | undefined {
  const parts: string[] = [];
  do {
    const t = c.peek();
    if (t.kind !== 'word' && t.kind !== 'quoted') return undefined;
    parts.push(c.next().value);
  } while (c.acceptPunct('.'));
  return parts.join('.');
}

/** SET's value: DEFAULT (undefined), or one or more comma-separated items as Postgres joins them. */
function value(tokens: Token[]): { value?: string } | undefined {
  if (tokens.length === 1 && tokens[0].kind === 'word' && tokens[0].value.toUpperCase() === 'DEFAULT') return {};
  const items: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    let t = tokens[i];
    let sign = '';
    if (t.kind === 'punct' && t.value === '-') {
      sign = '-';
      t = tokens[++i];
      if (!t || t.kind !== 'number') return undefined;
    }
    if (!t || !['word', 'quoted', 'string', 'number'].includes(t.kind)) return undefined;
    items.push(sign + t.value);
    i++;
    if (i < tokens.length) {
      if (tokens[i].kind !== 'punct' || tokens[i].value !== ',') return undefined;
      i++;
      if (i === tokens.length) return undefined;
    }
  }
  return items.length ? { value: items.join(', ') } : undefined;
}

function parseSet(c: TokenCursor): LocalStatement | undefined {
  const scope = c.acceptWord('SESSION', 'LOCAL');
  if (c.isWord('TRANSACTION') || c.isWord('CHARACTERISTICS')) return { kind: 'noop', tag: 'SET' };
  if (scope === 'SESSION' && c.acceptWord('AUTHORIZATION')) return undefined;
  let param: string | undefined;
  if (c.isWord('TIME') && c.peek(1).kind === 'word' && c.peek(1).value.toUpperCase() === 'ZONE') {
    c.next();
    c.next();
    param = 'TimeZone';
    const rest = c.rest();
    if (rest.length === 1 && rest[0].kind === 'word' && ['LOCAL', 'DEFAULT'].includes(rest[0].value.toUpperCase())) {
      return { kind: 'set', name: param, local: scope === 'LOCAL' };
    }
    const v = value(rest);
    return v ? { kind: 'set', name: param, value: v.value, local: scope === 'LOCAL' } : undefined;
  }
  if (c.acceptWord('NAMES')) param = 'client_encoding';
  else if (c.acceptWord('SCHEMA')) param = 'search_path';
  else {
    param = name(c);
    if (!param || !(c.acceptPunct('=') || c.acceptWord('TO'))) return undefined;
  }
  const v = value(c.rest());
  return v ? { kind: 'set', name: param, value: v.value, local: scope === 'LOCAL' } : undefined;
}

function parseShowOrReset(c: TokenCursor, kind: 'show' | 'reset'): LocalStatement | undefined {
  if (c.acceptWord('ALL')) return c.atEnd() ? { kind } : undefined;
  let param: string | undefined;
  if (c.acceptWord('TIME')) param = c.acceptWord('ZONE') ? 'TimeZone' : undefined;
  else if (c.acceptWord('TRANSACTION')) param = c.acceptWord('ISOLATION') && c.acceptWord('LEVEL') ? 'transaction_isolation' : undefined;
  else if (c.isWord('SESSION') && c.peek(1).value.toUpperCase() === 'AUTHORIZATION') {
    c.next();
    c.next();
    param = 'session_authorization';
  } else param = name(c);
  return param && c.atEnd() ? { kind, name: param } : undefined;
}

/** The statement, when the server answers it itself; undefined sends it to the engine. */
export function parseLocalStatement(text: string): LocalStatement | undefined {
  // skyql's own SHOW statements (SHOW SERVICES IN aws, …) are the engine's.
  if (/^\s*SHOW\s+(EXTENDED\s+)?(PROVIDERS|SERVICES|RESOURCES|METHODS)\b/i.test(text)) return undefined;
  if (!/^\s*(SET|RESET|SHOW|BEGIN|START|COMMIT|END|ROLLBACK|ABORT|DISCARD|DEALLOCATE|SELECT)\b/i.test(text)) return undefined;
  const tokens = tokenize(text);
  if (!tokens) return undefined;
  const c = new TokenCursor(tokens);
  const verb = c.acceptWord('SET', 'RESET', 'SHOW', 'BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'ABORT', 'DISCARD', 'DEALLOCATE', 'SELECT');
  switch (verb) {
    case 'SET':
      return parseSet(c);
    case 'RESET':
      return parseShowOrReset(c, 'reset');
    case 'SHOW':
      return parseShowOrReset(c, 'show');
    case 'BEGIN':
    case 'START':
      if (verb === 'START' && !c.acceptWord('TRANSACTION')) return undefined;
      return { kind: 'noop', tag: 'BEGIN', warning: NOT_TRANSACTIONAL };
    case 'COMMIT':
    case 'END':
      return { kind: 'noop', tag: 'COMMIT' };
    case 'ROLLBACK':
    case 'ABORT':
      if (c.isWord('TO')) return undefined;
      return { kind: 'noop', tag: 'ROLLBACK', warning: NOT_TRANSACTIONAL };
    case 'DISCARD':
      return c.acceptWord('ALL', 'PLANS', 'SEQUENCES', 'TEMP', 'TEMPORARY') && c.atEnd() ? { kind: 'discard' } : undefined;
    case 'DEALLOCATE': {
      c.acceptWord('PREPARE');
      if (c.acceptWord('ALL')) return c.atEnd() ? { kind: 'deallocate' } : undefined;
      const n = name(c);
      return n && c.atEnd() ? { kind: 'deallocate', name: n } : undefined;
    }
    case 'SELECT': {
      const select = parseCatalogueSelect(c);
      return select ? { kind: 'select', select } : undefined;
    }
    default:
      return undefined;
  }
}

// Filters that write values into SQL text.
import { parseOr } from './json-input.js';
import { toText } from './render-value.js';
import { EscapedForLiteral, SqlText } from './sql-placement.js';

/**
 * Doubles single quotes so the value can sit inside a '…' SQL literal; objects as JSON.
 * Values are escaped for their place anyway, so in a literal this is not done twice.
 */
export function sqlEscape(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  return new EscapedForLiteral(toText(value));
}

/**
 * A list as a parenthesised SQL list of quoted strings for IN: ['a','b'] → ('a','b').
 * Accepts JSON text of a list; any other string is a one-item list; empty is (NULL), as in
 * stackql-deploy. Items are quote-escaped (stackql-deploy leaves them raw) and null is NULL.
 */
export function sqlList(value: unknown): SqlText {
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (value === null || value === undefined) items = [];
  else if (typeof value === 'string') {
    const parsed = parseOr(value, undefined);
    items = Array.isArray(parsed) ? parsed : [value];
  } else throw new Error(`expects a list, got ${typeof value}`);
  if (items.length === 0) return new SqlText('(NULL)');
  return new SqlText(`(${items.map((item) => (item === null ? 'NULL' : `'${toText(item).replace(/'/g, "''")}'`)).join(',')})`);
}

// How a template value becomes text. Objects and arrays render as JSON, as stackql-deploy
// renders dict and list properties, never as `[object Object]` or `a,b`.
import { EscapedForLiteral, SqlText } from './sql-placement.js';

export function toText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'undefined':
      throw new Error('the value is undefined');
    case 'function':
      throw new Error('the value is a function, not data');
    case 'symbol':
      return String(value);
  }
  if (value === null) return 'null';
  // Covers nunjucks' SafeString (from `| safe`), which extends String.
  if (value instanceof String) return value.toString();
  if (value instanceof SqlText || value instanceof EscapedForLiteral) return value.toString();
  if (value instanceof Date) return value.toISOString();
  return jsonText(value);
}

/** JSON.stringify that fails loudly instead of returning undefined or a partial document. */
export function jsonText(value: unknown, indent?: number): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), indent);
  } catch (e) {
    throw new Error(`cannot be written as JSON: ${(e as Error).message}`, { cause: e });
  }
  if (text === undefined) throw new Error(`a ${typeof value} cannot be written as JSON`);
  return text;
}

/** JSON with object keys sorted at every level, so equal values compare equal as text. */
export function canonicalJson(value: unknown): string {
  return jsonText(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof String)) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

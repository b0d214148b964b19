// StackQL's helper functions, registered on every connection.
import type Database from 'better-sqlite3';
import { IDENTIFIER_FUNCTION } from '../../sql/select-query.js';

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** Structural equality: key order and whitespace do not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ak = Object.keys(a as object);
  const bo = b as Record<string, unknown>;
  return ak.length === Object.keys(bo).length && ak.every((k) => k in bo && jsonEqual((a as Record<string, unknown>)[k], bo[k]));
}

export function registerFunctions(db: Database.Database): void {
  db.function('json_equal', { deterministic: true }, (a: unknown, b: unknown) =>
    a === null || b === null ? null : jsonEqual(parseJson(a), parseJson(b)) ? 1 : 0,
  );
  db.function('string', { deterministic: true }, (x: unknown) => (x === null ? null : String(x)));
  db.function(IDENTIFIER_FUNCTION, { deterministic: true, varargs: true }, (...parts: unknown[]) =>
    parts.some((p) => p === null) ? null : parts.map(String).join('|'),
  );
}

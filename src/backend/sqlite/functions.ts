// StackQL's helper functions, registered on every connection.
import type Database from 'better-sqlite3';
import { IDENTIFIER_FUNCTION } from '../../sql/select-query.js';
import { awsPolicyEqual } from './aws-policy-equal.js';
import { ILIKE_FUNCTION, ilike, regexpLike, regexpReplace, regexpSubstr, splitPart } from './pattern-functions.js';

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
  const pure = { deterministic: true };
  db.function('json_equal', pure, (a: unknown, b: unknown) =>
    a === null || b === null ? null : jsonEqual(parseJson(a), parseJson(b)) ? 1 : 0,
  );
  db.function('aws_policy_equal', pure, awsPolicyEqual);
  db.function('string', pure, (x: unknown) => (x === null ? null : String(x)));
  db.function('split_part', pure, splitPart);
  // SQLite checks a call's argument count when the query is prepared, against the arity
  // better-sqlite3 reads from fn.length: one registration per documented form.
  for (const [name, fn, arities] of [
    ['regexp_like', regexpLike, [2, 3]],
    ['regexp_substr', regexpSubstr, [2, 3, 4, 5, 6]],
    ['regexp_replace', regexpReplace, [3, 4]],
    [ILIKE_FUNCTION, ilike, [2, 3]],
  ] as const) {
    for (const n of arities) {
      const call = (...args: unknown[]) => (fn as (...a: unknown[]) => unknown)(...args);
      db.function(name, pure, Object.defineProperty(call, 'length', { value: n }));
    }
  }
  db.function(IDENTIFIER_FUNCTION, { deterministic: true, varargs: true }, (...parts: unknown[]) =>
    parts.some((p) => p === null) ? null : parts.map(String).join('|'),
  );
}

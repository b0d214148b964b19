// Resource properties (Cloud Control's JSON) → backend values, per column type.
import type { ColumnDef } from '../providers/catalog-types.js';

export function toSqlValue(col: ColumnDef, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  switch (col.type) {
    case 'object':
    case 'array':
      return typeof v === 'string' ? v : JSON.stringify(v);
    case 'boolean':
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (v === 'true' || v === 'false') return v === 'true' ? 1 : 0;
      return typeof v === 'number' ? v : String(v);
    case 'integer':
    case 'number':
      return typeof v === 'number' ? v : typeof v === 'object' ? JSON.stringify(v) : v;
    default:
      return typeof v === 'object' ? JSON.stringify(v) : typeof v === 'boolean' ? String(v) : v;
  }
}

/** `[{Key, Value}]` (standard) or `{key: value}` (map) → [key, value] pairs. */
export function tagPairs(tags: unknown): [string, string][] {
  if (Array.isArray(tags)) {
    return tags
      .filter((t): t is { Key: unknown; Value: unknown } => typeof t === 'object' && t !== null && 'Key' in t)
      .map((t) => [String(t.Key), t.Value === undefined || t.Value === null ? '' : String(t.Value)]);
  }
  if (tags && typeof tags === 'object') return Object.entries(tags).map(([k, v]) => [k, String(v)]);
  return [];
}

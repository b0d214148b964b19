// Per-predicate pushdown answers (DataFusion's TableProvider habit). The residual WHERE
// always stays in the backend query, so an answer only decides which calls are made.
import type { ResourceDef } from '../providers/catalog-types.js';
import type { Predicate } from '../sql/select-query.js';

/**
 * exact: the API call guarantees it (region, the identifier, all identifier columns);
 * inexact: narrows the calls (a child's parent column), re-checked in SQL;
 * unsupported: answered by the backend alone.
 */
export type PushdownAnswer = 'exact' | 'inexact' | 'unsupported';

export function columnForProperty(def: ResourceDef, property: string): string {
  const col = def.columns.find((c) => c.property === property);
  if (!col) throw new Error(`${def.cfnType} has no column for ${property}`);
  return col.name;
}

export function classifyPredicate(def: ResourceDef, p: Predicate): PushdownAnswer {
  if (p.values.some((v) => v === null)) return 'unsupported';
  if (p.column === 'region' || p.column === 'data__identifier') return 'exact';
  if (def.meta) return ['data__requesttoken', 'request_token', 'operation', 'operation_status'].includes(p.column) ? 'exact' : 'unsupported';
  const idColumns = def.primaryIdentifier.map((prop) => columnForProperty(def, prop));
  if (idColumns.includes(p.column)) {
    if (def.parent && p.column === columnForProperty(def, def.parent.property)) return 'inexact';
    return 'exact';
  }
  return 'unsupported';
}

// Per-predicate pushdown answers (DataFusion's TableProvider habit), given by each table
// source's classify(). The residual WHERE always stays in the backend query, so an
// answer only decides which calls are made.
import type { ResourceDef } from '../providers/catalog-types.js';

/**
 * exact: the API call guarantees it (region, the identifier, all identifier columns);
 * inexact: narrows the calls (a child's parent column), re-checked in SQL;
 * unsupported: answered by the backend alone.
 */
export type PushdownAnswer = 'exact' | 'inexact' | 'unsupported';

export function columnForProperty(def: ResourceDef, property: string): string {
  // A few registry schemas name a nested identifier (`Schedule/ScheduleId`): its column is
  // the top-level property's.
  const top = property.split('/')[0];
  const col = def.columns.find((c) => c.property === top);
  if (!col) throw new Error(`${def.cfnType} has no column for ${property}`);
  return col.name;
}

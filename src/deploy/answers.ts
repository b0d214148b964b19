// What the checks' rows mean: a count of 0 or 1 (more is a query that cannot tell one
// resource from another), v2's exists row of fields, and the exports row mapped to the
// names the manifest gives them.
import { anchorWhere, DeployError, StackError } from './errors.js';
import type { ResourceSpec } from './manifest.js';
import type { Anchor } from './query-file.js';
import type { Row } from './sql-runner.js';

/** What an exists query said: v2 also lets it return fields (not count), kept as this.*. */
export interface ExistsAnswer {
  exists: boolean;
  fields?: Row;
}

/** `count` in any letter case. */
function countColumn(row: Row): string | undefined {
  return Object.keys(row).find((k) => k.toLowerCase() === 'count');
}

function countOf(rows: Row[], anchor: Anchor, what: string): number {
  if (rows.length === 0) return 0;
  const col = countColumn(rows[0]);
  if (col === undefined) {
    throw new StackError(`${anchorWhere(anchor.file, anchor.name, anchor.line)}: the ${what} query must return a column named count (SELECT COUNT(*) AS count …); it returned ${Object.keys(rows[0]).join(', ') || 'no columns'}`);
  }
  const n = Number(rows[0][col]);
  if (!Number.isInteger(n) || n < 0) throw new DeployError(`${anchorWhere(anchor.file, anchor.name, anchor.line)}: count is ${JSON.stringify(rows[0][col])}, not a whole number`);
  if (n > 1) {
    throw new DeployError(`${anchorWhere(anchor.file, anchor.name, anchor.line)}: the ${what} query matched ${n} resources; it must match 0 or 1 (make its WHERE pick one resource)`);
  }
  return n;
}

export function countIsOne(rows: Row[], anchor: Anchor, what: string): boolean {
  return countOf(rows, anchor, what) === 1;
}

/** Count mode (a `count` column) or, as v2 allows, field mode: a row of non-null fields means it exists. */
export function existsAnswer(rows: Row[], anchor: Anchor): ExistsAnswer {
  if (rows.length === 0) return { exists: false };
  if (countColumn(rows[0]) !== undefined) return { exists: countIsOne(rows, anchor, 'exists') };
  if (rows.length > 1) {
    throw new DeployError(`${anchorWhere(anchor.file, anchor.name, anchor.line)}: the exists query returned ${rows.length} rows; it must return one count, or one row of fields`);
  }
  const empty = Object.values(rows[0]).every((v) => v === null || v === undefined || v === '' || v === 'null');
  return empty ? { exists: false } : { exists: true, fields: rows[0] };
}

/** The manifest's exports from the row: `- name` takes column name; `- column: name` renames. */
export function exportValues(res: ResourceSpec, anchor: Anchor, row: Row): Record<string, unknown> {
  const values = new Map<string, unknown>();
  for (const spec of res.exports) {
    const col = spec.column in row ? spec.column : Object.keys(row).find((k) => k.toLowerCase() === spec.column.toLowerCase());
    if (col === undefined) {
      throw new DeployError(
        `${anchorWhere(anchor.file, 'exports', anchor.line)}: resource '${res.name}' exports '${spec.column}', but its exports query returned only ${Object.keys(row).join(', ') || 'no columns'}`,
      );
    }
    values.set(spec.name, row[col]);
  }
  return Object.fromEntries(values);
}

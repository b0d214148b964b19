// The get-or-list decision for one table reference: a pure function of the table's
// definition and the predicates the query puts on it (Steampipe's key-column habit).
import { PlanError } from '../errors.js';
import type { ColumnDef, ResourceDef } from '../providers/catalog-types.js';
import type { Literal, Predicate, TableRef } from '../sql/select-query.js';
import { columnForProperty } from './pushdown.js';

export type Access =
  /** GetResource for each identifier. */
  | { kind: 'get'; identifiers: string[] }
  /** ListResources; for a child type, per parent id (given by the query or listed first). */
  | { kind: 'list'; parentIds?: string[]; requestFilter?: RequestFilter };

/** ListResourceRequests' server-side filter, from operation / operation_status predicates. */
export interface RequestFilter {
  Operations?: string[];
  OperationStatuses?: string[];
}

export interface TablePlan {
  ref: TableRef;
  def: ResourceDef;
  regions: string[];
  access: Access;
  /** Columns to decode from each resource's properties; region is always filled. */
  columns: ColumnDef[];
  /** False when list results (identifiers only) answer every column the query uses. */
  needsProperties: boolean;
}

/** All values an equality or IN predicate allows for `column`; undefined when unconstrained. */
function allowed(preds: Predicate[], column: string): string[] | undefined {
  let result: string[] | undefined;
  for (const p of preds) {
    if (p.column !== column || p.values.some((v) => v === null)) continue;
    const values = (p.values as Exclude<Literal, null>[]).map(String);
    // Two constraints on one column intersect (region = 'a' AND region IN ('a','b')).
    result = result ? result.filter((v) => values.includes(v)) : [...new Set(values)];
  }
  return result;
}

function cartesian(lists: string[][]): string[][] {
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}

export interface PlanContext {
  /** Prints the user's query with one more predicate: the fix a PlanError shows. */
  corrected(refId: number, column: string, example: string): string;
}

export function planTable(def: ResourceDef, ref: TableRef, ctx: PlanContext): TablePlan {
  const name = `${ref.provider}.${ref.service}.${ref.resource}`;
  const regions = allowed(ref.predicates, 'region');
  if (!regions) {
    throw new PlanError(
      `${name} needs a region: Cloud Control is regional. Add it to the WHERE clause:\n  ${ctx.corrected(ref.id, 'region', 'us-east-1')}`,
    );
  }
  const idColumns = def.primaryIdentifier.map((p) => columnForProperty(def, p));
  const byIdentifier =
    allowed(ref.predicates, 'data__identifier') ??
    (def.meta ? (allowed(ref.predicates, 'data__requesttoken') ?? allowed(ref.predicates, 'request_token')) : undefined);
  const perColumn = idColumns.map((c) => allowed(ref.predicates, c));
  let access: Access;
  if (byIdentifier) {
    access = { kind: 'get', identifiers: byIdentifier };
  } else if (perColumn.every((v) => v !== undefined)) {
    access = { kind: 'get', identifiers: cartesian(perColumn as string[][]).map((parts) => parts.join('|')) };
  } else if (def.meta) {
    // Only values Cloud Control's filter accepts are sent; others cannot match a row
    // (the WHERE still applies in SQL), so they narrow nothing.
    const valid = (vs: string[] | undefined, allowedValues: string[]) => {
      const ok = vs?.filter((v) => allowedValues.includes(v));
      return ok?.length ? ok : undefined;
    };
    const operations = valid(allowed(ref.predicates, 'operation'), ['CREATE', 'UPDATE', 'DELETE']);
    const statuses = valid(allowed(ref.predicates, 'operation_status'), [
      'PENDING',
      'IN_PROGRESS',
      'SUCCESS',
      'FAILED',
      'CANCEL_IN_PROGRESS',
      'CANCEL_COMPLETE',
    ]);
    const requestFilter: RequestFilter = {
      ...(operations ? { Operations: operations } : {}),
      ...(statuses ? { OperationStatuses: statuses } : {}),
    };
    access = { kind: 'list', ...(operations || statuses ? { requestFilter } : {}) };
  } else if (def.parent) {
    const parentIds = allowed(ref.predicates, columnForProperty(def, def.parent.property));
    access = { kind: 'list', ...(parentIds ? { parentIds } : {}) };
  } else {
    access = { kind: 'list' };
  }

  // Identifier columns are always decoded: data__Identifier is computed from them.
  // Write-only columns never are: Cloud Control does not return them, so they stay NULL
  // and never cause a GetResource.
  const columns = def.columns.filter(
    (c) => c.property && !c.writeOnly && (ref.allColumns || ref.columns.has(c.name) || idColumns.includes(c.name)),
  );
  // Cloud Control's list returns the identifier properties only: anything else needs a
  // get, and so do a tags view's tags.
  const needsProperties = access.kind === 'get' || Boolean(def.tagsOf) || columns.some((c) => !idColumns.includes(c.name));
  return { ref, def, regions, access, columns, needsProperties };
}

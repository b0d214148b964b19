// Finding what an UPDATE or DELETE touches: refusing an unbounded WHERE, naming the
// targets straight from a WHERE of identifiers alone, or the reads that find them.
import { PlanError } from '../errors.js';
import type { ResultSet } from '../output/result-set.js';
import type { DeleteStatement, UpdateStatement } from '../sql/write-statements.js';
import { dryRunSelect, planSelect } from './run-select.js';
import { fullName, type WriteContext } from './write-calls.js';
import { plannedCalls, type PlannedCall } from './write-results.js';

/** Refuses a WHERE that names nothing but region: it would touch every resource of the type. */
export function checkBounded(stmt: UpdateStatement | DeleteStatement, ctx: WriteContext, verb: string): void {
  if (ctx.allowUnbounded) return;
  if (stmt.whereColumns.every((c) => c === 'region')) {
    throw new PlanError(
      `${verb} on ${fullName(stmt.table)} ${stmt.whereColumns.length ? 'names nothing but region' : 'has no WHERE clause'}: it would ${verb === 'UPDATE' ? 'change' : 'delete'} every resource of the type. ` +
        'Add a condition (WHERE data__Identifier = …), or pass --allow-unbounded if that is what you mean.',
    );
  }
}

/** Targets named exactly by the WHERE (identifier and region only), so no read is needed. */
export function directTargets(stmt: UpdateStatement | DeleteStatement, ctx: WriteContext): { region: string; identifier: string }[] | undefined {
  if (stmt.otherConjuncts) return undefined;
  const [plan] = planSelect(stmt.targets, ctx.catalog);
  const exact = new Set(['region', 'data__identifier', ...plan.def.primaryIdentifier.map((p) => plan.def.columns.find((c) => c.property === p)!.name)]);
  if (plan.access.kind !== 'get' || !stmt.predicates.every((p) => exact.has(p.column))) return undefined;
  // `= NULL` matches nothing in SQL, and data__Identifier beside identifier columns may
  // contradict them: both need the read, which applies the whole WHERE.
  if (stmt.predicates.some((p) => p.values.some((v) => v === null))) return undefined;
  const named = new Set(stmt.predicates.map((p) => p.column));
  if (named.has('data__identifier') && [...named].some((c) => c !== 'data__identifier' && c !== 'region')) return undefined;
  // Across several regions an identifier names at most one resource per region that has
  // it: read first, so regions without it are not written to (and do not fail the write).
  if (plan.regions.length > 1) return undefined;
  const ids = plan.access.identifiers;
  return plan.regions.flatMap((region) => ids.map((identifier) => ({ region, identifier })));
}

/** The reads that find an UPDATE/DELETE's rows, as a SELECT's dry run shows them, then the write. */
export function readPlanCalls(stmt: UpdateStatement | DeleteStatement, ctx: WriteContext, each: PlannedCall): ResultSet {
  const reads = dryRunSelect(stmt.targets, ctx);
  return { ...reads, rows: [...reads.rows, plannedCalls([each]).rows[0]] };
}

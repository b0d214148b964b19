// Finding what an UPDATE or DELETE touches: refusing an unbounded WHERE, naming the
// targets straight from a WHERE of identifiers alone, or the reads that find them.
import { PlanError } from '../errors.js';
import type { ResultSet } from '../contracts/result-set.js';
import type { ResourceDef } from '../providers/catalog-types.js';
import type { DeleteStatement, TableName, UpdateStatement } from '../sql/write-statements.js';
import { isPinned, readTargets, refuseIfEvery, type ReadTargets, type Target } from './write-bounds.js';
import { bindTables, dryRunSelect, planSelect } from './run-select.js';
import { fullName, type WriteContext } from './write-calls.js';
import { plannedCalls, type PlannedCall } from './write-results.js';

/** Where a statement sits in its script, for checks that depend on what ran before it. */
export interface ScriptPosition {
  /** 1-based. */
  index: number;
  count: number;
  /** The writes before this statement in the script. */
  earlierWrites(): { index: number; table: TableName }[];
}

/**
 * An unpinned UPDATE/DELETE is read while the script is checked, before any statement
 * runs, and refused if it would touch every resource it read. When an earlier statement
 * of the script writes the same type, that read would not show what the write leaves, so
 * the statement is refused instead of running the script half.
 */
export async function earlyRead(
  stmt: UpdateStatement | DeleteStatement,
  def: ResourceDef,
  verb: 'UPDATE' | 'DELETE',
  ctx: WriteContext,
  position: ScriptPosition,
): Promise<ReadTargets | undefined> {
  if (ctx.allowUnbounded || isPinned(stmt, def)) return undefined;
  const writer = position.earlierWrites().find((w) => fullName(w.table) === fullName(stmt.table));
  if (writer) {
    throw new PlanError(
      `statement ${position.index} (${verb} on ${fullName(stmt.table)}) does not pin its rows to identifiers, so it must be read to know it does not ${verb === 'UPDATE' ? 'change' : 'delete'} every resource, ` +
        `and statement ${writer.index} writes ${fullName(stmt.table)} before it: that read can only be made after the write. ` +
        'Nothing was run. Pin it (WHERE data__Identifier = …), run it as a script of its own, or pass --allow-unbounded.',
    );
  }
  const read = await readTargets(stmt, ctx);
  refuseIfEvery(stmt, def, verb, read);
  return read;
}

/**
 * The targets when the statement runs: the early read when nothing was written since it
 * was made, else a new read, refused again if it now matches every resource.
 */
export async function targetsAtRun(
  stmt: UpdateStatement | DeleteStatement,
  def: ResourceDef,
  verb: 'UPDATE' | 'DELETE',
  ctx: WriteContext,
  position: ScriptPosition,
  early: ReadTargets | undefined,
): Promise<Target[]> {
  if (early && position.earlierWrites().length === 0) return early.targets;
  const read = await readTargets(stmt, ctx);
  if (early) refuseIfEvery(stmt, def, verb, read);
  return read.targets;
}

/** With --dry-run, an unpinned write shows how much of what it read it would touch. */
export function scopeNotice(verb: 'UPDATE' | 'DELETE', stmt: UpdateStatement | DeleteStatement, read: ReadTargets): string {
  return `${verb} would ${verb === 'UPDATE' ? 'change' : 'delete'} ${read.targets.length} of the ${read.scope} ${fullName(stmt.table)} read`;
}

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
  const tables = bindTables(stmt.targets, ctx.catalog);
  const [plan] = planSelect(stmt.targets, ctx.catalog, tables);
  const source = tables[0].source;
  const exact = new Set(['region', ...source.identifierNames, ...source.keyColumns]);
  if (plan.calls.call !== 'get' || !stmt.predicates.every((p) => exact.has(p.column))) return undefined;
  // `= NULL` matches nothing in SQL, and data__Identifier beside identifier columns may
  // contradict them: both need the read, which applies the whole WHERE.
  if (stmt.predicates.some((p) => p.values.some((v) => v === null))) return undefined;
  const named = new Set(stmt.predicates.map((p) => p.column));
  const byIdentifier = [...named].filter((c) => source.identifierNames.includes(c));
  if (byIdentifier.length > 1 || (byIdentifier.length === 1 && [...named].some((c) => c !== byIdentifier[0] && c !== 'region'))) return undefined;
  // Across several regions an identifier names at most one resource per region that has
  // it: read first, so regions without it are not written to (and do not fail the write).
  if (plan.regions.length > 1) return undefined;
  const ids = plan.calls.identifiers;
  return plan.regions.flatMap((region) => ids.map((identifier) => ({ region, identifier })));
}

/** The reads that find an UPDATE/DELETE's rows, as a SELECT's dry run shows them, then the write. */
export function readPlanCalls(stmt: UpdateStatement | DeleteStatement, ctx: WriteContext, each: PlannedCall): ResultSet {
  const reads = dryRunSelect(stmt.targets, ctx);
  return { ...reads, rows: [...reads.rows, plannedCalls([each]).rows[0]] };
}

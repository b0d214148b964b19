// Carrying out an UPDATE or DELETE's target plan (plan/write-plan.ts): the early read of
// an unpinned WHERE, and the reads that find the targets when the statement runs.
import { PlanError } from '../errors.js';
import type { ResultSet } from '../contracts/result-set.js';
import type { ResourceDef } from '../providers/catalog-types.js';
import type { DeleteStatement, TableName, UpdateStatement } from '../sql/write-statements.js';
import { readTargets, refuseIfEvery, type ReadTargets, type Target } from './write-bounds.js';
import type { WritePlan } from '../plan/write-plan.js';
import { fullName, type WriteContext } from './write-calls.js';
import { plannedReads, type PlannedCall } from './write-results.js';

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
  plan: WritePlan,
  ctx: WriteContext,
  position: ScriptPosition,
): Promise<ReadTargets | undefined> {
  if (ctx.allowUnbounded || plan.targets.kind !== 'read' || plan.targets.pinned) return undefined;
  const verb = plan.verb;
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

/** The reads that find an UPDATE/DELETE's rows, as its plan has them, then the write. */
export function readPlanCalls(plan: WritePlan, each: PlannedCall): ResultSet {
  return plannedReads(plan.targets.kind === 'read' ? plan.targets.reads : [], [each]);
}

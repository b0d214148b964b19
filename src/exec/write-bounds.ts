// Bounded means pinned. An UPDATE or DELETE is bounded when its WHERE is a conjunction
// that pins the identifier, every primary-identifier column, or (for a child type) the
// parent's identifier to literal values. Anything else — `1=1 OR …`, LIKE '%', <>, NOT,
// IS NOT NULL, `x = x` — is read first, and refused when it would touch every resource
// of the type in the scope it read, unless --allow-unbounded.
import { PlanError } from '../errors.js';
import { pinColumns } from '../plan/write-plan.js';
import type { ResourceDef } from '../providers/catalog-types.js';
import type { DeleteStatement, UpdateStatement } from '../sql/write-statements.js';
import { runSelect } from './run-select.js';
import { fullName, type WriteContext } from './write-calls.js';

export interface Target {
  region: string;
  identifier: string;
  /** The rest of the target row (an UPDATE's SET values, per row). */
  rest: unknown[];
}

export interface ReadTargets {
  targets: Target[];
  /** Resources of the type the read found before the WHERE was applied. */
  scope: number;
}

const SPELLING: Record<string, string> = { data__identifier: 'data__Identifier' };

/** The rows an UPDATE/DELETE would touch, and how many resources the read saw in all. */
export async function readTargets(stmt: UpdateStatement | DeleteStatement, ctx: WriteContext): Promise<ReadTargets> {
  let scope = 0;
  const mainRef = stmt.targets.tables[0]?.id;
  const rows = (
    await runSelect(stmt.targets, ctx, (refId, count) => {
      if (refId === mainRef) scope += count;
    })
  ).rows;
  return { targets: rows.map((r) => ({ identifier: String(r[0]), region: String(r[1]), rest: r.slice(2) })), scope };
}

/** Refuses a read whose WHERE matched every resource it saw (more than one). */
export function refuseIfEvery(stmt: UpdateStatement | DeleteStatement, def: ResourceDef, verb: 'UPDATE' | 'DELETE', read: ReadTargets): void {
  const { targets, scope } = read;
  if (targets.length < 2 || targets.length < scope) return;
  const regions = [...new Set(targets.map((t) => t.region))].sort().join(', ');
  const pins = pinColumns(def)
    .filter((s) => s.length > 0)
    .map((s) => s.map((c) => SPELLING[c] ?? c).join(' and '));
  throw new PlanError(
    `${verb} on ${fullName(stmt.table)} would ${verb === 'UPDATE' ? 'change' : 'delete'} every resource it read ` +
      `(${targets.length} of ${scope} in ${regions}): its WHERE does not pin ${[...new Set(pins)].join(', or ')} to values. ` +
      `Pin them (WHERE data__Identifier = '…'), or pass --allow-unbounded if that is what you mean.`,
  );
}

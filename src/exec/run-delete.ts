// DELETE: a DeleteResource per target; with RETURNING, each is read before it goes.
import type { ResultSet } from '../output/result-set.js';
import type { Hint } from '../sql/split-statements.js';
import type { DeleteStatement } from '../sql/write-statements.js';
import { runSelect } from './run-select.js';
import { execute, present, readEach, wantsAwait, writableDef, type WriteCall, type WriteContext } from './write-calls.js';
import { checkBounded, directTargets, readPlanCalls } from './write-targets.js';
import { plannedCalls, progressEvents, resourceRows, returningColumns } from './write-results.js';

export async function runDelete(stmt: DeleteStatement, hints: Hint[], ctx: WriteContext): Promise<ResultSet> {
  const def = writableDef(ctx, stmt.table, 'deleted from');
  checkBounded(stmt, ctx, 'DELETE');
  const returning = stmt.returning ? returningColumns(def, stmt.returning) : undefined;
  let targets = directTargets(stmt, ctx);
  if (ctx.dryRun && !targets) {
    return readPlanCalls(stmt, ctx, { operation: 'DeleteResource', region: '(each match)', typeName: def.cfnType });
  }
  targets ??= (await runSelect(stmt.targets, ctx)).rows.map((r) => ({ identifier: String(r[0]), region: String(r[1]) }));
  if (ctx.dryRun) {
    return plannedCalls(targets.map((t) => ({ operation: 'DeleteResource', region: t.region, typeName: def.cfnType, identifier: t.identifier })));
  }
  // RETURNING on a delete shows what was there: read it before it goes.
  const before = returning ? (await readEach(def, targets, ctx)).filter(present) : [];
  const calls: WriteCall[] = targets.map((t) => ({
    region: t.region,
    identifier: t.identifier,
    label: `'${t.identifier}'`,
    send: (cc, token, signal) => cc.delete(t.region, def.cfnType, t.identifier, token, signal),
  }));
  const events = await execute(def, calls, 'DeleteResource', wantsAwait(hints, ctx, Boolean(returning)), ctx);
  return returning ? resourceRows(def, returning, before, stmt.returning!.aliases) : progressEvents(events);
}

// DELETE: a DeleteResource per target; with RETURNING, each is read before it goes.
import type { ResultSet } from '../contracts/result-set.js';
import type { Hint } from '../sql/split-statements.js';
import type { DeleteStatement } from '../sql/write-statements.js';
import { checkOneRequest, requestFromWhere, sendable } from './request-parameters.js';
import { checkSelect } from './run-select.js';
import { execute, fullName, readEach, wantsAwait, writableDef, type WriteCall, type WriteContext } from './write-calls.js';
import { checkBounded, planTargets } from '../plan/write-plan.js';
import { earlyRead, readPlanCalls, scopeNotice, targetsAtRun, type ScriptPosition } from './write-targets.js';
import { plannedCalls, progressEvents } from './write-results.js';
import { planReturning, returningRows } from './write-returning.js';

/** Checks the DELETE (reading first when its WHERE is not pinned); the result runs it. */
export async function prepareDelete(stmt: DeleteStatement, hints: Hint[], ctx: WriteContext, position: ScriptPosition): Promise<() => Promise<ResultSet>> {
  const def = writableDef(ctx, stmt.table, 'delete');
  const request = requestFromWhere(stmt.request);
  const returning = stmt.returning ? planReturning(stmt.table.provider, def, stmt.returning) : undefined;
  if (!ctx.allowUnbounded) checkBounded(stmt, fullName(stmt.table), 'DELETE');
  checkSelect(stmt.targets, ctx);
  const plan = planTargets(stmt, ctx.catalog, { rowFree: true });
  const direct = plan.targets.kind === 'named' ? plan.targets.targets : undefined;
  const early = await earlyRead(stmt, def, plan, ctx, position);
  return async () => {
    if (ctx.dryRun && !direct && !early) {
      return readPlanCalls(plan, { operation: 'DeleteResource', region: '(each match)', typeName: def.cfnType });
    }
    const targets = direct ?? (await targetsAtRun(stmt, def, 'DELETE', ctx, position, early));
    checkOneRequest('DELETE', request.ClientToken, targets.length);
    if (ctx.dryRun) {
      const planned = plannedCalls(targets.map((t) => ({ operation: 'DeleteResource', region: t.region, typeName: def.cfnType, identifier: t.identifier })));
      return early ? { ...planned, notices: [scopeNotice('DELETE', stmt, early)] } : planned;
    }
    // RETURNING on a delete shows what was there: read it before it goes.
    const before = returning?.readsResource ? await readEach(def, targets, ctx) : undefined;
    const calls: WriteCall[] = targets.map((t) => ({
      region: t.region,
      identifier: t.identifier,
      label: `'${t.identifier}'`,
      clientToken: request.ClientToken,
      send: (cc, token, signal) => cc.delete(t.region, def.cfnType, t.identifier, token, signal, sendable(request)),
    }));
    const events = await execute(def, calls, 'DeleteResource', wantsAwait(hints, ctx, Boolean(returning?.readsResource)), ctx);
    return returning ? returningRows(returning, events, before) : progressEvents(events);
  };
}

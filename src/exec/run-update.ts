// UPDATE: an RFC 6902 patch per target, given (data__PatchDocument) or built from SET.
import { PlanError } from '../errors.js';
import type { ResultSet } from '../contracts/result-set.js';
import type { ResourceDef } from '../providers/catalog-types.js';
import type { Hint } from '../sql/split-statements.js';
import type { UpdateStatement } from '../sql/write-statements.js';
import { checkUpdateColumns, propertyValue } from './desired-state.js';
import { patchFromSets, validatePatch } from './patch-document.js';
import { checkOneRequest, requestFromSets, requestFromWhere, sendable } from './request-parameters.js';
import { checkSelect, runSelect } from './run-select.js';
import { execute, fullName, readEach, returned, wantsAwait, writableDef, type WriteCall, type WriteContext } from './write-calls.js';
import { checkBounded, planTargets } from '../plan/write-plan.js';
import { earlyRead, readPlanCalls, scopeNotice, targetsAtRun, type ScriptPosition } from './write-targets.js';
import { plannedCalls, progressEvents } from './write-results.js';
import { planReturning } from './write-returning.js';

/** Checks the UPDATE (its values, and a read when its WHERE is not pinned); the result runs it. */
export async function prepareUpdate(stmt: UpdateStatement, hints: Hint[], ctx: WriteContext, position: ScriptPosition): Promise<() => Promise<ResultSet>> {
  const def = writableDef(ctx, stmt.table, 'update');
  // SET ClientToken = '…' is a parameter of the call, not a change: the rest is the patch.
  const { at: requestAt, request } = requestFromSets(def, stmt.sets, requestFromWhere(stmt.request));
  const sets = stmt.sets.filter((_, i) => !requestAt.has(i));
  const own = (values: unknown[]) => values.filter((_, i) => !requestAt.has(i));
  // `PatchDocument` is StackQL's awscc spelling of data__PatchDocument.
  const patchIndex = sets.findIndex((s) => ['data__patchdocument', 'patchdocument'].includes(s.column.toLowerCase()));
  if (patchIndex >= 0 && sets.length > 1) {
    throw new PlanError(`SET ${sets[patchIndex].column} cannot be combined with other SET columns: put every change in the patch, or SET the columns alone.`);
  }
  const cols = patchIndex >= 0 ? [] : checkUpdateColumns(def, sets.map((s) => s.column));
  if (!ctx.allowUnbounded) checkBounded(stmt, fullName(stmt.table), 'UPDATE');
  const returning = stmt.returning ? planReturning(stmt.table.provider, def, stmt.returning) : undefined;
  const toPatch = (all: unknown[]): string => {
    const values = own(all);
    if (patchIndex >= 0) {
      validatePatch(def, values[0], sets[patchIndex].column);
      return String(values[0]);
    }
    return JSON.stringify(patchFromSets(cols, cols.map((c, i) => propertyValue(c, values[i], 'in SET'))));
  };
  checkSelect(stmt.targets, ctx);
  const rowFree = stmt.sets.every((s) => !s.usesColumns);
  const plan = planTargets(stmt, ctx.catalog, { rowFree });
  if (rowFree) checkSelect(stmt.values, ctx);
  // Values that need no provider table are known now: a bad patch fails before any call.
  const fixedPatch = rowFree && stmt.values.tables.length === 0 ? toPatch((await runSelect(stmt.values, ctx)).rows[0]) : undefined;
  const direct = plan.targets.kind === 'named' ? plan.targets.targets : undefined;
  const early = await earlyRead(stmt, def, plan, ctx, position);

  return async () => {
    let targets: { region: string; identifier: string; patch: string }[];
    if (direct) {
      const patch = fixedPatch ?? toPatch((await runSelect(stmt.values, ctx)).rows[0]);
      targets = direct.map((t) => ({ ...t, patch }));
    } else {
      if (ctx.dryRun && !early) {
        return readPlanCalls(plan, {
          operation: 'UpdateResource',
          region: '(each match)',
          typeName: def.cfnType,
          body: stmt.sets.map((s) => `${s.column} = ${s.text}`).join(', '),
        });
      }
      const rows = await targetsAtRun(stmt, def, 'UPDATE', ctx, position, early);
      targets = rows.map((r) => ({ identifier: r.identifier, region: r.region, patch: toPatch(r.rest) }));
    }
    if (ctx.dryRun) {
      const planned = plannedCalls(targets.map((t) => ({ operation: 'UpdateResource', region: t.region, typeName: def.cfnType, identifier: t.identifier, body: t.patch })));
      return early ? { ...planned, notices: [scopeNotice('UPDATE', stmt, early)] } : planned;
    }
    const notices: string[] = [];
    if (patchIndex < 0) {
      const kept = await withoutNoOpRemovals(def, targets, ctx);
      const keptKeys = new Set(kept.map((k) => `${k.region}|${k.identifier}`));
      for (const t of targets.filter((t) => !keptKeys.has(`${t.region}|${t.identifier}`))) {
        notices.push(`nothing to change for '${t.identifier}' in ${t.region}: what it sets to NULL is already unset; no call made`);
      }
      targets = kept;
    }
    checkOneRequest('UPDATE', request.ClientToken, targets.length);
    const calls: WriteCall[] = targets.map((t) => ({
      region: t.region,
      identifier: t.identifier,
      label: `'${t.identifier}'`,
      clientToken: request.ClientToken,
      send: (cc, token, signal) => cc.update(t.region, def.cfnType, t.identifier, t.patch, token, signal, sendable(request)),
    }));
    const events = await execute(def, calls, 'UpdateResource', wantsAwait(hints, ctx, Boolean(returning?.readsResource)), ctx);
    const result = returning ? await returned(def, returning, events, ctx) : progressEvents(events);
    return notices.length ? { ...result, notices } : result;
  };
}

/**
 * `SET col = NULL` becomes a `remove`, which RFC 6902 fails on a member that is not there.
 * In SQL, setting an absent value to NULL changes nothing: read those resources first and
 * drop such removals; a target left with an empty patch is not called at all.
 */
async function withoutNoOpRemovals<T extends { region: string; identifier: string; patch: string }>(
  def: ResourceDef,
  targets: T[],
  ctx: WriteContext,
): Promise<T[]> {
  const ops = targets.map((t) => JSON.parse(t.patch) as { op: string; path: string }[]);
  const removing = targets.filter((_, i) => ops[i].some((o) => o.op === 'remove'));
  const current = new Map((await readEach(def, removing, ctx)).map((r, i) => [removing[i], r]));
  const kept: T[] = [];
  targets.forEach((t, i) => {
    const now = current.get(t);
    // Not read (no removal), or gone (let UpdateResource report it): send as it is.
    if (!now) return kept.push(t);
    const live = ops[i].filter((o) => o.op !== 'remove' || now.properties[o.path.slice(1)] !== undefined);
    if (live.length) kept.push({ ...t, patch: JSON.stringify(live) });
  });
  return kept;
}

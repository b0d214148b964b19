// INSERT: one CreateResource per row of the VALUES or SELECT, every row checked first.
import { sendable } from './request-parameters.js';
import { PlanError } from '../errors.js';
import type { ResultSet } from '../contracts/result-set.js';
import type { Hint } from '../sql/split-statements.js';
import type { InsertStatement } from '../sql/write-statements.js';
import { checkInsertColumns, checkRequiredNamed, desiredState } from './desired-state.js';
import { plannedReadCalls } from '../plan/read-plan.js';
import { checkSelect, planSelect, runSelect } from './run-select.js';
import { execute, fullName, returned, wantsAwait, writableDef, type WriteCall, type WriteContext } from './write-calls.js';
import { plannedCalls, progressEvents } from './write-results.js';
import { planReturning } from './write-returning.js';

/** Checks the INSERT (with literal rows, every row's desired state); the result runs it. */
export async function prepareInsert(stmt: InsertStatement, hints: Hint[], ctx: WriteContext): Promise<() => Promise<ResultSet>> {
  const def = writableDef(ctx, stmt.table, 'create');
  const targets = checkInsertColumns(def, stmt.columns);
  checkRequiredNamed(def, targets);
  const returning = stmt.returning ? planReturning(stmt.table.provider, def, stmt.returning) : undefined;
  checkSelect(stmt.rows, ctx);
  const statesOf = async () => {
    const source = await runSelect(stmt.rows, ctx);
    if (source.columns.length !== targets.length) {
      throw new PlanError(`INSERT INTO ${fullName(stmt.table)} names ${targets.length} columns but its rows have ${source.columns.length} values.`);
    }
    return withDistinctTokens(source.rows.map((row, i) => desiredState(def, targets, row, i + 1)));
  };
  // Rows that read no provider table are known now (VALUES, SELECT of literals).
  const known = stmt.rows.tables.length === 0 ? await statesOf() : undefined;

  return async () => {
    if (ctx.dryRun && !known) {
      const reads = planSelect(stmt.rows, ctx.catalog)
        .flatMap(plannedReadCalls)
        .map((c) => ({ ...c, body: c.body ? `${c.body}, to read the rows to insert` : 'to read the rows to insert' }));
      return plannedCalls([...reads, { operation: 'CreateResource', region: '(each row)', typeName: def.cfnType, body: 'one per row read' }]);
    }
    const states = known ?? (await statesOf());
    if (ctx.dryRun) {
      return plannedCalls(states.map((s) => ({ operation: 'CreateResource', region: s.region, typeName: def.cfnType, body: JSON.stringify(s.state) })));
    }
    const calls: WriteCall[] = states.map((s, i) => ({
      region: s.region,
      label: `row ${i + 1}`,
      clientToken: s.request.ClientToken,
      send: (cc, token, signal) => cc.create(s.region, def.cfnType, s.state, token, signal, sendable(s.request)),
    }));
    const events = await execute(def, calls, 'CreateResource', wantsAwait(hints, ctx, Boolean(returning?.readsResource)), ctx);
    return returning ? returned(def, returning, events, ctx) : progressEvents(events);
  };
}

/** A ClientToken names one request: two rows with the same one would be one create. */
function withDistinctTokens<T extends { request: { ClientToken?: string } }>(rows: T[]): T[] {
  const first = new Map<string, number>();
  rows.forEach((r, i) => {
    const token = r.request.ClientToken;
    if (token === undefined) return;
    const seen = first.get(token);
    if (seen !== undefined) {
      throw new PlanError(`rows ${seen + 1} and ${i + 1} have the same ClientToken '${token}': a token names one request, so give each row its own (or none).`);
    }
    first.set(token, i);
  });
  return rows;
}

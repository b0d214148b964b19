// INSERT: one CreateResource per row of the VALUES or SELECT, every row checked first.
import { PlanError } from '../errors.js';
import type { ResultSet } from '../contracts/result-set.js';
import type { Hint } from '../sql/split-statements.js';
import type { InsertStatement } from '../sql/write-statements.js';
import { checkInsertColumns, checkRequiredNamed, desiredState } from './desired-state.js';
import { plannedReadCalls } from '../plan/read-plan.js';
import { checkSelect, planSelect, runSelect } from './run-select.js';
import { execute, fullName, returned, wantsAwait, writableDef, type WriteCall, type WriteContext } from './write-calls.js';
import { plannedCalls, progressEvents, returningColumns } from './write-results.js';

/** Checks the INSERT (with literal rows, every row's desired state); the result runs it. */
export async function prepareInsert(stmt: InsertStatement, hints: Hint[], ctx: WriteContext): Promise<() => Promise<ResultSet>> {
  const def = writableDef(ctx, stmt.table, 'inserted into');
  const targets = checkInsertColumns(def, stmt.columns);
  checkRequiredNamed(def, targets);
  const returning = stmt.returning ? returningColumns(def, stmt.returning) : undefined;
  checkSelect(stmt.rows, ctx);
  const statesOf = async () => {
    const source = await runSelect(stmt.rows, ctx);
    if (source.columns.length !== targets.length) {
      throw new PlanError(`INSERT INTO ${fullName(stmt.table)} names ${targets.length} columns but its rows have ${source.columns.length} values.`);
    }
    return source.rows.map((row, i) => desiredState(def, targets, row, i + 1));
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
      send: (cc, token, signal) => cc.create(s.region, def.cfnType, s.state, token, signal),
    }));
    const events = await execute(def, calls, 'CreateResource', wantsAwait(hints, ctx, Boolean(returning)), ctx);
    return returning ? returned(def, returning, stmt.returning!.aliases, events, ctx) : progressEvents(events);
  };
}

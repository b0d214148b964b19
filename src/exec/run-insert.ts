// INSERT: one CreateResource per row of the VALUES or SELECT, every row checked first.
import { PlanError } from '../errors.js';
import type { ResultSet } from '../output/result-set.js';
import type { Hint } from '../sql/split-statements.js';
import type { InsertStatement } from '../sql/write-statements.js';
import { checkInsertColumns, checkRequiredNamed, desiredState } from './desired-state.js';
import { planSelect, runSelect } from './run-select.js';
import { execute, fullName, returned, wantsAwait, writableDef, type WriteCall, type WriteContext } from './write-calls.js';
import { plannedCalls, progressEvents, returningColumns } from './write-results.js';

export async function runInsert(stmt: InsertStatement, hints: Hint[], ctx: WriteContext): Promise<ResultSet> {
  const def = writableDef(ctx, stmt.table, 'inserted into');
  const targets = checkInsertColumns(def, stmt.columns);
  checkRequiredNamed(def, targets);
  const returning = stmt.returning ? returningColumns(def, stmt.returning) : undefined;
  if (ctx.dryRun && stmt.rows.tables.length > 0) {
    const reads = planSelect(stmt.rows, ctx.catalog).map((p) => ({
      operation: p.access.kind === 'get' ? 'GetResource' : 'ListResources',
      region: p.regions.join(', '),
      typeName: p.def.cfnType,
      body: 'to read the rows to insert',
    }));
    return plannedCalls([...reads, { operation: 'CreateResource', region: '(each row)', typeName: def.cfnType, body: 'one per row read' }]);
  }
  const source = await runSelect(stmt.rows, ctx);
  if (source.columns.length !== targets.length) {
    throw new PlanError(`INSERT INTO ${fullName(stmt.table)} names ${targets.length} columns but its rows have ${source.columns.length} values.`);
  }
  const states = source.rows.map((row, i) => desiredState(def, targets, row, i + 1));
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
}

// SELECT: bind every provider table to its source, plan its calls, check the residual
// query compiles, carry the plans out, load the rows into the backend and run the rest
// of the query there.
import { setMaxListeners } from 'node:events';
import { BackendError, type Backend } from '../backend/backend.js';
import { SqliteBackend } from '../backend/sqlite/sqlite-backend.js';
import type { ResultSet } from '../contracts/result-set.js';
import { ExecutionError, PlanError } from '../errors.js';
import type { FetchedResource, ReadPlan } from '../plan/read-plan.js';
import { sourceFor } from '../plan/source-for.js';
import type { TableSource } from '../plan/table-source.js';
import type { Catalog } from '../providers/catalog.js';
import type { CloudControl } from '../providers/aws/cloud-control.js';
import { checkProvisionable } from '../providers/operable.js';
import type { SelectQuery, TableBinding, TableRef } from '../sql/select-query.js';
import { closest } from '../util/closest.js';
import { fetchTable } from './fetch-table.js';
import { Limiter } from './limiter.js';
import { Progress } from './progress.js';
import { cachedReads, type ResultCache } from './result-cache.js';
import { plannedReads } from './write-results.js';

export interface SelectContext {
  catalog: Catalog;
  cloudControl: () => CloudControl;
  concurrency: number;
  signal: AbortSignal;
  /** Lists and gets answered through this cache (never for a write's own reads). */
  cache?: ResultCache;
}

export interface BoundTable {
  ref: TableRef;
  source: TableSource;
}

export function bindTables(query: SelectQuery, catalog: Catalog): BoundTable[] {
  return query.tables.map((ref) => ({ ref, source: sourceFor(catalog, ref.provider, ref.service, ref.resource) }));
}

/** Every provider table's read plan. */
export function planSelect(query: SelectQuery, catalog: Catalog, tables = bindTables(query, catalog)): ReadPlan[] {
  return tables.map(({ ref, source }) => source.plan(ref, { corrected: (id, column, value) => query.withPredicate(id, column, value) }));
}

/** The backend's refusal, said in the query's terms: which column, and the nearest real one. */
function explainBackendError(e: unknown, tables: BoundTable[]): never {
  if (!(e instanceof BackendError)) throw e;
  const f = e.fault;
  switch (f.kind) {
    case 'unknown_column': {
      const scope = tables.filter((t) => !f.qualifier || t.ref.alias === f.qualifier.toLowerCase());
      const names = scope.flatMap((t) => t.source.columns.map((c) => c.name));
      const near = closest(f.column, names);
      const list = scope.map((t) => t.source.name).join(', ');
      throw new PlanError(
        `Unknown column '${f.qualifier ? `${f.qualifier}.` : ''}${f.column}'` +
          (near ? `. Did you mean '${near}'?` : '') +
          (list ? ` (run DESCRIBE ${scope.length === 1 ? list : 'on ' + list} for its columns)` : ''),
      );
    }
    case 'ambiguous_column':
      throw new PlanError(`Column '${f.column}' is in more than one table: qualify it, e.g. ${tables[0]?.ref.alias ?? 't'}.${f.column}`);
    case 'unknown_table': {
      const hint = f.table.split('.').length === 2 ? ` Did you mean 'aws.${f.table}'?` : '';
      throw new PlanError(`Unknown table '${f.table}': provider tables are named provider.service.resource (aws.ec2.vpcs).${hint}`);
    }
    case 'parameters':
      throw new PlanError('Query parameters ($1, ?, :name) are not supported: write the values in the SQL, or use {{ name }} with --var.');
    case 'other':
      throw new PlanError(`The query cannot run: ${f.message}`);
  }
}

/** --dry-run: the calls each table's plan starts with (gets that follow a list: one row). */
export function dryRunSelect(query: SelectQuery, ctx: SelectContext): ResultSet {
  const { backend, plans } = prepareSelect(query, ctx);
  backend.close();
  return plannedReads(plans);
}

interface CheckedSelect {
  backend: Backend;
  bindings: Map<number, TableBinding>;
  tables: BoundTable[];
  sql: string;
  plans: ReadPlan[];
}

/**
 * Everything a SELECT can be checked for without a call: its names, its translation for
 * the backend, and its plan (a missing region). The caller closes the backend.
 */
function prepareSelect(query: SelectQuery, ctx: SelectContext): CheckedSelect {
  // Names first (unknown tables and columns), then the plan (a missing region): a typo in
  // `regoin` should be reported as the typo, not as a missing region.
  const tables = bindTables(query, ctx.catalog);
  for (const t of tables) checkProvisionable(t.source.def);
  const backend: Backend = new SqliteBackend();
  try {
    const bindings = new Map<number, TableBinding>();
    for (const { ref, source } of tables) {
      const table = `t${ref.id}_${ref.service}_${ref.resource}`;
      backend.createTable(table, source.columns);
      bindings.set(ref.id, { table, identifierColumns: source.keyColumns, identifierNames: source.identifierNames, columns: source.columns.map((c) => c.name) });
    }
    let sql: string;
    try {
      sql = backend.render(query, bindings);
    } catch (e) {
      // The printer refuses what the backend cannot take (e.g. $1 parameters): the user's SQL.
      throw new PlanError(`The query cannot be translated for SQLite: ${(e as Error).message}`);
    }
    try {
      backend.check(sql);
    } catch (e) {
      explainBackendError(e, tables);
    }
    const plans = planSelect(query, ctx.catalog, tables);
    plans.forEach((p, i) => tables[i].source.checkReadable(p));
    return { backend, bindings, tables, sql, plans };
  } catch (e) {
    backend.close();
    throw e;
  }
}

/** Queries already checked, and against which catalog: a parsed statement is reused as it is (parse.ts). */
const checked = new WeakMap<SelectQuery, Catalog>();

/** Checks a SELECT as runSelect would before its first call, and makes none. */
export function checkSelect(query: SelectQuery, ctx: SelectContext): void {
  if (checked.get(query) === ctx.catalog) return;
  prepareSelect(query, ctx).backend.close();
  checked.set(query, ctx.catalog);
}

/** `onLoaded`: how many resources each table reference fetched, before the WHERE applies. */
export async function runSelect(query: SelectQuery, ctx: SelectContext, onLoaded?: (refId: number, count: number) => void): Promise<ResultSet> {
  const { backend, bindings, tables, sql, plans } = prepareSelect(query, ctx);
  try {
    if (plans.length > 0) {
      await fetchAll(plans, ctx, (plan, resources) => {
        onLoaded?.(plan.refId, resources.length);
        const source = tables.find((t) => t.ref.id === plan.refId)!.source;
        const loaded = source.rows(plan, resources);
        backend.insert(bindings.get(plan.refId)!.table, loaded.columns, loaded.rows);
      });
    }
    try {
      const result = backend.query(sql);
      const notes = plans.flatMap((p) => p.notes);
      return notes.length ? { ...result, notices: [...(result.notices ?? []), ...notes] } : result;
    } catch (e) {
      if (e instanceof BackendError && e.fault.kind === 'parameters') explainBackendError(e, tables);
      throw new ExecutionError(`The query failed in SQLite: ${(e as Error).message}`);
    }
  } finally {
    backend.close();
  }
}

/** Fetches every table at once under one concurrency limit; the first failure cancels the rest. */
async function fetchAll(
  plans: ReadPlan[],
  ctx: SelectContext,
  load: (plan: ReadPlan, resources: FetchedResource[]) => void,
): Promise<void> {
  // A statement cancelled before its fetch starts makes no call (the listener below would miss it).
  ctx.signal.throwIfAborted();
  const abort = new AbortController();
  // Every in-flight SDK call listens on this signal: as many listeners as the concurrency.
  setMaxListeners(0, abort.signal);
  const onOuterAbort = () => abort.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onOuterAbort, { once: true });
  const label = plans.map((p) => p.table).join(', ');
  const progress = new Progress(label);
  const cc = ctx.cache ? cachedReads(ctx.cloudControl(), ctx.cache) : ctx.cloudControl();
  const fetchCtx = { cc, limiter: new Limiter(ctx.concurrency), signal: abort.signal, progress };
  try {
    const settled = await Promise.allSettled(
      plans.map((p) =>
        fetchTable(p, fetchCtx).then(
          (resources) => load(p, resources),
          (e) => {
            abort.abort(e);
            throw e;
          },
        ),
      ),
    );
    const failed = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult | undefined;
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (failed) throw failed.reason;
  } finally {
    progress.done();
    ctx.signal.removeEventListener('abort', onOuterAbort);
  }
}

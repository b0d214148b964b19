// SELECT: plan every provider table, check the residual query compiles, fetch through
// Cloud Control, load the rows into the backend and run the residual query there.
import { setMaxListeners } from 'node:events';
import { SqliteBackend } from '../backend/sqlite/sqlite-backend.js';
import { ExecutionError, PlanError } from '../errors.js';
import type { ResultSet } from '../output/result-set.js';
import { planTable, type TablePlan } from '../plan/table-plan.js';
import { columnForProperty } from '../plan/pushdown.js';
import type { Catalog } from '../providers/catalog.js';
import type { CloudControl } from '../providers/aws/cloud-control.js';
import type { SelectQuery, TableBinding, TableRef } from '../sql/select-query.js';
import type { ResourceDef } from '../providers/catalog-types.js';
import { checkProvisionable, checkReadable } from '../providers/operable.js';
import { closest } from '../util/closest.js';
import { decodeRows } from './decode.js';
import { fetchTable, type FetchedResource } from './fetch-table.js';
import { Limiter } from './limiter.js';
import { Progress } from './progress.js';
import { cachedReads, type ResultCache } from './result-cache.js';
import { plannedCalls, type PlannedCall } from './write-results.js';

export interface SelectContext {
  catalog: Catalog;
  cloudControl: () => CloudControl;
  concurrency: number;
  signal: AbortSignal;
  /** Lists and gets answered through this cache (never for a write's own reads). */
  cache?: ResultCache;
}

export function planSelect(query: SelectQuery, catalog: Catalog): TablePlan[] {
  return query.tables.map((ref) =>
    planTable(catalog.resource(ref.provider, ref.service, ref.resource), ref, {
      corrected: (id, column, value) => query.withPredicate(id, column, value),
    }),
  );
}

interface BoundTable {
  ref: TableRef;
  def: ResourceDef;
}

/** SQLite's "no such column: x" → which column, and the nearest real one. */
function explainSqlError(e: unknown, tables: BoundTable[]): never {
  const message = (e as Error).message ?? String(e);
  const missing = /no such column: (?:"?([\w]+)"?\.)?"?([\w]+)"?/.exec(message);
  if (missing) {
    const [, qualifier, column] = missing;
    const scope = tables.filter((t) => !qualifier || t.ref.alias === qualifier.toLowerCase());
    const names = scope.flatMap((t) => t.def.columns.map((c) => c.name));
    const near = closest(column, names);
    const list = scope.map((t) => `${t.ref.provider}.${t.ref.service}.${t.ref.resource}`).join(', ');
    throw new PlanError(
      `Unknown column '${qualifier ? `${qualifier}.` : ''}${column}'` +
        (near ? `. Did you mean '${near}'?` : '') +
        (list ? ` (run DESCRIBE ${scope.length === 1 ? list : 'on ' + list} for its columns)` : ''),
    );
  }
  const ambiguous = /ambiguous column name: ([\w.]+)/.exec(message);
  if (ambiguous) {
    throw new PlanError(
      `Column '${ambiguous[1]}' is in more than one table: qualify it, e.g. ${tables[0]?.ref.alias ?? 't'}.${ambiguous[1]}`,
    );
  }
  const noTable = /no such table: ([\w.]+)/.exec(message);
  if (noTable) {
    const name = noTable[1];
    const hint = name.split('.').length === 2 ? ` Did you mean 'aws.${name}'?` : '';
    throw new PlanError(`Unknown table '${name}': provider tables are named provider.service.resource (aws.ec2.vpcs).${hint}`);
  }
  throw new PlanError(`The query cannot run: ${message}`);
}

/** --dry-run: the calls each table's plan starts with (gets follow a list, one per resource). */
export function dryRunSelect(query: SelectQuery, ctx: SelectContext): ResultSet {
  const calls: PlannedCall[] = [];
  for (const p of planSelect(query, ctx.catalog)) {
    for (const region of p.regions) {
      if (p.access.kind === 'get') {
        const operation = p.def.meta ? 'GetResourceRequestStatus' : 'GetResource';
        for (const id of p.access.identifiers) calls.push({ operation, region, typeName: p.def.cfnType, identifier: id });
        continue;
      }
      if (p.def.meta) {
        calls.push({ operation: 'ListResourceRequests', region, typeName: p.def.cfnType, body: JSON.stringify(p.access.requestFilter ?? {}) });
        continue;
      }
      if (p.def.parent && !p.access.parentIds) {
        calls.push({ operation: 'ListResources', region, typeName: p.def.parent.cfnType, body: 'to find the parents' });
      }
      calls.push({
        operation: 'ListResources',
        region,
        typeName: p.def.cfnType,
        body: p.def.parent ? `per ${p.def.parent.property}${p.access.parentIds ? ` in ${p.access.parentIds.join(', ')}` : ''}` : undefined,
      });
      if (p.needsProperties) calls.push({ operation: 'GetResource', region, typeName: p.def.cfnType, body: 'one per listed resource' });
    }
  }
  return plannedCalls(calls);
}

interface CheckedSelect {
  backend: SqliteBackend;
  bindings: Map<number, TableBinding>;
  sql: string;
  plans: TablePlan[];
}

/**
 * Everything a SELECT can be checked for without a call: its names, its translation for
 * SQLite, and its plan (a missing region). The caller closes the backend.
 */
function prepareSelect(query: SelectQuery, ctx: SelectContext): CheckedSelect {
  // Names first (unknown tables and columns), then the plan (a missing region): a typo in
  // `regoin` should be reported as the typo, not as a missing region.
  const tables = query.tables.map((ref) => ({ ref, def: ctx.catalog.resource(ref.provider, ref.service, ref.resource) }));
  for (const t of tables) checkProvisionable(t.def);
  const backend = new SqliteBackend();
  try {
    const bindings = new Map<number, TableBinding>();
    for (const { ref, def } of tables) {
      const table = `t${ref.id}_${ref.service}_${ref.resource}`;
      backend.createTable(table, def.columns);
      bindings.set(ref.id, { table, identifierColumns: def.primaryIdentifier.map((prop) => columnForProperty(def, prop)) });
    }
    let sql: string;
    try {
      sql = query.toSqlite(bindings);
    } catch (e) {
      // The printer refuses what SQLite cannot take (e.g. $1 parameters): the user's SQL.
      throw new PlanError(`The query cannot be translated for SQLite: ${(e as Error).message}`);
    }
    try {
      backend.check(sql);
    } catch (e) {
      explainSqlError(e, tables);
    }
    const plans = planSelect(query, ctx.catalog);
    for (const p of plans) checkReadable(p.def, p.access.kind === 'list');
    return { backend, bindings, sql, plans };
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
  const { backend, bindings, sql, plans } = prepareSelect(query, ctx);
  try {
    if (plans.length > 0) await fetchAll(plans, ctx, (plan, resources) => {
      onLoaded?.(plan.ref.id, resources.length);
      const names = [...plan.columns.map((c) => c.name), 'region', ...(plan.def.tagsOf ? ['tag_key', 'tag_value'] : [])];
      backend.insert(bindings.get(plan.ref.id)!.table, names, decodeRows(plan.def, plan.columns, resources));
    });
    try {
      return backend.query(sql);
    } catch (e) {
      const message = (e as Error).message;
      if (/Missing named parameters|Too few parameter/.test(message)) {
        throw new PlanError('Query parameters ($1, ?, :name) are not supported: write the values in the SQL, or use {{ name }} with --var.');
      }
      throw new ExecutionError(`The query failed in SQLite: ${message}`);
    }
  } finally {
    backend.close();
  }
}

/** Fetches every table at once under one concurrency limit; the first failure cancels the rest. */
async function fetchAll(
  plans: TablePlan[],
  ctx: SelectContext,
  load: (plan: TablePlan, resources: FetchedResource[]) => void,
): Promise<void> {
  // A statement cancelled before its fetch starts makes no call (the listener below would miss it).
  ctx.signal.throwIfAborted();
  const abort = new AbortController();
  // Every in-flight SDK call listens on this signal: as many listeners as the concurrency.
  setMaxListeners(0, abort.signal);
  const onOuterAbort = () => abort.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onOuterAbort, { once: true });
  const label = plans.map((p) => `${p.ref.provider}.${p.ref.service}.${p.ref.resource}`).join(', ');
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

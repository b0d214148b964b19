// INSERT, UPDATE and DELETE through Cloud Control. Every check runs before the first
// call; every call carries a ClientToken; a failure reports exactly what was done.
import { randomUUID } from 'node:crypto';
import type { ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import { PlanError, ProviderError } from '../errors.js';
import type { ResultSet } from '../output/result-set.js';
import type { ResourceDef } from '../providers/catalog-types.js';
import type { CloudControl } from '../providers/aws/cloud-control.js';
import { providerError } from '../providers/aws/provider-error.js';
import type { Hint } from '../sql/split-statements.js';
import type { DeleteStatement, InsertStatement, TableName, UpdateStatement } from '../sql/write-statements.js';
import { awaitRequest } from './await-request.js';
import { checkInsertColumns, checkRequiredNamed, checkUpdateColumns, desiredState, propertyValue } from './desired-state.js';
import type { FetchedResource } from './fetch-table.js';
import { Limiter } from './limiter.js';
import { patchFromSets, validatePatch } from './patch-document.js';
import { dryRunSelect, planSelect, runSelect, type SelectContext } from './run-select.js';
import {
  plannedCalls,
  progressEvents,
  resourceRows,
  returningColumns,
  type PlannedCall,
  type RegionalEvent,
} from './write-results.js';

export interface WriteContext extends SelectContext {
  /** --await: every write waits for its request to end. */
  await: boolean;
  dryRun: boolean;
  allowUnbounded: boolean;
}

interface WriteCall {
  region: string;
  identifier?: string;
  /** For messages: "row 2", or the identifier. */
  label: string;
  send(cc: CloudControl, token: string, signal: AbortSignal): Promise<ProgressEvent>;
}

function fullName(t: TableName): string {
  return `${t.provider}.${t.service}.${t.resource}`;
}

function writableDef(ctx: WriteContext, t: TableName, verb: string): ResourceDef {
  const def = ctx.catalog.resource(t.provider, t.service, t.resource);
  if (def.tagsOf) {
    throw new PlanError(`${fullName(t)} is a view of ${t.provider}.${t.service}.${def.tagsOf}'s tags and cannot be ${verb}: change the Tags column of ${t.provider}.${t.service}.${def.tagsOf} instead.`);
  }
  return def;
}

function wantsAwait(hints: Hint[], ctx: WriteContext, returning: boolean): boolean {
  return ctx.await || returning || hints.some((h) => h.name === 'await');
}

/** Refuses a WHERE that names nothing but region: it would touch every resource of the type. */
function checkBounded(stmt: UpdateStatement | DeleteStatement, ctx: WriteContext, verb: string): void {
  if (ctx.allowUnbounded) return;
  if (stmt.whereColumns.every((c) => c === 'region')) {
    throw new PlanError(
      `${verb} on ${fullName(stmt.table)} ${stmt.whereColumns.length ? 'names nothing but region' : 'has no WHERE clause'}: it would ${verb === 'UPDATE' ? 'change' : 'delete'} every resource of the type. ` +
        'Add a condition (WHERE data__Identifier = …), or pass --allow-unbounded if that is what you mean.',
    );
  }
}

/** Targets named exactly by the WHERE (identifier and region only), so no read is needed. */
function directTargets(stmt: UpdateStatement | DeleteStatement, ctx: WriteContext): { region: string; identifier: string }[] | undefined {
  if (stmt.otherConjuncts) return undefined;
  const [plan] = planSelect(stmt.targets, ctx.catalog);
  const exact = new Set(['region', 'data__identifier', ...plan.def.primaryIdentifier.map((p) => plan.def.columns.find((c) => c.property === p)!.name)]);
  if (plan.access.kind !== 'get' || !stmt.predicates.every((p) => exact.has(p.column))) return undefined;
  // `= NULL` matches nothing in SQL, and data__Identifier beside identifier columns may
  // contradict them: both need the read, which applies the whole WHERE.
  if (stmt.predicates.some((p) => p.values.some((v) => v === null))) return undefined;
  const named = new Set(stmt.predicates.map((p) => p.column));
  if (named.has('data__identifier') && [...named].some((c) => c !== 'data__identifier' && c !== 'region')) return undefined;
  // Across several regions an identifier names at most one resource per region that has
  // it: read first, so regions without it are not written to (and do not fail the write).
  if (plan.regions.length > 1) return undefined;
  const ids = plan.access.identifiers;
  return plan.regions.flatMap((region) => ids.map((identifier) => ({ region, identifier })));
}

/** The reads that find an UPDATE/DELETE's rows, as a SELECT's dry run shows them, then the write. */
function readPlanCalls(stmt: UpdateStatement | DeleteStatement, ctx: WriteContext, each: PlannedCall): ResultSet {
  const reads = dryRunSelect(stmt.targets, ctx);
  return { ...reads, rows: [...reads.rows, plannedCalls([each]).rows[0]] };
}

async function execute(
  def: ResourceDef,
  calls: WriteCall[],
  operation: string,
  awaitAll: boolean,
  ctx: WriteContext,
): Promise<{ events: RegionalEvent[]; cc: CloudControl }> {
  const cc = ctx.cloudControl();
  const limiter = new Limiter(ctx.concurrency);
  const outcomes = await Promise.allSettled(
    calls.map((call) =>
      limiter.run(async () => {
        // One token per row of this run, reused by every retry the SDK makes of this call.
        const token = randomUUID();
        let event: ProgressEvent;
        try {
          event = await call.send(cc, token, ctx.signal);
        } catch (e) {
          if (ctx.signal.aborted) throw ctx.signal.reason;
          throw providerError(e, `${operation} ${def.cfnType} ${call.label} in ${call.region}`);
        }
        if (awaitAll) event = await awaitRequest(cc, call.region, event, ctx.signal);
        return { region: call.region, event };
      }),
    ),
  );
  const done: RegionalEvent[] = [];
  const problems: string[] = [];
  outcomes.forEach((o, i) => {
    if (o.status === 'rejected') {
      problems.push(`${calls[i].label}: ${(o.reason as Error).message}`);
    } else if (o.value.event.OperationStatus === 'FAILED') {
      const e = o.value.event;
      problems.push(`${calls[i].label}: ${e.ErrorCode ?? 'Failed'}: ${e.StatusMessage ?? ''} (request ${e.RequestToken})`.trim());
    } else if (o.value.event.OperationStatus === 'CANCEL_COMPLETE') {
      // Cancelled while we waited: the request ended without changing anything.
      problems.push(`${calls[i].label}: cancelled (request ${o.value.event.RequestToken}): nothing was changed`);
    } else done.push(o.value);
  });
  if (problems.length) {
    const ok = done.map((d) => d.event.Identifier ?? d.event.RequestToken).filter(Boolean);
    const firstCode = outcomes
      .map((o) =>
        o.status === 'rejected'
          ? (o.reason as ProviderError).code
          : (o.value.event.ErrorCode ?? (o.value.event.OperationStatus === 'CANCEL_COMPLETE' ? 'Cancelled' : undefined)),
      )
      .find(Boolean);
    throw new ProviderError(
      `${problems.length} of ${calls.length} ${operation} call${calls.length === 1 ? '' : 's'} on ${def.cfnType} failed:\n  ` +
        problems.join('\n  ') +
        (ok.length ? `\n${ok.length} succeeded${awaitAll ? '' : ' (submitted)'}: ${ok.join(', ')}` : '\nnothing was changed by the failed calls'),
      firstCode ?? 'Failed',
    );
  }
  return { events: done, cc };
}

async function returned(
  def: ResourceDef,
  columns: string[],
  aliases: Record<string, string>,
  events: RegionalEvent[],
  cc: CloudControl,
  ctx: WriteContext,
): Promise<ResultSet> {
  const limiter = new Limiter(ctx.concurrency);
  const found = await Promise.all(
    events.map((e) =>
      limiter.run(async () => {
        const r = await cc.get(e.region, def.cfnType, e.event.Identifier!, ctx.signal).catch((err) => {
          throw providerError(err, `GetResource ${def.cfnType} '${e.event.Identifier}' in ${e.region}`);
        });
        return r ? [{ ...r, region: e.region }] : [];
      }),
    ),
  );
  return resourceRows(def, columns, found.flat(), aliases);
}

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
  const { events, cc } = await execute(def, calls, 'CreateResource', wantsAwait(hints, ctx, Boolean(returning)), ctx);
  return returning ? returned(def, returning, stmt.returning!.aliases, events, cc, ctx) : progressEvents(events);
}

export async function runUpdate(stmt: UpdateStatement, hints: Hint[], ctx: WriteContext): Promise<ResultSet> {
  const def = writableDef(ctx, stmt.table, 'updated');
  const patchIndex = stmt.sets.findIndex((s) => s.column.toLowerCase() === 'data__patchdocument');
  if (patchIndex >= 0 && stmt.sets.length > 1) {
    throw new PlanError('SET data__PatchDocument cannot be combined with other SET columns: put every change in the patch, or SET the columns alone.');
  }
  const cols = patchIndex >= 0 ? [] : checkUpdateColumns(def, stmt.sets.map((s) => s.column));
  checkBounded(stmt, ctx, 'UPDATE');
  const returning = stmt.returning ? returningColumns(def, stmt.returning) : undefined;
  const toPatch = (values: unknown[]): string => {
    if (patchIndex >= 0) {
      validatePatch(def, values[0]);
      return String(values[0]);
    }
    return JSON.stringify(patchFromSets(cols, cols.map((c, i) => propertyValue(c, values[i], 'in SET'))));
  };

  const direct = stmt.sets.some((s) => s.usesColumns) ? undefined : directTargets(stmt, ctx);
  let targets: { region: string; identifier: string; patch: string }[];
  if (direct) {
    const values = (await runSelect(stmt.values, ctx)).rows[0];
    const patch = toPatch(values);
    targets = direct.map((t) => ({ ...t, patch }));
  } else {
    if (stmt.sets.every((s) => !s.usesColumns)) {
      // Check the values before reading anything: a bad patch fails without a call.
      toPatch((await runSelect(stmt.values, ctx)).rows[0]);
    }
    if (ctx.dryRun) {
      return readPlanCalls(stmt, ctx, {
        operation: 'UpdateResource',
        region: '(each match)',
        typeName: def.cfnType,
        body: stmt.sets.map((s) => `${s.column} = ${s.text}`).join(', '),
      });
    }
    const rows = (await runSelect(stmt.targets, ctx)).rows;
    targets = rows.map((r) => ({ identifier: String(r[0]), region: String(r[1]), patch: toPatch(r.slice(2)) }));
  }
  if (ctx.dryRun) {
    return plannedCalls(targets.map((t) => ({ operation: 'UpdateResource', region: t.region, typeName: def.cfnType, identifier: t.identifier, body: t.patch })));
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
  const calls: WriteCall[] = targets.map((t) => ({
    region: t.region,
    identifier: t.identifier,
    label: `'${t.identifier}'`,
    send: (cc, token, signal) => cc.update(t.region, def.cfnType, t.identifier, t.patch, token, signal),
  }));
  const { events, cc } = await execute(def, calls, 'UpdateResource', wantsAwait(hints, ctx, Boolean(returning)), ctx);
  const result = returning ? await returned(def, returning, stmt.returning!.aliases, events, cc, ctx) : progressEvents(events);
  return notices.length ? { ...result, notices } : result;
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
  const cc = ctx.cloudControl();
  const limiter = new Limiter(ctx.concurrency);
  const kept = await Promise.all(
    targets.map((t) => {
      const ops = JSON.parse(t.patch) as { op: string; path: string }[];
      if (!ops.some((o) => o.op === 'remove')) return t;
      return limiter.run(async () => {
        const current = await cc.get(t.region, def.cfnType, t.identifier, ctx.signal).catch((e: unknown) => {
          throw providerError(e, `GetResource ${def.cfnType} '${t.identifier}' in ${t.region}`);
        });
        if (!current) return t; // let UpdateResource report the missing resource
        const live = ops.filter((o) => o.op !== 'remove' || current.properties[o.path.slice(1)] !== undefined);
        return live.length ? { ...t, patch: JSON.stringify(live) } : undefined;
      });
    }),
  );
  return kept.filter((t): t is Awaited<T> => t !== undefined);
}

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
  let before: FetchedResource[] = [];
  if (returning) {
    const cc = ctx.cloudControl();
    const limiter = new Limiter(ctx.concurrency);
    const got = await Promise.all(
      targets.map((t) =>
        limiter.run(async () => {
          const r = await cc.get(t.region, def.cfnType, t.identifier, ctx.signal).catch((e: unknown) => {
            throw providerError(e, `GetResource ${def.cfnType} '${t.identifier}' in ${t.region}`);
          });
          return r ? [{ ...r, region: t.region }] : [];
        }),
      ),
    );
    before = got.flat();
  }
  const calls: WriteCall[] = targets.map((t) => ({
    region: t.region,
    identifier: t.identifier,
    label: `'${t.identifier}'`,
    send: (cc, token, signal) => cc.delete(t.region, def.cfnType, t.identifier, token, signal),
  }));
  const { events } = await execute(def, calls, 'DeleteResource', wantsAwait(hints, ctx, Boolean(returning)), ctx);
  return returning ? resourceRows(def, returning, before, stmt.returning!.aliases) : progressEvents(events);
}

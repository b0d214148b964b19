// The machinery every write shares: which table may be written, whether to wait, and
// running the calls — a ClientToken each, bounded concurrency, a report that says per
// row what was done, what failed and what is unknown when anything did not succeed.
import { randomUUID } from 'node:crypto';
import type { ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import type { ResultSet } from '../contracts/result-set.js';
import type { ResourceDef } from '../providers/catalog-types.js';
import { sourceFor } from '../plan/source-for.js';
import type { CloudControl } from '../providers/aws/cloud-control.js';
import { providerError } from '../providers/aws/provider-error.js';
import { neverReceived } from '../providers/aws/never-received.js';
import type { Hint } from '../sql/split-statements.js';
import type { TableName } from '../sql/write-statements.js';
import { awaitRequest } from './await-request.js';
import type { FetchedResource } from './fetch-table.js';
import { Limiter } from './limiter.js';
import type { SelectContext } from './run-select.js';
import type { RegionalEvent } from './write-results.js';
import { returningRows, type ReturningPlan } from './write-returning.js';
import { writeReport, type CallOutcome } from './write-report.js';
import { oneLine } from '../template/template-fault.js';

export interface WriteContext extends SelectContext {
  /** --await: every write waits for its request to end. */
  await: boolean;
  dryRun: boolean;
  allowUnbounded: boolean;
}

export interface WriteCall {
  region: string;
  identifier?: string;
  /** For messages: "row 2", or the identifier. */
  label: string;
  /** The statement's own ClientToken for this call; otherwise one is made for it. */
  clientToken?: string;
  send(cc: CloudControl, token: string, signal: AbortSignal): Promise<ProgressEvent>;
}

export function fullName(t: TableName): string {
  return `${t.provider}.${t.service}.${t.resource}`;
}

export function writableDef(ctx: WriteContext, t: TableName, handler: 'create' | 'update' | 'delete'): ResourceDef {
  const source = sourceFor(ctx.catalog, t.provider, t.service, t.resource);
  source.checkWritable(handler);
  return source.def;
}

export function wantsAwait(hints: Hint[], ctx: WriteContext, returning: boolean): boolean {
  return ctx.await || returning || hints.some((h) => h.name === 'await');
}

export async function execute(
  def: ResourceDef,
  calls: WriteCall[],
  operation: string,
  awaitAll: boolean,
  ctx: WriteContext,
): Promise<RegionalEvent[]> {
  const cc = ctx.cloudControl();
  const limiter = new Limiter(ctx.concurrency);
  // Every call runs to its own outcome: one failing never hides what the others did.
  const outcomes = await Promise.all(
    calls.map((call) =>
      limiter.run(async (): Promise<CallOutcome> => {
        if (ctx.signal.aborted) return { kind: 'not_sent' };
        // One token per row of this run, reused by every retry the SDK makes of this call;
        // a token the statement gives makes the same statement, run again, the same request.
        const clientToken = call.clientToken ?? randomUUID();
        let event: ProgressEvent;
        try {
          event = await call.send(cc, clientToken, ctx.signal);
        } catch (e) {
          const { code } = providerError(e, `${operation} ${def.cfnType} ${call.label} in ${call.region}`);
          const message = oneLine((e as Error).message ?? String(e));
          if (!ctx.signal.aborted && refusedByService(e)) return { kind: 'failed', code, message };
          if (neverReceived(e)) {
            if (ctx.signal.aborted) return { kind: 'not_sent' };
            return { kind: 'failed', code, message: `${message} (the request never reached the cloud)` };
          }
          return { kind: 'unknown', clientToken, why: ctx.signal.aborted ? interruption(ctx.signal) : `${code}: ${message}` };
        }
        if (awaitAll) {
          try {
            event = await awaitRequest(cc, call.region, event, ctx.signal);
          } catch (e) {
            const why = ctx.signal.aborted ? interruption(ctx.signal) : `waiting failed: ${oneLine((e as Error).message ?? String(e))}`;
            return { kind: 'unknown', clientToken, why, requestToken: event.RequestToken, identifier: event.Identifier ?? call.identifier, status: event.OperationStatus };
          }
        }
        if (event.OperationStatus === 'FAILED') {
          return { kind: 'failed', code: event.ErrorCode ?? 'Failed', message: event.StatusMessage ?? '', requestToken: event.RequestToken };
        }
        if (event.OperationStatus === 'CANCEL_COMPLETE') return { kind: 'cancelled', requestToken: event.RequestToken };
        return { kind: 'done', event };
      }),
    ),
  );
  const rows = outcomes.map((outcome, i) => ({ label: calls[i].label, region: calls[i].region, outcome }));
  const report = writeReport(operation, def.cfnType, awaitAll, rows);
  if (report) throw report;
  return rows.map((r) => ({ region: r.region, event: (r.outcome as { event: ProgressEvent }).event }));
}

/**
 * Whether an error is the service's answer that it did not act (a 4xx: validation,
 * AlreadyExists, throttling after the SDK's retries). A 5xx, a lost connection or a
 * timeout may come after the cloud acted: those are unknown.
 */
function refusedByService(e: unknown): boolean {
  const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function interruption(signal: AbortSignal): string {
  const reason = signal.reason as Error | undefined;
  return reason?.message ? `interrupted: ${reason.message}` : 'interrupted';
}

/** GetResource for each target under the concurrency limit; undefined where it is gone. */
export async function readEach(
  def: ResourceDef,
  targets: { region: string; identifier: string }[],
  ctx: WriteContext,
): Promise<(FetchedResource | undefined)[]> {
  const cc = ctx.cloudControl();
  const limiter = new Limiter(ctx.concurrency);
  return Promise.all(
    targets.map((t) =>
      limiter.run(async () => {
        const r = await cc.get(t.region, def.cfnType, t.identifier, ctx.signal).catch((e: unknown) => {
          throw providerError(e, `GetResource ${def.cfnType} '${t.identifier}' in ${t.region}`);
        });
        return r ? { ...r, region: t.region } : undefined;
      }),
    ),
  );
}

/** RETURNING after a create or update: event fields, and the resources as they are now where asked. */
export async function returned(def: ResourceDef, returning: ReturningPlan, events: RegionalEvent[], ctx: WriteContext): Promise<ResultSet> {
  const found = returning.readsResource ? await readEach(def, events.map((e) => ({ region: e.region, identifier: e.event.Identifier! })), ctx) : undefined;
  return returningRows(returning, events, found);
}

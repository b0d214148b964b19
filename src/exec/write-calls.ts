// The machinery every write shares: which table may be written, whether to wait, and
// running the calls — a ClientToken each, bounded concurrency, a report that says
// exactly what succeeded when anything failed.
import { randomUUID } from 'node:crypto';
import type { ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import { PlanError, ProviderError } from '../errors.js';
import type { ResultSet } from '../output/result-set.js';
import type { ResourceDef } from '../providers/catalog-types.js';
import type { CloudControl } from '../providers/aws/cloud-control.js';
import { providerError } from '../providers/aws/provider-error.js';
import type { Hint } from '../sql/split-statements.js';
import type { TableName } from '../sql/write-statements.js';
import { awaitRequest } from './await-request.js';
import type { FetchedResource } from './fetch-table.js';
import { Limiter } from './limiter.js';
import type { SelectContext } from './run-select.js';
import { resourceRows, type RegionalEvent } from './write-results.js';

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
  send(cc: CloudControl, token: string, signal: AbortSignal): Promise<ProgressEvent>;
}

export function fullName(t: TableName): string {
  return `${t.provider}.${t.service}.${t.resource}`;
}

export function writableDef(ctx: WriteContext, t: TableName, verb: string): ResourceDef {
  const def = ctx.catalog.resource(t.provider, t.service, t.resource);
  if (def.tagsOf) {
    throw new PlanError(`${fullName(t)} is a view of ${t.provider}.${t.service}.${def.tagsOf}'s tags and cannot be ${verb}: change the Tags column of ${t.provider}.${t.service}.${def.tagsOf} instead.`);
  }
  return def;
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
  return done;
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

export function present(r: FetchedResource | undefined): r is FetchedResource {
  return r !== undefined;
}

/** RETURNING after a create or update: the resources as they are now. */
export async function returned(
  def: ResourceDef,
  columns: string[],
  aliases: Record<string, string>,
  events: RegionalEvent[],
  ctx: WriteContext,
): Promise<ResultSet> {
  const found = await readEach(def, events.map((e) => ({ region: e.region, identifier: e.event.Identifier! })), ctx);
  return resourceRows(def, columns, found.filter(present), aliases);
}

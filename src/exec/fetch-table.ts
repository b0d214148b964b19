// Carries out one table's plan: lists (per parent where the type needs one), gets the
// full properties where the query needs them, and returns the resources found.
import type { ProgressEvent, ResourceRequestStatusFilter } from '@aws-sdk/client-cloudcontrol';
import type { ListedResource } from '../providers/aws/cloud-control.js';
import type { ResourceReads } from './result-cache.js';
import { providerError } from '../providers/aws/provider-error.js';
import type { TablePlan } from '../plan/table-plan.js';
import type { Limiter } from './limiter.js';
import type { Progress } from './progress.js';

export interface FetchedResource extends ListedResource {
  region: string;
}

export interface FetchContext {
  cc: ResourceReads;
  limiter: Limiter;
  signal: AbortSignal;
  progress?: Progress;
}

async function call<T>(ctx: FetchContext, what: string, fn: () => Promise<T>, urgent = false): Promise<T> {
  return ctx.limiter.run(async () => {
    ctx.signal.throwIfAborted();
    try {
      return await fn();
    } catch (e) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      throw providerError(e, what);
    } finally {
      if (ctx.progress) ctx.progress.calls++;
    }
  }, urgent);
}

/** Every page of one ListResources, `onPage` called as each arrives so gets can start early. */
async function listAll(
  ctx: FetchContext,
  region: string,
  typeName: string,
  model: Record<string, string> | undefined,
  onPage: (items: ListedResource[]) => void,
): Promise<void> {
  let token: string | undefined;
  const modelText = model ? ` with ${JSON.stringify(model)}` : '';
  do {
    const page = await call(
      ctx,
      `ListResources ${typeName}${modelText} in ${region}`,
      () => ctx.cc.listPage(region, typeName, model, token, ctx.signal),
      true,
    );
    onPage(page.resources);
    token = page.nextToken;
  } while (token);
}

async function fetchRegion(plan: TablePlan, region: string, ctx: FetchContext): Promise<FetchedResource[]> {
  const type = plan.def.cfnType;
  const out: FetchedResource[] = [];
  const gets: Promise<void>[] = [];
  const get = (identifier: string) =>
    gets.push(
      call(ctx, `GetResource ${type} '${identifier}' in ${region}`, () => ctx.cc.get(region, type, identifier, ctx.signal)).then(
        (r) => {
          if (r) out.push({ ...r, region });
          if (ctx.progress && r) ctx.progress.resources++;
        },
      ),
    );
  const listed = (items: ListedResource[]) => {
    for (const item of items) {
      if (plan.needsProperties) get(item.identifier);
      else {
        out.push({ ...item, region });
        if (ctx.progress) ctx.progress.resources++;
      }
    }
  };

  if (plan.def.meta) {
    return fetchRequests(plan, region, ctx);
  } else if (plan.access.kind === 'get') {
    plan.access.identifiers.forEach(get);
  } else if (plan.def.parent) {
    const parent = plan.def.parent;
    let parentIds = plan.access.parentIds;
    if (!parentIds) {
      const ids: string[] = [];
      await listAll(ctx, region, parent.cfnType, undefined, (items) => ids.push(...items.map((i) => i.identifier)));
      parentIds = ids;
    }
    await Promise.all(
      parentIds.map((id) =>
        listAll(ctx, region, type, { [parent.property]: id }, listed).catch((e: unknown) => {
          // A parent the query names may not exist in every region it asks: no children there.
          if ((e as { code?: string }).code === 'ResourceNotFoundException' && plan.access.kind === 'list' && plan.access.parentIds) return;
          throw e;
        }),
      ),
    );
  } else {
    await listAll(ctx, region, type, undefined, listed);
  }
  // allSettled first: one failed get must not leave others writing after we return.
  const settled = await Promise.allSettled(gets);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return out;
}

function eventProperties(e: ProgressEvent): Record<string, unknown> {
  const props: Record<string, unknown> = { ...e };
  for (const k of ['EventTime', 'RetryAfter']) {
    const v = props[k];
    if (v instanceof Date) props[k] = v.toISOString();
  }
  return props;
}

/** aws.cloud_control.resource_requests: GetResourceRequestStatus per token, or ListResourceRequests. */
async function fetchRequests(plan: TablePlan, region: string, ctx: FetchContext): Promise<FetchedResource[]> {
  const access = plan.access;
  if (access.kind === 'get') {
    const found = await Promise.all(
      access.identifiers.map((token) =>
        call(ctx, `GetResourceRequestStatus '${token}' in ${region}`, async () => {
          try {
            return [await ctx.cc.requestStatus(region, token, ctx.signal)];
          } catch (e) {
            if ((e as { name?: string }).name === 'RequestTokenNotFoundException') return [];
            throw e;
          }
        }),
      ),
    );
    return found.flat().map((e) => ({ identifier: e.RequestToken ?? '', properties: eventProperties(e), region }));
  }
  const events = await call(ctx, `ListResourceRequests in ${region}`, () =>
    ctx.cc.listRequests(region, access.requestFilter as ResourceRequestStatusFilter | undefined, ctx.signal),
  );
  return events.map((e) => ({ identifier: e.RequestToken ?? '', properties: eventProperties(e), region }));
}

export async function fetchTable(plan: TablePlan, ctx: FetchContext): Promise<FetchedResource[]> {
  const perRegion = await Promise.all(plan.regions.map((r) => fetchRegion(plan, r, ctx)));
  return perRegion.flat();
}

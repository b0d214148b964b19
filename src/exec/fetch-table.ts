// Carries out one table's read plan (plan/read-plan.ts): the calls it names, in every
// region, listing parents first where the plan says so. It decides nothing itself.
import type { ResourceRequestStatusFilter } from '@aws-sdk/client-cloudcontrol';
import type { ListedResource } from '../providers/aws/cloud-control.js';
import type { ResourceReads } from './result-cache.js';
import { providerError } from '../providers/aws/provider-error.js';
import type { FetchedResource, ReadPlan } from '../plan/read-plan.js';
import { eventResource } from '../plan/sources/request-history-source.js';
import type { Limiter } from './limiter.js';
import type { Progress } from './progress.js';

export type { FetchedResource } from '../plan/read-plan.js';

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

async function fetchRegion(plan: ReadPlan, region: string, ctx: FetchContext): Promise<FetchedResource[]> {
  const c = plan.calls;
  if (c.call === 'request_status') return requestStatuses(c.tokens, region, ctx);
  if (c.call === 'list_requests') {
    const events = await call(ctx, `ListResourceRequests in ${region}`, () =>
      ctx.cc.listRequests(region, c.filter as ResourceRequestStatusFilter | undefined, ctx.signal),
    );
    return events.map((e) => eventResource(e, region));
  }
  const type = c.typeName;
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
  if (c.call === 'get') {
    c.identifiers.forEach(get);
  } else {
    const listed = (items: ListedResource[]) => {
      for (const item of items) {
        if (c.thenGet) get(item.identifier);
        else {
          out.push({ ...item, region });
          if (ctx.progress) ctx.progress.resources++;
        }
      }
    };
    const parent = c.parent;
    if (!parent) {
      await listAll(ctx, region, type, undefined, listed);
    } else {
      let parentIds = parent.ids;
      if (!parentIds) {
        const ids: string[] = [];
        await listAll(ctx, region, parent.typeName, undefined, (items) => ids.push(...items.map((i) => i.identifier)));
        parentIds = ids;
      }
      await Promise.all(
        parentIds.map((id) =>
          listAll(ctx, region, type, { [parent.property]: id }, listed).catch((e: unknown) => {
            // A parent the query names may not exist in every region it asks: no children there.
            if ((e as { code?: string }).code === 'ResourceNotFoundException' && parent.ids) return;
            throw e;
          }),
        ),
      );
    }
  }
  // allSettled first: one failed get must not leave others writing after we return.
  const settled = await Promise.allSettled(gets);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return out;
}

/** GetResourceRequestStatus per token; a token Cloud Control does not know is no row. */
async function requestStatuses(tokens: string[], region: string, ctx: FetchContext): Promise<FetchedResource[]> {
  const found = await Promise.all(
    tokens.map((token) =>
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
  return found.flat().map((e) => eventResource(e, region));
}

/** Carries out one table's read plan in every region it names. */
export async function fetchTable(plan: ReadPlan, ctx: FetchContext): Promise<FetchedResource[]> {
  const perRegion = await Promise.all(plan.regions.map((r) => fetchRegion(plan, r, ctx)));
  return perRegion.flat();
}

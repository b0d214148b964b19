// A read plan is data: the calls that answer one table reference, decided once by its
// table source. exec carries it out (exec/fetch-table.ts), --dry-run prints it
// (plannedReadCalls), the plan golden files show it (formatPlan); none of them decides
// anything again.
import type { ColumnDef } from '../providers/catalog-types.js';
import type { PushdownAnswer } from './pushdown.js';

/** ListResourceRequests' server-side filter, from operation / operation_status predicates. */
export interface RequestFilter {
  Operations?: string[];
  OperationStatuses?: string[];
}

/** The parent a child type is listed per: ids from the query, or listed first. */
export interface ParentCalls {
  property: string;
  typeName: string;
  /** Given by the query; absent when the parents are listed first. */
  ids?: string[];
}

export type CallPlan =
  /** GetResource for each identifier. */
  | { call: 'get'; typeName: string; identifiers: string[] }
  /** ListResources (per parent for a child type); `thenGet`: a GetResource per resource listed. */
  | { call: 'list'; typeName: string; parent?: ParentCalls; thenGet: boolean }
  /** GetResourceRequestStatus for each request token. */
  | { call: 'request_status'; tokens: string[] }
  /** ListResourceRequests, with the filter Cloud Control applies itself. */
  | { call: 'list_requests'; filter?: RequestFilter };

/** The resource type the calls read; undefined for the request history's calls. */
export function typeNameOf(calls: CallPlan): string | undefined {
  return calls.call === 'get' || calls.call === 'list' ? calls.typeName : undefined;
}

export interface PushedPredicate {
  /** The predicate as the query writes it: `region = 'us-east-1'`. */
  text: string;
  answer: PushdownAnswer;
}

export interface ReadPlan {
  refId: number;
  /** provider.service.resource, as the query names it. */
  table: string;
  alias: string;
  /** The table source that made the plan (resource, tags, list_only, request_history). */
  source: string;
  regions: string[];
  calls: CallPlan;
  /** Properties decoded into backend columns; region is always filled. */
  columns: ColumnDef[];
  pushdown: PushedPredicate[];
  /** Said beside the result: a default the plan chose (a global service's region). */
  notes: string[];
}

/** One resource (or request) as the calls returned it. */
export interface FetchedResource {
  identifier: string;
  properties: Record<string, unknown>;
  region: string;
}

/** The rows a table source loads into its backend table: names, then one array per row. */
export interface LoadedRows {
  columns: string[];
  rows: unknown[][];
}

/** A call as --dry-run lists it: one row per call (or per kind of call that repeats). */
export interface PlannedCall {
  operation: string;
  region: string;
  typeName: string;
  identifier?: string;
  body?: string;
}

/** The calls the plan starts with (gets that follow a list: one row, "one per listed resource"). */
export function plannedReadCalls(plan: ReadPlan): PlannedCall[] {
  const out: PlannedCall[] = [];
  const c = plan.calls;
  for (const region of plan.regions) {
    switch (c.call) {
      case 'get':
        for (const id of c.identifiers) out.push({ operation: 'GetResource', region, typeName: c.typeName, identifier: id });
        break;
      case 'request_status':
        for (const t of c.tokens) out.push({ operation: 'GetResourceRequestStatus', region, typeName: 'AWS::CloudControl::ResourceRequest', identifier: t });
        break;
      case 'list_requests':
        out.push({ operation: 'ListResourceRequests', region, typeName: 'AWS::CloudControl::ResourceRequest', body: JSON.stringify(c.filter ?? {}) });
        break;
      case 'list':
        if (c.parent && !c.parent.ids) out.push({ operation: 'ListResources', region, typeName: c.parent.typeName, body: 'to find the parents' });
        out.push({
          operation: 'ListResources',
          region,
          typeName: c.typeName,
          body: c.parent ? `per ${c.parent.property}${c.parent.ids ? ` in ${c.parent.ids.join(', ')}` : ''}` : undefined,
        });
        if (c.thenGet) out.push({ operation: 'GetResource', region, typeName: c.typeName, body: 'one per listed resource' });
        break;
    }
  }
  return out;
}

/** The plan as text, for the golden files and EXPLAIN-like output: one fact per line. */
export function formatPlan(plan: ReadPlan): string {
  const lines = [`${plan.table} AS ${plan.alias} (${plan.source})`, `  regions: ${plan.regions.join(', ')}`];
  for (const n of plan.notes) lines.push(`  note: ${n}`);
  for (const call of plannedReadCalls(plan)) {
    const what = [call.region, call.operation, call.typeName, call.identifier && `'${call.identifier}'`, call.body].filter(Boolean).join(' ');
    lines.push(`  call: ${what}`);
  }
  lines.push(`  columns: ${plan.columns.map((c) => c.name).join(', ') || '(identifiers only)'}`);
  for (const p of plan.pushdown) lines.push(`  pushdown: ${p.text} → ${p.answer}`);
  return lines.join('\n');
}

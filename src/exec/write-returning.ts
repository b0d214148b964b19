// RETURNING on a write. Two dialects, as StackQL has them:
// - awscc: the ProgressEvent's fields (ErrorCode, Identifier, Operation, OperationStatus,
//   RequestToken, ResourceModel, StatusMessage, TypeName, …; `*` is all of them), from the
//   event the call answered with, without waiting unless the write is awaited;
// - aws: the resource's columns, read once the request succeeded (`*` is all of them),
//   and the ProgressEvent's field names where the resource has no column of that name.
import type { ResultColumn, ResultSet } from '../contracts/result-set.js';
import { PlanError } from '../errors.js';
import type { FetchedResource } from '../plan/read-plan.js';
import { toSqlValue } from '../plan/decode-value.js';
import { eventProperties } from '../plan/sources/request-history-source.js';
import type { ColumnDef, ResourceDef } from '../providers/catalog-types.js';
import type { Returning } from '../sql/write-statements.js';
import { closest } from '../util/closest.js';
import type { RegionalEvent } from './write-results.js';

/** A ProgressEvent's fields, in the order Cloud Control's API reference lists them. */
export const EVENT_FIELDS = [
  'TypeName',
  'Identifier',
  'RequestToken',
  'HooksRequestToken',
  'Operation',
  'OperationStatus',
  'EventTime',
  'ResourceModel',
  'StatusMessage',
  'ErrorCode',
  'RetryAfter',
] as const;
type EventField = (typeof EVENT_FIELDS)[number];

const EVENT_BY_NAME = new Map(EVENT_FIELDS.map((f) => [f.toLowerCase(), f]));

type Item = { shown: string } & ({ from: 'event'; field: EventField } | { from: 'resource'; column: ColumnDef });

export interface ReturningPlan {
  items: Item[];
  /** A resource column is asked for: the write must succeed and the resource be read. */
  readsResource: boolean;
}

/** Checked before any call: every name is a column (aws) or a ProgressEvent field. */
export function planReturning(provider: string, def: ResourceDef, r: Returning): ReturningPlan {
  const eventsOnly = provider.toLowerCase() === 'awscc';
  const columns = new Map(def.columns.map((c) => [c.name, c]));
  const shown = (name: string) => r.aliases[name.toLowerCase()] ?? name;
  const items: Item[] = [];
  if (r.all) {
    if (eventsOnly) for (const field of EVENT_FIELDS) items.push({ from: 'event', field, shown: field });
    else for (const column of def.columns) items.push({ from: 'resource', column, shown: column.name });
  }
  for (const name of r.columns) {
    const lower = name.toLowerCase();
    const column = eventsOnly ? undefined : columns.get(lower);
    const field = EVENT_BY_NAME.get(lower);
    if (column) items.push({ from: 'resource', column, shown: shown(name) });
    else if (field) items.push({ from: 'event', field, shown: r.aliases[lower] ?? field });
    else {
      const names = [...(eventsOnly ? [] : columns.keys()), ...EVENT_FIELDS];
      const near = closest(name, names);
      const what = eventsOnly ? 'a ProgressEvent field (awscc returns the request, not the resource)' : 'a column nor a ProgressEvent field';
      throw new PlanError(`Unknown column '${name}' in RETURNING: not ${what}.${near ? ` Did you mean '${near}'?` : ''}`);
    }
  }
  return { items, readsResource: items.some((i) => i.from === 'resource') };
}

/**
 * One row per write: event fields from its ProgressEvent, resource columns from
 * `resources` (same order as `events`; a write whose resource is gone has no row when
 * resource columns are asked for).
 */
export function returningRows(plan: ReturningPlan, events: RegionalEvent[], resources?: (FetchedResource | undefined)[]): ResultSet {
  const columns: ResultColumn[] = plan.items.map((i) => ({
    name: i.shown,
    ...((i.from === 'resource' && (i.column.type === 'object' || i.column.type === 'array')) || (i.from === 'event' && i.field === 'ResourceModel') ? { json: true } : {}),
  }));
  const rows: unknown[][] = [];
  events.forEach((e, n) => {
    const resource = resources?.[n];
    if (plan.readsResource && !resource) return;
    const event = eventProperties(e.event);
    rows.push(
      plan.items.map((i) => {
        if (i.from === 'event') return event[i.field] ?? null;
        if (i.column.name === 'region') return resource!.region;
        const v = toSqlValue(i.column, resource!.properties[i.column.property!]);
        return i.column.type === 'boolean' && (v === 0 || v === 1) ? v === 1 : v;
      }),
    );
  });
  return { columns, rows };
}

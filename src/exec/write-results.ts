// Result sets for writes: Cloud Control's ProgressEvents, the resources RETURNING asks
// for, and the calls a --dry-run would make.
import type { ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import type { ResultSet } from '../contracts/result-set.js';
import type { ResourceDef } from '../providers/catalog-types.js';
import type { Returning } from '../sql/write-statements.js';
import { PlanError } from '../errors.js';
import { closest } from '../util/closest.js';
import { toSqlValue } from '../plan/decode-value.js';
import type { FetchedResource } from './fetch-table.js';

export interface RegionalEvent {
  region: string;
  event: ProgressEvent;
}

const EVENT_COLUMNS = [
  'operation',
  'operation_status',
  'type_name',
  'identifier',
  'request_token',
  'status_message',
  'error_code',
  'event_time',
  'region',
];

export function progressEventRow(e: ProgressEvent, region: string): unknown[] {
  return [
    e.Operation ?? null,
    e.OperationStatus ?? null,
    e.TypeName ?? null,
    e.Identifier ?? null,
    e.RequestToken ?? null,
    e.StatusMessage ?? null,
    e.ErrorCode ?? null,
    e.EventTime ? new Date(e.EventTime).toISOString() : null,
    region,
  ];
}

export function progressEvents(events: RegionalEvent[]): ResultSet {
  return { columns: EVENT_COLUMNS.map((name) => ({ name })), rows: events.map((e) => progressEventRow(e.event, e.region)) };
}

/** RETURNING's columns, checked against the table before any call is made. */
export function returningColumns(def: ResourceDef, r: Returning): string[] {
  const names = def.columns.map((c) => c.name);
  if (r.all) return names;
  for (const c of r.columns) {
    if (!names.includes(c.toLowerCase())) {
      const near = closest(c, names);
      throw new PlanError(`Unknown column '${c}' in RETURNING.${near ? ` Did you mean '${near}'?` : ''}`);
    }
  }
  return r.columns.map((c) => c.toLowerCase());
}

export function resourceRows(def: ResourceDef, columns: string[], resources: FetchedResource[], aliases: Record<string, string> = {}): ResultSet {
  const cols = columns.map((n) => def.columns.find((c) => c.name === n)!);
  return {
    columns: cols.map((c) => ({ name: aliases[c.name] ?? c.name, ...(c.type === 'object' || c.type === 'array' ? { json: true } : {}) })),
    rows: resources.map((r) =>
      cols.map((c) => {
        if (c.name === 'region') return r.region;
        const v = toSqlValue(c, r.properties[c.property!]);
        return c.type === 'boolean' && (v === 0 || v === 1) ? v === 1 : v;
      }),
    ),
  };
}

export interface PlannedCall {
  operation: string;
  region: string;
  typeName: string;
  identifier?: string;
  body?: string;
}

export function plannedCalls(calls: PlannedCall[]): ResultSet {
  return {
    columns: ['operation', 'region', 'type_name', 'identifier', 'request'].map((name) => ({ name })),
    rows: calls.map((c) => [c.operation, c.region, c.typeName, c.identifier ?? null, c.body ?? null]),
  };
}

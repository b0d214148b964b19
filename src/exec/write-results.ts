// Result sets for writes: Cloud Control's ProgressEvents, the resources RETURNING asks
// for, and the calls a --dry-run would make.
import type { ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import type { ResultSet } from '../contracts/result-set.js';
import { plannedReadCalls, type PlannedCall, type ReadPlan } from '../plan/read-plan.js';

export type { PlannedCall } from '../plan/read-plan.js';

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

export function plannedCalls(calls: PlannedCall[]): ResultSet {
  return {
    columns: ['operation', 'region', 'type_name', 'identifier', 'request'].map((name) => ({ name })),
    rows: calls.map((c) => [c.operation, c.region, c.typeName, c.identifier ?? null, c.body ?? null]),
  };
}

/** The calls of read plans (then `after`), as --dry-run lists them, with the plans' notes. */
export function plannedReads(plans: ReadPlan[], after: PlannedCall[] = []): ResultSet {
  const result = plannedCalls([...plans.flatMap(plannedReadCalls), ...after]);
  const notes = plans.flatMap((p) => p.notes);
  return notes.length ? { ...result, notices: notes } : result;
}

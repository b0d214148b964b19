// A stored request as the ProgressEvent structure of the service model.
import type { RequestRow } from './state-store.js';

export interface ProgressEvent {
  TypeName: string;
  Identifier?: string;
  RequestToken: string;
  Operation: string;
  OperationStatus: string;
  /** Epoch seconds: AWS JSON 1.0 timestamps are numbers. */
  EventTime: number;
  ResourceModel?: string;
  StatusMessage?: string;
  ErrorCode?: string;
}

export function progressEvent(row: RequestRow): ProgressEvent {
  const e: ProgressEvent = {
    TypeName: row.type_name,
    RequestToken: row.token,
    Operation: row.operation,
    OperationStatus: row.status,
    EventTime: row.event_time,
  };
  // Cloud Control names a created resource only once the handler has made it.
  if (row.identifier !== null && (row.operation !== 'CREATE' || row.status === 'SUCCESS')) e.Identifier = row.identifier;
  if (row.status === 'SUCCESS' && row.operation !== 'DELETE' && row.model !== null) e.ResourceModel = row.model;
  if (row.status_message !== null) e.StatusMessage = row.status_message;
  if (row.error_code !== null) e.ErrorCode = row.error_code;
  return e;
}

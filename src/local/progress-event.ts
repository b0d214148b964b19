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
  // A create names its resource from the first event when the caller gave the primary
  // identifier (the `aws cloudcontrol create-resource` example: a Kinesis stream named in
  // DesiredState, "Identifier": "ResourceExample" at IN_PROGRESS), else once the handler has made it.
  if (row.identifier !== null && (row.operation !== 'CREATE' || row.status === 'SUCCESS' || row.id_supplied === 1)) e.Identifier = row.identifier;
  // No ResourceModel, at SUCCESS or before (issue 10): Cloud Control's events carry none, or
  // one holding no more than the identifier, so clients read the resource with GetResource
  // (go-to-k/cdkd#1103 and #1109, live on us-east-1: "async CREATE ProgressEvent.ResourceModel
  // is sparse", read back with GetResource); none of the AWS CLI's examples of create-resource,
  // get-resource-request-status and list-resource-requests shows one.
  if (row.status_message !== null) e.StatusMessage = row.status_message;
  if (row.error_code !== null) e.ErrorCode = row.error_code;
  return e;
}

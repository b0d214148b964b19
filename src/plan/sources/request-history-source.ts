// aws.cloud_control.resource_requests: Cloud Control's own request history, not a
// resource type. GetResourceRequestStatus per request token, else ListResourceRequests
// with the operation / status filter Cloud Control applies itself.
import type { ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import { PlanError } from '../../errors.js';
import type { ColumnDef } from '../../providers/catalog-types.js';
import type { MethodDef } from '../../providers/methods.js';
import type { Predicate, TableRef } from '../../sql/select-query.js';
import type { PushdownAnswer } from '../pushdown.js';
import type { CallPlan, FetchedResource, ReadPlan, RequestFilter } from '../read-plan.js';
import { ResourceSource } from './resource-source.js';
import { allowed } from './key-values.js';

// `RequestToken` is StackQL awscc's spelling (cloud_control.resource_request).
const TOKEN_NAMES = ['data__requesttoken', 'request_token', 'requesttoken'];
const OPERATIONS = ['CREATE', 'UPDATE', 'DELETE'];
const STATUSES = ['PENDING', 'IN_PROGRESS', 'SUCCESS', 'FAILED', 'CANCEL_IN_PROGRESS', 'CANCEL_COMPLETE'];

export class RequestHistorySource extends ResourceSource {
  protected override readonly kind = 'request_history';
  // StackQL names the history's key after the request token.
  override readonly identifierNames = ['data__identifier', 'data__requesttoken', 'requesttoken'];

  override classify(p: Predicate): PushdownAnswer {
    if (p.values.some((v) => v === null)) return 'unsupported';
    return ['region', ...TOKEN_NAMES, 'operation', 'operation_status'].includes(p.column) ? 'exact' : 'unsupported';
  }

  protected override identifiers(ref: TableRef): string[] | undefined {
    return allowed(ref.predicates, ['data__identifier', ...TOKEN_NAMES]);
  }

  protected override calls(ref: TableRef, columns: ColumnDef[]): CallPlan {
    void columns;
    const tokens = this.identifiers(ref);
    if (tokens) return { call: 'request_status', tokens };
    // Only values Cloud Control's filter accepts are sent; others cannot match a row (the
    // WHERE still applies in SQL), so they narrow nothing.
    const valid = (vs: string[] | undefined, allowedValues: string[]) => {
      const ok = vs?.filter((v) => allowedValues.includes(v));
      return ok?.length ? ok : undefined;
    };
    const operations = valid(allowed(ref.predicates, 'operation'), OPERATIONS);
    const statuses = valid(allowed(ref.predicates, 'operation_status'), STATUSES);
    const filter: RequestFilter = { ...(operations ? { Operations: operations } : {}), ...(statuses ? { OperationStatuses: statuses } : {}) };
    return { call: 'list_requests', ...(operations || statuses ? { filter } : {}) };
  }

  override checkReadable(plan: ReadPlan): void {
    void plan;
  }

  override methods(): MethodDef[] {
    return [
      { name: 'list_resource_requests', sqlVerb: 'SELECT', requiredParams: ['region'] },
      { name: 'get_resource_request_status', sqlVerb: 'SELECT', requiredParams: ['data__RequestToken', 'region'] },
      { name: 'cancel_resource_request', sqlVerb: 'EXEC', requiredParams: ['RequestToken', 'region'] },
    ];
  }

  override checkWritable(): void {
    throw new PlanError(`${this.name} is Cloud Control's request history and cannot be written: cancel a request with EXEC ${this.name}.cancel_resource_request.`);
  }
}

/** A ProgressEvent as a history row's properties: dates as ISO text. */
export function eventProperties(e: ProgressEvent): Record<string, unknown> {
  const props: Record<string, unknown> = { ...e };
  for (const k of ['EventTime', 'RetryAfter']) {
    const v = props[k];
    if (v instanceof Date) props[k] = v.toISOString();
  }
  return props;
}

export function eventResource(e: ProgressEvent, region: string): FetchedResource {
  return { identifier: e.RequestToken ?? '', properties: eventProperties(e), region };
}

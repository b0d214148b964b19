// What became of each write call, and the report after any of them did not succeed. A
// report is only worth having if it is true: a row is "unknown" whenever the cloud may
// have acted on it (a request accepted but not seen to finish, or a call whose answer
// never came), and the report says how to find out, so nobody reruns a create blind.
import type { ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import { WriteReportError } from '../errors.js';

export type CallOutcome =
  /** Accepted (and, when awaited, finished with SUCCESS). */
  | { kind: 'done'; event: ProgressEvent }
  /** The cloud refused the call, or the request ended FAILED: known not done. */
  | { kind: 'failed'; code: string; message: string; requestToken?: string }
  /** Cancelled while we waited: the request ended without changing anything. */
  | { kind: 'cancelled'; requestToken?: string }
  /** The cloud may have acted: accepted but not seen to finish, or no answer to the call. */
  | { kind: 'unknown'; why: string; clientToken: string; requestToken?: string; identifier?: string; status?: string }
  /** Never sent (cancelled while it waited for a free slot). */
  | { kind: 'not_sent' };

export interface LabelledOutcome {
  label: string;
  region: string;
  outcome: CallOutcome;
}

/** The error after a write in which not every call succeeded; undefined when all did. */
export function writeReport(operation: string, typeName: string, awaited: boolean, rows: LabelledOutcome[]): WriteReportError | undefined {
  const bad = rows.filter((r) => r.outcome.kind !== 'done');
  if (bad.length === 0) return undefined;
  const unknown = rows.filter((r) => r.outcome.kind === 'unknown');
  const lines = rows.map((r) => `  ${r.label}: ${describe(r, awaited)}`);
  const counts = tally(rows);
  let tail: string;
  if (unknown.length) {
    tail =
      `${unknown.length === 1 ? 'the outcome of 1 call is' : `the outcomes of ${unknown.length} calls are`} unknown: check ${unknown.length === 1 ? 'it' : 'them'} as shown before running the statement again` +
      (unknown.some((r) => r.outcome.kind === 'unknown' && !r.outcome.requestToken) ? ' (a call without a request token never got an answer: it may or may not have been received)' : '');
  } else {
    tail = counts.done ? 'the rows marked failed, cancelled or not sent changed nothing' : 'nothing was changed by this statement';
  }
  const firstCode = bad.map((r) => (r.outcome.kind === 'failed' ? r.outcome.code : r.outcome.kind === 'cancelled' ? 'Cancelled' : undefined)).find(Boolean);
  return new WriteReportError(
    `${bad.length} of ${rows.length} ${operation} call${rows.length === 1 ? '' : 's'} on ${typeName} did not succeed (${summary(counts, awaited)}):\n` +
      `${lines.join('\n')}\n${tail}`,
    unknown.length ? 'unknown' : 'failed',
    firstCode ?? (unknown.length ? 'Unknown' : 'Failed'),
  );
}

function describe(r: LabelledOutcome, awaited: boolean): string {
  const o = r.outcome;
  switch (o.kind) {
    case 'done': {
      const e = o.event;
      const what = awaited ? 'done' : `submitted (${e.OperationStatus ?? 'IN_PROGRESS'})`;
      return `${what}${e.Identifier ? `, identifier '${e.Identifier}'` : ''} (request ${e.RequestToken})`;
    }
    case 'failed':
      return `failed: ${o.code}: ${o.message}${o.requestToken ? ` (request ${o.requestToken})` : ''}`;
    case 'cancelled':
      return `cancelled${o.requestToken ? ` (request ${o.requestToken})` : ''}: nothing was changed`;
    case 'not_sent':
      return 'not sent: nothing was changed';
    case 'unknown':
      if (o.requestToken) {
        return (
          `UNKNOWN: accepted as request ${o.requestToken}${o.identifier ? ` for '${o.identifier}'` : ''}` +
          `${o.status ? ` (${o.status} when last seen)` : ''} but not seen to finish (${o.why}); check it with:\n` +
          `      SELECT operation_status, identifier, error_code FROM aws.cloud_control.resource_requests WHERE data__RequestToken = '${o.requestToken}' AND region = '${r.region}'`
        );
      }
      return (
        `UNKNOWN: sent with client token ${o.clientToken} but no answer came (${o.why}); list recent requests with:\n` +
        `      SELECT request_token, operation, operation_status, identifier, event_time FROM aws.cloud_control.resource_requests WHERE region = '${r.region}'`
      );
  }
}

function tally(rows: LabelledOutcome[]): Record<CallOutcome['kind'], number> {
  const counts = { done: 0, failed: 0, cancelled: 0, unknown: 0, not_sent: 0 };
  for (const r of rows) counts[r.outcome.kind]++;
  return counts;
}

function summary(counts: Record<CallOutcome['kind'], number>, awaited: boolean): string {
  const names: [CallOutcome['kind'], string][] = [
    ['done', awaited ? 'succeeded' : 'submitted'],
    ['failed', 'failed'],
    ['unknown', 'unknown'],
    ['cancelled', 'cancelled'],
    ['not_sent', 'not sent'],
  ];
  return names.filter(([k]) => counts[k] > 0).map(([k, name]) => `${counts[k]} ${name}`).join(', ');
}

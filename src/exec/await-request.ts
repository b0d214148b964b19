// AWAIT: polls GetResourceRequestStatus with backoff until the request ends.
import type { ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import type { CloudControl } from '../providers/aws/cloud-control.js';
import { providerError } from '../providers/aws/provider-error.js';

const FIRST_DELAY_MS = 50;
const MAX_DELAY_MS = 5_000;

/**
 * The wait before the first poll (FIRST_DELAY_MS); the later ones back off as always. A
 * test hook: a local cloud that finishes an operation on its next read answers a poll at
 * once, so the tests set SKYQL_AWAIT_FIRST_POLL_MS=0 rather than sleep before each answer.
 */
function firstPollDelay(): number {
  const ms = Number(process.env.SKYQL_AWAIT_FIRST_POLL_MS);
  return process.env.SKYQL_AWAIT_FIRST_POLL_MS && Number.isFinite(ms) && ms >= 0 ? ms : FIRST_DELAY_MS;
}
const DONE = new Set(['SUCCESS', 'FAILED', 'CANCEL_COMPLETE']);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function awaitRequest(
  cc: CloudControl,
  region: string,
  first: ProgressEvent,
  signal: AbortSignal,
  onPoll?: () => void,
): Promise<ProgressEvent> {
  let event = first;
  let delay = FIRST_DELAY_MS;
  let polls = 0;
  while (!DONE.has(event.OperationStatus ?? '')) {
    // Cloud Control may say when to ask again; otherwise back off, capped.
    const retryAfter = event.RetryAfter ? new Date(event.RetryAfter).getTime() - Date.now() : 0;
    await sleep(Math.min(MAX_DELAY_MS, Math.max(polls++ === 0 ? firstPollDelay() : delay, retryAfter)), signal);
    delay = Math.min(MAX_DELAY_MS, delay * 1.5);
    try {
      event = await cc.requestStatus(region, event.RequestToken!, signal);
    } catch (e) {
      if (signal.aborted) throw signal.reason;
      throw providerError(e, `GetResourceRequestStatus '${event.RequestToken}' in ${region}`);
    }
    onPoll?.();
  }
  return event;
}

// Time, injectable: retries wait through a Clock so tests never sleep for real.
import { setTimeout as delay } from 'node:timers/promises';

export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: async (ms, signal) => {
    if (ms > 0) await delay(ms, undefined, { signal });
  },
};

export interface RetryPolicy {
  /** Attempts in all (stackql-deploy's `retries=`: 1 means one try, no retry). */
  attempts: number;
  delaySeconds: number;
}

/**
 * Calls `attempt` until it answers `done`, at most `policy.attempts` times, waiting
 * `delaySeconds` between tries (never after the last). Returns the last answer.
 */
export async function retry<T extends { done: boolean }>(
  policy: RetryPolicy,
  clock: Clock,
  attempt: (n: number) => Promise<T>,
  onRetry?: (n: number, last: T) => void,
  signal?: AbortSignal,
): Promise<T> {
  const attempts = Math.max(1, policy.attempts);
  let last = await attempt(1);
  for (let n = 2; n <= attempts && !last.done; n++) {
    onRetry?.(n, last);
    await clock.sleep(policy.delaySeconds * 1000, signal);
    last = await attempt(n);
  }
  return last;
}

// Whether a failed write can have reached Cloud Control. Kept apart from the client so
// the engine can ask without loading the SDK.

/**
 * True on an error from a write none of whose attempts can have reached the service: a
 * refused connection, an unknown host, an error before the first attempt. Any other
 * failure may follow a request the service received, so its outcome is unknown.
 */
export function neverReceived(e: unknown): boolean {
  return (e as { skyqlNeverReceived?: boolean } | undefined)?.skyqlNeverReceived === true;
}

export function markNeverReceived(e: object): void {
  Object.defineProperty(e, 'skyqlNeverReceived', { value: true });
}

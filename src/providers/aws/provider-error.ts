// SDK exceptions → ProviderError, naming the call that failed. Kept apart from the client
// so the engine can import it without loading the SDK.
import { ProviderError } from '../../errors.js';

export function providerError(e: unknown, what: string): ProviderError {
  if (e instanceof ProviderError) return e;
  const err = e as { name?: string; message?: string; code?: string };
  const code = err.name && err.name !== 'Error' ? err.name : (err.code ?? 'Error');
  return new ProviderError(`${what} failed: ${code}: ${err.message ?? String(e)}`, code, { cause: e });
}
